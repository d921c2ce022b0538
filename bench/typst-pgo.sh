#!/usr/bin/env bash
# The typst CLI given the same profile-guided optimisation (PGO) as the
# tariffpress binary we ship (scripts/dist), so that the build's ratio to
# the CLI can also be read without PGO on one side only: the official
# typst binaries are built without it (typst#1733).
#
#   bench/typst-pgo.sh                                  # prints its path last
#   TYPST=$(bench/typst-pgo.sh | tail -1) bench/run.sh
#
# typst-cli 0.15.1 with Typst's own release profile (bench/common.sh's
# typst_install), built instrumented, trained by compiling each document the
# build makes once, from the same `context` dumps bench/run.sh times
# (tariffpress trains on the same sample content), then built with the
# merged profile into target/typst-cli-pgo. About 22 minutes on two cores.
# TP names the tariffpress binary that dumps the data (default: a
# `--release` build).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=target/bench-typst-pgo
rm -rf "$work" && mkdir -p "$work/context" "$work/cli" "$work/out"
. bench/common.sh
scripts/llvm-profdata --version >/dev/null

raw=$root/target/typst-pgo-profiles
merged=$root/target/typst-pgo.profdata
rm -rf "$raw"
echo "bench/typst-pgo.sh: instrumented build" >&2
typst_install "-Cprofile-generate=$raw" target/typst-cli-pgo-gen

TYPST=$root/target/typst-cli-pgo-gen/bin/typst
[ -n "${TP:-}" ] || { cargo build --release --quiet; TP=target/release/tariffpress; }
echo "bench/typst-pgo.sh: training" >&2
dump_contexts "$TP"
for d in $docs; do cli_compile "$d"; done

scripts/llvm-profdata merge -o "$merged" "$raw"
echo "bench/typst-pgo.sh: optimised build" >&2
typst_install "-Cprofile-use=$merged" target/typst-cli-pgo
echo "$root/target/typst-cli-pgo/bin/typst"
