// Unsubscribing from the bulk e-mails (RFC 2369 List-Unsubscribe, RFC 8058 one-click; ADR 0014).
// Two kinds of e-mail are "bulk": tomorrow's tour reminder and the survey invitation. Everything
// else the platform sends (booking confirmation, change, cancellation, waiting-list offer, group
// decisions, account e-mails, moderation) is transactional: it answers something the person did
// and carries no List-Unsubscribe.
//
// The link is "{public_url}/desabonnement?liste=LIST&adresse=ADDRESS&jeton=TOKEN", where TOKEN is
// the HMAC-SHA256 of (purpose, list, address) under the installation's secret (security.secret,
// the same on every app server), base64url, 43 characters, as booking/manage_link.h does. Nothing
// is stored: the link cannot be made without the secret, it names one address and one list, and it
// stops working if the secret changes. Checked in constant time.
//
// Thread-safety: UnsubscribeLinks is immutable after construction: thread-safe. The free functions
// are pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo::mail {

// The lists one can leave, as stored (table mail_opt_out) and written in the link.
inline constexpr std::string_view kReminderList = "reminder";
inline constexpr std::string_view kSurveyList = "survey";

// The list of an outbox kind ("booking.reminder" → "reminder", "survey" → "survey"); nullopt for
// a transactional kind.
std::optional<std::string_view> BulkListOf(std::string_view outbox_kind);
// Whether `list` is one of the lists above.
bool IsKnownList(std::string_view list);
// An address as opt-outs are kept and compared: trimmed, ASCII lower case.
std::string NormaliseAddress(std::string_view address);

class UnsubscribeLinks {
 public:
    // Links signed with `secret` (raw bytes, any length; 32 random bytes in production). The
    // HMAC's message starts with its own purpose, so the same secret signs other things safely.
    explicit UnsubscribeLinks(std::string secret);

    // The token of `address` (normalised first) on `list`.
    std::string Token(std::string_view list, std::string_view address) const;
    // Whether `token` is that token (constant time; false for any other text, empty included).
    bool Check(std::string_view list, std::string_view address, std::string_view token) const;
    // The absolute link: `public_url` (no trailing '/') + "/desabonnement?liste=…&adresse=…&jeton=…",
    // the address percent-encoded.
    std::string Url(std::string_view public_url, std::string_view list, std::string_view address) const;

 private:
    std::string secret_;
};

}  // namespace juo::mail
