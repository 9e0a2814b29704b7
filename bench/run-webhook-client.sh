#!/usr/bin/env bash
# Which HTTP client for webhooks (issue 10): requests/s of the JDK HttpClient and of a Netty client to one
# local receiver, the same in-flight count. Builds the main jar if needed; compiles the one bench class with
# javac (no Maven install). Usage: bench/run-webhook-client.sh [IN_FLIGHT] [REQUESTS]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
[ -f "$top/target/bouncemx.jar" ] || (cd "$top" && .ci/mvn -q -B -o -DskipTests package)
out="$here/target/webhook-bench-classes"
mkdir -p "$out"
"$JAVA_HOME/bin/javac" -d "$out" -cp "$top/target/bouncemx.jar" "$here/src/main/java/bouncemx/bench/WebhookClientBench.java"
exec "$JAVA_HOME/bin/java" -cp "$top/target/bouncemx.jar:$out" bouncemx.bench.WebhookClientBench "$@"
