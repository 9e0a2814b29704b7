#!/usr/bin/env bash
# Suppression state at scale (SuppressionBench): journal of EVENTS events over ADDRESSES addresses, first build,
# rebuild after deleting the store, store size, heap after GC, store lookups/s.
# Usage: bench/run-suppression.sh [DIR] [ADDRESSES] [EVENTS]   (defaults: a temp dir, 10000000, 30000000)
# Environment: REBUILD_ONLY=1 with a DIR whose journal already holds the change records (a second run over it)
# skips the first build and times only the rebuild.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
dir=${1:-$(mktemp -d)}
(cd "$top" && mvn -q -B -DskipTests install) >&2
# the shaded jar is made again each time: left in place, it was not rebuilt when only the installed bouncemx changed
(cd "$here" && rm -f target/benchmarks.jar && mvn -q -B package) >&2
exec java -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$here/target/benchmarks.jar" bouncemx.bench.SuppressionBench \
    "$dir" "${2:-10000000}" "${3:-30000000}"
