#!/usr/bin/env bash
# Profile of the SMTP intake under Postfix's smtp-source (issue 14): starts `bouncemx run` (JAR, -Xmx512m, loopback,
# a temporary data dir under /var/tmp), sends WARM unmeasured messages, then records WINDOW seconds of JFR (profile
# settings: CPU samples and allocation) while smtp-source keeps sending, and prints the JDK's own views of the
# recording: the hottest methods, the CPU by thread, allocation by class. The recording is kept (its path is printed)
# for JDK Mission Control or `jfr view`. Loopback only; stops by itself.
# Usage: bench/run-intake-profile.sh [JAR]   Environment: WARM (20000), WINDOW (20 seconds), SIZE (2048), SESSIONS (16)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
jar=${1:-$top/target/bouncemx.jar}
WARM=${WARM:-20000} SECONDS_=${WINDOW:-20} SIZE=${SIZE:-2048} SESSIONS=${SESSIONS:-16}
src=$(command -v smtp-source || echo /usr/sbin/smtp-source)
[ -x "$src" ] || { echo "run-intake-profile.sh: needs Postfix's smtp-source (Debian package postfix)" >&2; exit 2; }
[ -f "$jar" ] || { echo "run-intake-profile.sh: no jar $jar (build with .ci/mvn -DskipTests package)" >&2; exit 2; }
work=$(mktemp -d /var/tmp/bouncemx-profile.XXXXXX)
daemon=""
cleanup() { [ -n "$daemon" ] && kill "$daemon" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$work/data"; }
trap cleanup EXIT
java -Xmx512m -jar "$jar" run --set smtp.listen=127.0.0.1:0 --set http.listen=127.0.0.1:0 \
    --set data.dir="$work/data" --set smtp.max_connections_per_ip=500 > "$work/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 300); do grep -q 'listening for SMTP' "$work/daemon.log" && break; sleep 0.1; done
port=$(sed -n 's/.*listening for SMTP on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/daemon.log" | head -1)
[ -n "$port" ] || { echo "run-intake-profile.sh: the daemon did not start; its log: $work/daemon.log" >&2; exit 1; }
"$src" -d -s "$SESSIONS" -l "$SIZE" -m "$WARM" -f bounce@example.com -t rcpt@bounce.example "127.0.0.1:$port" >/dev/null 2>&1
jcmd "$daemon" JFR.start name=intake settings=profile filename="$work/intake.jfr" >/dev/null
t0=$(date +%s%N)
timeout "$SECONDS_" "$src" -d -s "$SESSIONS" -l "$SIZE" -m 100000000 -f bounce@example.com -t rcpt@bounce.example "127.0.0.1:$port" >/dev/null 2>&1 || true
t1=$(date +%s%N)
jcmd "$daemon" JFR.stop name=intake >/dev/null
acked=$(grep -c 'accepted [0-9]* bytes' "$work/daemon.log" || true)
echo "# $(nproc) cores, $(java -version 2>&1 | head -1), $(date -u +%FT%RZ), load $(cut -d' ' -f1 /proc/loadavg); smtp-source -d -s $SESSIONS -l $SIZE"
echo "messages acknowledged since the start (warm-up included): $acked; window $(( (t1 - t0) / 1000000 )) ms"
for view in hot-methods thread-cpu-load allocation-by-class; do
  echo "== jfr view $view"
  jfr view --width 160 "$view" "$work/intake.jfr" 2>/dev/null | head -40 || true
done
echo "recording: $work/intake.jfr"
