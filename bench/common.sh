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

# Installs typst-cli 0.15.1 (the Typst version of the library the build
# uses) into $2/bin, compiled with RUSTFLAGS $1 and the profile Typst
# builds its official binaries with (thin link-time optimisation, one
# code unit per crate, stripped): a plain `cargo install` would leave out
# the settings of Typst's workspace, and the build is measured with the
# same ones (our `dist` profile). About ten minutes on two cores.
typst_install() {
  echo "typst-cli 0.15.1 into $2 (about ten minutes, unless it is there)" >&2
  CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
    CARGO_PROFILE_RELEASE_STRIP=true RUSTFLAGS="$1" \
    cargo install --locked --quiet typst-cli@0.15.1 --root "$2"
}

# Sets TYPST to the typst CLI 0.15.x to measure: the one in $TYPST or on
# PATH, else the one in target/typst-cli-lto, installed there once.
typst_cli() {
  TYPST=${TYPST:-$(command -v typst || true)}
  if [ -z "$TYPST" ]; then
    TYPST=target/typst-cli-lto/bin/typst
    [ -x "$TYPST" ] || typst_install "" target/typst-cli-lto
  fi
  "$TYPST" --version | grep -q ' 0\.15\.' || { echo "need typst 0.15.x, got: $("$TYPST" --version)"; exit 1; }
}

# TP: the tariffpress binary to measure, by default the one we ship: the
# `dist` profile optimised with a training run's profile (scripts/dist,
# about 20 minutes from cold, 17 after a change, seconds with none);
# PGO=0 measures the plain `dist` profile (Cargo.toml) instead. Built
# here if needed.
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
