-- JUO schema, version 16: a host edits and deletes a published tour (issue 19 item 1), and may
-- take their e-mails as a daily digest.
-- session.updated_at: when a host last changed the tour (its day, times, capacities, audiences or
-- level) or deleted it; NULL for a tour never changed. The public catalogue's fingerprint reads
-- it, so that a new hour shows on every app server at its next refresh.
ALTER TABLE session ADD COLUMN updated_at TEXT;

-- Hosts' e-mails as a daily digest (issue 19 item 1): app_user.host_mail_digest says a host chose
-- one e-mail a day instead of one per event (a new group request, an allocation's groups, a
-- tour withdrawn, a group's cancellation). Their notices wait in host_notice until the digest,
-- which puts a host's into one e-mail and deletes them in the same transaction.
ALTER TABLE app_user ADD COLUMN host_mail_digest INTEGER NOT NULL DEFAULT 0 CHECK (host_mail_digest IN (0, 1));
CREATE TABLE host_notice (
  id {{pk}},
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  body_text TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX host_notice_user ON host_notice(user_id, id);
