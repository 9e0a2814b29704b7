#!/usr/bin/env bash
# Whole-process comparison with Sisimai 4.25 (Debian package libsisimai-perl) on the same input, in the
# same run. The archive: the shared corpus repeated to MESSAGES files (default 30,000) in one directory
# (copies named rNNN-FILE.eml), and the same messages as one mbox (mboxrd-escaped; a file without a
# separator line gets one). Each round (default 3, medians reported) times, alternating:
#   bouncemx classify DIR, sisimai DIR, bouncemx classify MBOX, sisimai MBOX, bouncemx classify DIR DIR
# (the last gives bouncemx's marginal rate: MESSAGES / (time of 2x - time of 1x)); JSON goes to a file.
# Wall and CPU seconds (user + sys, from bash's `time`) are printed, with the load average. Then PROCS
# (env, default 20) separate `bouncemx classify` processes over the corpus once each (JVM start-up in every
# run) against the same for Sisimai. bouncemx runs as a user runs it: through .ci/bouncemx.
# Usage: bench/compare-sisimai.sh [MESSAGES] [ROUNDS]    (env: PROCS, ARCHIVE_DIR, BOUNCEMX_CORPUS)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
messages=${1:-30000}
rounds=${2:-3}
procs=${PROCS:-20}
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

# the archive, made once per size and kept (ARCHIVE_DIR, default $TMPDIR or /tmp)
arch=${ARCHIVE_DIR:-${TMPDIR:-/tmp}}/bouncemx-archive-$messages
if [ ! -f "$arch/done" ]; then
  echo "making the archive in $arch ..." >&2
  rm -rf "$arch"; mkdir -p "$arch/eml"
  perl - "$corpus" "$messages" "$arch/eml" "$arch/archive.mbox" <<'PERL'
use strict; use warnings;
my ($src, $n, $dir, $mbox) = @ARGV;
opendir(my $dh, $src) or die "$src: $!";
my @f = sort grep { /\.eml$/i && -f "$src/$_" } readdir $dh;
closedir $dh;
open(my $mb, '>:raw', $mbox) or die "$mbox: $!";
for (my $i = 0; $i < $n; $i++) {
  my $name = $f[$i % @f];
  open(my $in, '<:raw', "$src/$name") or die "$name: $!"; my $m = do { local $/; <$in> }; close $in;
  open(my $o, '>:raw', sprintf("%s/r%03d-%s", $dir, int($i / @f), $name)) or die; print $o $m; close $o;
  my $sep = 'From MAILER-DAEMON Thu Jan  1 00:00:00 2026';
  if ($m =~ /\A(From [^\r\n]*)\r?\n/) { $sep = $1; $m =~ s/\A[^\n]*\n//; }
  $m =~ s/^(>*From )/>$1/mg;   # mboxrd escaping
  print $mb "$sep\n$m", ($m =~ /\n\z/ ? "" : "\n");
}
close $mb or die;
PERL
  touch "$arch/done"
fi
mbox_bytes=$(stat -c %s "$arch/archive.mbox")

bx=("$top/.ci/bouncemx")
"${bx[@]}" classify "$top/src/test/resources/samples" > /dev/null   # builds the jar if needed, warms the CDS archive
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# timed NAME CMD...: runs CMD with stdout to $out/NAME.json; appends "wall cpu" (seconds) to $out/NAME.t
timed() {
  local name=$1; shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" > "$out/$name.json" 2> "$out/$name.err" ; } 2> "$out/$name.time" || { echo "compare-sisimai: $name failed:" >&2; cat "$out/$name.err" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$out/$name.time" >> "$out/$name.t"
}
sisimai() { perl -MSisimai -e 'for my $d (@ARGV) { print Sisimai->dump($d) // "" }' "$@"; }
loads=()
for ((r = 1; r <= rounds; r++)); do
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  timed bx_dir "${bx[@]}" classify "$arch/eml"
  timed si_dir sisimai "$arch/eml"
  timed bx_mbox "${bx[@]}" classify "$arch/archive.mbox"
  timed si_mbox sisimai "$arch/archive.mbox"
  timed bx_dir2 "${bx[@]}" classify "$arch/eml" "$arch/eml"
done
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
col() { awk -v c="$2" '{print $c}' "$out/$1.t" | median; }

echo "machine: $(nproc) cores, load average at each round's start: ${loads[*]}; JDK $(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p'); Sisimai $(perl -MSisimai -e 'print $Sisimai::VERSION')"
echo "archive: $messages messages ($(ls "$arch/eml" | wc -l) files in one directory; one mbox of $mbox_bytes bytes); medians of $rounds rounds"
echo "events written: bouncemx dir $(wc -l < "$out/bx_dir.json"), mbox $(wc -l < "$out/bx_mbox.json"); sisimai dir $(grep -o '"deliverystatus"' "$out/si_dir.json" | wc -l), mbox $(grep -o '"deliverystatus"' "$out/si_mbox.json" | wc -l)"
for input in dir mbox; do
  bw=$(col "bx_$input" 1); bc=$(col "bx_$input" 2); sw=$(col "si_$input" 1); sc=$(col "si_$input" 2)
  awk -v i="$input" -v n="$messages" -v bw="$bw" -v bc="$bc" -v sw="$sw" -v sc="$sc" 'BEGIN {
    printf "one process, %-4s: bouncemx %6.2f s (%6.2f CPU-s, %6.0f msgs/s)   sisimai %6.2f s (%6.2f CPU-s)   ratio %.1fx wall, %.1fx CPU\n",
      i, bw, bc, n / bw, sw, sc, sw / bw, sc / bc }'
done
w1=$(col bx_dir 1); c1=$(col bx_dir 2); w2=$(col bx_dir2 1); c2=$(col bx_dir2 2)
awk -v n="$messages" -v w1="$w1" -v w2="$w2" -v c1="$c1" -v c2="$c2" 'BEGIN {
  printf "bouncemx marginal (dir twice minus once): %.2f s and %.2f CPU-s for %d more messages = %.0f msgs/s, %.1f us CPU each; fixed part about %.2f s, %.2f CPU-s\n",
    w2 - w1, c2 - c1, n, (w2 > w1 ? n / (w2 - w1) : 0), 1e6 * (c2 - c1) / n, 2 * w1 - w2, 2 * c1 - c2 }'

# separate processes: one per pass over the corpus
ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(ms); for ((i = 0; i < procs; i++)); do "${bx[@]}" classify "$corpus" > /dev/null; done; t1=$(ms); bp=$((t1 - t0))
t0=$(ms); for ((i = 0; i < procs; i++)); do perl -MSisimai -e 'print Sisimai->dump($ARGV[0]) // ""' "$corpus" > /dev/null; done; t1=$(ms); sp=$((t1 - t0))
printf '%d processes, corpus (%d files) once each: bouncemx %6d ms   sisimai %6d ms   ratio %.1fx\n' "$procs" "$(ls "$corpus" | grep -ci '\.eml$')" "$bp" "$sp" "$(awk -v a="$sp" -v b="$bp" 'BEGIN{print a/b}')"
