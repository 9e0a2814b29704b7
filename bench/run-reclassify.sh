#!/usr/bin/env bash
# bouncemx reclassify speed over a journal of N records (the corpus repeated). Usage: bench/run-reclassify.sh [N] [stale]
# Runs with the JVM options the launcher gives `reclassify` (BOUNCEMX_RECLASSIFY_OPTS in .ci/jdk).
# Builds this tree's classes and the bench jar (package only: nothing is installed into ~/.m2, which other trees share,
# but on a fresh machine a first copy of bouncemx for the bench module to compile against) and runs ReclassifyBench
# with this tree's classes first on the class path.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
(cd "$top" && mvn -q -B -DskipTests package) >&2
# the bench module compiles against an installed bouncemx: on a fresh machine there is none yet, so install it once (the
# classes run are this tree's own, first on the class path, whatever copy ~/.m2 holds)
if [ ! -f "${M2_REPO:-$HOME/.m2/repository}/bouncemx/bouncemx/0.1.0-SNAPSHOT/bouncemx-0.1.0-SNAPSHOT.jar" ]; then
  (cd "$top" && mvn -q -B -DskipTests install) >&2
fi
(cd "$top" && mvn -q -B -DskipTests -f bench/pom.xml package) >&2
# the JVM option the launcher gives reclassify (.ci/jdk)
exec java $BOUNCEMX_RECLASSIFY_OPTS -cp "$top/target/classes:$here/target/benchmarks.jar" bouncemx.bench.ReclassifyBench "$@"
