#!/usr/bin/env bash
# Journal append throughput with group commit (64 appenders waiting for their fsync'd acks).
# Usage: bench/run-journal.sh [DIR] [THREADS] [SECONDS] [PAYLOAD_BYTES] [PREALLOCATE_BYTES]  (DIR: on the data disk, not a
# tmpfs; PREALLOCATE_BYTES: journal.preallocate_bytes, default 4194304, 0 = off: run both for an A/B)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
(cd "$top" && mvn -q -B -DskipTests install) >&2
# the shaded jar is made again each time: left in place, it was not rebuilt when only the installed bouncemx changed
(cd "$here" && rm -f target/benchmarks.jar && mvn -q -B package) >&2
exec java -cp "$here/target/benchmarks.jar" bouncemx.bench.JournalBench "$@"
