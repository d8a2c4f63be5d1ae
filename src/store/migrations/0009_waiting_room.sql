-- JUO schema, version 9: the waiting room of registration openings (services/waiting_room.h,
-- docs/adr/0010). One row per opening (an edition's registration_opens_at): whether the tickets
-- taken before it were drawn, the last rank handed out (the sequence every app server shares)
-- and the admission pace. One row per ticket: only the SHA-256 of its cookie token is kept.
CREATE TABLE waiting_room (
  opening TEXT PRIMARY KEY,  -- the edition's registration_opens_at, a UTC ISO instant
  opens_at BIGINT NOT NULL,  -- the same instant in Unix seconds
  drawn INTEGER NOT NULL DEFAULT 0,  -- 1 once the tickets taken before the opening were ranked
  last_rank BIGINT NOT NULL DEFAULT 0,  -- the highest rank handed out so far
  base_rank BIGINT NOT NULL DEFAULT 0,  -- admitted: ranks up to base_rank + rate * (now - base_at)
  base_at BIGINT NOT NULL  -- Unix seconds
);
CREATE TABLE waiting_ticket (
  id {{pk}},
  opening TEXT NOT NULL REFERENCES waiting_room(opening) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  draw BIGINT,  -- the random key of a ticket taken before the opening (its place is drawn by it)
  queue_rank BIGINT,  -- the place in line from 1; NULL until the draw
  arrived_at BIGINT NOT NULL,  -- Unix seconds
  admitted_at BIGINT  -- Unix seconds, when first let through
);
CREATE INDEX waiting_ticket_draw ON waiting_ticket(opening, draw);
CREATE UNIQUE INDEX waiting_ticket_rank ON waiting_ticket(opening, queue_rank);
CREATE INDEX waiting_ticket_arrived ON waiting_ticket(arrived_at);
