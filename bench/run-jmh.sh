#!/usr/bin/env bash
# Decoding throughput on one thread (JMH): prints messages/s and MB/s for parse+classify and for the
# whole offline event path. Usage: bench/run-jmh.sh [JMH options, e.g. -wi 1 -i 3]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
(cd "$top" && mvn -q -B -DskipTests install) >&2
# the shaded jar is made again each time: left in place, it was not rebuilt when only the installed bouncemx changed
(cd "$here" && rm -f target/benchmarks.jar && mvn -q -B package) >&2
corpus=${BOUNCEMX_CORPUS:-$top/../shared/corpus}
exec java -Dbouncemx.corpus="$corpus" -jar "$here/target/benchmarks.jar" "$@"
