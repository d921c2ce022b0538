# Sourced by the benchmarks (bench/run.sh, bench/roster.sh).

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }
# Sets CPU_USED to the CPU seconds (user + system) used so far by the
# shell's finished children, their own children included. `times` must
# run in this shell, not in a $(…) subshell (whose children are not
# ours), so this sets a variable rather than printing (through the file
# $work/.times: the caller's work folder).
children_cpu() {
  times > "${work:?}/.times"
  CPU_USED=$(awk 'NR == 2 {
    n = 0
    for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); n += t[1] * 60 + t[2] }
    print n
  }' "$work/.times")
}
# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# TYPST: a typst CLI 0.15.x, the one on PATH or in $TYPST, else
# typst-cli 0.15.1 installed into target/typst-cli (several minutes, once).
# Same Typst version as the library the build uses.
TYPST=${TYPST:-$(command -v typst || true)}
if [ -z "$TYPST" ]; then
  TYPST=target/typst-cli/bin/typst
  [ -x "$TYPST" ] || cargo install --locked typst-cli@0.15.1 --root target/typst-cli
fi
"$TYPST" --version | grep -q ' 0\.15\.' || { echo "need typst 0.15.x, got: $("$TYPST" --version)"; exit 1; }
