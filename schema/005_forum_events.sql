-- 005 the places where medical care, welfare and administration meet (DESIGN §2 "Forum and
-- meetings", "Events", "Peer support", "Programmes", "Plan"; seed §1, §3, §4 ②③, §5): meetings of
-- the consultation forum and its groups with attendance, reviewed cases and action items; trainings
-- and exchange meetings; the peer-supporter registry with assignments and activity; the city's
-- and prefecture's programmes; the plan's strengths and challenges per fiscal year.
--
-- A reviewed case's discussion and decision are case data: they are shown only to those who may
-- see the case (src/domain/access.c). Everything else here is the municipality's own record.

CREATE TABLE meeting (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  kind              text NOT NULL CHECK (kind IN ('forum', 'subcommittee', 'working_group', 'liaison',
                      'case_conference')),
  title             text NOT NULL,
  held_on           text NOT NULL,          -- the day, planned or held
  starts_at         text,                   -- HH:MM
  ends_at           text,                   -- HH:MM, after starts_at
  place             text,
  ward_code         text REFERENCES ward (code),  -- NULL: city-wide
  status            text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'cancelled')),
  goal_setting      integer NOT NULL DEFAULT 0,   -- the meeting set goals (目標設定)
  evaluation        integer NOT NULL DEFAULT 0,   -- the meeting evaluated them (評価)
  minutes           text,
  series_id         integer REFERENCES meeting (id),  -- the first meeting of a series made together
  created_by        integer NOT NULL REFERENCES app_user (id),
  created_at        integer NOT NULL,
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX meeting_day ON meeting (held_on, id);

-- Who came: an organisation of the directory, or a group without one (当事者, 家族), by sector.
CREATE TABLE meeting_attendance (
  id              integer PRIMARY KEY,
  meeting_id      integer NOT NULL REFERENCES meeting (id),
  organisation_id integer REFERENCES organisation (id),
  label           text,                     -- when no organisation: "当事者", "家族会" …
  sector          text NOT NULL CHECK (sector IN ('health', 'psychiatric', 'medical_other', 'welfare',
                    'care', 'person', 'family', 'housing', 'other')),
  head_count      integer NOT NULL CHECK (head_count >= 1 AND head_count <= 500),
  CHECK ((organisation_id IS NULL) <> (label IS NULL))
);
CREATE INDEX meeting_attendance_meeting ON meeting_attendance (meeting_id);

-- Cases a meeting reviewed; discussion and decision follow the case's access rule.
CREATE TABLE meeting_case (
  id          integer PRIMARY KEY,
  meeting_id  integer NOT NULL REFERENCES meeting (id),
  case_id     integer NOT NULL REFERENCES support_case (id),
  discussion  text NOT NULL,
  decision    text,
  user_id     integer NOT NULL REFERENCES app_user (id),
  UNIQUE (meeting_id, case_id)
);

-- What a meeting asked an organisation to do; on the owner's dashboard until done.
CREATE TABLE action_item (
  id              integer PRIMARY KEY,
  meeting_id      integer NOT NULL REFERENCES meeting (id),
  body            text NOT NULL,
  owner_org_id    integer NOT NULL REFERENCES organisation (id),
  due_on          text NOT NULL,
  done_on         text,
  done_by         integer REFERENCES app_user (id),
  CHECK ((done_on IS NULL) = (done_by IS NULL))
);
CREATE INDEX action_item_owner ON action_item (owner_org_id, done_on, due_on);

-- Trainings, exchange meetings and awareness events.
CREATE TABLE event (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  kind              text NOT NULL CHECK (kind IN ('elderly_field_training', 'peer_training_basic',
                      'peer_training_advanced', 'peer_exchange', 'agent_training', 'awareness', 'other')),
  title             text NOT NULL,
  held_on           text NOT NULL,          -- the day, planned or held
  starts_at         text,
  ends_at           text,
  place             text,
  ward_code         text REFERENCES ward (code),  -- NULL: city-wide
  co_host           text,                   -- 静岡県, 静岡中部宅建協会 …
  status            text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'postponed',
                      'cancelled')),
  status_reason     text,                   -- why postponed or cancelled (the seed's COVID)
  lecturers         text,
  materials         text,
  outcome           text,                   -- 具体的な成果
  created_by        integer NOT NULL REFERENCES app_user (id),
  created_at        integer NOT NULL,
  CHECK ((status IN ('postponed', 'cancelled')) = (status_reason IS NOT NULL)),
  CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX event_day ON event (held_on, id);
CREATE INDEX event_kind ON event (kind, held_on);

CREATE TABLE event_participation (
  event_id   integer NOT NULL REFERENCES event (id),
  sector     text NOT NULL CHECK (sector IN ('health', 'psychiatric', 'medical_other', 'welfare',
               'care', 'person', 'family', 'housing', 'other')),
  head_count integer NOT NULL CHECK (head_count >= 1 AND head_count <= 5000),
  PRIMARY KEY (event_id, sector)
);

-- An agent training's firms: recording one writes the firm's agent_training row with the event.
ALTER TABLE agent_training ADD COLUMN event_id integer REFERENCES event (id);

-- Peer supporters (ピアサポーター) the city knows, with their training.
CREATE TABLE peer_supporter (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  name              text NOT NULL,
  organisation_id   integer REFERENCES organisation (id),   -- their peer group
  user_id           integer UNIQUE REFERENCES app_user (id),  -- their login (role peer), if any
  level             text NOT NULL CHECK (level IN ('none', 'basic', 'advanced')),
  trained_on        text,                   -- the latest training completed
  active            integer NOT NULL DEFAULT 1,
  created_at        integer NOT NULL,
  CHECK ((level = 'none') = (trained_on IS NULL))
);

-- A peer supporter working with a case: only while the case's peer_support consent is in force.
CREATE TABLE peer_assignment (
  id         integer PRIMARY KEY,
  peer_id    integer NOT NULL REFERENCES peer_supporter (id),
  case_id    integer NOT NULL REFERENCES support_case (id),
  from_on    text NOT NULL,
  until_on   text,
  CHECK (until_on IS NULL OR until_on >= from_on)
);
CREATE INDEX peer_assignment_case ON peer_assignment (case_id);
CREATE INDEX peer_assignment_peer ON peer_assignment (peer_id, until_on);

CREATE TABLE peer_activity (
  id            integer PRIMARY KEY,
  assignment_id integer NOT NULL REFERENCES peer_assignment (id),
  done_on       text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('visit', 'accompany', 'phone', 'group', 'other')),
  minutes       integer NOT NULL CHECK (minutes >= 1 AND minutes <= 1440),
  note          text,
  user_id       integer NOT NULL REFERENCES app_user (id),
  created_at    integer NOT NULL
);
CREATE INDEX peer_activity_assignment ON peer_activity (assignment_id, done_on);

-- The city's and the prefecture's programmes (取組の経緯), by fiscal year.
CREATE TABLE programme (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  name              text NOT NULL,
  implementer       text NOT NULL CHECK (implementer IN ('city', 'prefecture', 'national', 'other')),
  commissioned_to   text,                   -- 各圏域の相談支援事業所に委託 …
  from_fy           integer NOT NULL CHECK (from_fy >= 1989 AND from_fy <= 2100),
  to_fy             integer CHECK (to_fy IS NULL OR to_fy >= from_fy),  -- NULL: continuing
  description       text,
  renamed_from      integer REFERENCES programme (id),
  UNIQUE (municipality_code, name, from_fy)
);

-- The plan: what the municipality is good at, and its challenges with policy and roles, per year.
CREATE TABLE plan_strength (
  municipality_code text NOT NULL REFERENCES municipality (code),
  fy                integer NOT NULL,
  body              text NOT NULL,
  PRIMARY KEY (municipality_code, fy)
);

CREATE TABLE plan_challenge (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  fy                integer NOT NULL,
  position          integer NOT NULL,       -- 1, 2 … as the sheet lists them
  title             text NOT NULL,          -- 多様な居住の場の確保
  policy            text NOT NULL,          -- 方針
  role_government   text,                   -- 行政
  role_medical      text,                   -- 医療
  role_welfare      text,                   -- 福祉
  role_other        text,                   -- その他関係機関・住民等
  UNIQUE (municipality_code, fy, position)
);
