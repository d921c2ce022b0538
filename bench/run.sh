#!/usr/bin/env bash
# Whole-build benchmarks, each measured as a ratio in the same run on the
# same machine. Prints a Markdown summary for BENCHMARKS.md.
#
#   bench/run.sh            # needs the typst CLI 0.15.x on PATH or in $TYPST
#
# Without a typst CLI, it installs typst-cli 0.15.1 into target/typst-cli
# (several minutes, once). Figures:
#   - cold `tariffpress build --force` (every document typeset; without
#     --force the manifest would skip them all) of every program vs the
#     plain typst CLI compiling the same templates from `context` dumps,
#     given the SAME cores: the build typesets documents in parallel on
#     every core, so the CLI runs as many compiles at a time as there are
#     cores ($JOBS, default `nproc`; each typst process is pinned to one
#     thread with --jobs 1, as the build runs one document per thread).
#     The serial CLI figure is printed too, for the record. Median of $RUNS
#     runs each, the runs interleaved;
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

cargo build --release --quiet
tp=target/release/tariffpress
. bench/typst-cli.sh

# The documents the build makes, as program/document pairs.
SOURCE_DATE_EPOCH=1735689600 "$tp" build --output "$work/out" 2>/dev/null
docs=$(cd "$work/out" && ls */*.pdf | sed 's/\.pdf$//')
for d in $docs; do
  "$tp" context "${d%/*}" "${d#*/}" > "$work/context/${d/\//-}.json"
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
now() { date +%s.%N; }

# One compile of document $1 (program/kind) by the plain typst CLI, to the
# same kind of file the build writes (tagged PDF/A-3b, rates attached).
cli_compile() {
  local d=$1
  "$TYPST" compile --jobs 1 --pdf-standard a-3b --root . --font-path fonts --ignore-system-fonts \
    --input "data=/$work/context/${d/\//-}.json" \
    --input "rates=/$work/out/${d%/*}/rates.json" \
    "templates/${d#*/}.typ" "$work/cli/${d/\//-}.pdf"
}
export -f cli_compile
export TYPST work

# The runs interleave (build, first build, CLI two at a time, CLI serial,
# again), so that a slower spell of a shared machine weighs on all alike.
tp_times=()
fresh_times=()
cli_times=()
serial_times=()
for _ in $(seq "$RUNS"); do
  s=$(now); "$tp" build --force --output "$work/out" 2>/dev/null; e=$(now)
  tp_times+=("$(awk "BEGIN {print $e - $s}")")
  rm -rf "$work/fresh"
  s=$(now); "$tp" build --output "$work/fresh" 2>/dev/null; e=$(now)
  fresh_times+=("$(awk "BEGIN {print $e - $s}")")
  s=$(now)
  printf '%s\n' $docs | xargs -P "$JOBS" -I{} bash -c 'cli_compile "$1"' _ {}
  e=$(now)
  cli_times+=("$(awk "BEGIN {print $e - $s}")")
  s=$(now)
  for d in $docs; do cli_compile "$d"; done
  e=$(now)
  serial_times+=("$(awk "BEGIN {print $e - $s}")")
done
tp_med=$(printf '%s\n' "${tp_times[@]}" | median)
fresh_med=$(printf '%s\n' "${fresh_times[@]}" | median)
cli_med=$(printf '%s\n' "${cli_times[@]}" | median)
serial_med=$(printf '%s\n' "${serial_times[@]}" | median)
rss_kb=$( { /usr/bin/time -f '%M' "$tp" build --force --output "$work/out" 2>&1 >/dev/null; } | tail -1)
s=$(now); "$tp" build --output "$work/out" 2>/dev/null; e=$(now)
noop=$(awk "BEGIN {print $e - $s}")
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
echo "| **ratio build / typst CLI on the same cores** | $(awk "BEGIN {printf \"%.3f\", $tp_med / $cli_med}") |"
echo "| plain \`typst compile\`, one after another (median of $RUNS) | $(printf '%.3f' "$serial_med") s |"
echo "| peak RSS of the build | $((rss_kb / 1024)) MB |"
echo "| \`tariffpress build\` with nothing changed (manifest: all up to date) | $(printf '%.3f' "$noop") s |"
[ -z "$warm" ] || echo "$warm" | awk '{printf "| %s (in process) | %s %s |\n", $1, $2, $3}'
for f in "$work"/out/*/*.pdf; do
  echo "| size of ${f#"$work"/out/} | $(( $(stat -c %s "$f") / 1024 )) KB |"
done
