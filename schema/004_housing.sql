-- 004 the housing referral system (住宅あっせんシステム; DESIGN §2 "Housing referral", seed §4 ①
-- and §5 challenge 1): agent firms of the real-estate association that completed the training and
-- cooperate, their vacancies, housing requests sent from a case, the support-structure sheet
-- (支援体制確認シート) the agents see instead of the case, proposals, progress to moving in,
-- tenancy concerns and the agents' feedback.
--
-- Agents never read person, support_case or any casework table: what they see of a request is
-- the sheet's allow-listed fields (src/domain/support_sheet.c), and only while the person's
-- housing_agents consent is in force.

-- A cooperating agent firm: an organisation of kind real_estate, with what the association and
-- the city know of it.
CREATE TABLE agent_firm (
  organisation_id integer PRIMARY KEY REFERENCES organisation (id),
  member_no       text NOT NULL UNIQUE,   -- 宅建協会 member number
  contact_name    text NOT NULL,          -- the person at the firm the city deals with
  phone           text NOT NULL,
  email           text,
  created_at      integer NOT NULL
);

CREATE TABLE agent_firm_ward (
  organisation_id integer NOT NULL REFERENCES agent_firm (organisation_id),
  ward_code       text NOT NULL REFERENCES ward (code),
  PRIMARY KEY (organisation_id, ward_code)
);

-- Trainings a firm completed (the association's training on mental disorders and the scheme).
-- A date now; the events area links the event later.
CREATE TABLE agent_training (
  id              integer PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES agent_firm (organisation_id),
  trained_on      text NOT NULL,
  attendees       integer NOT NULL DEFAULT 1 CHECK (attendees >= 1 AND attendees <= 100),
  title           text NOT NULL,
  user_id         integer NOT NULL REFERENCES app_user (id),
  created_at      integer NOT NULL
);
CREATE INDEX agent_training_org ON agent_training (organisation_id, trained_on);

-- Periods of active cooperation; the open one has until_on NULL. A period starts only after a
-- training (checked in src/domain/agent.c). Kept as periods so that "cooperating at the end of
-- a fiscal year" can be answered for any past year (INDICATORS.md housing_agents_cooperating).
CREATE TABLE agent_cooperation (
  id              integer PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES agent_firm (organisation_id),
  from_on         text NOT NULL,
  until_on        text,
  CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE UNIQUE INDEX agent_cooperation_open ON agent_cooperation (organisation_id) WHERE until_on IS NULL;

-- A vacancy an agent offers through the scheme.
CREATE TABLE listing (
  id                integer PRIMARY KEY,
  organisation_id   integer NOT NULL REFERENCES agent_firm (organisation_id),
  ward_code         text NOT NULL REFERENCES ward (code),
  address           text NOT NULL,        -- as advertised (town, block, building)
  rent              integer NOT NULL CHECK (rent > 0),               -- yen a month
  fees              integer NOT NULL DEFAULT 0 CHECK (fees >= 0),    -- 管理費・共益費 a month
  deposit           integer NOT NULL DEFAULT 0 CHECK (deposit >= 0), -- 敷金, yen
  key_money         integer NOT NULL DEFAULT 0 CHECK (key_money >= 0), -- 礼金, yen
  layout            text NOT NULL,        -- src/domain/listing.c listing_layouts
  floor             integer NOT NULL CHECK (floor >= 1 AND floor <= 60),
  lift              integer NOT NULL DEFAULT 0,
  access_kind       text NOT NULL CHECK (access_kind IN ('station', 'bus')),
  access_name       text NOT NULL,        -- the station or bus stop
  access_minutes    integer NOT NULL CHECK (access_minutes >= 0 AND access_minutes <= 120), -- on foot
  guarantor         text NOT NULL CHECK (guarantor IN ('company', 'person', 'either', 'none')),
  public_assistance integer NOT NULL DEFAULT 0,  -- takes tenants on 生活保護 within the housing allowance
  available_from    text NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'held', 'contracted', 'withdrawn')),
  note              text,                 -- the agent's remarks
  created_at        integer NOT NULL,
  updated_at        integer NOT NULL
);
CREATE INDEX listing_org ON listing (organisation_id, status, id);
CREATE INDEX listing_status ON listing (status, ward_code);

-- A housing request written from a case, sent to one or more cooperating firms.
CREATE TABLE housing_request (
  id              integer PRIMARY KEY,
  case_id         integer NOT NULL REFERENCES support_case (id),
  budget          integer NOT NULL CHECK (budget > 0),   -- yen a month, rent and fees together
  move_by         text,                                  -- hoped moving-in date
  agent_note      text,                 -- what the counsellor tells the agents (they see it)
  status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'viewing', 'application',
                    'contract', 'moved_in', 'declined')),
  listing_id      integer REFERENCES listing (id),      -- the flat applied for, contracted, moved into
  decline_reason  text CHECK (decline_reason IN ('landlord_refused', 'person_declined', 'rent',
                    'location', 'other')),
  moved_in_on     text,
  created_by      integer NOT NULL REFERENCES app_user (id),
  created_at      integer NOT NULL,
  CHECK ((status = 'declined') = (decline_reason IS NOT NULL)),
  CHECK ((status = 'moved_in') = (moved_in_on IS NOT NULL))
);
CREATE INDEX housing_request_case ON housing_request (case_id, id);
CREATE INDEX housing_request_moved ON housing_request (status, moved_in_on);

CREATE TABLE housing_request_ward (
  request_id integer NOT NULL REFERENCES housing_request (id),
  ward_code  text NOT NULL REFERENCES ward (code),
  PRIMARY KEY (request_id, ward_code)
);

CREATE TABLE housing_request_condition (
  request_id integer NOT NULL REFERENCES housing_request (id),
  condition  text NOT NULL CHECK (condition IN ('ground_floor', 'lift', 'near_transport',
               'no_guarantor', 'public_assistance')),
  PRIMARY KEY (request_id, condition)
);

-- To whom a request went.
CREATE TABLE housing_request_agent (
  request_id      integer NOT NULL REFERENCES housing_request (id),
  organisation_id integer NOT NULL REFERENCES agent_firm (organisation_id),
  sent_on         text NOT NULL,
  PRIMARY KEY (request_id, organisation_id)
);
CREATE INDEX housing_request_agent_org ON housing_request_agent (organisation_id, request_id);

-- Every move of a request, for its timeline.
CREATE TABLE housing_request_step (
  id          integer PRIMARY KEY,
  request_id  integer NOT NULL REFERENCES housing_request (id),
  from_status text,                       -- NULL when written
  to_status   text NOT NULL,
  listing_id  integer REFERENCES listing (id),
  on_date     text NOT NULL,
  user_id     integer NOT NULL REFERENCES app_user (id),
  at          integer NOT NULL
);
CREATE INDEX housing_request_step_request ON housing_request_step (request_id, id);

-- The support-structure sheet of a request: what the counsellor writes for the agent and the
-- landlord. The tenant's name and age band, the office and the counsellor's organisation come
-- from the case; nothing else of the case ever does.
CREATE TABLE support_sheet (
  request_id        integer PRIMARY KEY REFERENCES housing_request (id),
  contact_24h_name  text NOT NULL,        -- who picks up the phone at any hour
  contact_24h_phone text NOT NULL,
  counselor_name    text NOT NULL,
  counselor_phone   text NOT NULL,
  clinic_name       text,                 -- shown only when clinic_consented
  clinic_consented  integer NOT NULL DEFAULT 0,
  visiting_nurse    text,
  day_activity      text,
  visit_frequency   text,                 -- how often supporters visit
  safety_check      text,                 -- 見守り: who checks and how often
  rent_payment      text NOT NULL CHECK (rent_payment IN ('guarantee_company', 'direct_payment',
                      'self', 'other')),
  guarantee_company text,
  money_management  text NOT NULL CHECK (money_management IN ('self', 'family',
                      'daily_life_support', 'guardian', 'other')),
  emergency_plan    text NOT NULL,        -- what happens in an emergency
  moving_out_plan   text NOT NULL,        -- what happens on moving out (belongings, settling up)
  updated_by        integer NOT NULL REFERENCES app_user (id),
  updated_at        integer NOT NULL
);

-- Flats agents propose for a request; the counsellor arranges viewings.
CREATE TABLE housing_proposal (
  id          integer PRIMARY KEY,
  request_id  integer NOT NULL REFERENCES housing_request (id),
  listing_id  integer NOT NULL REFERENCES listing (id),
  note        text,                       -- the agent's note to the counsellor
  viewing_on  text,                       -- arranged by the counsellor
  proposed_by integer NOT NULL REFERENCES app_user (id),
  proposed_at integer NOT NULL,
  UNIQUE (request_id, listing_id)
);

-- Where a case's person lives now: written when a request reaches moved-in (or by hand later).
CREATE TABLE residence (
  id          integer PRIMARY KEY,
  case_id     integer NOT NULL REFERENCES support_case (id),
  address     text NOT NULL,
  ward_code   text REFERENCES ward (code),
  moved_in_on text NOT NULL,
  request_id  integer REFERENCES housing_request (id),  -- through the scheme
  created_at  integer NOT NULL
);
CREATE INDEX residence_case ON residence (case_id, moved_in_on);

-- A concern an agent raises about a tenancy made through the scheme; it stays on the care team's
-- dashboards until someone acknowledges it, and how it was handled is recorded.
CREATE TABLE tenancy_concern (
  id              integer PRIMARY KEY,
  request_id      integer NOT NULL REFERENCES housing_request (id),
  organisation_id integer NOT NULL REFERENCES agent_firm (organisation_id),
  kind            text NOT NULL CHECK (kind IN ('rent_arrears', 'neighbour', 'no_contact', 'health', 'other')),
  body            text NOT NULL,
  raised_by       integer NOT NULL REFERENCES app_user (id),
  raised_at       integer NOT NULL,
  acknowledged_by integer REFERENCES app_user (id),
  acknowledged_at integer,
  handling        text,                   -- the care team's note; never shown to agents
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX tenancy_concern_open ON tenancy_concern (acknowledged_at, request_id);
CREATE INDEX tenancy_concern_request ON tenancy_concern (request_id, id);

-- Improvement feedback from agents (seed §5: keep finding improvements while operating).
CREATE TABLE agent_feedback (
  id              integer PRIMARY KEY,
  organisation_id integer NOT NULL REFERENCES agent_firm (organisation_id),
  user_id         integer NOT NULL REFERENCES app_user (id),
  topic           text NOT NULL CHECK (topic IN ('training', 'sheet', 'requests', 'contact', 'other')),
  body            text NOT NULL,
  created_at      integer NOT NULL
);
CREATE INDEX agent_feedback_time ON agent_feedback (created_at);

-- The monthly housing allowance of public assistance (生活保護 住宅扶助) for one person: matching
-- checks listings against it when a request asks for public assistance. The city sets its own.
INSERT INTO setting (key, value) VALUES ('public_assistance_rent_limit', '37000');
