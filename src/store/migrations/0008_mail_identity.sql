-- JUO schema, version 8: the installation's own random token for e-mail, stored by the first
-- outbox sender (mail/sender.cc, store/mail/outbox.h) and kept. Every Message-ID carries it
-- ("<outbox-42.3f9a0c…@domain>"): row 42 of two installations never shares a Message-ID, and a
-- row sent again after a failed or doubtful delivery keeps its own. One row only.
CREATE TABLE mail_identity (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  created_at TEXT NOT NULL
);
