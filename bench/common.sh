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
# `dist` profile (Cargo.toml), built here if needed.
tariffpress_dist() {
  cargo build --profile dist --quiet
  TP=target/dist/tariffpress
}
