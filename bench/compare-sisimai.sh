#!/usr/bin/env bash
# Whole-process comparison with Sisimai 4.25 (Debian package libsisimai-perl) on the same files, in the
# same run: each tool decodes the shared corpus repeated REPEAT times (default 20) in one process, writing
# JSON to /dev/null; this is done ROUNDS times (default 3), alternating, and the medians are compared.
# Also times REPEAT separate `bouncemx classify` processes over the corpus once each (JVM start-up in
# every run) against the same for Sisimai. Usage: bench/compare-sisimai.sh [REPEAT] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
repeat=${1:-20}
rounds=${2:-3}
corpus=${BOUNCEMX_CORPUS:-$top/../shared/corpus}/eml
[ -d "$corpus" ] || { echo "compare-sisimai: no corpus at $corpus (set BOUNCEMX_CORPUS)" >&2; exit 2; }
if ! perl -MSisimai -e 1 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing libsisimai-perl ..." >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q libsisimai-perl >/dev/null || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libsisimai-perl >/dev/null; }
  else
    echo "compare-sisimai: Sisimai is not installed; run 'apt-get install libsisimai-perl' as root" >&2; exit 2
  fi
fi
. "$top/.ci/jdk"
bouncemx_find_jdk || exit 2
# bouncemx runs as a user runs it: through .ci/bouncemx (which builds the jar if needed and picks the
# JVM options for classify); a first call warms its class-data-sharing archive, as any earlier use would
bx_cmd=("$top/.ci/bouncemx")
"${bx_cmd[@]}" classify "$top/src/test/resources/samples" > /dev/null

dirs=()
for ((i = 0; i < repeat; i++)); do dirs+=("$corpus"); done
files=$(find "$corpus" -name '*.eml' | wc -l)

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

bx=(); sx=()
for ((r = 1; r <= rounds; r++)); do
  t0=$(ms); "${bx_cmd[@]}" classify "${dirs[@]}" > /tmp/bouncemx-bench.$$.out; t1=$(ms)
  bx+=($((t1 - t0)))
  t0=$(ms); perl -MSisimai -e 'for my $d (@ARGV) { print Sisimai->dump($d) // "" }' "${dirs[@]}" > /tmp/sisimai-bench.$$.out; t1=$(ms)
  sx+=($((t1 - t0)))
done
bevents=$(wc -l < /tmp/bouncemx-bench.$$.out)
bm=$(printf '%s\n' "${bx[@]}" | median)
sm=$(printf '%s\n' "${sx[@]}" | median)

# separate processes: one per pass over the corpus
t0=$(ms); for ((i = 0; i < repeat; i++)); do "${bx_cmd[@]}" classify "$corpus" > /dev/null; done; t1=$(ms); bp=$((t1 - t0))
t0=$(ms); for ((i = 0; i < repeat; i++)); do perl -MSisimai -e 'print Sisimai->dump($ARGV[0]) // ""' "$corpus" > /dev/null; done; t1=$(ms); sp=$((t1 - t0))
rm -f /tmp/bouncemx-bench.$$.out /tmp/sisimai-bench.$$.out

echo "machine: $(nproc) cores; JDK $(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p'); Sisimai $(perl -MSisimai -e 'print $Sisimai::VERSION')"
echo "corpus: $files files x $repeat passes = $((files * repeat)) messages; bouncemx wrote $bevents events"
printf 'one process, %d passes (median of %d):  bouncemx %6d ms   sisimai %6d ms   ratio %.1fx\n' "$repeat" "$rounds" "$bm" "$sm" "$(awk -v a="$sm" -v b="$bm" 'BEGIN{print a/b}')"
printf '%d processes, one pass each:            bouncemx %6d ms   sisimai %6d ms   ratio %.1fx\n' "$repeat" "$bp" "$sp" "$(awk -v a="$sp" -v b="$bp" 'BEGIN{print a/b}')"
