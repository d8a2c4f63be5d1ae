-- JUO schema, version 10: guest bookings (docs/adr/0011-guest-booking.md). A guest is an app_user
-- row without a password whose address is not confirmed; nothing new is needed for it. What is
-- new: the guest bookings made per client (the IP address, an IPv6 address by its /64), counted
-- in the database so that the per-client limit holds across several app servers. Rows older than
-- the limit's window are deleted as new ones arrive: the table holds the last hour only.
CREATE TABLE guest_booking_attempt (
  id {{pk}},
  client_key TEXT NOT NULL,   -- 'ip:' + the address, or 'ip6:' + the /64 prefix
  attempted_at INTEGER NOT NULL  -- Unix time, seconds
);
CREATE INDEX guest_booking_attempt_key ON guest_booking_attempt(client_key, attempted_at);
CREATE INDEX guest_booking_attempt_time ON guest_booking_attempt(attempted_at);
-- The per-address limit counts a user's live party bookings of an edition.
CREATE INDEX booking_user_edition ON booking(user_id, edition_id, status);
