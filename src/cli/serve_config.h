// The configuration of `juo serve`: defaults, then a TOML file (--config or JUO_CONFIG), then
// JUO_* environment variables, then command-line flags, each overriding the one before.
//
//   # juo.toml: every key, with its default (or an example) and its variable. A key outside
//   # this list, or under another [section], is refused with its name. The test
//   # ServeConfig.TheSampleInThisHeaderParses reads this sample.
//   db = "./juo.db"                # JUO_DB: a SQLite file or postgresql://USER:PASSWORD@HOST/DB
//   listen = "127.0.0.1:8080"      # JUO_LISTEN   ("[::1]:8080" for IPv6)
//   static_dir = "build/default/static"   # JUO_STATIC_DIR (default: the build's static folder)
//   io_threads = 2                 # JUO_IO_THREADS (1..64; default: the number of cores)
//   handler_threads = 2            # JUO_HANDLER_THREADS (1..64)
//   hash_threads = 1               # JUO_HASH_THREADS (1..64): password hashes at once; default:
//                                  # one per core but one, kept for bookings (docs/adr/0024)
//   refresh_seconds = 2            # JUO_REFRESH_SECONDS (1..3600): how often the catalogue
//                                  # checks for changes
//   public_url = "http://localhost:8080"   # JUO_PUBLIC_URL: the site's address, for e-mails' links
//   demo = false                   # JUO_DEMO=1, --demo: demo mode (a local SQLite demo only): a
//                                  # banner on every page and the e-mails on screen at /demo/courriels
//   [map]
//   tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"   # JUO_TILE_URL
//   tile_attribution = "© les contributeurs d'OpenStreetMap"      # JUO_TILE_ATTRIBUTION
//   [limits]
//   max_body_bytes = 12582912      # JUO_MAX_BODY_BYTES: the upload routes' bound (10 MiB PDFs);
//                                  # every other route takes at most 1 MiB (web/upload_routes.h)
//   read_timeout_seconds = 15      # JUO_READ_TIMEOUT_SECONDS: for a request to arrive, and how
//                                  # long an idle kept-alive connection stays open (nginx's
//                                  # upstream keepalive_timeout must be shorter: docs/deploy.md)
//   max_queued_requests = 256      # JUO_MAX_QUEUED_REQUESTS: requests waiting for a handler
//                                  # thread; more get 503 + Retry-After at once
//   retry_after_seconds = 5        # JUO_RETRY_AFTER_SECONDS: the Retry-After of every 503
//   [mail]
//   maildir = "/var/lib/juo/mail"  # JUO_MAILDIR (default: the database's path + ".maildir")
//   smtp_url = "smtp://relay.example.fr:587"   # JUO_SMTP_URL: send by SMTP instead (smtps://
//                                  # too); the password only from JUO_SMTP_PASSWORD
//   smtp_user = "juo"              # JUO_SMTP_USER
//   from = "Journées Usines Ouvertes <no-reply@juo.localhost>"   # JUO_MAIL_FROM
//   [security]
//   # secret = "…"                 # JUO_SECRET: 64 hex digits signing forms and links; set it
//                                  # (the same on every instance), or forms and e-mailed links
//                                  # die at each restart
//   secure_cookies = false         # JUO_SECURE_COOKIES=0|1: cookies marked Secure (behind TLS)
//   trusted_proxies = ["127.0.0.1", "::1"]   # JUO_TRUSTED_PROXIES (comma-separated): proxies
//                                  # whose X-Forwarded-For names the client (default: none)
//   [bookings]
//   durable = true                 # JUO_DURABLE=0|1: each booking commit synced to disk
//   offer_ttl_hours = 24           # JUO_OFFER_TTL_HOURS (1..336): a waiting-list offer's hold
//   guest_per_address = 4          # live guest bookings per e-mail address and edition (1..100)
//   guest_per_client = 10          # JUO_GUEST_PER_CLIENT: guest bookings per client (IP, IPv6
//                                  # /64) and hour
//   max_queue = 4096               # JUO_BOOKING_MAX_QUEUE: commands waiting for the booking
//                                  # engine; more get 503 + Retry-After at once
//   [waiting_room]                 # docs/adr/0010
//   enabled = true                 # JUO_WAITING_ROOM=0|1
//   rate_per_second = 50           # JUO_WAITING_ROOM_RATE: visitors let through per second
//                                  # (0.1..100000)
//   engine_queue_threshold = 512   # JUO_WAITING_ROOM_ENGINE_QUEUE: engages when the engine's
//                                  # queue is longer (0: never for that reason)
//   admitted_minutes = 30          # how long a visitor let through passes (1..1440)
//   refresh_seconds = 15           # how often the room's page reloads itself (5..300)
//   [retention]
//   months = 13                    # JUO_RETENTION_MONTHS: personal data kept this long after an
//                                  # edition's last day (juo purge, the daily purge of juo serve);
//                                  # 0: no daily purge (juo purge then needs --before)
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "common/result.h"

namespace juo::cli {

struct ServeConfig {
    std::string db = "./juo.db";
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string static_dir;  // empty: the build's static folder
    int io_threads = 0;      // 0: one per core
    int handler_threads = 2;
    int hash_threads = 0;  // 0: max(1, cores - 1)
    int refresh_seconds = 2;
    std::string tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    std::string tile_attribution = "© les contributeurs d'OpenStreetMap";
    long long max_body_bytes = 12 << 20;
    int read_timeout_seconds = 15;
    // Accounts, bookings and e-mail (issue 4).
    std::string public_url = "http://localhost:8080";  // the site's address, for links in e-mails
    std::string maildir;                               // empty: DB path + ".maildir"
    std::string smtp_url;                              // set: send by SMTP instead of the maildir
    std::string smtp_user, smtp_password;              // the password from JUO_SMTP_PASSWORD only
    std::string mail_from = "Journées Usines Ouvertes <no-reply@juo.localhost>";
    std::string secret_hex;        // 64 hex digits signing forms and e-mailed links; empty: random per start
    bool secure_cookies = false;   // cookies marked Secure (behind TLS)
    // Reverse proxies whose X-Forwarded-For names the client (nginx: "127.0.0.1", "::1"), so that
    // the login rate limit counts clients, not the proxy (http/client_address.h).
    std::vector<std::string> trusted_proxies;
    bool durable = true;           // fsync each booking commit
    int offer_ttl_hours = 24;      // how long a waiting-list offer holds places
    // Guest bookings (issue 17, docs/adr/0011): live party bookings per e-mail and edition, and
    // guest bookings per client (IP, IPv6 /64) and hour. A benchmark from one address raises the latter.
    int guest_per_address = 4;
    int guest_per_client = 10;
    // Demo mode (issue 22): the outbox readable by anyone at /demo/courriels and a banner saying so
    // on every page. Refused on PostgreSQL: a production database's e-mails are personal data.
    bool demo = false;
    // [block: bounded queues and waiting room (issue 17)]
    int max_queued_requests = 256;  // handler pool's queue, beyond the running handlers
    int retry_after_seconds = 5;
    int booking_max_queue = 4096;   // the booking engine's queue
    bool waiting_room = true;
    double waiting_room_rate = 50;
    int waiting_room_engine_queue = 512;
    int waiting_room_admitted_minutes = 30;
    int waiting_room_refresh_seconds = 15;
    // [end of block: bounded queues and waiting room]
    // [block: retention (issue 21, docs/adr/0017)]
    int retention_months = 13;  // 0: the daily purge is off
    // [end of block: retention]
};

// Parses "HOST:PORT", "[v6]:PORT" or ":PORT" into host and port (0..65535).
Status ParseListen(std::string_view text, ServeConfig* config);

// Applies a TOML document. kInvalidArgument naming the key (or the TOML parse error with its line).
Status ApplyToml(std::string_view toml_text, ServeConfig* config);

// Applies the JUO_* variables present in `env`. kInvalidArgument naming the variable.
Status ApplyEnvironment(const std::map<std::string, std::string>& env, ServeConfig* config);

// Checks the whole configuration: ranges, an http(s) tile URL with {z}/{x}/{y}, demo mode only
// on a SQLite file (kInvalidArgument "demo mode is for a local SQLite demo…" on a postgresql:// URL).
Status ValidateServeConfig(const ServeConfig& config);

// The host part of the tile URL ("https://tile.openstreetmap.org"), for the CSP's img-src.
std::string TileOrigin(const std::string& tile_url);

}  // namespace juo::cli
