#!/usr/bin/env bash
# SMTP load on loopback (not a test): starts `bouncemx run` on free loopback ports with a temporary data
# dir and drives it with bench's SmtpLoad (persistent connections, one message at a time per session,
# MAIL FROM:<> / RCPT / DATA / "." and wait for the 250): corpus bounces at 1, 16 and 128 sessions,
# synthetic 2 KB and 20 KB DSNs at 16 sessions. When Postfix's smtp-sink is installed it drives smtp-sink
# with the same driver (16 sessions, 2 KB and 20 KB) and prints the ratio bouncemx/smtp-sink; with
# smtp-source also a reference run of smtp-source against smtp-sink. Then 1,000 idle connections against
# a fresh daemon with -Xmx256m: heap used (after a GC via jcmd) and whether a new session still works.
# Prints a table with the machine, JDK and date. Everything stops by itself (trap on exit).
#
# Usage: bench/run-smtp-load.sh [--install-postfix] [--seconds N] [--warmup N] [--jit-warmup N] [--idle N]
#   --install-postfix  as root, `apt-get install -y postfix` when smtp-sink is missing (non-interactive,
#                      "No configuration", the postfix service is not started)
#   --seconds N        measured seconds per run (default 10); --warmup N: warm-up seconds (default 3)
#   --jit-warmup N     seconds of unmeasured corpus load at 16 sessions on a fresh daemon first (default
#                      15: C2 compiles the ~50 dialects for tens of seconds; a cold daemon runs at ~half rate)
#   --idle N           idle connections (default 1000)
# Environment: BOUNCEMX_CORPUS=DIR (default ../shared/corpus), TMPDIR (the data dir goes there: use the
# disk that would hold data.dir, not a tmpfs, or fsync costs nothing).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

install_postfix=0 seconds=10 warmup=3 idle=1000 jit_warmup=15
while [ $# -gt 0 ]; do
  case "$1" in
    --install-postfix) install_postfix=1 ;;
    --seconds) seconds=${2:?--seconds needs a number}; shift ;;
    --warmup) warmup=${2:?--warmup needs a number}; shift ;;
    --idle) idle=${2:?--idle needs a number}; shift ;;
    --jit-warmup) jit_warmup=${2:?--jit-warmup needs a number}; shift ;;
    *) echo "run-smtp-load.sh: unknown argument $1 (usage: [--install-postfix] [--seconds N] [--warmup N] [--jit-warmup N] [--idle N])" >&2; exit 2 ;;
  esac
  shift
done

. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
corpus=${BOUNCEMX_CORPUS:-$top/../shared/corpus}
[ -d "$corpus/eml" ] || { echo "run-smtp-load.sh: no corpus at $corpus/eml (set BOUNCEMX_CORPUS=DIR)" >&2; exit 2; }

if [ "$install_postfix" = 1 ] && ! command -v smtp-sink >/dev/null && [ ! -x /usr/sbin/smtp-sink ]; then
  if [ "$(id -u)" != 0 ]; then echo "run-smtp-load.sh: --install-postfix needs root" >&2; exit 2; fi
  echo "installing postfix (for smtp-sink and smtp-source; the service is not started)" >&2
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # keep invoke-rc.d from starting the service during the install, unless a policy is already in place
  policy_added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy_added=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >&2 || echo "run-smtp-load.sh: postfix install failed; going on without the comparison" >&2
  if [ "$policy_added" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
fi
sink=$(command -v smtp-sink || { [ -x /usr/sbin/smtp-sink ] && echo /usr/sbin/smtp-sink; } || true)
source_bin=$(command -v smtp-source || { [ -x /usr/sbin/smtp-source ] && echo /usr/sbin/smtp-source; } || true)

echo "building (main jar install, bench package)" >&2
(cd "$top" && mvn -q -B -Dstyle.color=never -DskipTests install) >&2
(cd "$here" && mvn -q -B -Dstyle.color=never package) >&2
# make sure the jar .ci/bouncemx runs is the one just built (install packages it)
jar="$here/target/benchmarks.jar"

work=$(mktemp -d "${TMPDIR:-/tmp}/bouncemx-load.XXXXXX")
daemon_pid="" sink_pid=""
cleanup() {
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  if [ -n "$sink_pid" ]; then kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

results="$work/results"
: > "$results"
driver() { java -Xms512m -Dbouncemx.corpus="$corpus" -cp "$jar" bouncemx.bench.SmtpLoad "$@" | tee -a "$results" || echo "run-smtp-load.sh: the driver failed ($*)" >&2; }

# starts the daemon (port 0: the kernel picks free ports; they are read back from its log line)
start_daemon() {  # $1 = name
  local log="$work/$1.log" i
  mkdir -p "$work/$1-data"
  "$top/.ci/bouncemx" run --set smtp.listen=127.0.0.1:0 --set http.listen=127.0.0.1:0 --set "data.dir=$work/$1-data" \
    --set smtp.max_connections_per_ip=5000 --set smtp.max_connections=5000 2> "$log" > /dev/null &
  daemon_pid=$!
  for i in $(seq 1 600); do  # up to 60 s (a first run may build the jar)
    if grep -q "bouncemx listening for SMTP on" "$log"; then break; fi
    if ! kill -0 "$daemon_pid" 2>/dev/null; then echo "run-smtp-load.sh: the daemon did not start:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.1
  done
  smtp_addr=$(sed -n 's/.*listening for SMTP on \([^,]*\), HTTP on \([^ ]*\).*/\1/p' "$log" | head -n1)
  http_addr=$(sed -n 's/.*listening for SMTP on \([^,]*\), HTTP on \([^ ]*\).*/\2/p' "$log" | head -n1)
  [ -n "$smtp_addr" ] || { echo "run-smtp-load.sh: no listening line from the daemon:" >&2; cat "$log" >&2; exit 1; }
  echo "daemon $1 (pid $daemon_pid): SMTP $smtp_addr, HTTP $http_addr" >&2
}

stop_daemon() {  # SIGTERM, graceful; reports the exit status and any WARN/ERROR lines of its log
  local rc=0 name=$1
  kill -TERM "$daemon_pid"
  wait "$daemon_pid" || rc=$?
  daemon_pid=""
  echo "daemon $name stopped with exit status $rc" >&2
  if grep -E " (WARN|ERROR) " "$work/$name.log" >/dev/null; then
    echo "daemon $name log warnings/errors (first 10):" >&2
    grep -E " (WARN|ERROR) " "$work/$name.log" | head -n 10 >&2
  fi
}

free_port() {  # a free loopback port (bound then released; smtp-sink binds it right after)
  java -cp "$jar" bouncemx.bench.SmtpLoad freeport
}

start_sink() {
  local port i
  for i in 1 2 3; do
    port=$(free_port)
    if [ "$(id -u)" = 0 ]; then "$sink" -u nobody "127.0.0.1:$port" 1024 2> "$work/sink.log" & else "$sink" "127.0.0.1:$port" 1024 2> "$work/sink.log" & fi
    sink_pid=$!
    if java -cp "$jar" bouncemx.bench.SmtpLoad waitport "127.0.0.1:$port" 5 && kill -0 "$sink_pid" 2>/dev/null; then sink_addr="127.0.0.1:$port"; return 0; fi
    kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; sink_pid=""
  done
  echo "run-smtp-load.sh: smtp-sink did not start: $(cat "$work/sink.log")" >&2
  return 1
}

stop_sink() { kill "$sink_pid" 2>/dev/null || true; wait "$sink_pid" 2>/dev/null || true; sink_pid=""; }

# ---- bouncemx under load (the JVM options .ci/bouncemx ships with); smtp-sink runs right after the same
# load on bouncemx (adjacent in time: the machine is shared and its speed drifts), the daemon idle meanwhile
have_sink=0
if [ -n "$sink" ] && start_sink; then have_sink=1; echo "smtp-sink (pid $sink_pid) on $sink_addr" >&2
elif [ -z "$sink" ]; then echo "smtp-sink not installed (Debian package postfix; run with --install-postfix as root): no comparison" >&2; fi
start_daemon load
if [ "$jit_warmup" -gt 0 ]; then
  echo "warming the daemon up: ${jit_warmup} s of corpus at 16 sessions, not measured" >&2
  java -Dbouncemx.corpus="$corpus" -cp "$jar" bouncemx.bench.SmtpLoad load "$smtp_addr" 16 0 "$jit_warmup" corpus jit-warmup > /dev/null || true
fi
driver load "$smtp_addr" 1 "$warmup" "$seconds" corpus corpus@1
driver load "$smtp_addr" 16 "$warmup" "$seconds" corpus corpus@16
driver load "$smtp_addr" 128 "$warmup" "$seconds" corpus corpus@128
driver load "$smtp_addr" 16 "$warmup" "$seconds" synthetic:2048 2KB@16
if [ "$have_sink" = 1 ]; then driver load "$sink_addr" 16 "$warmup" "$seconds" synthetic:2048 sink-2KB@16; fi
driver load "$smtp_addr" 16 "$warmup" "$seconds" synthetic:20480 20KB@16
if [ "$have_sink" = 1 ]; then driver load "$sink_addr" 16 "$warmup" "$seconds" synthetic:20480 sink-20KB@16; fi
stop_daemon load

# ---- smtp-source against smtp-sink, for reference (Postfix's own client, 16 persistent sessions)
source_line=""
if [ "$have_sink" = 1 ] && [ -n "$source_bin" ]; then
  count=$((30000 * seconds / 10))
  t0=$(date +%s%N)
  if timeout $((seconds * 6 + 10)) "$source_bin" -d -s 16 -l 2048 -m "$count" -f bench@load.example -t b+user=example.com@bounce.example "$sink_addr" 2> "$work/source.log"; then
    t1=$(date +%s%N)
    source_line=$(awk -v n="$count" -v ns=$((t1 - t0)) 'BEGIN { printf "smtp-source -d -s 16 -l 2048 -m %d against smtp-sink: %.0f messages/s (whole run, incl. connect)", n, n / (ns / 1e9) }')
    echo "$source_line"
  else
    echo "smtp-source failed: $(head -n 3 "$work/source.log")" >&2
  fi
fi
if [ "$have_sink" = 1 ]; then stop_sink; fi

# ---- idle connections against a fresh daemon with a 256 MB heap
java_opts="-Xmx256m"
if [ "${BOUNCEMX_JAVA_MAJOR:-0}" -ge 24 ]; then java_opts="$java_opts --sun-misc-unsafe-memory-access=allow"; fi
BOUNCEMX_JAVA_OPTS="$java_opts" start_daemon idle
driver idle "$smtp_addr" "$idle" "http://$http_addr/metrics" "$daemon_pid"
stop_daemon idle

# ---- the table
echo
echo "SMTP load, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(uname -m)), JDK $(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p') ($(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.vm\.vendor = //p'))"
awk '
  /^RESULT label=idle/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); idle[kv[1]] = kv[2] } next }
  /^RESULT / {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); r[kv[1]] = kv[2] }
    n++; label[n] = r["label"]; rate[r["label"]] = r["rate"]
    line[n] = sprintf("| %-13s | %8d | %10.0f | %7.2f | %7.2f | %7d | %6d |", r["label"], r["sessions"], r["rate"], r["p50_ms"], r["p99_ms"], r["non250"], r["errors"])
  }
  END {
    print "| run           | sessions | messages/s | p50 ms  | p99 ms  | non-250 | errors |"
    print "| ---           | ---      | ---        | ---     | ---     | ---     | ---    |"
    for (i = 1; i <= n; i++) print line[i]
    if (rate["sink-2KB@16"] > 0) printf "bouncemx/smtp-sink, 2 KB at 16 sessions: %.1f%% (target >= 35%%)\n", 100 * rate["2KB@16"] / rate["sink-2KB@16"]
    if (rate["sink-20KB@16"] > 0) printf "bouncemx/smtp-sink, 20 KB at 16 sessions: %.1f%% (target >= 30%%)\n", 100 * rate["20KB@16"] / rate["sink-20KB@16"]
    if ("open" in idle) printf "idle: %d of %d connections open, %d still answer NOOP; daemon heap used %s MB after a GC (%s MB before opening them; -Xmx256m); new session during idle: %s\n", idle["open"], idle["connections"], idle["alive"], idle["heap_used_mb"], idle["heap_base_mb"], (idle["new_session"] == 250 ? "250 accepted" : "FAILED (" idle["new_session"] ")")
  }' "$results"
if [ -n "$source_line" ]; then echo "$source_line"; fi
