#!/usr/bin/env bash
# Housing referral benchmark (issue 4): the pages of a housing request against the same server's
# static stylesheet, measured in one run so that the ratios mean something on any machine
# (DESIGN §8). On a fresh demo database, the agent `agent` (ふじみ不動産) opens the 長田 request
# (in viewing, sent to the firm): the request page with the firm's open flats ranked by fit, the
# support-structure sheet as a page and as the PDF for the landlord (rendered with cairo and pango
# on every request); and the counsellor `counselor-suruga` opens the same request, whose page
# ranks every cooperating firm's open flat. Every one of these four views writes an audit row.
#
#   bench/housing.sh build/tsunagu       (what `make bench-housing` runs; needs wrk, curl, sqlite3)
#
# Environment: DURATION (seconds per measurement, default 8), WARMUP (2), CONNECTIONS (32),
# THREADS (wrk threads, 2), SERVER_THREADS (serve --threads; its default when unset).
# Everything listens on 127.0.0.1 only; the server is stopped by its PID and the temporary
# directory removed on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_init "${1:-build/tsunagu}" tsunagu-housing wrk curl sqlite3 awk

duration=${DURATION:-8}
warmup=${WARMUP:-2}
connections=${CONNECTIONS:-32}
threads=${THREADS:-2}
db=$tmp/demo.db
q() { sqlite3 -batch -noheader "$db" "$@"; }

"$bin" demo --db "$db" --password "$password" >/dev/null
# The request of 長田 sent to ふじみ不動産 and still looking (demo_housing.c: in viewing).
id=$(q "SELECT r.id FROM housing_request r JOIN support_case c ON c.id = r.case_id JOIN person p ON p.id = c.person_id
  JOIN housing_request_agent s ON s.request_id = r.id JOIN organisation o ON o.id = s.organisation_id
  WHERE p.family_name = '長田' AND o.name = 'ふじみ不動産' AND r.status IN ('open', 'viewing')")
[[ $id =~ ^[0-9]+$ ]] || fail "the demo has no open request of 長田 sent to ふじみ不動産 ('$id')"
firm_open=$(q "SELECT count(*) FROM listing l JOIN organisation o ON o.id = l.organisation_id
  WHERE o.name = 'ふじみ不動産' AND l.status = 'open'")
all_open=$(q "SELECT count(*) FROM listing WHERE status = 'open'")

bench_start_server "$db"
agent=$(bench_login agent)
counsellor=$(bench_login counselor-suruga)
css=$(bench_stylesheet)

# name | path | cookie header | the audit action of a view | what a 200 answer must contain
# (for the PDF: the heading pdftotext finds). Names go last in the table (printf pads by bytes).
targets=(
  "static|$css|||"
  "/referrals/$id (agent: the request, the firm's flats ranked)|/referrals/$id|$agent|referral.view|<h1>住まいの依頼</h1>|id=\"propose\""
  "/referrals/$id/sheet (agent: the sheet, HTML)|/referrals/$id/sheet|$agent|sheet.view|<h1>支援体制確認シート</h1>|id=\"sheet-title\""
  "/referrals/$id/sheet.pdf (agent: the sheet, PDF)|/referrals/$id/sheet.pdf|$agent|sheet.pdf|支援体制確認シート|"
  "/housing/requests/$id (counselor-suruga: every open flat ranked)|/housing/requests/$id|$counsellor|housing.read|<h1>住まいの依頼</h1>|id=\"matching\""
)

# Each target must answer 200 with its page (a lost session would answer 303 to /login and a
# refused one 403 "no access", which wrk does not count as errors) before and after the load.
# Leaves each answer in $tmp/page.N.
check() {
  local i name path cookie action want want2 out code type
  for i in "${!targets[@]}"; do
    IFS='|' read -r name path cookie action want want2 <<<"${targets[$i]}"
    out=$(curl -sS -o "$tmp/page.$i" -w '%{http_code} %{content_type}' ${cookie:+-H "$cookie"} "$url$path") || true
    read -r code type <<<"$out"
    [[ $code == 200 ]] || fail "$name answered ${code:-nothing} $1 the load"
    case $path in
      *.pdf)
        [[ $type == application/pdf* && $(head -c 5 "$tmp/page.$i") == "%PDF-" ]] &&
          tail -c 1024 "$tmp/page.$i" | grep -q '%%EOF' || fail "$name $1 the load is not a PDF ($type)"
        if command -v pdftotext >/dev/null; then
          pdftotext "$tmp/page.$i" - | grep -F "$want" >/dev/null || fail "$name $1 the load lacks '$want'"
        fi ;;
      *)
        for w in "$want" "$want2"; do
          [[ -z $w ]] || grep -qF "$w" "$tmp/page.$i" || fail "$name $1 the load lacks '$w'"
        done ;;
    esac
  done
}
check before
bytes=()
for i in "${!targets[@]}"; do bytes+=("$(stat -c %s "$tmp/page.$i")"); done
# The ranking really is there: flats listed with their fit on the agent's and the counsellor's pages.
ranked_agent=$(grep -o 'class="match \(fits\|near\)"' "$tmp/page.1" | wc -l)
ranked_all=$(tr -d '\n' <"$tmp/page.4" | grep -o 'id="matching".*' | sed 's#</section>.*##' | grep -o '<li class="\(fits\|near\)">' | wc -l)
((ranked_agent > 0 && ranked_all > 0)) || fail "a request page ranks no flat (agent $ranked_agent, counsellor $ranked_all)"
pdf_pages=
command -v pdfinfo >/dev/null && pdf_pages=$(pdfinfo "$tmp/page.3" | sed -n 's/^Pages: *//p')

# One request at a time, no load: the median of 5 (after one not counted), in ms.
alone() {
  local cookie=$1 path=$2
  curl -sS -o /dev/null ${cookie:+-H "$cookie"} "$url$path"
  for _ in 1 2 3 4 5; do curl -sS -o /dev/null -w '%{time_total}\n' ${cookie:+-H "$cookie"} "$url$path"; done |
    sort -n | sed -n 3p | awk '{ printf "%.1f", $1 * 1000 }'
}
single=()
for t in "${targets[@]}"; do
  IFS='|' read -r name path cookie _ <<<"$t"
  single+=("$(alone "$cookie" "$path")")
done

audit_before=$(q 'SELECT coalesce(max(id), 0) FROM audit_log')
log_before=$(bench_log_mark)
load_before=$(bench_loadavg)
results=()
for t in "${targets[@]}"; do
  IFS='|' read -r name path cookie _ <<<"$t"
  # --timeout 10s: a slow answer's p99 is measured, not cut off at wrk's default of 2 s.
  bench_measure "$warmup" "$path" --timeout 10s ${cookie:+-H "$cookie"} >/dev/null
  results+=("$(bench_measure "$duration" "$path" --timeout 10s ${cookie:+-H "$cookie"})")
done
load_after=$(bench_loadavg)
check after
bench_check_warnings "$log_before"
# What wrk counted per target (warm-up and measurement; wrk.log has them in order) against the
# audit rows written meanwhile: one per view (a request in flight when wrk stops is served and
# audited but not counted, so the rows may exceed the count by up to a few per connection).
mapfile -t counted < <(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$tmp/wrk.log")
audited=$(q "SELECT action || ' ' || count(*) FROM audit_log WHERE id > $audit_before GROUP BY action ORDER BY action")

echo "tsunagu housing: $("$bin" version) ($bin), $(nproc) cores; request $id (長田, in viewing), agent ふじみ不動産" \
  "($ranked_agent of its $firm_open open flats ranked), counselor-suruga ($ranked_all of $all_open open flats ranked)"
echo "under load: wrk -t$threads -c$connections -d${duration}s --latency --timeout 10s (after ${warmup}s warm-up each)," \
  "serve --threads ${SERVER_THREADS:-(default)}; ratio = requests/s over the static stylesheet's, same run;" \
  "alone = one request at a time (median of 5)"
# Other work on the machine moves every figure; the load average says how busy it was.
echo "load average before the measurements $load_before, after $load_after ($(nproc) cores)"
read -r static_rps _ <<<"${results[0]}"
printf '%12s %10s %8s %8s %10s  %s\n' "requests/s" "p99" bytes ratio "alone" target
for i in "${!targets[@]}"; do
  IFS='|' read -r name _ <<<"${targets[$i]}"
  read -r rps p99 <<<"${results[$i]}"
  printf '%12.0f %10s %8s %8s %8sms  %s\n' "$rps" "$p99" "${bytes[$i]}" \
    "$(awk -v d="$rps" -v s="$static_rps" 'BEGIN { printf "%.4f", d / s }')" "${single[$i]}" "$name"
done
echo "the sheet as PDF: ${bytes[3]} bytes${pdf_pages:+, $pdf_pages page(s)} (fonts embedded)"
line=
for i in 1 2 3 4; do
  IFS='|' read -r _ _ _ action _ <<<"${targets[$i]}"
  rows=$(echo "$audited" | awk -v a="$action" '$1 == a { print $2 }')
  line+="${line:+, }$action ${rows:-0} (wrk counted $((counted[2 * i] + counted[2 * i + 1])))"
done
echo "audit rows written during the load: $line"
