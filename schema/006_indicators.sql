-- 006 the municipality's indicators and its status-sharing sheet (自治体状況共有シート; DESIGN §3–§4,
-- seed §1–§5, issue 6): the indicators the city sets itself — computed from the records by one of
-- the named computations of INDICATORS.md, or entered by hand — with, per fiscal year, the baseline
-- (現状値), the target (目標値) for the end of a target year, the actual (実績値), the outcome text
-- (具体的な成果・効果), the expected outcome (見込んでいる成果・効果) and the published national figures
-- beside them; and the sheet's own texts per fiscal year.
--
-- A computed indicator's baseline and actual are never stored: they are computed whenever shown
-- (src/domain/indicator_set.c refuses them). Nothing here is personal data.

CREATE TABLE indicator (
  id                integer PRIMARY KEY,
  municipality_code text NOT NULL REFERENCES municipality (code),
  position          integer NOT NULL CHECK (position >= 1 AND position <= 99),  -- ① ② … on the sheet
  name              text NOT NULL,          -- 宅建との制度を活用したケースの積み上げ
  computation       text,                   -- a code of indicator_codes[]; NULL: entered by hand
  ward_code         text REFERENCES ward (code),  -- the computation over one ward; NULL: the city
  unit              text NOT NULL DEFAULT '',     -- 件, 回, 人, %, 日
  active            integer NOT NULL DEFAULT 1,   -- 0: kept for the past years, no longer set
  created_at        integer NOT NULL,
  CHECK (computation IS NOT NULL OR ward_code IS NULL),
  UNIQUE (municipality_code, name)
);

-- One fiscal year of an indicator: what was set at the start of fy, for the end of target_fy.
CREATE TABLE indicator_year (
  indicator_id    integer NOT NULL REFERENCES indicator (id),
  fy              integer NOT NULL CHECK (fy >= 2000 AND fy <= 2100),
  target_fy       integer NOT NULL,
  baseline_value  real,                     -- entered indicators only (現状値, start of fy)
  baseline_text   text,
  target_value    real,                     -- 目標値 at the end of target_fy
  target_text     text,                     -- a target in words: 宅建協会員への研修会の開催・運用開始
  actual_value    real,                     -- entered indicators only (実績値, end of target_fy)
  actual_text     text,                     -- コロナの影響で研修会・運用開始は未定
  outcome_text    text,                     -- 具体的な成果・効果
  expected_text   text,                     -- 見込んでいる成果・効果
  national_value  real,                     -- the published national figure, for comparison
  national_target real,                     -- the national plan's target
  national_note   text,                     -- where they come from: 第7期障害福祉計画 …
  updated_by      integer NOT NULL REFERENCES app_user (id),
  updated_at      integer NOT NULL,
  PRIMARY KEY (indicator_id, fy),
  CHECK (target_fy >= fy AND target_fy <= fy + 10),
  CHECK (target_value IS NOT NULL OR target_text IS NOT NULL)
);

-- The sheet's texts per fiscal year: the lead paragraph, §1's 取組内容 and §2's overview.
CREATE TABLE sheet_text (
  municipality_code text NOT NULL REFERENCES municipality (code),
  fy                integer NOT NULL CHECK (fy >= 2000 AND fy <= 2100),
  section           text NOT NULL CHECK (section IN ('lead', 'basic', 'overview')),
  body              text NOT NULL,
  updated_by        integer NOT NULL REFERENCES app_user (id),
  updated_at        integer NOT NULL,
  PRIMARY KEY (municipality_code, fy, section)
);
