-- JUO schema, version 7: failed logins counted in the database, so that the login rate limit
-- (auth/rate_limiter.h) holds across several app servers on one PostgreSQL instead of applying
-- per server. Rows older than the limit's window (15 minutes) are deleted as new ones arrive:
-- the table holds the last minutes of failures only.
CREATE TABLE login_failure (
  id {{pk}},
  limit_key TEXT NOT NULL,  -- 'e:' + the normalised e-mail, or 'i:' + the client's IP address
  failed_at INTEGER NOT NULL  -- Unix time, seconds
);
CREATE INDEX login_failure_key ON login_failure(limit_key, failed_at);
CREATE INDEX login_failure_time ON login_failure(failed_at);
