# bench/lib.sh — what the load benchmarks share, sourced by bench/load.sh, scale.sh and housing.sh:
# the temporary directory and the cleanup that stops only the server this script started (by its
# PID), starting `tsunagu serve` on a port the kernel picks on 127.0.0.1, logging in through the
# real form, and one wrk measurement.
#
#   . "$(dirname "$0")/lib.sh"
#   bench_init BINARY TMP_PREFIX TOOL...    sets bin (absolute), tmp, password; checks the tools
#   bench_start_server DB                   starts the server; sets pid and url
#   cookie=$(bench_login USER)              the "Cookie: __Host-tsunagu=…" header of a new session
#   css=$(bench_stylesheet)                 the stylesheet's path, from the last login page read
#   bench_measure SECONDS PATH [WRK ARGS]   prints "requests/s p99"; uses $threads, $connections
#   mark=$(bench_log_mark); …; bench_check_warnings "$mark"
#
# Messages start with the script's name. Everything listens on 127.0.0.1 only.

bench_name=${0##*/}
password='tsunagu-demo-2026'
tmp=
pid=
url=

fail() { echo "$bench_name: $*" >&2; exit 1; }

# Stops the server this script started, by its PID, and removes the temporary directory.
bench_cleanup() {
  if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [[ -z $tmp ]] || rm -rf "$tmp"
}

bench_init() {
  local b=$1 prefix=$2 tool
  shift 2
  [[ -x $b ]] || { echo "$bench_name: no executable at $b (build it with make)" >&2; exit 2; }
  bin=$(cd "$(dirname "$b")" && pwd)/$(basename "$b")
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$bench_name: $tool is not installed (scripts/deps test)" >&2; exit 2; }
  done
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/$prefix.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

# Port 0: the kernel picks a free port and the server prints the address it got. SERVER_THREADS
# sets serve --threads (its default when unset). The server's output goes to $tmp/stdout, stderr.
bench_start_server() {
  local args=(serve --db "$1" --listen 127.0.0.1:0)
  [[ -n ${SERVER_THREADS:-} ]] && args+=(--threads "$SERVER_THREADS")
  "$bin" "${args[@]}" >"$tmp/stdout" 2>"$tmp/stderr" &
  pid=$!
  url=
  for _ in $(seq 300); do
    url=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$tmp/stdout" 2>/dev/null | head -1 | sed 's/^listening on //') || true
    [[ -n $url ]] && break
    kill -0 "$pid" 2>/dev/null || fail "the server exited: $(cat "$tmp/stderr")"
    sleep 0.1
  done
  [[ -n $url ]] || fail "the server did not print its address"
}

# Logs in as USER through the real form and prints the session cookie header. The cookies are
# Secure (__Host-), which curl keeps to itself on http, so they are read from the headers and sent
# back explicitly. Leaves the login page in $tmp/login.html.
bench_login() {
  curl -sS -D "$tmp/login.h" -o "$tmp/login.html" "$url/login"
  local pre csrf code session
  pre=$(sed -n 's/^[Ss]et-[Cc]ookie: __Host-tsunagu-pre=\([0-9a-f]*\);.*/\1/p' "$tmp/login.h")
  csrf=$(grep -o 'name="csrf" value="[0-9a-f]*"' "$tmp/login.html" | sed 's/.*value="\([0-9a-f]*\)"/\1/')
  [[ -n $pre && -n $csrf ]] || fail "the login page lacks the pre-login cookie or the csrf field"
  code=$(curl -sS -o /dev/null -D "$tmp/post.h" -w '%{http_code}' -H "Cookie: __Host-tsunagu-pre=$pre" \
    --data-urlencode "csrf=$csrf" --data-urlencode "login=$1" --data-urlencode "password=$password" "$url/login")
  session=$(sed -n 's/^[Ss]et-[Cc]ookie: __Host-tsunagu=\([0-9A-Za-z_-]\{1,\}\);.*/\1/p' "$tmp/post.h")
  [[ $code == 303 && -n $session ]] || fail "login as $1 failed (HTTP $code)"
  echo "Cookie: __Host-tsunagu=$session"
}

# The stylesheet's path with its version, as the last login page read links it.
bench_stylesheet() {
  local css
  css=$(grep -o 'href="/static/style\.css?v=[0-9a-f]*"' "$tmp/login.html" | sed 's/^href="\(.*\)"$/\1/')
  [[ -n $css ]] || fail "the login page does not link the stylesheet"
  echo "$css"
}

# Runs wrk on $url$PATH with $threads threads and $connections connections and prints
# "requests/s p99"; fails when any response was not 2xx/3xx. The output is kept in $tmp/wrk.log.
bench_measure() {
  local seconds=$1 target=$2 out bad rps p99
  shift 2
  out=$(wrk --latency -t "$threads" -c "$connections" -d "${seconds}s" "$@" "$url$target")
  echo "$out" >>"$tmp/wrk.log"
  bad=$(echo "$out" | sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p')
  [[ -z $bad || $bad == 0 ]] || { echo "$out" >&2; fail "$bad responses to $target were not 2xx/3xx"; }
  if echo "$out" | grep -q 'Socket errors'; then
    echo "$bench_name: $target: $(echo "$out" | grep 'Socket errors' | sed 's/^ *//')" >&2
  fi
  rps=$(echo "$out" | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
  p99=$(echo "$out" | sed -n 's/^ *99% *\([0-9.]*[a-z]*\).*/\1/p')
  [[ -n $rps && -n $p99 ]] || { echo "$out" >&2; fail "cannot read wrk's output"; }
  echo "$rps $p99"
}

# The server's log so far, in lines; bench_check_warnings MARK fails the run when the server
# logged a warning or an error after it (5xx answers, libmicrohttpd errors).
bench_log_mark() { wc -l <"$tmp/stderr"; }
bench_check_warnings() {
  local warnings
  warnings=$(tail -n +"$(($1 + 1))" "$tmp/stderr" | grep -E ' (warn|error) ' | cut -d' ' -f2- | sort | uniq -c | head) || true
  [[ -z $warnings ]] || { echo "$warnings" >&2; fail "the server logged warnings under load"; }
}

# The load average (1, 5, 15 minutes).
bench_loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# Prints the plan of query SQL on database DB and what running it once cost inside SQLite
# (virtual-machine steps, rows stepped in full scans, sorts: counts, not times, so they do not
# move with the load). A SCAN of a table or alias matching TABLES (an ERE alternation) is flagged
# "!! NOTE" and counted in bench_flagged. The rest of the arguments are sqlite3 dot-command lines
# setting the parameters (".parameter set $1 'x'").
#   bench_plan DB TITLE SQL TABLES NOTE [LINE]...
bench_flagged=0
bench_plan() {
  local db=$1 title=$2 sql=$3 tables=$4 note=$5 line params=".parameter init" out scans
  shift 5
  for line in "$@"; do params+=$'\n'"$line"; done
  out=$(sqlite3 -batch "$db" <<SQL
$params
EXPLAIN QUERY PLAN $sql;
.stats on
SELECT count(*) FROM ($sql);
SQL
)
  echo "-- $title"
  echo "$out" | grep -E '^[ |`]*[|`]--' | sed 's/^/   /'
  scans=$(echo "$out" | grep -E -- "--SCAN ($tables)( |\$)" || true)
  if [[ -n $scans ]]; then
    bench_flagged=$((bench_flagged + 1))
    echo "$scans" | sed -E "s/^[|\` -]*/   !! $note: /"
  fi
  echo "$out" | awk -F: '/^Virtual Machine Steps/ { v = $2 } /^Fullscan Steps/ { f = $2 } /^Sort Operations/ { s = $2 }
    END { gsub(/ /, "", v); gsub(/ /, "", f); gsub(/ /, "", s); printf "   cost: %s VM steps, %s full-scan steps, %s sorts\n", v, f, s }'
}
