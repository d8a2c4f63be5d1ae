// MIME messages (RFC 5322 / 2045 / 2047): a UTF-8 plain-text body and optional attachments, in
// base64, with an encoded subject — what the outbox sender writes into a maildir or sends by SMTP.
//
// Thread-safety: pure functions.
#pragma once

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
    std::string from;        // "Journées Usines Ouvertes <no-reply@juo.example>"
    std::string to;          // an address
    std::string subject;     // UTF-8
    std::string date;        // RFC 5322 date: "Wed, 25 Nov 2026 10:00:00 +0000"
    std::string message_id;  // "<outbox-42@juo>"
    std::string body_text;   // UTF-8
    std::vector<Attachment> attachments;
};

// Base64 with lines of 76 characters (CRLF).
std::string Base64Lines(std::string_view bytes);

// An RFC 2047 encoded word for non-ASCII header text; ASCII text as it is.
std::string EncodeHeader(std::string_view text);

// The whole message, CRLF line ends.
std::string Compose(const Message& message);

// RFC 5322 date of a UTC ISO instant 'YYYY-MM-DDTHH:MM:SSZ'.
std::string RfcDate(const std::string& iso_utc);

}  // namespace juo::mail
