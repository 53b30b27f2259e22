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

bin=${1:-build/tsunagu}
[[ -x $bin ]] || { echo "load.sh: no executable at $bin (build it with make)" >&2; exit 2; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "load.sh: $tool is not installed (scripts/deps test)" >&2; exit 2; }
done

duration=${DURATION:-10}
warmup=${WARMUP:-2}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
password='tsunagu-demo-2026'

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tsunagu-bench.XXXXXX")
pid=
cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() { echo "load.sh: $*" >&2; exit 1; }

"$bin" demo --db "$tmp/demo.db" --password "$password" >/dev/null

# Port 0: the kernel picks a free port and the server prints the address it got.
serve_args=(serve --db "$tmp/demo.db" --listen 127.0.0.1:0)
[[ -n ${SERVER_THREADS:-} ]] && serve_args+=(--threads "$SERVER_THREADS")
"$bin" "${serve_args[@]}" >"$tmp/stdout" 2>"$tmp/stderr" &
pid=$!
url=
for _ in $(seq 150); do
  url=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$tmp/stdout" 2>/dev/null | head -1 | sed 's/^listening on //') || true
  [[ -n $url ]] && break
  kill -0 "$pid" 2>/dev/null || fail "the server exited: $(cat "$tmp/stderr")"
  sleep 0.1
done
[[ -n $url ]] || fail "the server did not print its address"

# Log in as city through the real form. The cookies are Secure (__Host-), which curl keeps to
# itself on http, so they are read from the headers and sent back explicitly.
curl -sS -D "$tmp/login.h" -o "$tmp/login.html" "$url/login"
pre=$(sed -n 's/^[Ss]et-[Cc]ookie: __Host-tsunagu-pre=\([0-9a-f]*\);.*/\1/p' "$tmp/login.h")
csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$tmp/login.html" | sed 's/.*value="\([0-9a-f]*\)"/\1/')
css=$(grep -o 'href="/static/style\.css?v=[0-9a-f]*"' "$tmp/login.html" | sed 's/^href="\(.*\)"$/\1/')
[[ -n $pre && -n $csrf && -n $css ]] || fail "the login page lacks the pre-login cookie, the csrf field or the stylesheet"
code=$(curl -sS -o /dev/null -D "$tmp/post.h" -w '%{http_code}' -H "Cookie: __Host-tsunagu-pre=$pre" \
  --data-urlencode "csrf=$csrf" --data-urlencode "login=city" --data-urlencode "password=$password" \
  "$url/login")
session=$(sed -n 's/^[Ss]et-[Cc]ookie: __Host-tsunagu=\([0-9A-Za-z_-]\{1,\}\);.*/\1/p' "$tmp/post.h")
[[ $code == 303 && -n $session ]] || fail "login as city failed (HTTP $code)"
cookie="Cookie: __Host-tsunagu=$session"

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

# Runs wrk and prints "requests/s p99"; fails when any response was not 2xx/3xx.
measure() {
  local seconds=$1 target=$2; shift 2
  local out
  out=$(wrk --latency -t "$threads" -c "$connections" -d "${seconds}s" "$@" "$url$target")
  echo "$out" >>"$tmp/wrk.log"
  local bad
  bad=$(echo "$out" | sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
  [[ -z $bad || $bad == 0 ]] || { echo "$out" >&2; fail "$bad responses to $target were not 2xx/3xx"; }
  if echo "$out" | grep -q 'Socket errors'; then
    echo "load.sh: $target: $(echo "$out" | grep 'Socket errors' | sed 's/^ *//')" >&2
  fi
  local rps p99
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p')
  [[ -n $rps && -n $p99 ]] || { echo "$out" >&2; fail "cannot read wrk's output"; }
  echo "$rps $p99"
}

log_before=$(wc -l <"$tmp/stderr")
measure "$warmup" "$css" >/dev/null
measure "$warmup" / -H "$cookie" >/dev/null
css_result=$(measure "$duration" "$css")
dash_result=$(measure "$duration" / -H "$cookie")
read -r css_rps css_p99 <<<"$css_result"
read -r dash_rps dash_p99 <<<"$dash_result"
check_dashboard after
# Warnings logged during the load (5xx answers, libmicrohttpd errors) fail the run.
warnings=$(tail -n +"$((log_before + 1))" "$tmp/stderr" | grep -E ' (warn|error) ' | cut -d' ' -f2- | sort | uniq -c | head) || true
[[ -z $warnings ]] || { echo "$warnings" >&2; fail "the server logged warnings under load"; }

ratio=$(awk -v d="$dash_rps" -v s="$css_rps" 'BEGIN { printf "%.2f", d / s }')
echo "tsunagu load: wrk -t$threads -c$connections -d${duration}s --latency (after ${warmup}s warm-up each)," \
  "$(nproc) cores, serve --threads ${SERVER_THREADS:-(default)}"
printf '%-34s %12s %10s %8s\n' target "requests/s" "p99" bytes
printf '%-34s %12.0f %10s %8s\n' "static  ${css%%\?*}" "$css_rps" "$css_p99" "$css_bytes"
printf '%-34s %12.0f %10s %8s\n' "dashboard / (city, logged in)" "$dash_rps" "$dash_p99" "$dash_bytes"
printf '%-34s %12s\n' "ratio dashboard/static" "$ratio"
