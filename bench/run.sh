#!/usr/bin/env bash
# Whole-build benchmarks, each measured as a ratio in the same run on the
# same machine. Prints a Markdown summary for BENCHMARKS.md.
#
#   bench/run.sh            # the binary we ship against the typst CLI 0.15.x
#   PGO=0 bench/run.sh      # the plain `dist` profile instead
#   TP=path/to/tariffpress bench/run.sh   # another build, e.g. to compare two
#   TYPST=$(bench/typst-pgo.sh | tail -1) bench/run.sh   # a PGO-built CLI
#
# Both sides are built as their projects ship them: tariffpress by
# scripts/dist (the `dist` profile with profile-guided optimisation; built
# here when TP is not given), the typst CLI on PATH or in $TYPST, else
# typst-cli 0.15.1 installed into target/typst-cli-lto with Typst's own
# release profile (bench/common.sh; about ten minutes, once), which has no
# profile-guided optimisation (typst#1733): bench/typst-pgo.sh builds one
# with it, for the comparison on equal terms. Figures:
#   - cold `tariffpress build --force` (every document typeset; without
#     --force the manifest would skip them all) of every program vs the
#     plain typst CLI compiling the same templates from `context` dumps,
#     given the SAME cores: the build typesets documents in parallel on
#     every core, so the CLI runs as many compiles at a time as there are
#     cores ($JOBS, default `nproc`; each typst process is pinned to one
#     thread with --jobs 1, as the build runs one document per thread).
#     The serial CLI figure is printed too, for the record. Median of $RUNS
#     runs each, the runs interleaved;
#   - the CPU time (user + system) of the cold build and of the CLI run
#     two at a time: on this VM the wall time swings with the kernel's
#     first-touch page zeroing, and the CPU times show how much work each
#     side does apart from how the cores were shared; their system part is
#     printed too, as that is where the swing shows;
#   - the first build into an empty output folder (no manifest, so every
#     template and font file is hashed, as on a fresh checkout);
#   - peak RSS of the build (GNU time);
#   - warm rebuild after a one-rate change, in one process (cargo bench;
#     WARM=0 skips it);
#   - PDF sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-9}
JOBS=${JOBS:-$(nproc)}
work=target/bench
rm -rf "$work" && mkdir -p "$work/context" "$work/cli" "$work/out"

. bench/common.sh
typst_cli
[ -n "${TP:-}" ] || tariffpress_dist
tp=$TP

dump_contexts "$tp"
export TYPST work

# The four commands, each timed by `timed NAME COMMAND…`.
tp_force() { "$tp" build --force --output "$work/out" 2>/dev/null; }
tp_fresh() { rm -rf "$work/fresh"; "$tp" build --output "$work/fresh" 2>/dev/null; }
# The CLI gets the build's order too: the largest data first.
by_size=$(for d in $docs; do echo "$(stat -c %s "$work/context/${d/\//-}.json") $d"; done |
  sort -rn | cut -d' ' -f2)
cli_parallel() { printf '%s\n' $by_size | xargs -P "$JOBS" -I{} bash -c 'cli_compile "$1"' _ {}; }
cli_serial() { for d in $docs; do cli_compile "$d"; done; }
# On this VM a process that follows another one's burst of allocations
# runs up to a third slower (the host backs the freed memory again), so
# each timed run follows an untimed run of the same command, and the runs
# of the four commands interleave, so that a slower spell of the machine
# weighs on all of them alike.
declare -A times cpu sys
timed() {
  local name=$1; shift
  "$@"
  local s e c0 s0
  children_cpu; c0=$CPU_USED; s0=$CPU_SYS
  s=$(now); "$@"; e=$(now)
  children_cpu
  times[$name]+="$(awk "BEGIN {print $e - $s}") "
  cpu[$name]+="$(awk "BEGIN {print $CPU_USED - $c0}") "
  sys[$name]+="$(awk "BEGIN {print $CPU_SYS - $s0}") "
}
for _ in $(seq "$RUNS"); do
  timed tp tp_force
  timed fresh tp_fresh
  timed cli cli_parallel
  timed serial cli_serial
done
med_of() { printf '%s\n' ${times[$1]} | median; }
cpu_of() { printf '%s\n' ${cpu[$1]} | median; }
sys_of() { printf '%s\n' ${sys[$1]} | median; }
# The ratio of each round's build to the same round's CLI run, whose
# median cancels the machine's drift between rounds.
paired=$(paste <(printf '%s\n' ${times[tp]}) <(printf '%s\n' ${times[cli]}) |
  awk '{print $1 / $2}' | median)
tp_med=$(med_of tp)
fresh_med=$(med_of fresh)
cli_med=$(med_of cli)
serial_med=$(med_of serial)
tp_cpu=$(cpu_of tp)
cli_cpu=$(cpu_of cli)
rss_kb=$( { /usr/bin/time -f '%M' "$tp" build --force --output "$work/out" 2>&1 >/dev/null; } | tail -1)
# A single run of a build this short swings with the disk's writeback of
# the runs before it: the median of five.
noop=$(for _ in 1 2 3 4 5; do
  s=$(now); "$tp" build --output "$work/out" 2>/dev/null; e=$(now)
  awk "BEGIN {print $e - $s}"
done | median)
# The in-process warm-rebuild figures need the bench profile (a second
# build of the Typst stack); WARM=0 skips them.
warm=""
if [ "${WARM:-1}" = 1 ]; then warm=$(cargo bench --quiet --bench build 2>/dev/null); fi

echo "| figure | value |"
echo "|---|---|"
echo "| documents | $(echo "$docs" | wc -w) |"
echo "| cold \`tariffpress build\` (median of $RUNS) | $(printf '%.3f' "$tp_med") s |"
echo "| first build into an empty output folder (no manifest: every shared file hashed) | $(printf '%.3f' "$fresh_med") s |"
echo "| cores (build threads; typst CLI compiles at a time) | $JOBS |"
echo "| plain \`typst compile\`, $JOBS at a time (median of $RUNS) | $(printf '%.3f' "$cli_med") s |"
echo "| ratio of the medians, build / typst CLI on the same cores | $(awk "BEGIN {printf \"%.3f\", $tp_med / $cli_med}") |"
echo "| **ratio build / typst CLI on the same cores, median of the rounds' ratios** | $(printf '%.3f' "$paired") |"
echo "| plain \`typst compile\`, one after another (median of $RUNS) | $(printf '%.3f' "$serial_med") s |"
echo "| CPU time (user + system) of the cold build, median | $(printf '%.3f' "$tp_cpu") s |"
echo "| CPU time of the typst CLI runs, $JOBS at a time, median | $(printf '%.3f' "$cli_cpu") s |"
echo "| ratio of the CPU times, build / typst CLI | $(awk "BEGIN {printf \"%.3f\", $tp_cpu / $cli_cpu}") |"
echo "| of which system time (the kernel's page zeroing), build / typst CLI, medians | $(printf '%.3f' "$(sys_of tp)") / $(printf '%.3f' "$(sys_of cli)") s |"
echo "| peak RSS of the build | $((rss_kb / 1024)) MB |"
echo "| \`tariffpress build\` with nothing changed (manifest: all up to date; median of 5) | $(printf '%.3f' "$noop") s |"
[ -z "$warm" ] || echo "$warm" | awk '{printf "| %s (in process) | %s %s |\n", $1, $2, $3}'
for f in "$work"/out/*/*.pdf; do
  echo "| size of ${f#"$work"/out/} | $(( $(stat -c %s "$f") / 1024 )) KB |"
done
