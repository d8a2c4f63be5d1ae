// The Beast/Asio side of the server: everything that knows about sockets stays in this file.
//
// Threads: the io_context runs the acceptor, the signal set and the drain timer on `control_`
// (a strand) and each connection's coroutine on its own strand. Request dispatch (router,
// handlers, static files, error renderer) runs on `pool_` and is awaited by the connection
// coroutine through co_spawn, whose completion comes back on the connection's strand. Delivery
// (delivery.h: ETag, 304, gzip/br) runs right after the handler on the pool, or on the I/O thread
// for the answers produced there when that is cheap (ServerOptions::io_thread_compress_bytes).
#include "http/server.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <csignal>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/client_address.h"
#include "http/static_files.h"
#include "common/this_thread.h"

namespace juo::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kAwaitTuple = net::as_tuple(net::use_awaitable);
// After an error answer the request's unread remainder is drained for this long at most, so that
// closing the socket does not reset the connection before the client has read the answer.
constexpr std::chrono::milliseconds kLingerTime{1000};
constexpr size_t kLingerBytes = 1 << 20;
constexpr size_t kLoggedPathChars = 200;

struct Connection {
    explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    // True from the moment a request is read until its answer is written: Stop leaves such a
    // connection alone. Touched on the connection's strand only.
    bool busy = false;
};

std::string ToLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool IEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool IsToken(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name) {
        auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f ||
            std::string_view("()<>@,;:\\\"/[]?={}").find(c) != std::string_view::npos) {
            return false;
        }
    }
    return true;
}

bool IsSafeValue(std::string_view value) {
    return value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

// Why a response from a handler cannot be sent as it is, or "" when it can.
std::string InvalidResponseReason(const Response& response) {
    if (response.status < 200 || response.status > 599) {
        return "status " + std::to_string(response.status) + " out of 200..599";
    }
    if (!IsSafeValue(response.content_type)) return "control character in Content-Type";
    for (const auto& [name, value] : response.headers) {
        if (!IsToken(name)) return "invalid header name '" + name + "'";
        if (!IsSafeValue(value)) return "control character in header " + name;
    }
    return {};
}

// The path part of the raw target, for logs: still percent-encoded (so without control
// characters) and shortened.
std::string_view LoggedPath(std::string_view target) {
    std::string_view path = target.substr(0, target.find('?'));
    return path.substr(0, kLoggedPathChars);
}

bool IsHttpProtocolError(const beast::error_code& ec) {
    return &ec.category() == &bhttp::make_error_code(bhttp::error::bad_method).category();
}

// The route label of an answered request, for metrics.
constexpr std::string_view kUnmatched = "unmatched";

// An asynchronous route's answer still awaited: the completion that resumes the request's
// coroutine, held until the handler replies. A Reply may be kept by other threads (the booking
// engine, a hashing thread) past the server's life, so the completion must not be: the server
// drops every pending one before its io_context goes (PendingReplies::DropAll), and a reply that
// comes afterwards finds nothing to resume. Thread-safe.
struct PendingReply {
    virtual ~PendingReply() = default;
    // Destroys the awaited completion (and with it the coroutine) without resuming it.
    virtual void Drop() = 0;
};

// The server's pending answers. Shared with each of them (a reply may outlive the server).
// Thread-safe.
class PendingReplies {
public:
    void Add(const std::shared_ptr<PendingReply>& reply) {
        std::lock_guard lock(mutex_);
        if (!closed_) pending_.emplace(reply.get(), reply);
    }
    void Remove(PendingReply* reply) {
        std::lock_guard lock(mutex_);
        pending_.erase(reply);
    }
    // Once no thread runs the io_context and no handler runs on the pool: drops every completion
    // still awaited, while the io_context they belong to is alive. Later ones are not kept.
    void DropAll() {
        std::vector<std::shared_ptr<PendingReply>> alive;
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
            for (auto& [raw, weak] : pending_) {
                if (auto reply = weak.lock()) alive.push_back(std::move(reply));
            }
            pending_.clear();
        }
        for (auto& reply : alive) reply->Drop();
    }

private:
    std::mutex mutex_;
    bool closed_ = false;  // guarded by mutex_
    std::unordered_map<PendingReply*, std::weak_ptr<PendingReply>> pending_;  // guarded by mutex_
};

template <typename Completion, typename Executor>
class AwaitedReply final : public PendingReply {
public:
    AwaitedReply(Completion completion, Executor executor, std::shared_ptr<PendingReplies> registry)
        : completion_(std::move(completion)), executor_(std::move(executor)), registry_(std::move(registry)) {}
    ~AwaitedReply() override { registry_->Remove(this); }

    // The first answer resumes the coroutine on its executor; later ones, or one after Drop, are
    // ignored. The post happens under the lock, so Drop (and the server's end) waits for it.
    void Answer(Response response) {
        {
            std::lock_guard lock(mutex_);
            if (!completion_) return;
            net::post(*executor_, [completion = std::move(*completion_), response = std::move(response)]() mutable {
                std::move(completion)(std::move(response));
            });
            completion_.reset();
            executor_.reset();
        }
        registry_->Remove(this);
    }
    void Drop() override {
        std::optional<Completion> dropped;
        std::optional<Executor> executor;
        std::lock_guard lock(mutex_);
        if (!completion_) return;
        // Both go now, while the io_context lives (a strand's executor refers to its service),
        // destroyed after the lock is released.
        dropped.emplace(std::move(*completion_));
        completion_.reset();
        executor.emplace(std::move(*executor_));
        executor_.reset();
    }

private:
    std::mutex mutex_;
    std::optional<Completion> completion_;  // guarded by mutex_; empty once answered or dropped
    std::optional<Executor> executor_;      // guarded by mutex_; the same
    std::shared_ptr<PendingReplies> registry_;
};

}  // namespace

struct Server::Impl {
    Impl(ServerOptions o, Router r)
        : options(std::move(o)),
          router(std::move(r)),
          compression_cache(options.delivery_cache_bytes),
          ioc(std::max(1, options.io_threads)),
          control(net::make_strand(ioc)),
          drain_timer(control),
          pool(static_cast<size_t>(std::max(1, options.handler_threads))) {
        if (!options.static_dir.empty()) static_files.emplace(options.static_dir);
    }

    ~Impl() {
        destroying = true;
        // Handlers still running (only after a drain timeout) use requests owned by coroutine
        // frames that the io_context destroys: let them finish first.
        pool.join();
        // Replies kept by other threads must not resume (or destroy) a coroutine after this.
        pending_replies->DropAll();
        acceptor.reset();
        signals.reset();
    }

    Status Start();
    void Run();
    void Stop();
    void OnStopRequested();
    // Static files are quick and every page needs them (the 503 page too): never refused.
    bool IsStaticFile(const Request& request) const {
        return static_files && request.path.rfind("/static/", 0) == 0;
    }
    // Takes a place on the handler pool (running or queued); false when there is none left.
    bool EnterPool() {
        const int most = std::max(1, options.handler_threads) + std::max(0, options.max_queued_requests);
        if (pool_load.fetch_add(1, std::memory_order_relaxed) < most) return true;
        pool_load.fetch_sub(1, std::memory_order_relaxed);
        return false;
    }

    net::awaitable<void> AcceptLoop();
    net::awaitable<void> Session(std::shared_ptr<Connection> connection);
    net::awaitable<void> AnswerProtocolError(Connection& connection, int status,
                                             const bhttp::request_parser<bhttp::string_body>& parser,
                                             const std::string& remote, Clock::time_point start);
    net::awaitable<void> LingeringClose(Connection& connection);

    void Register(const std::shared_ptr<Connection>& connection);
    void Unregister(Connection* connection);

    // The route of a request (kNotFound for static files, which Dispatch serves itself).
    RouteMatch Route(const Request& request) const;
    Response Dispatch(Request& request, std::string& route, RouteMatch& match);
    // Runs an asynchronous route and waits, without blocking the thread, for its reply.
    net::awaitable<Response> DispatchAsync(Request& request, std::string& route, RouteMatch& match);
    // A handler's response, or a 500 when it is not a valid one.
    Response Checked(Response response, const Request& request, const std::string& route);
    Response Builtin(const Request& request, std::string& route, bool& handled);
    Response RenderError(int status, const Request& request);
    bhttp::response<bhttp::string_body> ToBeast(Response response, unsigned version, bool head,
                                                bool keep_alive);
    // The request's duration (read to written) into the histogram, and its log line; called once
    // its answer is written (the request itself was counted before, metrics.h).
    void LogAndTime(const std::string& method, std::string_view target, int status, size_t bytes,
                    Clock::time_point start, const std::string& remote);

    // Declared before the io_context: coroutine frames destroyed with it still use these.
    ServerOptions options;
    Router router;
    ErrorRenderer error_renderer;
    Metrics metrics;
    std::optional<StaticFiles> static_files;
    CompressionCache compression_cache;
    std::atomic<bool> started{false};
    std::atomic<bool> stopping{false};
    std::atomic<bool> destroying{false};
    std::atomic<unsigned short> bound_port{0};
    std::atomic<int> pool_load{0};  // requests on the handler pool, running or queued
    std::shared_ptr<PendingReplies> pending_replies = std::make_shared<PendingReplies>();
    std::mutex connections_mutex;
    std::unordered_map<Connection*, std::weak_ptr<Connection>> connections;  // guarded by connections_mutex

    net::io_context ioc;
    net::strand<net::io_context::executor_type> control;
    std::optional<tcp::acceptor> acceptor;
    std::optional<net::signal_set> signals;
    net::steady_timer drain_timer;
    net::thread_pool pool;
};

Status Server::Impl::Start() {
    if (started.exchange(true)) return MakeError(ErrorCode::kInternal, "Server::Start called twice");
    beast::error_code ec;
    const std::string host = options.host == "localhost" ? "127.0.0.1" : options.host;
    net::ip::address address = net::ip::make_address(host, ec);
    if (ec) {
        return MakeError(ErrorCode::kUnavailable,
                         "cannot listen on host '" + options.host +
                             "': not an IPv4 or IPv6 address (e.g. 127.0.0.1, ::1, 0.0.0.0)");
    }
    if (static_files) {
        std::error_code fs_ec;
        if (!std::filesystem::is_directory(options.static_dir, fs_ec)) {
            return MakeError(ErrorCode::kUnavailable,
                             "static directory '" + options.static_dir.string() + "' is not a directory");
        }
    }
    const tcp::endpoint endpoint(address, options.port);
    const std::string where =
        (address.is_v6() ? "[" + host + "]" : host) + ":" + std::to_string(options.port);
    tcp::acceptor a(control);
    a.open(endpoint.protocol(), ec);
    if (ec)
        return MakeError(ErrorCode::kUnavailable, "cannot open a socket for " + where + ": " + ec.message());
    a.set_option(net::socket_base::reuse_address(true), ec);
    a.bind(endpoint, ec);
    if (ec) return MakeError(ErrorCode::kUnavailable, "cannot listen on " + where + ": " + ec.message());
    a.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return MakeError(ErrorCode::kUnavailable, "cannot listen on " + where + ": " + ec.message());
    bound_port = a.local_endpoint(ec).port();
    acceptor.emplace(std::move(a));
    net::co_spawn(control, AcceptLoop(), [](const std::exception_ptr& e) {
        if (!e) return;
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            spdlog::error("http: accept loop failed: {}", ex.what());
        }
    });
    spdlog::info("http: listening on {}", address.is_v6() ? "[" + host + "]:" + std::to_string(bound_port)
                                                          : host + ":" + std::to_string(bound_port));
    return Ok();
}

void Server::Impl::Run() {
    auto run_io = [this] {
        for (;;) {
            try {
                ioc.run();
                return;
            } catch (const std::exception& e) {
                // Handlers catch their own failures; this is a last resort to keep serving.
                spdlog::error("http: unexpected exception on an I/O thread: {}", e.what());
            }
        }
    };
    std::vector<std::thread> extra;
    for (int i = 1; i < options.io_threads; ++i)
        extra.emplace_back([run_io] {
            NameThisThread("juo-io");  // the calling thread keeps the process's name
            run_io();
        });
    run_io();
    for (std::thread& t : extra) t.join();
    spdlog::info("http: stopped");
}

void Server::Impl::Stop() {
    if (stopping.exchange(true)) return;
    net::post(control, [this] { OnStopRequested(); });
}

void Server::Impl::OnStopRequested() {
    beast::error_code ec;
    if (acceptor) acceptor->close(ec);
    if (signals) signals->cancel(ec);
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(connections_mutex);
        for (auto& [raw, weak] : connections) {
            if (auto connection = weak.lock()) open.push_back(std::move(connection));
        }
    }
    for (auto& connection : open) {
        // Idle connections (waiting for a next request) go now; busy ones close after answering.
        net::post(connection->stream.get_executor(), [connection] {
            if (!connection->busy) connection->stream.cancel();
        });
    }
    if (!open.empty()) {
        spdlog::info("http: stopping, waiting for {} connection(s)", open.size());
        drain_timer.expires_after(options.drain_timeout);
        drain_timer.async_wait([this](beast::error_code wait_ec) {
            if (wait_ec) return;  // cancelled: every connection closed in time
            spdlog::warn("http: requests still running after the drain timeout, cutting them");
            ioc.stop();
        });
    }
}

void Server::Impl::Register(const std::shared_ptr<Connection>& connection) {
    metrics.ConnectionOpened();
    std::lock_guard lock(connections_mutex);
    connections.emplace(connection.get(), connection);
}

void Server::Impl::Unregister(Connection* connection) {
    metrics.ConnectionClosed();
    bool last = false;
    {
        std::lock_guard lock(connections_mutex);
        connections.erase(connection);
        last = connections.empty();
    }
    if (last && stopping && !destroying) {
        net::post(control, [this] {
            std::lock_guard lock(connections_mutex);
            if (connections.empty()) drain_timer.cancel();
        });
    }
}

net::awaitable<void> Server::Impl::AcceptLoop() {
    net::steady_timer backoff(control);
    while (!stopping) {
        auto [ec, socket] = co_await acceptor->async_accept(net::make_strand(ioc), kAwaitTuple);
        if (ec) {
            if (stopping || ec == net::error::operation_aborted) break;
            // Out of descriptors, typically: wait a little rather than spin.
            spdlog::warn("http: accept failed: {}", ec.message());
            backoff.expires_after(std::chrono::milliseconds(50));
            co_await backoff.async_wait(kAwaitTuple);
            continue;
        }
        auto connection = std::make_shared<Connection>(std::move(socket));
        auto executor = connection->stream.get_executor();
        net::co_spawn(executor, Session(std::move(connection)), [](const std::exception_ptr& e) {
            if (!e) return;
            try {
                std::rethrow_exception(e);
            } catch (const std::exception& ex) {
                spdlog::error("http: connection failed: {}", ex.what());
            }
        });
    }
}

net::awaitable<void> Server::Impl::Session(std::shared_ptr<Connection> connection) {
    Register(connection);
    struct Unregisterer {
        Impl* impl;
        Connection* connection;
        ~Unregisterer() { impl->Unregister(connection); }
    } unregisterer{this, connection.get()};
    if (stopping) co_return;  // Stop ran before this connection was registered

    Connection& c = *connection;
    beast::error_code ec;
    std::string remote;
    if (auto peer = c.stream.socket().remote_endpoint(ec); !ec) remote = peer.address().to_string();
    // Answers are written whole; Nagle's algorithm would only delay the next one by an ACK.
    c.stream.socket().set_option(tcp::no_delay(true), ec);
    beast::flat_buffer buffer;

    while (!stopping) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(
            static_cast<std::uint32_t>(std::min<size_t>(options.max_header_bytes, UINT32_MAX)));
        parser.body_limit(options.max_body_bytes);
        c.stream.expires_after(options.read_timeout);

        auto [read_ec, header_bytes] =
            co_await bhttp::async_read_header(c.stream, buffer, parser, kAwaitTuple);
        Clock::time_point start = Clock::now();
        if (!read_ec && !parser.is_done() && options.large_body_route) {
            // The body's limit by route, known once the request line is read (before any body).
            const auto& head = parser.get();
            std::string_view target(head.target().data(), head.target().size());
            std::string_view method(head.method_string().data(), head.method_string().size());
            const std::string_view path = target.substr(0, target.find('?'));
            const size_t limit = options.large_body_route(method, path)
                                     ? options.max_body_bytes
                                     : std::min(options.small_body_bytes, options.max_body_bytes);
            // Beast judges a Content-Length against the limit when the header ends (the parser's
            // limit then was the largest): judge it here; a chunked body meets the new limit
            // chunk by chunk.
            if (auto declared = parser.content_length(); declared && *declared > limit)
                read_ec = bhttp::error::body_limit;
            else
                parser.body_limit(limit);
        }
        if (!read_ec && !parser.is_done()) {
            // curl and others wait for "100 Continue" before sending a large body.
            if (IEquals(parser.get()[bhttp::field::expect], "100-continue") && parser.get().version() >= 11) {
                bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
                auto [write_ec, written] = co_await bhttp::async_write(c.stream, go_on, kAwaitTuple);
                if (write_ec) break;
            }
            std::tie(read_ec, header_bytes) =
                co_await bhttp::async_read(c.stream, buffer, parser, kAwaitTuple);
        }
        if (read_ec) {
            if (!IsHttpProtocolError(read_ec) || read_ec == bhttp::error::end_of_stream ||
                read_ec == bhttp::error::partial_message) {
                break;  // closed, reset, timed out or cancelled by Stop: nobody to answer
            }
            int status = read_ec == bhttp::error::header_limit ? 431
                         : read_ec == bhttp::error::body_limit ? 413
                                                               : 400;
            c.busy = true;
            co_await AnswerProtocolError(c, status, parser, remote, start);
            co_return;
        }
        c.stream.expires_never();
        c.busy = true;

        bhttp::request<bhttp::string_body> message = parser.release();
        const unsigned version = message.version();
        const bool head = message.method() == bhttp::verb::head;
        bool keep_alive = message.keep_alive();
        Request request;
        request.method = std::string(message.method_string());
        request.remote_address = remote;
        std::string route(kUnmatched);
        std::optional<Response> response;
        bool delivered = false;  // delivery.h already applied (on the pool, by Dispatch's caller)
        if (Status parsed = ParseTarget(message.target(), &request); !parsed.ok()) {
            request.target = std::string(message.target());
            response = RenderError(400, request);
            keep_alive = false;
        } else {
            for (const auto& field : message) {
                std::string name = ToLower(field.name_string());
                auto [it, inserted] = request.headers.emplace(name, std::string(field.value()));
                if (!inserted) {
                    it->second += name == "cookie" ? "; " : ", ";
                    it->second += field.value();
                }
            }
            if (!options.trusted_proxies.empty())
                if (auto it = request.headers.find("x-forwarded-for"); it != request.headers.end())
                    request.remote_address = ClientAddress(remote, it->second, options.trusted_proxies);
            request.body = std::move(message.body());
            bool handled = false;
            Response builtin = Builtin(request, route, handled);
            if (handled) {
                response = std::move(builtin);
            } else {
                // Routed once, here; the match travels to Dispatch on whichever thread runs it.
                RouteMatch match = Route(request);
                if (match.outcome == RouteMatch::Outcome::kFound && match.async_handler &&
                    !match.run_inline && !EnterPool()) {
                    // An asynchronous route that starts on the pool, with the pool full.
                    route = match.pattern;
                    metrics.CountRefused("handler_queue");
                    response = RenderError(503, request);
                } else if (match.outcome == RouteMatch::Outcome::kFound && match.async_handler) {
                    response = co_await DispatchAsync(request, route, match);
                } else if (match.outcome == RouteMatch::Outcome::kFound && match.run_inline) {
                    response = Dispatch(request, route, match);  // catches handler exceptions itself
                } else if (const bool bounded = !IsStaticFile(request); bounded && !EnterPool()) {
                    // Every handler thread busy and the queue full: say so now rather than let
                    // the wait grow past any client's patience (docs/adr/0010).
                    if (match.outcome == RouteMatch::Outcome::kFound) route = match.pattern;
                    metrics.CountRefused("handler_queue");
                    response = RenderError(503, request);
                } else {
                    try {
                        response = co_await net::co_spawn(
                            pool.get_executor(),
                            [this, &request, &route, &match]() -> net::awaitable<Response> {
                                struct Leave {
                                    std::atomic<int>* n;
                                    ~Leave() {
                                        if (n) n->fetch_sub(1, std::memory_order_relaxed);
                                    }
                                } leave{IsStaticFile(request) ? nullptr : &pool_load};
                                Response answer = Dispatch(request, route, match);
                                Deliver(request, answer, options.delivery, &compression_cache);  // on the pool
                                co_return answer;
                            },
                            net::use_awaitable);
                        delivered = true;
                    } catch (const std::exception& e) {
                        spdlog::error("http: dispatch failed for {} {}: {}", request.method,
                                      LoggedPath(request.target), e.what());
                        response = DefaultErrorResponse(500, request);
                    }
                }
            }
        }

        if (!delivered) {
            // Hashing or compressing a large body would hold up every connection of this I/O
            // thread: the pool does it (not counted against its queue, like static files: the
            // answer is ready and only waits for this; one per connection at most).
            const bool done = response->body.size() <= options.io_thread_hash_bytes &&
                              Deliver(request, *response, options.delivery, &compression_cache,
                                      options.io_thread_compress_bytes);
            if (!done) {
                try {
                    response = co_await net::co_spawn(
                        pool.get_executor(),
                        [this, &request, &response]() -> net::awaitable<Response> {
                            Response answer = std::move(*response);
                            Deliver(request, answer, options.delivery, &compression_cache);
                            co_return answer;
                        },
                        net::use_awaitable);
                } catch (const std::exception& e) {
                    spdlog::error("http: delivery failed for {} {}: {}", request.method, LoggedPath(request.target),
                                  e.what());
                    response = DefaultErrorResponse(500, request);
                }
            }
        }

        keep_alive = keep_alive && !stopping;
        const int status = response->status;
        auto reply = ToBeast(std::move(*response), version, head, keep_alive);
        const size_t bytes = reply.body().size();
        // Counted before the answer leaves: whoever has it (the client, or nginx's client) and then
        // reads /metrics, on any connection, finds it counted. Counted after the write, it could be
        // missing there for as long as this coroutine waits to resume.
        metrics.Count(request.method, route, status);
        c.stream.expires_after(options.read_timeout);
        auto [write_ec, written] = co_await bhttp::async_write(c.stream, reply, kAwaitTuple);
        c.busy = false;
        LogAndTime(request.method, request.target, status, bytes, start, remote);
        if (write_ec || !keep_alive) break;
    }
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.stream.close();
}

net::awaitable<void> Server::Impl::AnswerProtocolError(
    Connection& c, int status, const bhttp::request_parser<bhttp::string_body>& parser,
    const std::string& remote, Clock::time_point start) {
    Request request;
    request.remote_address = remote;
    unsigned version = 11;
    // A Content-Length over the body limit fails as the header ends, before is_header_done(): the
    // request line was read all the same, and its path says whether the answer is JSON (/api/).
    if (parser.is_header_done() || (status == 413 && !parser.get().target().empty())) {
        const auto& header = parser.get();
        request.method = std::string(header.method_string());
        version = header.version();
        if (!ParseTarget(header.target(), &request).ok()) request.target = std::string(header.target());
    }
    auto reply = ToBeast(RenderError(status, request), version, false, false);
    const size_t bytes = reply.body().size();
    metrics.Count(request.method, kUnmatched, status);  // before the answer leaves, as above
    c.stream.expires_after(options.read_timeout);
    auto [write_ec, written] = co_await bhttp::async_write(c.stream, reply, kAwaitTuple);
    LogAndTime(request.method, request.target, status, bytes, start, remote);
    if (!write_ec) co_await LingeringClose(c);
}

net::awaitable<void> Server::Impl::LingeringClose(Connection& c) {
    beast::error_code ec;
    c.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    c.stream.expires_after(std::min<std::chrono::milliseconds>(kLingerTime, options.read_timeout));
    std::array<char, 8192> scratch;
    size_t drained = 0;
    while (drained < kLingerBytes) {
        auto [read_ec, n] = co_await c.stream.async_read_some(net::buffer(scratch), kAwaitTuple);
        if (read_ec) break;
        drained += n;
    }
    c.stream.close();
}

Response Server::Impl::Builtin(const Request& request, std::string& route, bool& handled) {
    handled = false;
    const bool healthz = request.path == "/healthz";
    const bool metrics_path = request.path == "/metrics";
    if (!healthz && !metrics_path) return {};
    handled = true;
    route = request.path;
    if (request.method != "GET" && request.method != "HEAD") {
        Response response = RenderError(405, request);
        response.headers.emplace_back("Allow", "GET, HEAD");
        return response;
    }
    Response response =
        healthz ? Response::Text(200, "ok")
                : Response::Text(200, metrics.RenderPrometheus() + (options.more_metrics ? options.more_metrics() : ""));
    if (metrics_path) response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.headers.emplace_back("Cache-Control", "no-store");
    return response;
}

RouteMatch Server::Impl::Route(const Request& request) const {
    if (static_files && request.path.rfind("/static/", 0) == 0) return {};
    std::string_view raw_path =
        std::string_view(request.target).substr(0, request.target.find_first_of("?#"));
    return router.Match(request.method, raw_path);
}

Response Server::Impl::Dispatch(Request& request, std::string& route, RouteMatch& match) {
    try {
        if (static_files && request.path.rfind("/static/", 0) == 0) {
            route = "/static/*";
            if (request.method != "GET" && request.method != "HEAD") {
                Response response = RenderError(405, request);
                response.headers.emplace_back("Allow", "GET, HEAD");
                return response;
            }
            auto served = static_files->Serve(std::string_view(request.path).substr(8), request);
            if (served.ok()) return std::move(served).value();
            if (served.error().code != ErrorCode::kNotFound)
                spdlog::error("http: {}", served.error().message);
            return RenderError(served.error().code == ErrorCode::kNotFound ? 404 : 500, request);
        }

        switch (match.outcome) {
            case RouteMatch::Outcome::kNotFound:
                return RenderError(404, request);
            case RouteMatch::Outcome::kMethodNotAllowed: {
                Response response = RenderError(405, request);
                response.headers.emplace_back("Allow", match.allow);
                return response;
            }
            case RouteMatch::Outcome::kFound:
                break;
        }
        route = match.pattern;
        request.path_params = std::move(match.params);
        return Checked((*match.handler)(request), request, route);
    } catch (const std::exception& e) {
        spdlog::error("http: handler for {} {} threw: {}", request.method, LoggedPath(request.target),
                      e.what());
    } catch (...) {
        spdlog::error("http: handler for {} {} threw a non-exception", request.method,
                      LoggedPath(request.target));
    }
    return RenderError(500, request);
}

Response Server::Impl::Checked(Response response, const Request& request, const std::string& route) {
    if (std::string why = InvalidResponseReason(response); !why.empty()) {
        spdlog::error("http: handler for {} {} returned an invalid response: {}", request.method, route, why);
        return RenderError(500, request);
    }
    return response;
}

net::awaitable<Response> Server::Impl::DispatchAsync(Request& request, std::string& route,
                                                     RouteMatch& match) {
    route = match.pattern;
    request.path_params = std::move(match.params);
    auto executor = co_await net::this_coro::executor;
    Response response = co_await net::async_initiate<decltype(net::use_awaitable), void(Response)>(
        [&](auto completion) {
            // The completion resumes this coroutine; it is move-only, the Reply is copyable.
            using Awaited = AwaitedReply<decltype(completion), decltype(executor)>;
            auto awaited = std::make_shared<Awaited>(std::move(completion), executor, pending_replies);
            pending_replies->Add(awaited);
            Reply reply = [awaited](Response r) { awaited->Answer(std::move(r)); };
            // The handler runs here (on the I/O thread) or, for a route added with
            // Execution::kPool, on the handler pool, which it leaves as soon as it returns (it
            // entered it in the caller). The request lives in this coroutine's frame, which waits
            // for the reply.
            auto run = [this, &request, &match, reply] {
                try {
                    (*match.async_handler)(request, reply);
                } catch (const std::exception& e) {
                    spdlog::error("http: handler for {} {} threw: {}", request.method,
                                  LoggedPath(request.target), e.what());
                    reply(RenderError(500, request));
                }
            };
            if (match.run_inline) {
                run();
            } else {
                net::post(pool.get_executor(), [this, run] {
                    static thread_local const bool named = (NameThisThread("juo-handler"), true);
                    (void)named;
                    run();
                    pool_load.fetch_sub(1, std::memory_order_relaxed);
                });
            }
        },
        net::use_awaitable);
    co_return Checked(std::move(response), request, route);
}

Response Server::Impl::RenderError(int status, const Request& request) {
    if (error_renderer) {
        try {
            Response response = error_renderer(status, request);
            response.status = status;
            std::string why = InvalidResponseReason(response);
            if (why.empty()) return response;
            spdlog::error("http: the error renderer returned an invalid response: {}", why);
        } catch (const std::exception& e) {
            spdlog::error("http: the error renderer threw: {}", e.what());
        } catch (...) {
            spdlog::error("http: the error renderer threw a non-exception");
        }
    }
    return DefaultErrorResponse(status, request);
}

bhttp::response<bhttp::string_body> Server::Impl::ToBeast(Response response, unsigned version, bool head,
                                                          bool keep_alive) {
    bhttp::response<bhttp::string_body> reply;
    reply.version(version);
    reply.result(static_cast<unsigned>(response.status));
    reply.set(bhttp::field::server, "juo");
    const bool no_body = response.status == 204 || response.status == 304;
    if (!no_body) reply.set(bhttp::field::content_type, response.content_type);
    bool has[4] = {false, false, false, false};
    bool has_retry_after = false;
    static constexpr std::string_view kDefaults[4] = {"Content-Security-Policy", "X-Content-Type-Options",
                                                      "Referrer-Policy", "X-Frame-Options"};
    for (auto& [name, value] : response.headers) {
        for (size_t i = 0; i < 4; ++i) {
            if (IEquals(name, kDefaults[i])) has[i] = true;
        }
        has_retry_after = has_retry_after || IEquals(name, "Retry-After");
        reply.insert(name, value);
    }
    if (response.status == 503 && !has_retry_after)
        reply.set(bhttp::field::retry_after, std::to_string(std::max(1, options.retry_after_seconds)));
    if (!has[0]) reply.set(kDefaults[0], options.content_security_policy);
    if (!has[1]) reply.set(kDefaults[1], "nosniff");
    if (!has[2]) reply.set(kDefaults[2], "strict-origin-when-cross-origin");
    if (!has[3]) reply.set(kDefaults[3], "DENY");
    reply.keep_alive(keep_alive);
    if (no_body) return reply;
    if (head) {
        reply.content_length(response.body.size());
    } else {
        reply.body() = std::move(response.body);
        reply.prepare_payload();
    }
    return reply;
}

void Server::Impl::LogAndTime(const std::string& method, std::string_view target, int status, size_t bytes,
                              Clock::time_point start, const std::string& remote) {
    const auto elapsed = Clock::now() - start;
    metrics.Observe(elapsed);
    if (options.log_requests) {
        spdlog::info("{} {} {} {}B {:.1f}ms {}", method.empty() ? "-" : method, LoggedPath(target), status,
                     bytes, std::chrono::duration<double, std::milli>(elapsed).count(), remote);
    }
}

Server::Server(ServerOptions options, Router router)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(router))) {}

Server::~Server() = default;

void Server::SetErrorRenderer(ErrorRenderer renderer) { impl_->error_renderer = std::move(renderer); }

void Server::InstallSignalHandlers() {
    impl_->signals.emplace(impl_->control, SIGINT, SIGTERM);
    impl_->signals->async_wait([impl = impl_.get()](beast::error_code ec, int signal_number) {
        if (ec) return;
        spdlog::info("http: signal {} received, stopping", signal_number);
        impl->Stop();
    });
}

Status Server::Start() { return impl_->Start(); }

unsigned short Server::port() const { return impl_->bound_port; }

void Server::Run() { impl_->Run(); }

void Server::Stop() { impl_->Stop(); }

const Metrics& Server::metrics() const { return impl_->metrics; }

}  // namespace juo::http
