// Wiring of the server: store → catalogue → handlers → HTTP server, plus the refresh thread.
#include "cli/serve.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <functional>
#include <ostream>
#include <thread>

#include "auth/accounts.h"
#include "auth/csrf.h"
#include "auth/hashing_pool.h"
#include "auth/request_throttle.h"
#include "auth/rate_limiter.h"
#include "auth/sessions.h"
#include "booking/engine.h"
#include "booking/engine_metrics.h"
#include "booking/engine_rush.h"
#include "booking/manage_link.h"
#include "cli/cli.h"
#include "common/clock.h"
#include "common/paris_time.h"
#include "common/this_thread.h"
#include "http/server.h"
#include "mail/sender.h"
#include "refdata/geocoder.h"
#include "services/allocation_rounds.h"
#include "services/guest_intake.h"
#include "services/catalogue.h"
#include "services/db.h"
#include "services/host_digest.h"
#include "services/retention.h"
#include "services/waiting_room.h"
#include "store/db/connection_per_thread.h"
#include "store/db/database.h"
#include "web/kit/page_kit.h"
#include "web/public/waiting_room_pages.h"
#include "web/routes.h"
#include "web/upload_routes.h"

#ifndef JUO_DEFAULT_STATIC_DIR
#define JUO_DEFAULT_STATIC_DIR ""
#endif

namespace juo::cli {

namespace {

// Runs `task` on a thread of its own every `period` (also at once when `at_start`) until
// destroyed; the destructor wakes the thread and joins it.
class PeriodicTask {
 public:
    // `first_delay` (when positive) runs it once that long after the start, then every `period`.
    PeriodicTask(std::chrono::seconds period, bool at_start, std::function<void()> task,
                 std::chrono::seconds first_delay = std::chrono::seconds(0))
        : thread_([this, period, at_start, first_delay, task = std::move(task)] {
              NameThisThread("juo-tasks");
              std::unique_lock lock(mutex_);
              if (first_delay.count() > 0 && !wake_.wait_for(lock, first_delay, [this] { return stop_; }))
                  task();
              else if (at_start)
                  task();
              while (!wake_.wait_for(lock, period, [this] { return stop_; })) task();
          }) {}
    ~PeriodicTask() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }

 private:
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    std::thread thread_;
};

// Rebuilds the catalogue's index when the database changed (checked every `period`).
void RefreshCatalogue(store::Database& db, services::Catalogue& catalogue) {
    auto refreshed = catalogue.Refresh(db);
    if (!refreshed.ok())
        spdlog::warn("catalogue refresh failed: {}", refreshed.error().message);
    else if (*refreshed)
        spdlog::info("catalogue rebuilt: the data changed");
}

// Deletes the waiting room's old tickets (services/waiting_room.h), on the task thread's own
// connection (at start and every hour).
void PurgeOldTickets(const store::ConnectionPerThread& connections, const services::WaitingRoomOptions& options) {
    auto db = services::ThreadDb(connections);
    auto purged = db.ok() ? services::PurgeWaitingRoom(**db, options, static_cast<long long>(std::time(nullptr)))
                          : Result<long long>(db.error());
    if (!purged.ok())
        spdlog::warn("waiting room purge failed: {}", purged.error().message);
    else if (*purged > 0)
        spdlog::info("waiting room: {} old tickets purged", *purged);
}

// [block: retention (issue 21, docs/adr/0017)]
// The daily retention purge (services/retention.h) with the configured months, on the task
// thread's own connection: never on a handler thread, one transaction per edition and per kind.
void PurgeRetentionDaily(const store::ConnectionPerThread& connections, int months) {
    auto db = services::ThreadDb(connections);
    if (!db.ok()) {
        spdlog::warn("retention purge: {}", db.error().message);
        return;
    }
    const std::string now = NowUtcIso();
    auto cutoff = services::RetentionCutoff(ParisDateOf(now), months);
    if (!cutoff.ok()) {
        spdlog::warn("retention purge: {}", cutoff.error().message);
        return;
    }
    services::PurgeOptions options;
    options.before = *cutoff;
    options.now = now;
    options.actor_label = "system:juo serve";
    const auto started = std::chrono::steady_clock::now();
    auto report = services::PurgeRetention(**db, options);
    const long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                               started)
                             .count();
    if (!report.ok())
        spdlog::warn("retention purge failed after {} ms: {}", ms, report.error().message);
    else if (report->changed())
        spdlog::info("retention purge ({} months) in {} ms: {}", months, ms, report->Summary());
}

// Expired sessions and tokens, hourly (auth's SessionStore::PurgeExpired, also its cache).
void PurgeExpiredSessions(const store::ConnectionPerThread& connections, auth::SessionStore& sessions) {
    auto db = services::ThreadDb(connections);
    auto purged = db.ok() ? sessions.PurgeExpired(**db) : Result<long long>(db.error());
    if (!purged.ok())
        spdlog::warn("session purge failed: {}", purged.error().message);
    else if (*purged > 0)
        spdlog::info("sessions: {} expired sessions and tokens purged", *purged);
}
// [end of block: retention]

// Issue 19: the hosts' daily digests (services/host_digest.h), on the task thread's own connection.
void SendHostDigestsNow(const store::ConnectionPerThread& connections) {
    auto db = services::ThreadDb(connections);
    auto run = db.ok() ? services::SendHostDigests(**db, NowUtcIso()) : Result<services::HostDigestRun>(db.error());
    if (!run.ok())
        spdlog::warn("host digests failed: {}", run.error().message);
    else if (run->hosts > 0)
        spdlog::info("host digests: {} hosts, {} notices", run->hosts, run->notices);
}

// The 32 bytes of a 64-hex-digit secret (checked by ValidateServeConfig).
std::string FromHex(const std::string& hex) {
    std::string out;
    for (size_t i = 0; i + 1 < hex.size(); i += 2)
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    return out;
}

}  // namespace

int RunServe(const ServeConfig& config, std::ostream& out, std::ostream& err) {
    auto valid = ValidateServeConfig(config);
    if (!valid.ok()) return Fail(err, valid.error());
    auto db = store::Database::Open(config.db, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    // ValidateServeConfig refused a postgresql:// URL already; the opened database has the last word.
    if (config.demo && (*db)->dialect() != store::Dialect::kSqlite)
        return Fail(err, MakeError(ErrorCode::kInvalidArgument,
                                   "demo: demo mode is for a local SQLite demo, not a PostgreSQL database"));
    auto catalogue = services::Catalogue::Load(**db);
    if (!catalogue.ok()) return Fail(err, catalogue.error());
    const auto& geocoder = refdata::Geocoder::Default();

    // Accounts, bookings and their e-mails (issue 4, docs/adr/0003): one booking writer and one
    // outbox sender per process, each with its own connection.
    if (config.secret_hex.empty())
        spdlog::warn(
            "no security.secret (JUO_SECRET) configured: forms and e-mailed links signed with a random "
            "secret, void at restart");
    const std::string secret =
        config.secret_hex.empty() ? auth::CsrfSigner::NewSecret() : FromHex(config.secret_hex);
    auto csrf = auth::CsrfSigner::FromSecret(secret);
    // Issue 17: the bookings' manage links, signed with the same secret under their own purpose.
    const booking::ManageLinks manage_links(secret);
    // Issue 20: the List-Unsubscribe links of the reminders and surveys, signed with it too.
    const mail::UnsubscribeLinks unsubscribe_links(secret);
    if (!csrf.ok()) return Fail(err, csrf.error());
    auth::Accounts accounts;
    auth::SessionStore sessions;
    // Several app servers share a PostgreSQL database: they share the failed-login counts too.
    auth::RateLimitConfig rate_limits;
    rate_limits.shared = (*db)->dialect() == store::Dialect::kPostgresql;
    auth::LoginRateLimiter limiter(rate_limits);
    store::ConnectionPerThread connections(config.db);
    booking::EngineOptions engine_options;
    engine_options.db_url = config.db;
    engine_options.durable = config.durable;
    engine_options.offer_ttl = std::chrono::hours(config.offer_ttl_hours);
    engine_options.base_url = config.public_url;
    engine_options.max_queue = config.booking_max_queue;
    engine_options.manage_path = [&manage_links](long long id, const std::string& code) {
        return manage_links.Path(id, code);
    };
    engine_options.offer_links = &manage_links;  // a guest accepts a waiting-list offer by its link
    auto engine = booking::BookingEngine::Start(engine_options);
    if (!engine.ok()) return Fail(err, engine.error());
    mail::SenderOptions mail_options;
    mail_options.db_url = config.db;
    // The default maildir sits next to a SQLite file; a PostgreSQL server has no such place.
    mail_options.maildir = !config.maildir.empty() ? config.maildir
                           : (*db)->dialect() == store::Dialect::kSqlite ? (*db)->display_name() + ".maildir"
                                                                         : std::string("juo.maildir");
    mail_options.smtp_url = config.smtp_url;
    mail_options.smtp_user = config.smtp_user;
    mail_options.smtp_password = config.smtp_password;
    mail_options.from = config.mail_from;
    mail_options.public_url = config.public_url;
    mail_options.unsubscribe_secret = secret;
    // Issue 21 (docs/adr/0017): a sent e-mail keeps no body (no working link at rest), except in
    // demo mode, whose mailbox page shows the outbox.
    mail_options.keep_bodies = config.demo;
    auto sender = mail::OutboxSender::Open(mail_options);
    if (!sender.ok()) return Fail(err, sender.error());
    web::PeopleContext people{&accounts,     &sessions,    &limiter,          &*csrf,
                              engine->get(), &connections, config.public_url, config.secure_cookies,
                              config.tile_url, config.tile_attribution};
    // Issue 17: password hashes on a bounded pool of their own (one thread per core but one, kept
    // for bookings: docs/adr/0024; 64 waiting), and the sign-up and reset throttles, shared
    // through the database like the login limiter.
    auth::HashingPoolOptions hashing_options;
    hashing_options.threads = config.hash_threads > 0
                                  ? config.hash_threads
                                  : std::max(1, static_cast<int>(std::thread::hardware_concurrency()) - 1);
    // During a booking rush (50 commands a second or more on this instance) the hashes rest half
    // of the time (docs/adr/0024): on PostgreSQL, bookings kept 50–67 % of their rate under 4
    // clients signing up with the priority alone, 70–85 % with the rest.
    booking::EngineRush booking_rush([&engine] { return (*engine)->stats().commands; });
    hashing_options.busy = std::ref(booking_rush);
    auth::HashingPool hashing(hashing_options);
    auth::ThrottleConfig signup_limits = auth::ThrottleConfig::SignUp(), reset_limits = auth::ThrottleConfig::PasswordReset();
    auth::ThrottleConfig resend_limits = auth::ThrottleConfig::ConfirmationResend();
    signup_limits.shared = reset_limits.shared = resend_limits.shared = rate_limits.shared;
    auth::RequestThrottle signup_throttle(signup_limits), reset_throttle(reset_limits),
        resend_throttle(resend_limits);
    people.hashing = &hashing;
    // Sign-ups' write steps on one thread of their own (the pool class runs any job), and guest
    // bookings' on the guest intake's, in batches.
    auth::HashingPool write_steps(auth::HashingPoolOptions{1, 1024, 0, "juo-write-steps"});
    people.write_steps = &write_steps;
    people.tour_reuse_ms = 1000;
    people.signup_throttle = &signup_throttle;
    people.reset_throttle = &reset_throttle;
    people.resend_throttle = &resend_throttle;
    people.manage = &manage_links;
    people.unsubscribe = &unsubscribe_links;
    people.guest_limits.per_address = config.guest_per_address;
    people.guest_limits.per_client = config.guest_per_client;
    services::GuestIntakeOptions intake_options;
    intake_options.limits = people.guest_limits;
    services::GuestIntake guest_intake(connections, intake_options);
    people.guest_intake = &guest_intake;
    people.retention_months = config.retention_months;  // issue 21: shown on /organisation
    // Issue 18 (docs/adr/0021): allocation rounds on threads of their own, and the long work
    // aside (publications, whole-run reads) on two more; destroyed after the server, it waits for
    // a round still running (each is bounded by its time limit) and the works started.
    services::RoundRunner rounds(connections);
    people.rounds = &rounds;

    // The bilan pages read through a connection of their own (computations take a lock on it).
    auto bilans = services::BilanService::Open(config.db);
    if (!bilans.ok()) return Fail(err, bilans.error());
    // The waiting room of registration openings (docs/adr/0010).
    web::WaitingRoomConfig waiting_room;
    waiting_room.enabled = config.waiting_room;
    waiting_room.options.rate_per_second = config.waiting_room_rate;
    waiting_room.options.admitted_seconds = 60LL * config.waiting_room_admitted_minutes;
    waiting_room.options.refresh_seconds = config.waiting_room_refresh_seconds;
    waiting_room.engine_queue_threshold = config.waiting_room_engine_queue;
    waiting_room.quiet_reuse_ms = 1000;
    web::ConfigureWaitingRoom(waiting_room);
    http::Router router;
    web::RegisterRoutes(router, {people, catalogue->get(), &geocoder, bilans->get(), config.tile_url,
                                 config.tile_attribution, config.demo});

    http::ServerOptions options;
    options.host = config.host;
    options.port = config.port;
    // Cheap reads run inline on the I/O threads (docs/adr/0002): one per core by default.
    options.io_threads = config.io_threads > 0
                             ? config.io_threads
                             : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    options.handler_threads = config.handler_threads;
    options.max_queued_requests = config.max_queued_requests;
    options.retry_after_seconds = config.retry_after_seconds;
    options.max_body_bytes = static_cast<size_t>(config.max_body_bytes);
    // Issue 21: large bodies only on the upload routes (web/upload_routes.h), 1 MiB elsewhere.
    options.large_body_route = [](std::string_view method, std::string_view path) {
        return web::IsUploadRoute(method, path);
    };
    options.small_body_bytes = std::min(web::kSmallBodyBytes, options.max_body_bytes);
    options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
    options.static_dir = config.static_dir.empty() ? std::string(JUO_DEFAULT_STATIC_DIR) : config.static_dir;
    std::string tiles = TileOrigin(config.tile_url);
    options.trusted_proxies = config.trusted_proxies;
    options.more_metrics = [e = engine->get()] { return booking::RenderEngineMetrics(e->stats()); };
    options.content_security_policy = "default-src 'self'; img-src 'self' data: " + tiles +
                                      "; style-src 'self'; script-src 'self'; connect-src 'self'; "
                                      "frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    http::Server server(options, std::move(router));
    server.SetErrorRenderer(web::RenderErrorPage);
    auto started = server.Start();
    if (!started.ok()) return Fail(err, started.error());

    const auto& edition = (*catalogue)->Current()->edition();
    std::string host = config.host.find(':') != std::string::npos ? "[" + config.host + "]" : config.host;
    out << "JUO serves the " << edition.year << " edition (" << (*catalogue)->Current()->sites().size()
        << " open sites) from " << (*db)->display_name() << " on http://" << host << ":" << server.port()
        << "/ — Ctrl-C to stop. E-mails go to "
        << (mail_options.smtp_url.empty() ? mail_options.maildir : mail_options.smtp_url) << "." << std::endl;
    if (config.demo)
        out << "Demo mode: every e-mail is shown at http://" << host << ":" << server.port() << "/demo/courriels"
            << std::endl;
    {
        store::Database& refresh_db = **db;
        services::Catalogue& live_catalogue = **catalogue;
        PeriodicTask refresher(std::chrono::seconds(config.refresh_seconds), false,
                               [&refresh_db, &live_catalogue] { RefreshCatalogue(refresh_db, live_catalogue); });
        const services::WaitingRoomOptions purge_options = waiting_room.options;
        PeriodicTask purger(std::chrono::hours(1), true,
                            [&connections, purge_options] { PurgeOldTickets(connections, purge_options); });
        // [block: retention (issue 21)] Sessions hourly; the retention purge daily, first ten
        // minutes after the start (a short-lived demo or test server never purges its replica).
        PeriodicTask session_purger(std::chrono::hours(1), true,
                                    [&connections, &sessions] { PurgeExpiredSessions(connections, sessions); });
        std::optional<PeriodicTask> retention;
        if (config.retention_months > 0)
            retention.emplace(
                std::chrono::hours(24), false,
                [&connections, months = config.retention_months] { PurgeRetentionDaily(connections, months); },
                std::chrono::minutes(10));
        // [end of block: retention]
        // Issue 19: hosts' digests go out at 18:00 Paris; checked every five minutes.
        PeriodicTask host_digests(std::chrono::minutes(5), true,
                                  [&connections] { SendHostDigestsNow(connections); });
        (*sender)->Start();
        server.InstallSignalHandlers();
        server.Run();
    }
    (*engine)->Stop();  // executes what is queued
    (*sender)->Stop();
    out << "JUO stopped." << std::endl;
    return 0;
}

}  // namespace juo::cli
