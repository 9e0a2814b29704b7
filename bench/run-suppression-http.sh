#!/usr/bin/env bash
# Suppression lookups over HTTP while the daemon takes mail (SuppressionHttpLoad), and its first start over a large
# journal. DIR is a bouncemx data.dir with a journal, e.g. from `bench/run-suppression.sh DIR 1000000 3000000`.
# Starts `bouncemx run` (the packaged jar, -Xmx512m, SMTP and HTTP on 127.0.0.1 port 0, data.dir=DIR, a random API
# token), waits for /readyz 200 with nothing pending for the suppression state (a missing store is rebuilt first),
# then for SECONDS (default 30, after a 5 s warm-up) runs CONCURRENCY (default 16) keep-alive HTTP clients doing
# GET /api/v1/suppressions/user<N>@example.org (N uniform below ADDRESSES) while 16 SMTP sessions send MAIL_RATE
# (default 200) small hard-bounce DSNs per second, each for a distinct address of the same set. Prints lookups/s,
# lookup p50/p99, errors, mail accepted/s and its ack p99, the daemon's CPU and its heap after a full GC (jcmd), the
# machine, JDK and load average; then SIGTERMs the daemon and prints its exit status.
#
# Usage: bench/run-suppression-http.sh [--first-start] DIR [SECONDS] [CONCURRENCY] [MAIL_RATE]
#   --first-start  delete DIR/state/suppression.db* first and report the time from the daemon's start to its INFO
#                  line "suppression state: rebuilt from the journal", with its heap after a full GC every 10 s
#                  during the rebuild and once after; then the load as above (SECONDS 0: none)
# Environment: ADDRESSES (the address count DIR was made with; default 10000000), CLIENT (wrk, the default: the C
# load generator wrk with a Lua script written here, CONCURRENCY connections on WRK_THREADS (default 2) threads, a
# warm-up run then the measured run, its status and socket errors fail the run, and 200 answers read afterwards are
# checked to name the address asked; raw: HTTP/1.1 on plain sockets from Java threads, every answer checked; jdk:
# java.net.http.HttpClient), WARMUP_S (5), MAIL_SESSIONS (16), JFR (a file: the daemon records a JFR profile there,
# settings=profile), JAR (a bouncemx.jar to run instead of building this tree's: A/B runs), DAEMON_OPTS (more JVM
# options for the daemon, e.g. an agent). The mail adds to DIR's journal (and suppresses those addresses). The
# driver is compiled with javac against the jar. Everything on 127.0.0.1; it stops by itself. Exit status 1 when a
# lookup or a message failed or the daemon did not exit 0 after SIGTERM; 2 when wrk is missing and cannot be installed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

mode=load
if [ "${1:-}" = "--first-start" ]; then mode=first-start; shift; fi
if [ $# -lt 1 ] || [ $# -gt 4 ]; then
  echo "usage: bench/run-suppression-http.sh [--first-start] DIR [SECONDS] [CONCURRENCY] [MAIL_RATE]" >&2
  exit 2
fi
dir=$1

. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2

export CLIENT=${CLIENT:-wrk}
if [ "$CLIENT" = wrk ] && ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing wrk (apt-get install -y wrk)" >&2
    apt-get install -y wrk >&2 || { apt-get update >&2 && apt-get install -y wrk >&2; } || true
  fi
  command -v wrk >/dev/null 2>&1 || {
    echo "bench/run-suppression-http.sh: wrk is not installed (apt-get install wrk, as root), or run with CLIENT=raw" >&2
    exit 2
  }
fi

if [ -n "${JAR:-}" ]; then
  jar=$(readlink -f "$JAR")
  echo "using $jar (not building); the driver with javac" >&2
else
  echo "building (main jar; the driver with javac)" >&2
  (cd "$top" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2
  jar="$top/target/bouncemx.jar"
fi
classes=$(mktemp -d "${TMPDIR:-/tmp}/bouncemx-http-load.XXXXXX")
trap 'rm -rf "$classes"' EXIT
javac --release 21 -nowarn -d "$classes" -cp "$jar" "$here/src/main/java/bouncemx/bench/SuppressionHttpLoad.java" \
  "$here/src/main/java/bouncemx/bench/SmtpLoad.java" "$here/src/main/java/bouncemx/bench/Jcmd.java" "$here/src/main/java/bouncemx/bench/Wrk.java" >&2

# wrk's script (LuaJIT; one Lua state per wrk thread): keep-alive GET /api/v1/suppressions/user<N>@example.org, N
# uniform below ADDRESSES, with the bearer token (the arguments after --: TOKEN ADDRESSES); at the end one line of
# figures for the driver (Wrk.java reads it).
export WRK_SCRIPT="$classes/lookups.lua"
cat > "$WRK_SCRIPT" <<'LUA'
local started = 0
function setup(thread)
  thread:set("id", started)
  started = started + 1
end

local addresses
function init(args)
  addresses = tonumber(args[2])
  wrk.headers["Authorization"] = "Bearer " .. args[1]
  math.randomseed(1000 + (id or 0))
end

function request()
  return wrk.format("GET", "/api/v1/suppressions/user" .. math.random(0, addresses - 1) .. "@example.org")
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d"
    .. " p50_us=%d p90_us=%d p99_us=%d max_us=%d\n", summary.requests, summary.duration, e.connect, e.read, e.write,
    e.status, e.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
LUA

java -cp "$classes:$jar" bouncemx.bench.SuppressionHttpLoad "$jar" "$dir" "${2:-30}" "${3:-16}" "${4:-200}" \
  "${ADDRESSES:-10000000}" "$mode"
