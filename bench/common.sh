# Sourced by the benchmarks (bench/run.sh, bench/roster.sh).

# Seconds since the epoch, with nanoseconds.
now() { date +%s.%N; }
# Sets CPU_USED to the CPU seconds (user + system) used so far by the
# shell's finished children, their own children included, and CPU_SYS to
# the system part. `times` must run in this shell, not in a $(…) subshell
# (whose children are not ours), so this sets variables rather than
# printing (through the file $work/.times: the caller's work folder).
children_cpu() {
  times > "${work:?}/.times"
  read -r CPU_USED CPU_SYS < <(awk 'NR == 2 {
    split($1, u, /[ms]/); split($2, s, /[ms]/)
    user = u[1] * 60 + u[2]; sys = s[1] * 60 + s[2]
    print user + sys, sys
  }' "$work/.times")
}
# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# TYPST: a typst CLI 0.15.x, the one on PATH or in $TYPST, else
# typst-cli 0.15.1 installed into target/typst-cli-lto (about ten minutes,
# once) with the profile Typst builds its official binaries with (thin
# link-time optimisation, one code unit per crate, stripped): a plain
# `cargo install` would leave out the settings of Typst's workspace, and
# the build is measured with the same ones (our `dist` profile). Same
# Typst version as the library the build uses.
TYPST=${TYPST:-$(command -v typst || true)}
if [ -z "$TYPST" ]; then
  TYPST=target/typst-cli-lto/bin/typst
  [ -x "$TYPST" ] || CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_STRIP=true cargo install --locked typst-cli@0.15.1 --root target/typst-cli-lto
fi
"$TYPST" --version | grep -q ' 0\.15\.' || { echo "need typst 0.15.x, got: $("$TYPST" --version)"; exit 1; }

# TP: the tariffpress binary to measure, by default the one we ship: the
# `dist` profile optimised with a training run's profile (scripts/dist,
# about 20 minutes from cold, 17 after a change, seconds with none); PGO=0 measures the plain
# `dist` profile (Cargo.toml) instead. Built here if needed.
tariffpress_dist() {
  if [ "${PGO:-1}" = 0 ]; then
    cargo build --profile dist --quiet
    TP=target/dist/tariffpress
  else
    TP=$(scripts/dist | tail -1)
  fi
}

# Builds every program with tariffpress $1 into $work/out and dumps each
# document's template data (`context`) into $work/context, so that the
# plain typst CLI can compile the same templates on the same data. Sets
# `docs` to the documents, as program/document pairs.
dump_contexts() {
  SOURCE_DATE_EPOCH=1735689600 "$1" build --output "$work/out" 2>/dev/null
  docs=$(cd "$work/out" && ls */*.pdf | sed 's/\.pdf$//')
  local d
  for d in $docs; do
    "$1" context "${d%/*}" "${d#*/}" > "$work/context/${d/\//-}.json"
  done
}

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
