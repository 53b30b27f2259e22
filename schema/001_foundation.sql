-- 001 foundation: the directory (municipality, wards, organisations, users), sessions, login
-- throttling, settings and the hash-chained audit log. Portable SQL (DESIGN §5): integer epoch
-- seconds for instants, ISO-8601 text for dates.

CREATE TABLE municipality (
  code        text PRIMARY KEY,           -- 6-digit 全国地方公共団体コード, e.g. 221007
  name        text NOT NULL,              -- 静岡市
  forum_scope text NOT NULL DEFAULT 'city' CHECK (forum_scope IN ('city', 'ward'))
);

CREATE TABLE ward (
  code              text PRIMARY KEY,     -- 6-digit code, e.g. 221015
  municipality_code text NOT NULL REFERENCES municipality (code),
  name              text NOT NULL
);

CREATE TABLE organisation (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  name              text NOT NULL,
  kind              text NOT NULL,        -- see src/domain/directory.c for the values
  sector            text NOT NULL,        -- medical, welfare, government, elderly, housing, peer, other
  ward_code         text REFERENCES ward (code),
  active            integer NOT NULL DEFAULT 1,
  UNIQUE (municipality_code, name)
);

CREATE TABLE app_user (
  id              integer PRIMARY KEY,
  login           text NOT NULL UNIQUE,
  display_name    text NOT NULL,
  organisation_id integer NOT NULL REFERENCES organisation (id),
  role            text NOT NULL CHECK (role IN ('admin', 'city', 'counselor', 'hospital',
                    'provider', 'elderly', 'peer', 'agent', 'auditor')),
  password_hash   text NOT NULL,          -- argon2id string from libsodium
  lang            text NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en')),
  disabled        integer NOT NULL DEFAULT 0,
  created_at      integer NOT NULL
);

-- Only a hash of the session token is stored: a copy of the database opens no session.
CREATE TABLE session (
  token_hash  blob PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user (id),
  csrf        text NOT NULL,
  created_at  integer NOT NULL,
  seen_at     integer NOT NULL
);
CREATE INDEX session_user ON session (user_id);

-- Failed logins, per account and per address, for throttling. Old rows are pruned on insert.
CREATE TABLE login_failure (
  id       integer PRIMARY KEY,
  key_kind text NOT NULL CHECK (key_kind IN ('login', 'addr')),
  key      text NOT NULL,
  at       integer NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (key_kind, key, at);

CREATE TABLE setting (
  key   text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO setting (key, value) VALUES
  ('session_idle_seconds', '900'),
  ('session_absolute_seconds', '28800'),
  ('login_max_failures_per_login', '5'),
  ('login_max_failures_per_addr', '20'),
  ('login_failure_window_seconds', '900');

-- The audit log: append-only, each row's hash covers its fields and the previous row's hash.
-- Never names or free text: who (user id and role), what (action, object type and id), where
-- (address). audit_head keeps the count and last hash so that cutting rows off the end shows.
CREATE TABLE audit_log (
  id          integer PRIMARY KEY,
  at          integer NOT NULL,
  user_id     integer,
  role        text,
  action      text NOT NULL,
  object_type text,
  object_id   text,
  addr        text,
  outcome     text NOT NULL,              -- ok, refused, failed
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);

CREATE TABLE audit_head (
  one        integer PRIMARY KEY CHECK (one = 1),
  last_id    integer NOT NULL,
  last_hash  text NOT NULL,
  row_count  integer NOT NULL
);
INSERT INTO audit_head (one, last_id, last_hash, row_count) VALUES (1, 0, '', 0);
