#!/usr/bin/env bash
# End-to-end webhook bench (issue 10): corpus bounces over SMTP into `bouncemx run`, signed webhooks out to a
# local receiver (one endpoint, concurrency 8); events/s, messages/s and the 250-to-arrival delay p50/p99 at
# full speed and at a fixed 1,000 messages/s. Builds the main jar if needed and compiles the three bench
# classes it needs with javac (no Maven install). Data dir under $TMPDIR (use a real disk: the 250 waits for
# the fsync). Usage: bench/run-webhook-load.sh [SESSIONS] [WARMUP_S] [MEASURE_S]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
sessions=${1:-16} warmup=${2:-15} measure=${3:-10}
corpus=${BOUNCEMX_CORPUS:-$top/../shared/corpus}
[ -d "$corpus/eml" ] || { echo "run-webhook-load.sh: no corpus at $corpus/eml (set BOUNCEMX_CORPUS=DIR)" >&2; exit 2; }
[ -f "$top/target/bouncemx.jar" ] || (cd "$top" && .ci/mvn -q -B -o -DskipTests package)
out="$here/target/webhook-bench-classes"
mkdir -p "$out"
src="$here/src/main/java/bouncemx/bench"
"$JAVA_HOME/bin/javac" -d "$out" -cp "$top/target/bouncemx.jar" "$src/WebhookLoad.java" "$src/SmtpLoad.java" "$src/CorpusMessages.java"
data=$(mktemp -d "${TMPDIR:-/tmp}/bouncemx-webhook-bench.XXXXXX")
trap 'rm -rf "$data"' EXIT
"$JAVA_HOME/bin/java" -Dbouncemx.corpus="$corpus" -cp "$top/target/bouncemx.jar:$out" bouncemx.bench.WebhookLoad \
  "$top/target/bouncemx.jar" "$data" "$sessions" "$warmup" "$measure" 0 1000
