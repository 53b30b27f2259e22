-- 002 persons, admissions and support cases (DESIGN §2 "Persons", "Cases", "Trial stays").
-- Names and free text live only in these tables, never in the audit log or the server log.

CREATE TABLE person (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  external_id       text UNIQUE,          -- the city's own id, keys CSV re-imports
  family_name       text NOT NULL,
  given_name        text NOT NULL,
  family_kana       text NOT NULL,        -- katakana after NFKC
  given_kana        text NOT NULL,
  kana_key          text NOT NULL,        -- family+given kana folded (jp_kana_key): sort and search
  name_key          text NOT NULL,        -- family+given name after NFKC, no spaces: search
  birth_date        text NOT NULL,        -- YYYY-MM-DD
  sex               text NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
  ward_code         text REFERENCES ward (code),
  handbook_grade    text NOT NULL DEFAULT 'none' CHECK (handbook_grade IN ('none', '1', '2', '3')),
  support_category  text NOT NULL DEFAULT 'none'
                      CHECK (support_category IN ('none', '1', '2', '3', '4', '5', '6')),
  public_assistance integer NOT NULL DEFAULT 0,
  guardian          text NOT NULL DEFAULT 'none'
                      CHECK (guardian IN ('none', 'guardian', 'curator', 'assistant')),
  registered_by     integer REFERENCES organisation (id),  -- may see the person before a case
  created_at        integer NOT NULL,
  updated_at        integer NOT NULL
);
CREATE INDEX person_kana ON person (kana_key, id);
CREATE INDEX person_name ON person (name_key, id);
CREATE INDEX person_ward ON person (ward_code, kana_key, id);

CREATE TABLE admission (
  id                    integer PRIMARY KEY,
  person_id             integer NOT NULL REFERENCES person (id),
  hospital_id           integer NOT NULL REFERENCES organisation (id),
  admitted_on           text NOT NULL,
  admission_type        text NOT NULL CHECK (admission_type IN
                          ('voluntary', 'medical_protection', 'involuntary', 'emergency', 'other')),
  discharged_on         text,            -- NULL: still in hospital
  discharge_destination text CHECK (discharge_destination IN
                          ('home', 'group_home', 'rental', 'facility', 'hospital', 'death', 'other')),
  created_at            integer NOT NULL,
  CHECK (discharged_on IS NULL OR discharged_on >= admitted_on),
  CHECK ((discharged_on IS NULL) = (discharge_destination IS NULL))
);
CREATE INDEX admission_person ON admission (person_id, admitted_on);
CREATE INDEX admission_hospital ON admission (hospital_id, admitted_on);
CREATE INDEX admission_open ON admission (discharged_on, admitted_on);

-- A support case: one person's way from hospital to a settled community life.
CREATE TABLE support_case (
  id            integer PRIMARY KEY,
  person_id     integer NOT NULL REFERENCES person (id),
  lead_org_id   integer NOT NULL REFERENCES organisation (id),  -- who leads: usually the counsellor
  stage         text NOT NULL CHECK (stage IN ('referred', 'assessing', 'planning', 'transitioning',
                  'housing', 'discharged', 'settling', 'closed')),
  close_reason  text CHECK (close_reason IN ('settled', 'readmitted', 'moved', 'died', 'withdrawn')),
  opened_on     text NOT NULL,
  closed_on     text,
  created_by    integer NOT NULL REFERENCES app_user (id),
  created_at    integer NOT NULL,
  CHECK ((stage = 'closed') = (close_reason IS NOT NULL))
);
CREATE INDEX support_case_person ON support_case (person_id);
CREATE INDEX support_case_stage ON support_case (stage, id);
CREATE INDEX support_case_lead ON support_case (lead_org_id, id);

CREATE TABLE case_stage_change (
  id          integer PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES support_case (id),
  from_stage  text,                      -- NULL when the case opened
  to_stage    text NOT NULL,
  changed_on  text NOT NULL,             -- the date it happened
  user_id     integer NOT NULL REFERENCES app_user (id),
  at          integer NOT NULL
);
CREATE INDEX case_stage_change_case ON case_stage_change (case_id, id);

CREATE TABLE care_team_member (
  id              integer PRIMARY KEY,
  case_id         integer NOT NULL REFERENCES support_case (id),
  organisation_id integer NOT NULL REFERENCES organisation (id),
  team_role       text NOT NULL CHECK (team_role IN ('hospital_psw', 'counselor', 'group_home',
                    'visiting_nurse', 'care_manager', 'peer_supporter', 'day_service', 'family',
                    'city', 'other')),
  added_on        text NOT NULL,
  removed_on      text,
  UNIQUE (case_id, organisation_id, team_role)
);
CREATE INDEX care_team_org ON care_team_member (organisation_id, case_id);

CREATE TABLE service_period (
  id                integer PRIMARY KEY,
  case_id           integer NOT NULL REFERENCES support_case (id),
  service           text NOT NULL CHECK (service IN ('transition', 'settlement',
                      'independent_living', 'group_home', 'living_training', 'planning')),
  provider_id       integer REFERENCES organisation (id),
  starts_on         text NOT NULL,
  ends_on           text NOT NULL,
  extended_to       text,              -- 地域移行支援 may be extended once
  monitoring_months integer,           -- 計画相談支援: months between monitorings
  CHECK (ends_on >= starts_on)
);
CREATE INDEX service_period_case ON service_period (case_id);
CREATE INDEX service_period_end ON service_period (ends_on);

CREATE TABLE support_record (
  id          integer PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES support_case (id),
  recorded_on text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('visit', 'phone', 'meeting', 'accompany', 'outreach', 'other')),
  minutes     integer NOT NULL CHECK (minutes >= 0 AND minutes <= 1440),
  body        text NOT NULL,
  user_id     integer NOT NULL REFERENCES app_user (id),
  created_at  integer NOT NULL
);
CREATE INDEX support_record_case ON support_record (case_id, recorded_on);

CREATE TABLE goal (
  id          integer PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES support_case (id),
  body        text NOT NULL,
  set_on      text NOT NULL,
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'dropped')),
  reviewed_on text
);
CREATE INDEX goal_case ON goal (case_id);

-- Consents decide who outside the care team's own organisations may see the case.
CREATE TABLE consent (
  id          integer PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES support_case (id),
  scope       text NOT NULL CHECK (scope IN ('housing_agents', 'elderly_field', 'peer_support',
                'liaison_meeting')),
  granted_on  text NOT NULL,
  expires_on  text,
  revoked_on  text,
  user_id     integer NOT NULL REFERENCES app_user (id),
  CHECK (expires_on IS NULL OR expires_on >= granted_on)
);
CREATE INDEX consent_case ON consent (case_id, scope);

CREATE TABLE follow_up (
  id                    integer PRIMARY KEY,
  case_id               integer NOT NULL REFERENCES support_case (id),
  admission_id          integer NOT NULL REFERENCES admission (id),
  months                integer NOT NULL CHECK (months IN (1, 3, 6, 12)),
  due_on                text NOT NULL,
  done_on               text,
  living_in_community   integer,
  readmitted            integer,
  treatment_continuing  integer,
  UNIQUE (admission_id, months)
);
CREATE INDEX follow_up_due ON follow_up (done_on, due_on);

-- 地域生活体験支援事業: experience rooms in group homes, and bookings of them.
CREATE TABLE trial_room (
  id              integer PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES organisation (id),
  name            text NOT NULL,
  active          integer NOT NULL DEFAULT 1,
  UNIQUE (organisation_id, name)
);

CREATE TABLE trial_booking (
  id          integer PRIMARY KEY,
  room_id     integer NOT NULL REFERENCES trial_room (id),
  case_id     integer NOT NULL REFERENCES support_case (id),
  starts_on   text NOT NULL,           -- first night
  ends_on     text NOT NULL,           -- the morning of leaving: nights = ends_on - starts_on
  status      text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled', 'done')),
  outcome     text,
  user_id     integer NOT NULL REFERENCES app_user (id),
  created_at  integer NOT NULL,
  CHECK (ends_on > starts_on)
);
CREATE INDEX trial_booking_room ON trial_booking (room_id, starts_on);
CREATE INDEX trial_booking_case ON trial_booking (case_id, starts_on);

INSERT INTO setting (key, value) VALUES ('trial_stay_nights_per_year', '50');
