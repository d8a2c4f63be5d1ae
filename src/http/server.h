// Server: the HTTP/1.1 server JUO serves its pages, static files and JSON API from.
//
// One coroutine per connection reads requests (keep-alive) on a few I/O threads; each request
// that reaches a Router handler (or the static files) is run on a separate pool of handler
// threads and awaited, so a slow handler never holds up the I/O threads or other connections.
// Built in: GET /healthz ("ok"), GET /metrics (Prometheus text, see metrics.h) and, when
// ServerOptions::static_dir is set, GET /static/... (see static_files.h); these take precedence
// over router patterns.
//
// The server protects itself: the request line and headers are limited (431), the body is
// limited (413), a request must arrive whole within read_timeout (otherwise the connection is
// closed, which also closes idle keep-alive connections), a malformed request or target is a
// 400, and a handler that throws is logged and answered 500 while the server keeps running.
// Answers then go through delivery.h: a weak ETag and 304 for GET and HEAD, gzip or br for text
// above 1 KiB when the request accepts it (static files: see static_files.h). Every response
// carries Content-Security-Policy, X-Content-Type-Options: nosniff,
// Referrer-Policy, X-Frame-Options: DENY and Server: juo; a handler may replace the first four
// through Response::headers (a page that shows map tiles widens img-src, for instance). One log
// line per request goes to spdlog at info level: method, raw path (never the query, which may
// hold personal data), status, body bytes, milliseconds, peer address.
//
// Overload: the handler pool's queue is bounded. A request for a pool handler that finds
// handler_threads + max_queued_requests requests already waiting for or running on the pool is
// answered 503 at once, without running its handler (the error renderer's page, JSON under
// /api/), and counted in juo_http_requests_refused_total. Static files are never refused: they
// are quick, and the 503 page needs its stylesheet. Every 503 the server sends — its own
// or a handler's — carries Retry-After (retry_after_seconds) unless the handler set one.
//
// Life cycle: construct, optionally SetErrorRenderer and InstallSignalHandlers, Start (binds and
// listens), then Run on one thread, which blocks until Stop (or SIGINT/SIGTERM when signal
// handlers were installed). Stop closes the listening socket and idle connections at once; the
// requests in flight are answered (with "Connection: close") before Run returns, or cut after
// drain_timeout. A Server runs once: it cannot be started again after Run returned.
//
// Thread-safety: Stop, port and metrics may be called from any thread (Stop also from a
// handler). SetErrorRenderer, InstallSignalHandlers and Start must be called before Run, from
// one thread. The Router and the error renderer are called from many handler threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "http/delivery.h"
#include "http/errors.h"
#include "http/metrics.h"
#include "http/router.h"

namespace juo::http {

// Scripts, styles and images from our own origin only (images also from https: and data: URLs
// for map tiles and inline icons), no framing, forms posted to ourselves only.
inline constexpr const char* kDefaultContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

struct ServerOptions {
    // An IPv4 or IPv6 literal ("127.0.0.1", "::1", "0.0.0.0", "::"), or "localhost" (127.0.0.1).
    std::string host = "127.0.0.1";
    unsigned short port = 8080;                   // 0 = any free port, see Server::port()
    int io_threads = 1;                           // threads reading and writing sockets (at least 1)
    int handler_threads = 2;                      // threads running handlers (at least 1)
    // Requests that may wait for a handler thread beyond the ones running; more: 503 at once.
    // 0 = none may wait. Inline routes and asynchronous routes that run on the I/O thread never
    // wait for the pool; an asynchronous route added with Execution::kPool takes its place there
    // until its handler returns (not until it replies).
    int max_queued_requests = 256;
    int retry_after_seconds = 5;  // the Retry-After of every 503
    size_t max_header_bytes = size_t{16} * 1024;  // request line + headers; over it: 431
    size_t max_body_bytes = size_t{12} << 20;     // over it: 413 (uploads: a 10 MiB PDF)
    // Issue 21: when set, only the requests it accepts (method, path without the query: the
    // upload routes) may send max_body_bytes; the others are held to small_body_bytes (413).
    std::function<bool(std::string_view method, std::string_view path)> large_body_route;
    size_t small_body_bytes = size_t{1} << 20;
    // Time allowed for a whole request to arrive, and for a response to be written; also the
    // idle time after which a keep-alive connection is closed. Seconds convert implicitly.
    std::chrono::milliseconds read_timeout = std::chrono::seconds(15);
    // Time Run waits after Stop for the requests in flight before cutting them.
    std::chrono::milliseconds drain_timeout = std::chrono::seconds(30);
    std::filesystem::path static_dir;  // served under /static/; empty = none
    std::string content_security_policy = kDefaultContentSecurityPolicy;  // sent on every response
    bool log_requests = true;                                             // one spdlog info line per request
    // Peers (reverse proxies, e.g. nginx on 127.0.0.1) whose X-Forwarded-For names the client:
    // Request::remote_address is then the client's address (client_address.h). Empty: none.
    std::vector<std::string> trusted_proxies;
    // More series for GET /metrics, appended to the server's own (Prometheus text, each line
    // ending with a newline): e.g. the booking engine's counters. Called on an I/O thread, so it
    // must be quick. Empty: none.
    std::function<std::string()> more_metrics;
    // Validators and content coding applied to every routed answer (delivery.h). They run on the
    // handler thread for pool routes. For inline and asynchronous routes and the built-in ones they
    // run on the I/O thread when they are cheap — at most io_thread_compress_bytes to compress
    // (about 0.1 ms) and at most io_thread_hash_bytes to hash — and on the handler pool otherwise.
    // Compressed forms of shared answers are kept within delivery_cache_bytes (delivery.h).
    DeliveryOptions delivery;
    size_t io_thread_compress_bytes = size_t{4} * 1024;
    size_t io_thread_hash_bytes = size_t{256} * 1024;
    size_t delivery_cache_bytes = size_t{16} << 20;
};

class Server {
 public:
    Server(ServerOptions options, Router router);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Replaces the default error answers (errors.h DefaultErrorResponse) for the statuses the
    // server produces outside handlers: 400, 404, 405, 413, 431 and 500 (a handler that threw).
    // The renderer runs on handler threads for 404/405/500 and on an I/O thread for 400/413/431;
    // its status is forced to the one asked for, and if it throws the default answer is used.
    void SetErrorRenderer(ErrorRenderer renderer);

    // Makes SIGINT and SIGTERM call Stop. Call before Run.
    void InstallSignalHandlers();

    // Binds and listens on options.host:options.port. Fails with kUnavailable when the host is
    // not an IP literal, the port is busy or not permitted, or static_dir is set but is not a
    // directory; with kInternal when called twice.
    Status Start();

    // The port listened on (the one chosen by the system when options.port was 0); 0 before Start.
    unsigned short port() const;

    // Serves until Stop (or a signal), then lets the requests in flight finish and returns.
    // Uses the calling thread plus io_threads - 1 more. Returns at once after Stop.
    void Run();

    // Stops accepting, closes idle connections and makes Run return once the requests in flight
    // are answered. Idempotent; never blocks.
    void Stop();

    const Metrics& metrics() const;

 private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace juo::http
