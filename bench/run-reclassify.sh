#!/usr/bin/env bash
# bouncemx reclassify speed over a journal of N records (the corpus repeated). Usage: bench/run-reclassify.sh [N] [stale]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
(cd "$top" && mvn -q -B -DskipTests install) >&2
(cd "$here" && mvn -q -B package) >&2
exec java -cp "$here/target/benchmarks.jar" bouncemx.bench.ReclassifyBench "$@"
