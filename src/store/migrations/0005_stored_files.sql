-- JUO schema, version 5: uploaded files (a site's photo, the teaching kit's PDFs) kept in the
-- database, so that every app server behind the proxy serves the same file (ADR 0007). The bytes
-- are base64 text: the same column type and the same code on SQLite and PostgreSQL.
CREATE TABLE stored_file (
  id {{pk}},
  sha256 TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
  width INTEGER,
  height INTEGER,
  original_name TEXT,
  content_base64 TEXT NOT NULL,
  uploaded_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
ALTER TABLE site ADD COLUMN photo_file_id INTEGER REFERENCES stored_file(id);
-- When the host last changed the site's profile or photo: the public catalogue reloads after it.
ALTER TABLE site ADD COLUMN updated_at TEXT;
ALTER TABLE teaching_kit_document ADD COLUMN file_id INTEGER REFERENCES stored_file(id);
ALTER TABLE teaching_kit_document ADD COLUMN created_at TEXT;
