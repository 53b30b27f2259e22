#!/usr/bin/env bash
# Nation-scale benchmark of the indicators (issue 6): every indicator of every municipality of
# Japan for one fiscal year, computed by tsunagu in one process, beside the same SQL run bare in
# the sqlite3 CLI — in one run, so that the ratio means something on a shared, noisy machine
# (DESIGN §8). Never a timed unit test.
#
#   bench/indicators.sh build/tsunagu     (what `make bench-indicators` runs; needs cc, sqlite3, perl)
#
# THE MODEL. One tsunagu database holds one municipality and computes indicators per ward, so the
# nation is ONE synthetic municipality whose 1,741 WARD ROWS STAND FOR THE 1,741 MUNICIPALITIES
# (bench/gen_nation.c): 300,000 fictional persons spread over them as populations are, exactly
# 1,000,000 admissions (~3 % at general hospitals, which the indicators must not count), support
# cases with service periods, forums with attendance and trainings, all from a fixed seed and an
# extract date of 2024-06-30. "Per municipality" below is per ward row.
#
# 1. generates the data and loads it: wards with sqlite3 (no CLI adds wards), then the real CLI —
#    `tsunagu import organisations|persons|admissions` (970,000 psychiatric admissions in about a
#    minute here: fast enough, so the honest path is taken and timed) — and the rest with sqlite3
#    in one transaction (gen_nation.c says what and why; bench data only);
# 2. checks that every statement of bench/indicator_queries.sql appears verbatim in the C file it
#    names, and prints EXPLAIN QUERY PLAN and the cost (VM steps) of each for the largest ward,
#    flagging a full scan of a big table;
# 3. times, for FY 2022 as of 2024-06-30 (every window of FY 2022 has passed: nothing provisional),
#    (a) `tsunagu report indicators --ward all` (JSON Lines, one line per ward) and
#    (b) the same statements for every ward with the same parameters, bare in the sqlite3 CLI
#        (a generated script: `.parameter set` when a value changes, then the statement), and
#    (c) that script with the statements taken out — what setting the parameters costs the CLI;
#    each once to warm the caches, then RUNS (3) rounds interleaved a, b, c; prints the medians,
#    the ratio a / b, the time per municipality, then each statement's share of (b), once. The
#    sqlite3 CLI is the plain client anyone can rerun a statement in; unlike tsunagu it parses
#    every statement anew (no statement cache) and prints the rows as text, so a ratio near 1
#    means tsunagu's C adds little to the cost of its SQL;
# 4. checks the figures: the nation's long-stay count summed over tsunagu's wards (and tsunagu's
#    city-wide figure) against direct sqlite3 counts.
#
# Time budget on the 2-core box of docs/performance.md: generation 1 s, load ≈ 1.5 min, plans a
# few seconds, measurements ≈ 1.5 min: ≈ 3 min in all (5 on a busy machine). Every timed command is
# stopped after TIME_LIMIT seconds (default 300) and the run fails then, so it always ends by itself.
#
# Environment: RUNS (3), TIME_LIMIT (300), FY (2022, or earlier: the data end on 2024-06-30),
# NATION_DB (a file: when it exists, a copy of it is measured instead of generating and loading
# again; when it does not, the loaded database is saved there). No server, no network: the only
# processes started are tsunagu, sqlite3 and the generator, in the foreground; the temporary
# directory (≈ 600 MB at its largest) is removed on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_init "${1:-build/tsunagu}" tsunagu-indicators cc sqlite3 perl awk timeout

runs=${RUNS:-3}
limit=${TIME_LIMIT:-300}
fy=${FY:-2022}
as_of=2024-06-30 # gen_nation.c's extract date
[[ $fy =~ ^20[0-9][0-9]$ && $fy -le 2022 ]] || fail "FY must be a year up to 2022: the data end on $as_of"
queries=$here/indicator_queries.sql
src=$(cd "$here/.." && pwd)
db=$tmp/nation.db
q() { sqlite3 -batch -noheader "$db" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
mib() { awk -v n="$1" 'BEGIN { printf "%.1f MiB", n / 1048576 }'; }
started=$(now)

echo "tsunagu indicators at nation scale: $("$bin" version) ($bin), $(nproc) cores, load average $(bench_loadavg)"
echo "budget: generation ≈ 1 s, load ≈ 1.5 min, measurements ≈ 1.5 min (≈ 3 min in all); each timed command stops after ${limit} s"

# ---- 1. the statements, checked against the C source ----------------------------------------

# name|file|sql, one line each, the SQL's whitespace collapsed.
mapfile -t statements < <(awk '
  /^-- name: / { if (sql != "") fail = 1; name = $3; file = $5; next }
  /^--/ || /^[ \t]*$/ { next }
  { sql = sql " " $0 }
  /;[ \t]*$/ { sub(/;[ \t]*$/, "", sql); gsub(/[ \t]+/, " ", sql); sub(/^ /, "", sql)
               print name "|" file "|" sql; sql = ""; name = "" }
  END { if (fail || sql != "") print "unterminated" }' "$queries")
[[ ${#statements[@]} -eq 6 ]] || fail "$queries has ${#statements[@]} statements, not the 6 the script runs"
declare -A sql
for s in "${statements[@]}"; do
  IFS='|' read -r name file text <<<"$s"
  [[ -n $name && -f $src/$file ]] || fail "$queries: a statement without a '-- name: N from: FILE' line naming a file"
  # The file's adjacent string literals joined, whitespace collapsed: the statement must be in it.
  grep -qF "\"$text\"" <(perl -0777 -pe 's/"\s*"//g; s/\s+/ /g' "$src/$file") ||
    fail "the statement '$name' of $queries is not in $file verbatim: copy the SQL from the C source again"
  sql[$name]=$text
done
# What indicator.c loops over, read from it: the event kinds of seed().
events=$(perl -0777 -ne 'while (/\{ "([a-z_]+)", (?:"([a-z_]+)"|NULL) \}/g) { print "$1 "; print "$2 " if defined $2 }' "$src/src/domain/indicator.c")
events=${events% }
[[ $(wc -w <<<"$events") == 4 ]] || fail "cannot read the event kinds of seed() in src/domain/indicator.c ('$events')"
echo "statements: ${#statements[@]} of $queries found verbatim in the C source; event kinds: $events"

# ---- 2. the nation's data ------------------------------------------------------------------

if [[ -n ${NATION_DB:-} && -f $NATION_DB ]]; then
  cp "$NATION_DB" "$db"
  echo "data: a copy of $NATION_DB (loaded earlier; NATION_DB unset generates afresh)"
else
  cc -O2 -std=c11 -o "$tmp/gen_nation" "$here/gen_nation.c"
  t0=$(now)
  "$tmp/gen_nation" "$tmp" >"$tmp/gen.out"
  t1=$(now)
  echo "generated in $(secs "$t0" "$t1") s: $(cat "$tmp/gen.out")"
  echo "  persons.csv $(mib "$(stat -c %s "$tmp/persons.csv")"), admissions.csv $(mib "$(stat -c %s "$tmp/admissions.csv")"), extras.sql $(mib "$(stat -c %s "$tmp/extras.sql")")"
  t0=$(now)
  "$bin" init --municipality 990001 --name 全国モデル --admin bench --password "$password" --db "$db" >/dev/null
  { echo "BEGIN;"; cat "$tmp/wards.sql"; echo "COMMIT;"; } | sqlite3 -bail "$db"
  "$bin" import organisations "$tmp/organisations.csv" --db "$db" >"$tmp/import.out"
  t1=$(now)
  "$bin" import persons "$tmp/persons.csv" --db "$db" >>"$tmp/import.out"
  t2=$(now)
  "$bin" import admissions "$tmp/admissions.csv" --db "$db" >>"$tmp/import.out"
  t3=$(now)
  { echo "PRAGMA foreign_keys = ON; BEGIN;"; cat "$tmp/extras.sql"; echo "COMMIT;"; } | sqlite3 -bail "$db"
  t4=$(now)
  sed 's/^/  /' "$tmp/import.out"
  echo "load: init, wards and organisations $(secs "$t0" "$t1") s; persons $(secs "$t1" "$t2") s and admissions" \
    "$(secs "$t2" "$t3") s (tsunagu import, wall clock); the rest $(secs "$t3" "$t4") s (sqlite3)"
  [[ -z $(q 'PRAGMA foreign_key_check') ]] || fail "the generated data break a foreign key"
  rm -f "$tmp"/*.csv "$tmp"/*.sql
  q 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
  if [[ -n ${NATION_DB:-} ]]; then cp "$db" "$NATION_DB"; echo "saved a copy as $NATION_DB"; fi
fi
# Opening the database brings its schema up to this binary's: the plans below must be its plans.
"$bin" user list --db "$db" >/dev/null
q 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
echo "database $(mib "$(stat -c %s "$db")"): $(q "SELECT 'wards ' || (SELECT count(*) FROM ward) ||
  ', persons ' || (SELECT count(*) FROM person) || ', admissions ' || (SELECT count(*) FROM admission) ||
  ' (' || (SELECT count(*) FROM admission d JOIN organisation o ON o.id = d.hospital_id WHERE o.kind <> 'psychiatric_hospital') ||
  ' at general hospitals), support cases ' || (SELECT count(*) FROM support_case) || ', service periods ' ||
  (SELECT count(*) FROM service_period) || ', meetings ' || (SELECT count(*) FROM meeting) || ', events ' ||
  (SELECT count(*) FROM event) || ', audit rows ' || (SELECT count(*) FROM audit_log)")"

# ---- 3. the parameters, the plans ------------------------------------------------------------

fs=$fy-04-01 fe=$((fy + 1))-03-31 next=$((fy + 1))-04-01
until=$(date -d "$fe + 366 days" +%F) # indicator_compute: fe + 366 days
# forum_kinds(): the setting or "forum", split on commas and spaces, each kind once.
kinds=$(q "SELECT value FROM setting WHERE key = 'forum_meeting_kinds'" | tr ', ' '\n\n' | awk 'NF && !seen[$0]++' | tr '\n' ' ')
kinds=${kinds:-forum}
kinds=${kinds% }
mapfile -t wards < <(q 'SELECT code FROM ward ORDER BY code')
biggest=$(q 'SELECT ward_code FROM person WHERE ward_code IS NOT NULL GROUP BY ward_code ORDER BY count(*) DESC LIMIT 1')
echo "FY $fy: $fs … $fe, admissions read until $until; forum kinds: $kinds; ${#wards[@]} wards, the largest $biggest" \
  "($(q "SELECT count(*) FROM person WHERE ward_code = '$biggest'") persons)"

# The parameters of each statement, as indicator.c binds them, for ward $2 ("N=value ..."); the
# forum and event statements take the kind too.
params() { # name ward [kind]
  case $1 in
    admissions) echo "1=$2 2=$fs 3=$until" ;;
    forum_kinds) echo "1=forum_meeting_kinds" ;;
    forum_count | forum_heads) echo "1=$3 2=$fs 3=$fe 4=$2" ;;
    service_periods) echo "1=$fs 2=$fe 3=$2" ;;
    event_count) echo "1=$3 2=$fs 3=$next 4=$2" ;;
  esac
}

# The plan and cost of one statement for a ward (bench_plan in lib.sh); any SCAN of a big table
# is flagged, since it would run once per ward.
plan() { # name, then params' arguments after the name
  local name=$1 kv sets=()
  for kv in $(params "$@"); do sets+=(".parameter set \$${kv%%=*} \"'${kv#*=}'\""); done
  bench_plan "$db" "$name ($(params "$@" | tr ' ' ','))" "${sql[$name]}" \
    'd|admission|p|person|s|service_period|c|support_case' 'full scan of a big table, once per ward' "${sets[@]}"
}
echo
echo "== query plans for the largest ward (EXPLAIN QUERY PLAN; cost of one run, counts not times)"
plan admissions "$biggest"
plan forum_kinds "$biggest"
plan forum_count "$biggest" "${kinds%% *}"
plan forum_heads "$biggest" "${kinds%% *}"
plan service_periods "$biggest"
plan event_count "$biggest" "${events%% *}"
echo "$bench_flagged of the plans above scan a big table in full ('!!')"

# ---- 4. the bare script ----------------------------------------------------------------------

# Every statement for every ward, in indicator_compute()'s order, with `.parameter set` only when a
# value changes (values quoted as SQL text: the CLI would read 2022-04-01 as arithmetic). MODE
# all: the statements; none: only the parameters; NAME: only that statement (and its parameters).
bare_script() {
  printf '%s\n' "${wards[@]}" | awk -v mode="$1" -v kinds="$kinds" -v events="$events" \
    -v fs="$fs" -v fe="$fe" -v until="$until" -v next_fy="$next" \
    -v s_adm="${sql[admissions]}" -v s_kinds="${sql[forum_kinds]}" -v s_fcount="${sql[forum_count]}" \
    -v s_fheads="${sql[forum_heads]}" -v s_periods="${sql[service_periods]}" -v s_event="${sql[event_count]}" '
    function set(n, v) { if (cur[n] != v) { printf ".parameter set $%d \"'"'"'%s'"'"'\"\n", n, v; cur[n] = v } }
    function run(name, text, a, b, c, d) {
      if (mode != "all" && mode != "none" && mode != name) return
      if (a != "") set(1, a); if (b != "") set(2, b); if (c != "") set(3, c); if (d != "") set(4, d)
      if (mode != "none") print text ";"
    }
    BEGIN { print ".parameter init"; nk = split(kinds, k, " "); ne = split(events, ev, " ") }
    { w = $1
      run("admissions", s_adm, w, fs, until, "")
      run("forum_kinds", s_kinds, "forum_meeting_kinds", "", "", "")
      for (i = 1; i <= nk; i++) { run("forum_count", s_fcount, k[i], fs, fe, w); run("forum_heads", s_fheads, k[i], fs, fe, w) }
      run("service_periods", s_periods, fs, fe, w, "")
      for (i = 1; i <= ne; i++) run("event_count", s_event, ev[i], fs, next_fy, w)
    }'
}
bare_script all >"$tmp/bare.sql"
bare_script none >"$tmp/params.sql"
nstatements=$(grep -vc '^\.parameter' "$tmp/bare.sql")
echo
echo "bare script: $nstatements statements ($((nstatements / ${#wards[@]})) per ward), $(grep -c '^\.parameter set' "$tmp/bare.sql") parameter settings, $(mib "$(stat -c %s "$tmp/bare.sql")")"

# ---- 5. the measurements ---------------------------------------------------------------------

# Each runs under `timeout`: a plan gone wrong (a full scan per ward) ends the run instead of
# running for hours.
run_tsunagu() {
  timeout "$limit" "$bin" report indicators --db "$db" --fy "$fy" --as-of "$as_of" --ward all >"$tmp/wards.jsonl" ||
    fail "tsunagu report indicators --ward all failed or took over ${limit} s"
}
run_sqlite() { # script
  timeout "$limit" sqlite3 -batch -bail "$db" <"$1" >/dev/null || fail "sqlite3 $(basename "$1") failed or took over ${limit} s"
}
timed() { local t0 t1; t0=$(now); "$@"; t1=$(now); secs "$t0" "$t1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo
echo "== measurements: warm-up, then $runs rounds of (a) tsunagu, (b) bare sqlite3, (c) parameters only"
load_before=$(bench_loadavg)
run_tsunagu
run_sqlite "$tmp/bare.sql"
run_sqlite "$tmp/params.sql"
[[ $(wc -l <"$tmp/wards.jsonl") == "${#wards[@]}" ]] || fail "tsunagu printed $(wc -l <"$tmp/wards.jsonl") lines for ${#wards[@]} wards"
ta=() tb=() tc=()
for r in $(seq "$runs"); do
  t=$(timed run_tsunagu)
  ta+=("$t")
  t=$(timed run_sqlite "$tmp/bare.sql")
  tb+=("$t")
  t=$(timed run_sqlite "$tmp/params.sql")
  tc+=("$t")
  echo "  round $r: tsunagu ${ta[-1]} s, bare sqlite3 ${tb[-1]} s, parameters only ${tc[-1]} s"
done
load_after=$(bench_loadavg)
a=$(median "${ta[@]}") b=$(median "${tb[@]}") c=$(median "${tc[@]}")
per() { awk -v t="$1" -v n="${#wards[@]}" 'BEGIN { printf "%.2f ms", t * 1000 / n }'; }
echo
echo "(a) tsunagu report indicators --ward all --fy $fy --as-of $as_of: median $a s, $(per "$a") per municipality"
echo "(b) the same $nstatements statements bare in sqlite3: median $b s, $(per "$b") per municipality"
echo "(c) of which setting the parameters (the script without its statements): median $c s"
awk -v a="$a" -v b="$b" -v c="$c" 'BEGIN {
  printf "ratio tsunagu / bare sqlite3: %.2f   (against the statements alone, b - c: %.2f)\n", a / b, (b > c ? a / (b - c) : 0) }'
echo "load average before $load_before, after $load_after"

# Where (b) goes: each statement alone (with its own parameter settings), once.
echo
echo "== each statement's share of (b), one run each"
for name in admissions forum_kinds forum_count forum_heads service_periods event_count; do
  bare_script "$name" >"$tmp/one.sql"
  t=$(timed run_sqlite "$tmp/one.sql")
  printf '  %-16s %6d statements %6.2f s\n' "$name" "$(grep -vc '^\.parameter' "$tmp/one.sql")" "$t"
done

# ---- 6. the figures are right ----------------------------------------------------------------

c1=$((fy - 1))-06-30 c=$fy-06-30
longstay_sql="SELECT count(*) FROM admission d JOIN organisation o ON o.id = d.hospital_id JOIN person p ON p.id = d.person_id
  WHERE d.admitted_on <= '$c1' AND (d.discharged_on IS NULL OR d.discharged_on > '$c')"
direct=$(q "$longstay_sql AND o.kind = 'psychiatric_hospital' AND p.ward_code IS NOT NULL")
general=$(q "$longstay_sql AND o.kind <> 'psychiatric_hospital' AND p.ward_code IS NOT NULL")
summed=$(grep -o '"code":"longstay_inpatients","value":[0-9]*' "$tmp/wards.jsonl" | awk -F: '{ s += $NF } END { print s + 0 }')
city=$("$bin" report indicators --db "$db" --fy "$fy" --as-of "$as_of" |
  grep -o '"code":"longstay_inpatients","value":[0-9]*' | awk -F: '{ print $NF }')
city_direct=$(q "$longstay_sql AND o.kind = 'psychiatric_hospital'")
echo
echo "sanity: long-stay inpatients on $c, summed over tsunagu's ${#wards[@]} wards $summed, direct sqlite3 count $direct" \
  "($general more at general hospitals, not counted); tsunagu's whole-nation figure $city, direct $city_direct"
[[ $summed == "$direct" && $city == "$city_direct" && $direct -gt 0 ]] || fail "tsunagu's long-stay count differs from the direct count"
if grep -q '"provisional":true' "$tmp/wards.jsonl"; then fail "a figure is provisional as of $as_of"; fi
echo "done in $(secs "$started" "$(now)") s"
