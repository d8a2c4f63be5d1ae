// iCalendar (RFC 5545) files for a booked visit: one VEVENT in Europe/Paris time, with the
// VTIMEZONE it needs, published (or cancelled, same UID and a higher SEQUENCE), lines folded at 75 octets and text escaped.
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
    int sequence = 0;        // the event's revision: 0 when booked, higher at each change (RFC 5545 3.8.7.4)
    bool cancelled = false;  // METHOD:CANCEL and STATUS:CANCELLED: calendars remove the event
};

// The .ics text (CRLF line ends).
std::string IcsFile(const CalendarEvent& event);

}  // namespace juo::mail
