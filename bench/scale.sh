#!/usr/bin/env bash
# City-scale benchmark (issue 3): do the list pages stay fast at 300,000 persons? Generates a
# fictional city with bench/gen_city.c (300,000 persons, ~330,000 admissions, 20,000 support
# cases), imports it through the real CLI into a fresh demo database, prints the query plans of
# the SQL behind the list pages, then measures each page against the same server's static
# stylesheet with wrk, in one run, so that the ratios mean something on any machine (DESIGN §8).
#
#   bench/scale.sh build/tsunagu         (what `make bench-scale` runs; needs cc, sqlite3, wrk, curl)
#
# Environment: DURATION (seconds per measurement, default 8), WARMUP (2), CONNECTIONS (32),
# THREADS (wrk threads, 2), SERVER_THREADS (serve --threads; its default when unset),
# SCALE_DB (a file: when it exists, a copy of it is measured instead of generating and importing
# again; when it does not, the generated database is saved there — for comparing binaries on the
# same data; it is never written to during the measurements).
# Everything listens on 127.0.0.1 only; the server is stopped by its PID and the temporary
# directory removed on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_init "${1:-build/tsunagu}" tsunagu-scale cc sqlite3 wrk curl od awk

duration=${DURATION:-8}
warmup=${WARMUP:-2}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
today=$(TZ=Asia/Tokyo date +%F) # the application's "today" (Japan time)

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
mib() { awk -v n="$1" 'BEGIN { printf "%.1f MiB", n / 1048576 }'; }
db=$tmp/city.db
q() { sqlite3 -batch -noheader "$db" "$@"; }

# ---- 1. the city's data ----------------------------------------------------------------------

echo "tsunagu scale: $("$bin" version) ($bin), $(nproc) cores, today $today"
if [[ -n ${SCALE_DB:-} && -f $SCALE_DB ]]; then
  cp "$SCALE_DB" "$db"
  echo "data: a copy of $SCALE_DB (generated earlier; SCALE_DB unset generates afresh)"
else
  cc -O2 -std=c11 -o "$tmp/gen_city" "$here/gen_city.c"
  t0=$(now)
  "$tmp/gen_city" "$today" "$tmp" >"$tmp/gen.out"
  t1=$(now)
  echo "generated in $(secs "$t0" "$t1") s: $(cat "$tmp/gen.out")"
  echo "  persons.csv $(mib "$(stat -c %s "$tmp/persons.csv")"), admissions.csv $(mib "$(stat -c %s "$tmp/admissions.csv")")"
  "$bin" demo --db "$db" --password "$password" >/dev/null
  t0=$(now)
  "$bin" import persons "$tmp/persons.csv" --db "$db" >"$tmp/import.out"
  t1=$(now)
  "$bin" import admissions "$tmp/admissions.csv" --db "$db" >>"$tmp/import.out"
  t2=$(now)
  # Cases, care teams, service periods, follow-ups and stage changes: there is no CSV import for
  # them, so the generated SQL goes in with the sqlite3 CLI, in one transaction. Bench data only.
  { echo "PRAGMA foreign_keys = ON; BEGIN;"; cat "$tmp/cases.sql"; echo "COMMIT;"; } | sqlite3 -bail "$db"
  t3=$(now)
  sed 's/^/  /' "$tmp/import.out"
  echo "import: persons $(secs "$t0" "$t1") s, admissions $(secs "$t1" "$t2") s (tsunagu import, wall clock);" \
    "cases and the rest $(secs "$t2" "$t3") s (sqlite3)"
  [[ -z $(q 'PRAGMA foreign_key_check') ]] || fail "the generated cases break a foreign key"
  q 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  if [[ -n ${SCALE_DB:-} ]]; then cp "$db" "$SCALE_DB"; echo "saved a copy as $SCALE_DB"; fi
fi
# Opening the database brings its schema up to this binary's (a copy saved by an older one may
# lack the newest indexes): the plans below must be the server's plans.
"$bin" user list --db "$db" >/dev/null
q 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
echo "database $(mib "$(stat -c %s "$db")"): $(q "SELECT 'person ' || (SELECT count(*) FROM person) ||
  ', admission ' || (SELECT count(*) FROM admission) || ', support_case ' || (SELECT count(*) FROM support_case) ||
  ', care_team_member ' || (SELECT count(*) FROM care_team_member) || ', service_period ' ||
  (SELECT count(*) FROM service_period) || ', follow_up ' || (SELECT count(*) FROM follow_up) ||
  ', audit_log ' || (SELECT count(*) FROM audit_log)")"
suruga=$(q "SELECT id FROM organisation WHERE name = '駿河区相談支援センターみらい'")
peer=$(q "SELECT id FROM organisation WHERE name = 'ピアサポートしずおか'")
elderly=$(q "SELECT id FROM organisation WHERE name = '駿河中部地域包括支援センター'")
provider=$(q "SELECT id FROM organisation WHERE name = 'グループホームひだまり'")
[[ -n $suruga && -n $peer && -n $elderly && -n $provider ]] || fail "one of the demo's organisations is missing"
seen_with_consent() {
  q "SELECT count(*) FROM support_case c WHERE EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id
    AND t.organisation_id = $1 AND t.removed_on IS NULL) AND EXISTS (SELECT 1 FROM consent k WHERE k.case_id = c.id
    AND k.scope = '$2' AND k.granted_on <= '$today' AND k.revoked_on IS NULL)"
}
echo "counselor-suruga's office may see $(q "SELECT count(*) FROM support_case c WHERE c.lead_org_id = $suruga OR EXISTS
  (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id AND t.organisation_id = $suruga AND t.removed_on IS NULL)")" \
  "of $(q 'SELECT count(*) FROM support_case') cases, the group home $(q "SELECT count(*) FROM support_case c WHERE
  c.lead_org_id = $provider OR EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id AND t.organisation_id =
  $provider AND t.removed_on IS NULL)"), the peer group $(seen_with_consent "$peer" peer_support)," \
  "the elderly-care centre $(seen_with_consent "$elderly" elderly_field)"

# ---- 2. the SQL behind the pages, and its plans --------------------------------------------

# Copied from src/domain (person.c person_search, case.c case_list, access.c, due.c due_list and
# monitorings) and assembled the way they assemble it: keep in step when those change.
PERSON_COLUMNS='p.id, p.external_id, p.family_name, p.given_name, p.family_kana, p.given_kana, p.birth_date, p.sex, p.ward_code, p.handbook_grade, p.support_category, p.public_assistance, p.guardian, p.registered_by, p.kana_key'
ON_TEAM='(c.lead_org_id = $20 OR EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id AND t.organisation_id = $20 AND t.removed_on IS NULL))'
PERSON_COUNSELOR="(p.registered_by = \$20 OR EXISTS (SELECT 1 FROM support_case c WHERE c.person_id = p.id AND $ON_TEAM))"
team_and_consent() { echo "(EXISTS (SELECT 1 FROM care_team_member t WHERE t.case_id = c.id AND t.organisation_id = \$20 AND t.removed_on IS NULL) AND EXISTS (SELECT 1 FROM consent k WHERE k.case_id = c.id AND k.scope = '$1' AND k.granted_on <= \$21 AND k.revoked_on IS NULL AND (k.expires_on IS NULL OR k.expires_on >= \$21)))"; }
CASE_PEER=$(team_and_consent peer_support)
PERSON_ELDERLY="EXISTS (SELECT 1 FROM support_case c WHERE c.person_id = p.id AND $(team_and_consent elderly_field))"
# access_case_candidates_sql / access_person_candidates_sql (provider, elderly, peer)
TEAM_CASES='SELECT c.id FROM support_case c WHERE c.lead_org_id = $20 UNION ALL SELECT t.case_id FROM care_team_member t WHERE t.organisation_id = $20 AND t.removed_on IS NULL'
CASE_CANDIDATES="c.id IN ($TEAM_CASES)"
PERSON_CANDIDATES="p.id IN (SELECT c.person_id FROM support_case c WHERE c.id IN ($TEAM_CASES) UNION ALL SELECT r.id FROM person r WHERE r.registered_by = \$20)"
top=$'\xf4\x8f\xbf\xbf' # U+10FFFF: a prefix is the range [key, key || U+10FFFF)
KEYSET=' AND (p.kana_key > $3 OR (p.kana_key = $3 AND p.id > $4)) ORDER BY p.kana_key, p.id LIMIT $5'
person_sql() { # access fragment, prefix column ("", p.kana_key, p.name_key), candidates or ""
  local s="SELECT $PERSON_COLUMNS FROM person p WHERE " rule=$1${3:+ AND $3}
  case $2 in
    p.kana_key) s+="$rule AND p.kana_key < \$1 || '$top'$KEYSET" ;; # $3: the cursor or the prefix
    p.name_key) s+="p.id IN (SELECT p.id FROM person p WHERE $rule AND p.name_key >= \$1 AND p.name_key < \$1 || '$top'$KEYSET) ORDER BY p.kana_key, p.id" ;;
    *) s+="$rule$KEYSET" ;;
  esac
  echo "$s"
}
CASE_SELECT="SELECT c.id, c.person_id, p.family_name || ' ' || p.given_name, p.family_kana || ' ' || p.given_kana, p.ward_code, c.lead_org_id, o.name, c.stage, c.close_reason, c.opened_on, c.closed_on FROM support_case c JOIN person p ON p.id = c.person_id JOIN organisation o ON o.id = c.lead_org_id"
case_sql() { echo "$CASE_SELECT WHERE $1 AND c.id < \$3${2:+ AND $2} ORDER BY c.id DESC LIMIT \$4"; }
due_sql() {
  local r=$1
  echo "SELECT f.due_on, 'follow_up', c.id, p.family_name || ' ' || p.given_name, CAST(f.months AS text) FROM follow_up f JOIN support_case c ON c.id = f.case_id JOIN person p ON p.id = c.person_id WHERE f.done_on IS NULL AND f.due_on <= \$2 AND c.stage <> 'closed' AND $r" \
    "UNION ALL SELECT COALESCE(sp.extended_to, sp.ends_on), 'service_end', c.id, p.family_name || ' ' || p.given_name, sp.service FROM service_period sp JOIN support_case c ON c.id = sp.case_id JOIN person p ON p.id = c.person_id WHERE COALESCE(sp.extended_to, sp.ends_on) BETWEEN \$1 AND \$3 AND c.stage <> 'closed' AND $r" \
    "UNION ALL SELECT b.starts_on, 'stay', c.id, p.family_name || ' ' || p.given_name, r.name FROM trial_booking b JOIN trial_room r ON r.id = b.room_id JOIN support_case c ON c.id = b.case_id JOIN person p ON p.id = c.person_id WHERE b.status = 'booked' AND b.starts_on BETWEEN \$1 AND \$4 AND $r" \
    "UNION ALL SELECT k.expires_on, 'consent_end', c.id, p.family_name || ' ' || p.given_name, k.scope FROM consent k JOIN support_case c ON c.id = k.case_id JOIN person p ON p.id = c.person_id WHERE k.revoked_on IS NULL AND k.granted_on <= \$1 AND k.expires_on BETWEEN \$1 AND \$3 AND c.stage <> 'closed' AND $r" \
    "ORDER BY 1, 3 LIMIT \$5"
}
monitoring_sql() { # read in case order until the dashboard's list is full: the cost below is all of it
  echo "SELECT c.id, p.family_name || ' ' || p.given_name, sp.starts_on, sp.monitoring_months FROM support_case c CROSS JOIN service_period sp CROSS JOIN person p WHERE sp.case_id = c.id AND p.id = c.person_id AND c.stage <> 'closed' AND $1 AND sp.service = 'planning' AND COALESCE(sp.extended_to, sp.ends_on) >= \$1 ORDER BY c.id, sp.starts_on DESC, sp.id DESC"
}

# The deep page: the keyset cursor of the 15,000th person in reading order (page 301 of 50).
deep_offset=15000
IFS='|' read -r deep_key deep_id < <(q "SELECT kana_key, id FROM person ORDER BY kana_key, id LIMIT 1 OFFSET $((deep_offset - 1))")
d14=$(date -d "$today +14 days" +%F) d30=$(date -d "$today +30 days" +%F) d7=$(date -d "$today +7 days" +%F)
sqlq() { printf "'%s'" "${1//\'/\'\'}"; }

# The plan and cost of one query (bench_plan in lib.sh); any SCAN of the four big tables is flagged.
plan() { # title, sql, then NAME=VALUE parameters
  local title=$1 sql=$2 kv sets=()
  shift 2
  for kv in "$@"; do sets+=(".parameter set ${kv%%=*} ${kv#*=}"); done
  bench_plan "$db" "$title" "$sql" 'p|person|ad|admission|c|support_case|t|care_team_member' 'full scan of a big table' "${sets[@]}"
}

echo
echo "== query plans (EXPLAIN QUERY PLAN; SQL as src/domain builds it; cost of one run)"
P3="\$3=''" P4='$4=0' P5='$5=51'
plan "/persons, first page (person_search, city)" "$(person_sql '1 = 1' '')" "$P3" "$P4" "$P5"
plan "/persons?q=やま (kana prefix)" "$(person_sql '1 = 1' 'p.kana_key')" "\$1='ヤマ'" "\$3='ヤマ'" "$P4" "$P5"
plan "/persons?q=山 (name prefix in kanji)" "$(person_sql '1 = 1' 'p.name_key')" "\$1='山'" "$P3" "$P4" "$P5"
plan "/persons deep page ($deep_offset persons in, keyset)" "$(person_sql '1 = 1' '')" "\$3=$(sqlq "$deep_key")" "\$4=$deep_id" "$P5"
plan "/persons, first page (counselor-suruga)" "$(person_sql "$PERSON_COUNSELOR" '')" "$P3" "$P4" "$P5" "\$20=$suruga"
plan "/persons, first page (provider: the group home)" "$(person_sql "$PERSON_COUNSELOR" '' "$PERSON_CANDIDATES")" "$P3" "$P4" "$P5" "\$20=$provider"
plan "/persons, first page (elderly)" "$(person_sql "$PERSON_ELDERLY" '' "$PERSON_CANDIDATES")" "$P3" "$P4" "$P5" "\$20=$elderly" "\$21='$today'"
plan "/cases (case_list, city)" "$(case_sql '1 = 1')" '$3=9223372036854775807' '$4=51'
plan "/cases (counselor-suruga)" "$(case_sql "$ON_TEAM")" '$3=9223372036854775807' '$4=51' "\$20=$suruga"
plan "/cases (peer)" "$(case_sql "$CASE_PEER" "$CASE_CANDIDATES")" '$3=9223372036854775807' '$4=51' "\$20=$peer" "\$21='$today'"
plan "/ due list (due_list, city)" "$(due_sql '1 = 1')" "\$1='$today'" "\$2='$d14'" "\$3='$d30'" "\$4='$d7'" '$5=50'
plan "/ monitorings (due.c monitorings, city; the dashboard stops reading when its list is full)" "$(monitoring_sql '1 = 1')" "\$1='$today'"
plan "/ due list (counselor-suruga)" "$(due_sql "$ON_TEAM")" "\$1='$today'" "\$2='$d14'" "\$3='$d30'" "\$4='$d7'" '$5=50' "\$20=$suruga"
echo "$bench_flagged of the plans above scan a big table in full ('!!'); an ordered scan with a LIMIT stops early — the cost line says how far it went"

# ---- 3. the pages under load ------------------------------------------------------------------

bench_start_server "$db"

# Log in through the real form (bench/lib.sh).
city=$(bench_login city)
suruga_cookie=$(bench_login counselor-suruga)
peer_cookie=$(bench_login peer)
elderly_cookie=$(bench_login elderly)
css=$(bench_stylesheet)

# Percent-encoding as html_url_arg writes it (unreserved bytes kept, the rest %XX).
urlencode() {
  printf '%s' "$1" | od -An -v -tx1 | tr -s ' \n' '\n\n' | awk 'NF {
    c = index("0123456789abcdef", substr($1, 1, 1)) * 16 + index("0123456789abcdef", substr($1, 2, 1)) - 17
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 || c == 46 || c == 95 || c == 126)
      printf "%c", c
    else
      printf "%%%s", toupper($1) }'
}
person_page() { echo "/persons?q=&ward=&after_key=$(urlencode "$1")&after_id=$2"; }
# The cursor is built the way the page builds its "next page" link: check that on page 1.
IFS='|' read -r k50 id50 < <(q "SELECT kana_key, id FROM person ORDER BY kana_key, id LIMIT 1 OFFSET 49")
curl -sS -o "$tmp/p1.html" -H "$city" "$url/persons"
link=$(grep -o 'rel="next" href="[^"]*"' "$tmp/p1.html" | sed -e 's/^rel="next" href="//' -e 's/"$//' -e 's/&amp;/\&/g')
[[ $link == "$(person_page "$k50" "$id50")" ]] || fail "page 1's next link is '$link', not the cursor this script builds"
deep=$(person_page "$deep_key" "$deep_id")

# name | path | cookie header | what a 200 page must contain
targets=(
  "static|$css||"
  "dashboard / (city)|/|$city|<h1>ダッシュボード</h1>"
  "dashboard / (counselor-suruga)|/|$suruga_cookie|<h1>ダッシュボード</h1>"
  "/persons (city)|/persons|$city|rel=\"next\""
  "/persons?q=やま (city)|/persons?q=$(urlencode やま)|$city|rel=\"next\""
  "/persons?q=山 (city)|/persons?q=$(urlencode 山)|$city|rel=\"next\""
  "/persons page 301 (city)|$deep|$city|rel=\"next\""
  "/persons (counselor-suruga)|/persons|$suruga_cookie|rel=\"next\""
  "/cases (city)|/cases|$city|rel=\"next\""
  "/cases (counselor-suruga)|/cases|$suruga_cookie|rel=\"next\""
  "/persons (elderly)|/persons|$elderly_cookie|rel=\"next\""
  "/cases (peer)|/cases|$peer_cookie|rel=\"next\""
)

# Each target must answer 200 with its page (a lost session would answer 303 to /login, which
# wrk does not count as an error) before and after the load.
check() {
  local t name path cookie want code
  for t in "${targets[@]}"; do
    IFS='|' read -r name path cookie want <<<"$t"
    code=$(curl -sS -o "$tmp/page.html" -w '%{http_code}' ${cookie:+-H "$cookie"} "$url$path")
    [[ $code == 200 ]] || fail "$name answered $code $1 the load"
    [[ -z $want ]] || grep -qF "$want" "$tmp/page.html" || fail "$name $1 the load lacks '$want'"
  done
}
check before
# What the deep page shows must be the persons after the cursor: its first row is person 15,001.
first=$(q "SELECT id FROM person ORDER BY kana_key, id LIMIT 1 OFFSET $deep_offset")
curl -sS -o "$tmp/deep.html" -H "$city" "$url$deep"
grep -o 'href="/persons/[0-9]*"' "$tmp/deep.html" | head -1 | grep -qF "/persons/$first\"" ||
  fail "the deep page does not start at person $first"

# Runs wrk and prints "requests/s p99" (bench/lib.sh); --timeout 10s: a slow page's p99 is
# measured, not cut off at wrk's default of 2 s.
measure() { bench_measure "$1" "$2" --timeout 10s ${3:+-H "$3"}; }

log_before=$(bench_log_mark)
load_before=$(bench_loadavg)
results=()
for t in "${targets[@]}"; do
  IFS='|' read -r name path cookie want <<<"$t"
  measure "$warmup" "$path" "$cookie" >/dev/null
  results+=("$(measure "$duration" "$path" "$cookie")")
done
load_after=$(bench_loadavg)
check after
bench_check_warnings "$log_before"

echo
echo "== under load: wrk -t$threads -c$connections -d${duration}s --latency (after ${warmup}s warm-up each)," \
  "serve --threads ${SERVER_THREADS:-(default)}; ratio = requests/s over the static stylesheet's, same run"
# Other work on the machine moves every figure; the load average says how busy it was.
echo "load average before the measurements $load_before, after $load_after ($(nproc) cores)"
read -r static_rps _ <<<"${results[0]}"
# The name goes last: printf pads by bytes, and the Japanese in the names would skew the columns.
printf '%12s %10s %8s  %s\n' "requests/s" "p99" ratio target
for i in "${!targets[@]}"; do
  IFS='|' read -r name _ <<<"${targets[$i]}"
  read -r rps p99 <<<"${results[$i]}"
  printf '%12.0f %10s %8s  %s\n' "$rps" "$p99" "$(awk -v d="$rps" -v s="$static_rps" 'BEGIN { printf "%.4f", d / s }')" "$name"
done
