-- JUO schema, version 1: every aggregate of MISSION.md.
-- Portable SQL for SQLite 3.40 and PostgreSQL 15. The only dialect placeholder is {{pk}}, the
-- auto-generated integer primary key. Conventions: instants are TEXT in UTC ISO-8601
-- ('2025-04-04T07:30:00Z'); calendar dates are TEXT 'YYYY-MM-DD' and local times 'HH:MM'
-- (Europe/Paris); money is integer cents; booleans are INTEGER 0/1; distances are kilometres.

CREATE TABLE edition (
  id {{pk}},
  year INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  target_sites INTEGER,
  target_visitors INTEGER,
  registration_opens_at TEXT,
  registration_closes_at TEXT,
  max_party_size INTEGER NOT NULL DEFAULT 6 CHECK (max_party_size > 0),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed', 'archived')),
  created_at TEXT NOT NULL
);

-- Reference list of audiences; codes are used in code as enum values.
CREATE TABLE audience (
  code TEXT PRIMARY KEY,
  name_fr TEXT NOT NULL,
  name_en TEXT NOT NULL
);
INSERT INTO audience (code, name_fr, name_en) VALUES ('school', 'Scolaires', 'Schools');
INSERT INTO audience (code, name_fr, name_en) VALUES ('public', 'Grand public', 'General public');
INSERT INTO audience (code, name_fr, name_en) VALUES ('job_seekers', 'France Travail', 'Job-seekers');

-- The days of an edition and who each admits (Friday: schools and job-seekers; Saturday: public).
CREATE TABLE edition_day (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  day_date TEXT NOT NULL,
  UNIQUE (edition_id, day_date)
);
CREATE TABLE edition_day_audience (
  edition_day_id INTEGER NOT NULL REFERENCES edition_day(id) ON DELETE CASCADE,
  audience TEXT NOT NULL REFERENCES audience(code),
  PRIMARY KEY (edition_day_id, audience)
);

CREATE TABLE organisation (
  id {{pk}},
  name TEXT NOT NULL,
  siret TEXT UNIQUE,
  created_at TEXT NOT NULL
);

-- A factory site: permanent across editions; it takes part in an edition through participation.
CREATE TABLE site (
  id {{pk}},
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  name TEXT NOT NULL,
  siret TEXT,
  naf_code TEXT NOT NULL,
  naf_division TEXT NOT NULL,
  address TEXT NOT NULL,
  postcode TEXT NOT NULL,
  commune_code TEXT NOT NULL,
  commune_name TEXT NOT NULL,
  department_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  wheelchair_access INTEGER NOT NULL DEFAULT 0,
  hearing_access INTEGER NOT NULL DEFAULT 0,
  accessibility_notes TEXT,
  safety_rules TEXT,
  description TEXT,
  min_age INTEGER,
  created_at TEXT NOT NULL
);
CREATE INDEX site_department ON site(department_code);
CREATE INDEX site_division ON site(naf_division);

CREATE TABLE participation (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES site(id),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'changes_requested', 'approved', 'refused', 'withdrawn')),
  submitted_at TEXT,
  decided_at TEXT,
  UNIQUE (edition_id, site_id)
);

-- One tour at a site at a given time. places_taken/groups_taken are maintained by the capacity
-- engine in the same transaction as the bookings they count.
CREATE TABLE session (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES site(id),
  day_date TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  capacity_people INTEGER NOT NULL CHECK (capacity_people > 0),
  capacity_groups INTEGER NOT NULL DEFAULT 0 CHECK (capacity_groups >= 0),
  places_taken INTEGER NOT NULL DEFAULT 0 CHECK (places_taken >= 0),
  groups_taken INTEGER NOT NULL DEFAULT 0 CHECK (groups_taken >= 0),
  min_level TEXT,
  min_age INTEGER,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('draft', 'open', 'closed', 'cancelled')),
  CHECK (places_taken <= capacity_people),
  CHECK (ends_at > starts_at)
);
CREATE INDEX session_edition_day ON session(edition_id, day_date);
CREATE INDEX session_site ON session(site_id);

CREATE TABLE session_audience (
  session_id INTEGER NOT NULL REFERENCES session(id) ON DELETE CASCADE,
  audience TEXT NOT NULL REFERENCES audience(code),
  PRIMARY KEY (session_id, audience)
);

-- Schools: no pupil names anywhere; a class is a headcount.
CREATE TABLE school (
  id {{pk}},
  uai TEXT UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('college', 'lycee', 'lycee_pro', 'cfa', 'higher', 'other')),
  commune_code TEXT NOT NULL,
  commune_name TEXT NOT NULL,
  department_code TEXT NOT NULL,
  region_code TEXT NOT NULL,
  latitude DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  priority_education TEXT NOT NULL DEFAULT 'none' CHECK (priority_education IN ('none', 'rep', 'rep_plus')),
  rural INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE app_user (
  id {{pk}},
  email TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT,
  email_confirmed_at TEXT,
  organisation_id INTEGER REFERENCES organisation(id),
  school_id INTEGER REFERENCES school(id),
  locale TEXT NOT NULL DEFAULT 'fr',
  created_at TEXT NOT NULL,
  deleted_at TEXT
);

-- A user's roles; a regional relay is scoped to departments (one row per department).
CREATE TABLE user_role (
  id {{pk}},
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('visitor', 'teacher', 'adviser', 'host', 'relay', 'organiser')),
  department_code TEXT,
  site_id INTEGER REFERENCES site(id),
  UNIQUE (user_id, role, department_code, site_id)
);

-- A class (teacher) or a job-seeker group (France Travail adviser) asking for a Friday visit.
CREATE TABLE group_request (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  requester_user_id INTEGER REFERENCES app_user(id),
  school_id INTEGER REFERENCES school(id),
  audience TEXT NOT NULL REFERENCES audience(code),
  level TEXT NOT NULL,
  pupils INTEGER NOT NULL CHECK (pupils > 0),
  adults INTEGER NOT NULL CHECK (adults >= 0),
  bus_needed INTEGER NOT NULL DEFAULT 0,
  radius_km DOUBLE PRECISION CHECK (radius_km IS NULL OR radius_km > 0),
  latitude DOUBLE PRECISION NOT NULL,
  longitude DOUBLE PRECISION NOT NULL,
  department_code TEXT NOT NULL,
  first_time INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'waitlisted', 'refused', 'cancelled')),
  message TEXT,
  submitted_at TEXT NOT NULL,
  decided_at TEXT
);
CREATE INDEX group_request_edition ON group_request(edition_id, status);

-- Ranked wishes: a precise session, or a site (any of its sessions).
CREATE TABLE group_request_wish (
  request_id INTEGER NOT NULL REFERENCES group_request(id) ON DELETE CASCADE,
  rank INTEGER NOT NULL CHECK (rank >= 1),
  session_id INTEGER REFERENCES session(id),
  site_id INTEGER REFERENCES site(id),
  PRIMARY KEY (request_id, rank),
  CHECK (session_id IS NOT NULL OR site_id IS NOT NULL)
);
CREATE INDEX group_request_wish_site ON group_request_wish(site_id);
CREATE INDEX group_request_wish_session ON group_request_wish(session_id);

-- "Any session within radius_km in these sectors".
CREATE TABLE group_request_sector (
  request_id INTEGER NOT NULL REFERENCES group_request(id) ON DELETE CASCADE,
  naf_division TEXT NOT NULL,
  PRIMARY KEY (request_id, naf_division)
);

-- A solved assignment of group requests to sessions and buses (draft until published).
CREATE TABLE allocation_run (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  method TEXT NOT NULL CHECK (method IN ('first_come', 'optimal', 'manual')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'discarded')),
  budget_cents BIGINT,
  max_buses INTEGER,
  objective DOUBLE PRECISION,
  gap DOUBLE PRECISION,
  summary TEXT,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  published_at TEXT
);

CREATE TABLE allocation_assignment (
  run_id INTEGER NOT NULL REFERENCES allocation_run(id) ON DELETE CASCADE,
  request_id INTEGER NOT NULL REFERENCES group_request(id) ON DELETE CASCADE,
  session_id INTEGER REFERENCES session(id),
  wish_rank INTEGER,
  explanation TEXT,
  PRIMARY KEY (run_id, request_id)
);

-- Places held at a session: a public party (Saturday) or an accepted group (Friday).
CREATE TABLE booking (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  session_id INTEGER NOT NULL REFERENCES session(id),
  kind TEXT NOT NULL CHECK (kind IN ('party', 'group')),
  audience TEXT NOT NULL REFERENCES audience(code),
  user_id INTEGER REFERENCES app_user(id),
  group_request_id INTEGER REFERENCES group_request(id),
  people INTEGER NOT NULL CHECK (people > 0),
  status TEXT NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  ticket_code TEXT NOT NULL UNIQUE,
  idempotency_key TEXT UNIQUE,
  created_at TEXT NOT NULL,
  cancelled_at TEXT
);
CREATE INDEX booking_session ON booking(session_id, status);
CREATE INDEX booking_edition ON booking(edition_id, status);
CREATE INDEX booking_user ON booking(user_id);

CREATE TABLE waitlist_entry (
  id {{pk}},
  session_id INTEGER NOT NULL REFERENCES session(id),
  user_id INTEGER REFERENCES app_user(id),
  group_request_id INTEGER REFERENCES group_request(id),
  people INTEGER NOT NULL CHECK (people > 0),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'offered', 'accepted', 'expired', 'left')),
  offer_expires_at TEXT,
  leave_token TEXT UNIQUE,
  created_at TEXT NOT NULL
);
CREATE INDEX waitlist_session ON waitlist_entry(session_id, status, id);

-- Attended headcount at the door; at most one check-in per booking.
CREATE TABLE check_in (
  id {{pk}},
  booking_id INTEGER NOT NULL UNIQUE REFERENCES booking(id),
  attended INTEGER NOT NULL CHECK (attended >= 0),
  checked_in_at TEXT NOT NULL,
  checked_in_by INTEGER REFERENCES app_user(id)
);

-- Buses financed by the organiser; one bus may carry several groups of one school.
CREATE TABLE bus (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  allocation_run_id INTEGER REFERENCES allocation_run(id),
  seats INTEGER NOT NULL CHECK (seats > 0),
  cost_cents BIGINT NOT NULL CHECK (cost_cents >= 0),
  distance_km DOUBLE PRECISION NOT NULL CHECK (distance_km >= 0),
  status TEXT NOT NULL DEFAULT 'booked' CHECK (status IN ('planned', 'booked', 'cancelled'))
);
CREATE TABLE bus_booking (
  bus_id INTEGER NOT NULL REFERENCES bus(id) ON DELETE CASCADE,
  booking_id INTEGER NOT NULL REFERENCES booking(id),
  PRIMARY KEY (bus_id, booking_id)
);

CREATE TABLE media_mention (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('print', 'web', 'broadcast')),
  outlet TEXT NOT NULL,
  title TEXT,
  published_on TEXT NOT NULL,
  url TEXT,
  department_code TEXT
);
CREATE INDEX media_edition ON media_mention(edition_id, kind);

CREATE TABLE social_mentions (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  network TEXT NOT NULL,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  mentions INTEGER NOT NULL CHECK (mentions >= 0)
);

CREATE TABLE survey (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  audience TEXT NOT NULL CHECK (audience IN ('hosts', 'teachers', 'visitors')),
  title TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'closed')),
  sent_at TEXT
);
-- code names a question the bilan reads ('satisfaction', 'open_again'); others may be NULL.
CREATE TABLE survey_question (
  id {{pk}},
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rating', 'yes_no', 'text')),
  code TEXT,
  text_fr TEXT NOT NULL,
  UNIQUE (survey_id, position)
);
CREATE TABLE survey_response (
  id {{pk}},
  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
  user_id INTEGER REFERENCES app_user(id),
  site_id INTEGER REFERENCES site(id),
  respondent_label TEXT,
  submitted_at TEXT NOT NULL
);
CREATE TABLE survey_answer (
  response_id INTEGER NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
  question_id INTEGER NOT NULL REFERENCES survey_question(id) ON DELETE CASCADE,
  rating INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  yes_no INTEGER CHECK (yes_no IS NULL OR yes_no IN (0, 1)),
  text_value TEXT,
  PRIMARY KEY (response_id, question_id)
);
CREATE INDEX survey_answer_question ON survey_answer(question_id);

CREATE TABLE quote (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  author_label TEXT NOT NULL,
  response_id INTEGER REFERENCES survey_response(id),
  published INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE internship_offer (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  site_id INTEGER NOT NULL REFERENCES site(id),
  kind TEXT NOT NULL CHECK (kind IN ('stage_3e', 'stage_seconde', 'apprentissage', 'other')),
  title TEXT NOT NULL,
  places INTEGER NOT NULL CHECK (places > 0),
  filled INTEGER NOT NULL DEFAULT 0 CHECK (filled >= 0),
  created_at TEXT NOT NULL,
  CHECK (filled <= places)
);

CREATE TABLE teaching_kit_document (
  id {{pk}},
  edition_id INTEGER NOT NULL REFERENCES edition(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  audience TEXT NOT NULL CHECK (audience IN ('pupils', 'teachers', 'both')),
  pages INTEGER NOT NULL CHECK (pages > 0),
  file_path TEXT,
  mime_type TEXT NOT NULL DEFAULT 'application/pdf',
  published INTEGER NOT NULL DEFAULT 0,
  downloads INTEGER NOT NULL DEFAULT 0
);

-- Who changed what, when. actor_user_id is NULL for the system (seed, scheduled jobs).
CREATE TABLE audit_log (
  id {{pk}},
  at TEXT NOT NULL,
  actor_user_id INTEGER REFERENCES app_user(id),
  actor_label TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id BIGINT,
  detail TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
