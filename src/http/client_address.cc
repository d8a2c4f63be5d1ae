// The client's address behind trusted reverse proxies.
#include "http/client_address.h"

#include <arpa/inet.h>

#include <algorithm>

#include "common/text.h"

namespace juo::http {

namespace {

bool Trusted(std::string_view address, const std::vector<std::string>& trusted) {
    return std::find(trusted.begin(), trusted.end(), address) != trusted.end();
}

}  // namespace

bool IsIpAddress(std::string_view text) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return false;
    const std::string s(text);
    unsigned char buffer[sizeof(in6_addr)];
    return inet_pton(AF_INET, s.c_str(), buffer) == 1 || inet_pton(AF_INET6, s.c_str(), buffer) == 1;
}

std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const std::vector<std::string>& trusted_proxies) {
    if (x_forwarded_for.empty() || !Trusted(peer, trusted_proxies)) return std::string(peer);
    std::string_view rest = x_forwarded_for;
    std::string_view client;
    while (!rest.empty()) {
        const size_t comma = rest.rfind(',');
        const std::string_view entry = Trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        if (!IsIpAddress(entry)) return std::string(peer);
        client = entry;
        if (!Trusted(entry, trusted_proxies)) break;
    }
    return client.empty() ? std::string(peer) : std::string(client);
}

}  // namespace juo::http
