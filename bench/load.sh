#!/usr/bin/env bash
# Load benchmark: the logged-in dashboard against the same server's static stylesheet, measured
# in one run so that the ratio means something on any machine (DESIGN §8). wrk shares the cores
# with the server; absolute figures are this machine's, the ratio is the result.
#
#   bench/load.sh build/tsunagu          (what `make bench` runs; needs wrk and curl)
#
# Environment: DURATION (seconds per measurement, default 10), WARMUP (default 2),
# CONNECTIONS (64), THREADS (wrk threads, 2), SERVER_THREADS (tsunagu serve --threads, its default
# when unset). Everything listens on 127.0.0.1 only; the temporary database is removed on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
bench_init "${1:-build/tsunagu}" tsunagu-bench wrk curl

duration=${DURATION:-10}
warmup=${WARMUP:-2}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}

"$bin" demo --db "$tmp/demo.db" --password "$password" >/dev/null
bench_start_server "$tmp/demo.db"

# Log in as city through the real form (bench/lib.sh).
cookie=$(bench_login city)
css=$(bench_stylesheet)

# The dashboard must answer 200 with the dashboard itself, before and after the load: wrk counts
# only 4xx and 5xx as errors, and a lost session would answer 303 to /login.
check_dashboard() {
  local c
  c=$(curl -sS -o "$tmp/home.html" -w '%{http_code}' -H "$cookie" "$url/")
  [[ $c == 200 ]] && grep -q '<h1>ダッシュボード</h1>' "$tmp/home.html" ||
    fail "the dashboard answered $c $1 the load, not the page"
}
check_dashboard before
dash_bytes=$(stat -c %s "$tmp/home.html")
css_bytes=$(curl -sS -o /dev/null -w '%{size_download}' "$url$css")

log_before=$(bench_log_mark)
bench_measure "$warmup" "$css" >/dev/null
bench_measure "$warmup" / -H "$cookie" >/dev/null
css_result=$(bench_measure "$duration" "$css")
dash_result=$(bench_measure "$duration" / -H "$cookie")
read -r css_rps css_p99 <<<"$css_result"
read -r dash_rps dash_p99 <<<"$dash_result"
check_dashboard after
# Warnings logged during the load (5xx answers, libmicrohttpd errors) fail the run.
bench_check_warnings "$log_before"

ratio=$(awk -v d="$dash_rps" -v s="$css_rps" 'BEGIN { printf "%.2f", d / s }')
echo "tsunagu load: wrk -t$threads -c$connections -d${duration}s --latency (after ${warmup}s warm-up each)," \
  "$(nproc) cores, serve --threads ${SERVER_THREADS:-(default)}"
printf '%-34s %12s %10s %8s\n' target "requests/s" "p99" bytes
printf '%-34s %12.0f %10s %8s\n' "static  ${css%%\?*}" "$css_rps" "$css_p99" "$css_bytes"
printf '%-34s %12.0f %10s %8s\n' "dashboard / (city, logged in)" "$dash_rps" "$dash_p99" "$dash_bytes"
printf '%-34s %12s\n' "ratio dashboard/static" "$ratio"
