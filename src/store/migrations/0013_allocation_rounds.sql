-- JUO schema, version 13: allocation rounds (issue 18, ADR 0021). A round runs on one app server's
-- thread; its job row is where every server reads its progress (stage, fraction) and its end (the
-- draft run, or the error). At most one running round per edition: a partial unique index, so that
-- two servers starting a round at once cannot both succeed. A job whose server died stays
-- 'running' with an old heartbeat (updated_at): readers call it abandoned, and the next start marks
-- it so before inserting its own.
-- A run keeps its settings (the bus model, the limits, the seed, pins and exclusions, as
-- "key=value" lines), its proof (bound, optimal, the bound's source, the method), first-come's
-- buses on the same requests, and for each request the English explanation and where first-come
-- would have placed it: the page shows the run beside first-come without solving again.
-- Plain ADD COLUMN and a partial index: the same text on SQLite and PostgreSQL.
CREATE TABLE allocation_job (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed', 'abandoned')),
  stage TEXT NOT NULL,
  fraction DOUBLE PRECISION NOT NULL DEFAULT 0,
  settings TEXT NOT NULL,
  time_limit_seconds DOUBLE PRECISION NOT NULL,
  run_id INTEGER REFERENCES allocation_run(id),
  error TEXT,
  error_fr TEXT,
  started_by INTEGER REFERENCES app_user(id),
  started_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE UNIQUE INDEX allocation_job_one_running ON allocation_job(edition_id) WHERE state = 'running';
CREATE INDEX allocation_job_edition ON allocation_job(edition_id, id);

ALTER TABLE allocation_run ADD COLUMN settings TEXT;
ALTER TABLE allocation_run ADD COLUMN bound DOUBLE PRECISION;
ALTER TABLE allocation_run ADD COLUMN optimal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE allocation_run ADD COLUMN bound_source TEXT;
ALTER TABLE allocation_run ADD COLUMN method_text TEXT;
ALTER TABLE allocation_run ADD COLUMN guarantee_cost_pupils DOUBLE PRECISION;
ALTER TABLE allocation_run ADD COLUMN first_come_buses INTEGER;
ALTER TABLE allocation_run ADD COLUMN first_come_cost_cents BIGINT;

ALTER TABLE allocation_assignment ADD COLUMN explanation_en TEXT;
ALTER TABLE allocation_assignment ADD COLUMN first_come_session_id INTEGER REFERENCES session(id);
