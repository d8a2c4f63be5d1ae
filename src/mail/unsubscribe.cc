// Unsubscribe links (see unsubscribe.h).
#include "mail/unsubscribe.h"

#include <sodium.h>

#include <cstdio>
#include <stdexcept>

namespace juo::mail {
namespace {

constexpr std::string_view kPurpose = "juo-mail-unsubscribe-v1";

std::string Base64Url(const unsigned char* bytes, size_t n) {
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

// RFC 3986 unreserved characters as they are, every other byte as %XX.
std::string PercentEncode(std::string_view text) {
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

}  // namespace

std::optional<std::string_view> BulkListOf(std::string_view outbox_kind) {
    if (outbox_kind == "booking.reminder") return kReminderList;
    if (outbox_kind == "survey") return kSurveyList;
    return std::nullopt;
}

bool IsKnownList(std::string_view list) { return list == kReminderList || list == kSurveyList; }

std::string NormaliseAddress(std::string_view address) {
    while (!address.empty() && (address.front() == ' ' || address.front() == '\t')) address.remove_prefix(1);
    while (!address.empty() && (address.back() == ' ' || address.back() == '\t')) address.remove_suffix(1);
    std::string out(address);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

UnsubscribeLinks::UnsubscribeLinks(std::string secret) : secret_(std::move(secret)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string UnsubscribeLinks::Token(std::string_view list, std::string_view address) const {
    // Purpose, list and address separated by NULs: no two (list, address) pairs give one message.
    std::string message(kPurpose);
    message += '\0';
    message += list;
    message += '\0';
    message += NormaliseAddress(address);
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_.data()), secret_.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return Base64Url(mac, sizeof mac);
}

bool UnsubscribeLinks::Check(std::string_view list, std::string_view address, std::string_view token) const {
    const std::string expected = Token(list, address);
    if (token.size() != expected.size()) return false;
    return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

std::string UnsubscribeLinks::Url(std::string_view public_url, std::string_view list,
                                  std::string_view address) const {
    const std::string normalised = NormaliseAddress(address);
    return std::string(public_url) + "/desabonnement?liste=" + PercentEncode(list) +
           "&adresse=" + PercentEncode(normalised) + "&jeton=" + Token(list, normalised);
}

}  // namespace juo::mail
