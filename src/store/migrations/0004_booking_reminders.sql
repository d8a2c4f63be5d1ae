-- JUO schema, version 4: the reminder e-mail sent the day before a tour, once per booking.
ALTER TABLE booking ADD COLUMN reminded_at TEXT;
