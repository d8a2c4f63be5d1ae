// iCalendar (RFC 5545) files for a booked visit: one VEVENT in Europe/Paris time, with the
// VTIMEZONE it needs, lines folded at 75 octets and text escaped.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

namespace juo::mail {

struct CalendarEvent {
    std::string uid;        // globally unique: "booking-42@juo"
    std::string dtstamp;    // UTC instant 'YYYY-MM-DDTHH:MM:SSZ'
    std::string date;       // 'YYYY-MM-DD' (Paris)
    std::string starts_at;  // 'HH:MM' (Paris)
    std::string ends_at;    // 'HH:MM' (Paris)
    std::string summary;
    std::string location;
    std::string description;
};

// The .ics text (CRLF line ends).
std::string IcsFile(const CalendarEvent& event);

}  // namespace juo::mail
