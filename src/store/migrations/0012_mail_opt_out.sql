-- JUO schema, version 12: the addresses that left a bulk e-mail list (issue 20, ADR 0014), by the
-- List-Unsubscribe link of a tour reminder or a survey invitation (mail/unsubscribe.h). One row per
-- address (trimmed, lower case) and list ('reminder', 'survey'); the senders of those e-mails skip
-- the addresses listed. Transactional e-mails (confirmations, cancellations, accounts) ignore it.
-- Plain types and a composite primary key: the same text on SQLite and PostgreSQL.
CREATE TABLE mail_opt_out (
  address TEXT NOT NULL,
  list TEXT NOT NULL CHECK (list IN ('reminder', 'survey')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (address, list)
);
