#!/usr/bin/env bash
# The classifier alone (Classifier.classify over the corpus's pre-decoded recipients), or with STAGE=engine the
# whole engine (each message read, decoded and classified, as JMH's parseClassify), two or more builds A/B in
# one JVM, passes in turn (ClassifyAB). Usage: bench/run-classify-ab.sh CLASSES_A CLASSES_B [...]
# Each CLASSES is a directory of compiled classes (a tree's target/classes, or a copy of it) or a shaded jar;
# directories get this tree's dependency class path. Env STAGE (classify or engine), PASSES (default 600), WARM (default 150),
# BOUNCEMX_CORPUS (default ../shared/corpus), JAVA_OPTS (e.g. -XX:TieredStopAtLevel=1 for the launcher's C1).
# Nothing is installed into ~/.m2.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
[ $# -ge 2 ] || { echo "usage: $0 CLASSES_A CLASSES_B [...]" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$top" && .ci/mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$work/deps.txt") >&2
deps=$(cat "$work/deps.txt")
src="$here/src/main/java/bouncemx/bench"
javac -d "$work/driver" "$src/ClassifyAB.java"
first=$1; [ -d "$first" ] && first="$first:$deps"
javac -d "$work/pass" -cp "$first" "$src/ClassifyPass.java"
builds=()
for b in "$@"; do if [ -d "$b" ]; then builds+=("$b:$deps"); else builds+=("$b"); fi; done
exec java ${JAVA_OPTS:-} -Dbouncemx.bench.stage="${STAGE:-classify}" -cp "$work/driver" bouncemx.bench.ClassifyAB "${BOUNCEMX_CORPUS:-$top/../shared/corpus}/eml" \
    "${PASSES:-600}" "${WARM:-150}" "$work/pass" "${builds[@]}"
