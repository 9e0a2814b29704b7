#!/usr/bin/env bash
# Postfix's own load generator against bouncemx and against Postfix's smtp-sink, in the same run (issue 14's
# yardstick): smtp-source -d (persistent sessions), SESSIONS sessions, SIZE-byte messages, WARM unmeasured
# messages per server first, then ROUNDS rounds of N messages, the servers taking turns. Each JAR given is a
# bouncemx build started with -Xmx512m on a loopback port and a temporary data dir under /var/tmp (a real
# disk: fsync must cost what it costs); with two jars it compares two builds (e.g. before/after a change).
# Prints msgs/s per server, the ratio to smtp-sink, and each server's CPU time per message in the round (user +
# system from /proc, in microseconds: steadier than msgs/s on a shared machine). Loopback only; stops by itself.
#
# Usage: bench/run-smtp-source.sh [JAR...]   (default: target/bouncemx.jar)
# Environment: N (30000), WARM (20000), ROUNDS (3), SIZE (2048), SESSIONS (16)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
N=${N:-30000} WARM=${WARM:-20000} ROUNDS=${ROUNDS:-3} SIZE=${SIZE:-2048} SESSIONS=${SESSIONS:-16}
src=$(command -v smtp-source || echo /usr/sbin/smtp-source)
sink=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)
[ -x "$src" ] && [ -x "$sink" ] || { echo "run-smtp-source.sh: needs Postfix's smtp-source and smtp-sink (Debian package postfix; bench/run-smtp-load.sh --install-postfix installs it)" >&2; exit 2; }
jars=("$@"); [ ${#jars[@]} -gt 0 ] || jars=("$top/target/bouncemx.jar")
for j in "${jars[@]}"; do [ -f "$j" ] || { echo "run-smtp-source.sh: no jar $j (build with .ci/mvn -DskipTests package)" >&2; exit 2; }; done
opts=""; if [ "${BOUNCEMX_JAVA_MAJOR:-0}" -ge 24 ]; then opts="--sun-misc-unsafe-memory-access=allow"; fi

pids=() dirs=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; for d in "${dirs[@]}"; do rm -rf "$d"; done; }
trap cleanup EXIT

rate() { # port count -> msgs/s
  local t0 t1; t0=$(date +%s%N)
  timeout 600 "$src" -d -s "$SESSIONS" -l "$SIZE" -m "$2" -f bounce@example.com -t rcpt@bounce.example "127.0.0.1:$1" >/dev/null 2>&1
  t1=$(date +%s%N); echo $(( $2 * 1000000000 / (t1 - t0) ))
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system, in clock ticks
us_per_msg() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v n="$2" 'BEGIN{printf "%.0f", t * 1000000 / hz / n}'; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

sink_port=$(free_port)
if [ "$(id -u)" = 0 ]; then "$sink" -u nobody "127.0.0.1:$sink_port" 500 & else "$sink" "127.0.0.1:$sink_port" 500 & fi
pids+=($!); sink_pid=$!
ports=() jpids=()
for j in "${jars[@]}"; do
  d=$(mktemp -d /var/tmp/bouncemx-source.XXXXXX); dirs+=("$d")
  java -Xmx512m $opts -jar "$j" run --set smtp.listen=127.0.0.1:0 --set http.listen=127.0.0.1:0 --set "data.dir=$d/data" \
    --set smtp.max_connections_per_ip=1000 > "$d/log" 2>&1 &
  pids+=($!); jpids+=($!)
  for _ in $(seq 300); do grep -q 'listening for SMTP' "$d/log" && break; sleep 0.1; done
  p=$(sed -n 's/.*listening for SMTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$d/log" | head -1)
  [ -n "$p" ] || { echo "run-smtp-source.sh: $j did not start: $(tail -3 "$d/log")" >&2; exit 1; }
  ports+=("$p")
done
echo "# $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ), load $(cut -d' ' -f1 /proc/loadavg); smtp-source -d -s $SESSIONS -l $SIZE, $N messages per round after $WARM"
rate "$sink_port" "$WARM" >/dev/null
for p in "${ports[@]}"; do rate "$p" "$WARM" >/dev/null; done
for r in $(seq "$ROUNDS"); do
  c0=$(cpu_ticks "$sink_pid"); s=$(rate "$sink_port" "$N"); c1=$(cpu_ticks "$sink_pid")
  line="round $r: smtp-sink $s msgs/s ($(us_per_msg $((c1 - c0)) "$N") us CPU/msg)"
  for i in "${!ports[@]}"; do
    c0=$(cpu_ticks "${jpids[$i]}"); b=$(rate "${ports[$i]}" "$N"); c1=$(cpu_ticks "${jpids[$i]}")
    line="$line | $(basename "${jars[$i]}") $b msgs/s = $(awk -v a="$b" -v s="$s" 'BEGIN{printf "%.2f", a/s}') of sink, $(us_per_msg $((c1 - c0)) "$N") us CPU/msg"
  done
  line="$line (load $(cut -d' ' -f1 /proc/loadavg))"
  echo "$line"
done
