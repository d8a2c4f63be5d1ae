// Manage links (see manage_link.h).
#include "booking/manage_link.h"

#include <sodium.h>

#include <stdexcept>

namespace juo::booking {
namespace {

constexpr std::string_view kPurpose = "juo-booking-manage-v1";

std::string Base64Url(const unsigned char* bytes, size_t n) {
    std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::char_traits<char>::length(out.c_str()));
    return out;
}

}  // namespace

ManageLinks::ManageLinks(std::string secret) : secret_(std::move(secret)) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium cannot be initialised");
}

std::string ManageLinks::Token(long long booking_id, std::string_view ticket_code) const {
    // Purpose, id and code separated by NULs: no two (id, code) pairs give the same message.
    std::string message(kPurpose);
    message += '\0';
    message += std::to_string(booking_id);
    message += '\0';
    message += ticket_code;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret_.data()), secret_.size());
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    crypto_auth_hmacsha256_final(&state, mac);
    return Base64Url(mac, sizeof mac);
}

bool ManageLinks::Check(long long booking_id, std::string_view ticket_code, std::string_view token) const {
    const std::string expected = Token(booking_id, ticket_code);
    if (token.size() != expected.size()) return false;
    return sodium_memcmp(expected.data(), token.data(), expected.size()) == 0;
}

std::string ManageLinks::Path(long long booking_id, std::string_view ticket_code) const {
    return "/reservation/" + std::to_string(booking_id) + "?jeton=" + Token(booking_id, ticket_code);
}

}  // namespace juo::booking
