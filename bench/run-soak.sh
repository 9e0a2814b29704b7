#!/usr/bin/env bash
# Soak (not a test): `bouncemx run` (the packaged jar, -Xmx256m, loopback port 0, one temporary data dir)
# under N minutes of mixed load from bench's Soak driver (bench/src/main/java/bouncemx/bench/Soak.java):
# 8 honest senders (the sample bounces and generated DSNs of 2-200 KB, each message retried after a 4xx or
# a dropped connection, as an MTA does), the hostile clients of issue 9 in rotation (a pipeliner that never
# reads, 100 SIZE hoarders, a trickled command line and DATA, a huge BDAT, 10 messages of 9 MB at once),
# and a SIGKILL + restart on the same data dir every 60 s; a full GC and the heap used after it every 15 s
# (jcmd). At the end a SIGTERM, then the journal is read. Prints one figure per line: messages
# acknowledged, lost (acknowledged but not journaled: must be 0, exit status 1 otherwise), duplicate event
# ids, max heap after GC, honest p50/p99 ack latency, restarts, and the machine and JDK.
#
# Usage: bench/run-soak.sh [--minutes N] [--rate N] [--set KEY=VALUE]...
#   --minutes N      how long (default 10; fractions allowed)
#   --rate N         the honest senders' messages per second in all (default 100; 0 = as fast as they can,
#                    ~2k/s here, which writes ~40 MB/s of journal)
#   --set KEY=VALUE  passed to the daemon after the soak's own overrides (smtp.max_connections_per_ip=500,
#                    smtp.command_timeout=5s); repeatable
# Environment: TMPDIR (the data dir goes there: use the disk that would hold data.dir, not a tmpfs). The
# work dir (daemon.log, data/) is removed after a clean run and kept, with its path printed, otherwise.
# The driver is compiled with javac against the shaded jar (it needs nothing but bouncemx's own classes),
# so this needs no JMH and installs nothing into ~/.m2. Everything is on 127.0.0.1 and stops by itself.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)

minutes=10 rate=100 sets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) minutes=${2:?--minutes needs a number}; shift ;;
    --rate) rate=${2:?--rate needs a number}; shift ;;
    --set) sets+=("${2:?--set needs KEY=VALUE}"); shift ;;
    *) echo "run-soak.sh: unknown argument $1 (usage: [--minutes N] [--rate N] [--set KEY=VALUE]...)" >&2; exit 2 ;;
  esac
  shift
done

. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2

echo "building (main jar; the soak driver with javac)" >&2
(cd "$top" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2
jar="$top/target/bouncemx.jar"
work=$(mktemp -d "${TMPDIR:-/tmp}/bouncemx-soak.XXXXXX")
driver_pid="" status=1
cleanup() {
  if [ -n "$driver_pid" ]; then kill "$driver_pid" 2>/dev/null || true; wait "$driver_pid" 2>/dev/null || true; fi
  if [ "$status" = 0 ]; then rm -rf "$work"; else echo "run-soak.sh: work dir kept: $work" >&2; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/classes"
javac --release 21 -nowarn -d "$work/classes" -cp "$jar" \
  "$here/src/main/java/bouncemx/bench/Soak.java" "$here/src/main/java/bouncemx/bench/SmtpLoad.java" "$here/src/main/java/bouncemx/bench/Jcmd.java" >&2

echo "soaking for $minutes min (daemon log: $work/daemon.log)" >&2
java -cp "$work/classes:$jar" bouncemx.bench.Soak "$jar" "$work" "$minutes" "$top/src/test/resources/samples" "$rate" "${sets[@]}" &
driver_pid=$!
set +e
wait "$driver_pid"
status=$?
set -e
driver_pid=""
exit "$status"
