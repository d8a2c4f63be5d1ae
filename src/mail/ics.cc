// iCalendar writer.
#include "mail/ics.h"

namespace juo::mail {
namespace {

std::string Escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (c != '\r') {
            out += c;
        }
    }
    return out;
}

// Folds a content line at 75 octets without cutting a UTF-8 sequence; ends it with CRLF.
std::string Fold(const std::string& line) {
    std::string out;
    size_t width = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        auto c = static_cast<unsigned char>(line[i]);
        bool starts_char = (c & 0xC0) != 0x80;
        if (starts_char && width >= 74) {
            out += "\r\n ";
            width = 1;
        }
        out += line[i];
        ++width;
    }
    return out + "\r\n";
}

std::string Compact(const std::string& date, const std::string& hhmm) {
    std::string d, t;
    for (char c : date)
        if (c != '-') d += c;
    for (char c : hhmm)
        if (c != ':') t += c;
    return d + "T" + t + "00";
}

std::string CompactUtc(const std::string& iso) {
    std::string out;
    for (char c : iso)
        if (c != '-' && c != ':') out += c;
    return out;
}

}  // namespace

std::string IcsFile(const CalendarEvent& e) {
    std::string out;
    for (const char* line : {"BEGIN:VCALENDAR",
                             "VERSION:2.0",
                             "PRODID:-//JUO//Journees Usines Ouvertes//FR",
                             "CALSCALE:GREGORIAN",
                             e.cancelled ? "METHOD:CANCEL" : "METHOD:PUBLISH",
                             "BEGIN:VTIMEZONE",
                             "TZID:Europe/Paris",
                             "BEGIN:DAYLIGHT",
                             "TZOFFSETFROM:+0100",
                             "TZOFFSETTO:+0200",
                             "TZNAME:CEST",
                             "DTSTART:19700329T020000",
                             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                             "END:DAYLIGHT",
                             "BEGIN:STANDARD",
                             "TZOFFSETFROM:+0200",
                             "TZOFFSETTO:+0100",
                             "TZNAME:CET",
                             "DTSTART:19701025T030000",
                             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                             "END:STANDARD",
                             "END:VTIMEZONE",
                             "BEGIN:VEVENT"})
        out += Fold(line);
    out += Fold("UID:" + Escape(e.uid));
    out += Fold("DTSTAMP:" + CompactUtc(e.dtstamp));
    out += Fold("SEQUENCE:" + std::to_string(e.sequence));
    if (e.cancelled) out += Fold("STATUS:CANCELLED");
    out += Fold("DTSTART;TZID=Europe/Paris:" + Compact(e.date, e.starts_at));
    out += Fold("DTEND;TZID=Europe/Paris:" + Compact(e.date, e.ends_at));
    out += Fold("SUMMARY:" + Escape(e.summary));
    out += Fold("LOCATION:" + Escape(e.location));
    out += Fold("DESCRIPTION:" + Escape(e.description));
    out += Fold("END:VEVENT");
    out += Fold("END:VCALENDAR");
    return out;
}

}  // namespace juo::mail
