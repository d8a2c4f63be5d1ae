// MIME messages (RFC 5322 / 2045 / 2047): a UTF-8 plain-text body and optional attachments, in
// base64, with an encoded subject — what the outbox sender writes into a maildir or sends by SMTP.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace juo::mail {

struct Attachment {
    std::string filename;      // ASCII
    std::string content_type;  // "image/png", "text/calendar; method=PUBLISH"
    std::string bytes;
};

struct Message {
    std::string from;        // "Journées Usines Ouvertes <no-reply@juo.example>" or an address
    std::string to;          // an address, or "Name <address>"
    std::string subject;     // UTF-8
    std::string date;        // RFC 5322 date: "Wed, 25 Nov 2026 10:00:00 +0000"
    std::string message_id;  // "<outbox-42.3f9a…@juo.example>" (sender.cc)
    std::string body_text;   // UTF-8
    std::vector<Attachment> attachments;
};

// Base64 with lines of 76 characters (CRLF).
std::string Base64Lines(std::string_view bytes);

// An RFC 2047 encoded word for non-ASCII header text; ASCII text as it is.
std::string EncodeHeader(std::string_view text);

// A mailbox as configured or stored: a display name (UTF-8, may be empty) and an addr-spec.
struct Mailbox {
    std::string display_name;
    std::string address;  // "local@domain"
    // The address's domain: "juo.example" for "no-reply@juo.example".
    std::string Domain() const;
};

// Parses "Display Name <local@domain>", "\"Display Name\" <local@domain>", "<local@domain>" or
// "local@domain". nullopt when there is no plain ASCII addr-spec: no '@', an empty local part or
// domain, or spaces, controls, non-ASCII or any of ()<>[]:;,"\ in the address.
std::optional<Mailbox> ParseMailbox(std::string_view text);

// The header value of a mailbox (RFC 5322 §3.4): the address in clear, the display name alone
// encoded: an RFC 2047 word when it is not ASCII, a quoted string when it holds specials, as it
// is otherwise. Text ParseMailbox refuses is written as it is, line breaks removed.
std::string FormatMailbox(std::string_view text);

// The whole message, CRLF line ends. From and To go through FormatMailbox.
std::string Compose(const Message& message);

// RFC 5322 date of a UTC ISO instant 'YYYY-MM-DDTHH:MM:SSZ'.
std::string RfcDate(const std::string& iso_utc);

}  // namespace juo::mail
