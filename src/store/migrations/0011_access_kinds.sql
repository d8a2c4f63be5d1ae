-- JUO schema, version 11: the five kinds of disability of the national accessibility
-- nomenclature (motor, visual, hearing, mental, psychic; domain/accessibility.h). Two already had
-- a column and keep it, with its data: wheelchair_access is "motor" and hearing_access is
-- "hearing". The three others start at 0 (not declared) for every existing site, so that no site
-- claims a welcome its host never stated. Plain ADD COLUMN with a constant default: the same text
-- on SQLite and PostgreSQL, and no table rewrite on either.
ALTER TABLE site ADD COLUMN visual_access INTEGER NOT NULL DEFAULT 0;
ALTER TABLE site ADD COLUMN mental_access INTEGER NOT NULL DEFAULT 0;
ALTER TABLE site ADD COLUMN psychic_access INTEGER NOT NULL DEFAULT 0;
