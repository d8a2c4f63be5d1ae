// MIME messages (RFC 5322 / 2045 / 2046 / 2047): a UTF-8 body as text and as simple HTML made from
// it (multipart/alternative), with optional attachments (then inside multipart/mixed), every part in
// base64, an encoded subject, and for the bulk e-mails the List-Unsubscribe headers (RFC 2369,
// RFC 8058) — what the outbox sender writes into a maildir or sends by SMTP.
//
// The tree: multipart/alternative(text/plain, text/html) alone, or
// multipart/mixed(multipart/alternative(text/plain, text/html), attachment…).
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
    // Set for the bulk e-mails only (mail/unsubscribe.h): a List-Unsubscribe header with this URL,
    // List-Unsubscribe-Post: List-Unsubscribe=One-Click when it is https (RFC 8058 wants https),
    // and the unsubscribe footer in the text and the HTML.
    std::string unsubscribe_url = {};
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

// The whole message, CRLF line ends. From and To go through FormatMailbox; the HTML part is
// HtmlBody(body_text, subject) (html_body.h). No line is longer than 78 characters but for a
// List-Unsubscribe URL longer than that (on a line of its own, folded after the colon).
std::string Compose(const Message& message);

// RFC 5322 date of a UTC ISO instant 'YYYY-MM-DDTHH:MM:SSZ'.
std::string RfcDate(const std::string& iso_utc);

}  // namespace juo::mail
