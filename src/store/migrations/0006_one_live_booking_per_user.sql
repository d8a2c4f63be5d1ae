-- JUO schema, version 6: the rules "one booking per visitor and tour" and "one place on a tour's
-- waiting list per visitor", enforced by the database itself. The capacity engine checks them
-- before it writes; with several app servers on one PostgreSQL (ADR 0008) two servers can both
-- pass that check at the same instant, and these partial unique indexes make the second insert
-- fail instead (the engine then re-runs the command and answers "already booked").
-- A teacher may hold several group bookings (several classes) on one tour: parties only.
CREATE UNIQUE INDEX booking_one_party_per_user ON booking(session_id, user_id)
  WHERE status = 'confirmed' AND kind = 'party';
CREATE UNIQUE INDEX waitlist_one_live_entry_per_user ON waitlist_entry(session_id, user_id)
  WHERE status IN ('waiting', 'offered') AND group_request_id IS NULL;
