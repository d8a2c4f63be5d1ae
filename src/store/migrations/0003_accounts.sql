-- Accounts: e-mail confirmation / password-reset tokens and server-side login sessions
-- (docs/adr/0006-accounts-and-sessions.md). Secrets are never stored: only the SHA-256 (hex) of
-- a token or of a session id, so a leaked database cannot be replayed as links or cookies.

-- A single-use token sent by e-mail: confirm the address, or reset the password.
CREATE TABLE auth_token (
  id {{pk}},
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('confirm_email', 'reset_password')),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX auth_token_user ON auth_token(user_id, purpose);
CREATE INDEX auth_token_expiry ON auth_token(expires_at);

-- A signed-in browser or API client; expires after an idle period (sliding expiry).
CREATE TABLE auth_session (
  id {{pk}},
  id_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  user_agent TEXT
);
CREATE INDEX auth_session_user ON auth_session(user_id);
CREATE INDEX auth_session_expiry ON auth_session(expires_at);
