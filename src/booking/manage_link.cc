// Manage links (see manage_link.h).
#include "booking/manage_link.h"

#include <sodium.h>

#include <stdexcept>

namespace juo::booking {
namespace {

constexpr std::string_view kPurpose = "juo-booking-manage-v1";
constexpr std::string_view kOfferPurpose = "juo-waitlist-offer-v1";
constexpr std::string_view kLeavePurpose = "juo-waitlist-leave-v1";

std::string Base64Url(const unsigned char* bytes, size_t n) {
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

// Constant time over the token's length.
bool Same(const std::string& expected, std::string_view token) {
    if (token.size() != expected.size()) return false;
    return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

}  // namespace

ManageLinks::ManageLinks(std::string secret) : secret_(std::move(secret)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string ManageLinks::Mac(std::string_view purpose, long long id, std::string_view text) const {
    // Purpose, id and text separated by NULs: no two (id, text) pairs give the same message.
    std::string message(purpose);
    message += '\0';
    message += std::to_string(id);
    message += '\0';
    message += text;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_.data()), secret_.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return Base64Url(mac, sizeof mac);
}

std::string ManageLinks::Token(long long booking_id, std::string_view ticket_code) const {
    return Mac(kPurpose, booking_id, ticket_code);
}

bool ManageLinks::Check(long long booking_id, std::string_view ticket_code, std::string_view token) const {
    return Same(Token(booking_id, ticket_code), token);
}

std::string ManageLinks::Path(long long booking_id, std::string_view ticket_code) const {
    return "/reservation/" + std::to_string(booking_id) + "?jeton=" + Token(booking_id, ticket_code);
}

std::string ManageLinks::OfferToken(long long entry_id, std::string_view created_at) const {
    return Mac(kOfferPurpose, entry_id, created_at);
}

bool ManageLinks::CheckOffer(long long entry_id, std::string_view created_at, std::string_view token) const {
    return Same(OfferToken(entry_id, created_at), token);
}

std::string ManageLinks::OfferPath(long long entry_id, std::string_view created_at) const {
    return "/liste-attente/offre/" + std::to_string(entry_id) + "?jeton=" + OfferToken(entry_id, created_at);
}

std::string ManageLinks::LeaveToken(long long entry_id, std::string_view created_at) const {
    return std::to_string(entry_id) + "." + Mac(kLeavePurpose, entry_id, created_at);
}

std::optional<long long> ManageLinks::LeaveTokenEntry(std::string_view token) {
    const auto dot = token.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 18) return std::nullopt;
    long long id = 0;
    for (char c : token.substr(0, dot)) {
        if (c < '0' || c > '9') return std::nullopt;
        id = id * 10 + (c - '0');
    }
    if (id <= 0) return std::nullopt;
    return id;
}

bool ManageLinks::CheckLeave(long long entry_id, std::string_view created_at, std::string_view token) const {
    return Same(LeaveToken(entry_id, created_at), token);
}

}  // namespace juo::booking
