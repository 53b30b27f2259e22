-- bench/indicator_queries.sql — the SQL that indicator_compute() (src/domain/indicator.c) runs for
-- ONE WARD, which bench/indicators.sh runs bare in the sqlite3 CLI for every ward with the
-- parameters tsunagu binds, to compare with `tsunagu report indicators --ward all`.
--
-- Each statement follows a line "-- name: NAME from: FILE". The script joins FILE's adjacent C
-- string literals, collapses whitespace in both, and stops with an error when a statement's text
-- is not found there verbatim: a change to the SQL in C must be copied here, or the bench fails.
--
-- Per ward, in indicator_compute()'s order (the parameters are the script's, as indicator.c binds them):
--   admissions     once: $1 the ward, $2 April 1 of FY, $3 March 31 of FY+1 + 366 days
--   forum_kinds    once: $1 'forum_meeting_kinds'
--   forum_count,   for each meeting kind of that setting: $1 the kind, $2 April 1 of FY,
--   forum_heads    $3 March 31 of FY+1, $4 the ward
--   service_periods once: $1 April 1 of FY, $2 March 31 of FY+1, $3 the ward (the users of each
--                  service over the year and each month are counted in C)
--   event_count    for each of four event kinds (event_count_held in src/domain/event.c): $1 the
--                  kind, $2 April 1 of FY, $3 April 1 of FY+1, $4 the ward
-- The housing figures are city-wide: nothing runs for them with a ward.

-- name: admissions from: src/domain/indicator.c
SELECT d.person_id, d.admitted_on, d.discharged_on, d.discharge_destination, p.birth_date
  FROM admission d JOIN organisation o ON o.id = d.hospital_id JOIN person p ON p.id = d.person_id
 WHERE o.kind = 'psychiatric_hospital' AND p.ward_code = $1
   AND (d.discharged_on IS NULL OR d.discharged_on >= $2) AND d.admitted_on < $3
 ORDER BY d.person_id, d.admitted_on, d.id;

-- name: forum_kinds from: src/domain/indicator.c
SELECT value FROM setting WHERE key = $1;

-- name: forum_count from: src/domain/indicator.c
SELECT count(*), coalesce(sum(CASE WHEN goal_setting <> 0 OR evaluation <> 0 THEN 1 ELSE 0 END), 0)
  FROM meeting WHERE status = 'held' AND kind = $1 AND held_on >= $2 AND held_on <= $3
   AND ($4 = '' OR ward_code = $4);

-- name: forum_heads from: src/domain/indicator.c
SELECT x.sector, sum(x.head_count) FROM meeting_attendance x JOIN meeting m ON m.id = x.meeting_id
 WHERE m.status = 'held' AND m.kind = $1 AND m.held_on >= $2 AND m.held_on <= $3
   AND ($4 = '' OR m.ward_code = $4) GROUP BY x.sector;

-- name: service_periods from: src/domain/indicator.c
SELECT c.person_id, s.service, s.starts_on, coalesce(s.extended_to, s.ends_on)
  FROM service_period s JOIN support_case c ON c.id = s.case_id
  JOIN person p ON p.id = c.person_id WHERE s.starts_on <= $2
   AND coalesce(s.extended_to, s.ends_on) >= $1 AND p.ward_code = $3
 ORDER BY c.person_id;

-- name: event_count from: src/domain/event.c
SELECT count(*) FROM event WHERE kind = $1 AND status = 'held' AND held_on >= $2 AND held_on < $3
   AND ($4 = '' OR ward_code = $4);
