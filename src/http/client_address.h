// The client's address behind a reverse proxy. `juo serve` behind nginx sees every request
// coming from nginx (127.0.0.1), so whatever is counted per client — the login rate limit per IP
// above all — would count everyone together. When the peer is a proxy the operator trusts
// (`security.trusted_proxies`), the client is the address that proxy appended to
// X-Forwarded-For: the right-most entry that is not itself a trusted proxy. Entries further left
// were written by the client and are not believed. A request from any other peer keeps its peer
// address, whatever its headers say.
//
// Pure functions: thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace juo::http {

// Whether `text` is an IPv4 or IPv6 address literal ("127.0.0.1", "::1"), without port.
bool IsIpAddress(std::string_view text);

// The address to treat as the client's: `peer`, or when `peer` is one of `trusted_proxies` and
// `x_forwarded_for` is not empty, its right-most entry that is not a trusted proxy (the
// left-most when all are). An entry that is not an IP literal ends the walk: `peer` is kept.
std::string ClientAddress(std::string_view peer, std::string_view x_forwarded_for,
                          const std::vector<std::string>& trusted_proxies);

}  // namespace juo::http
