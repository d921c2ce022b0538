# Sourced by the benchmarks: sets TYPST to a typst CLI 0.15.x, the one on
# PATH or in $TYPST, else installs typst-cli 0.15.1 into target/typst-cli
# (several minutes, once). Same Typst version as the library the build uses.
TYPST=${TYPST:-$(command -v typst || true)}
if [ -z "$TYPST" ]; then
  TYPST=target/typst-cli/bin/typst
  [ -x "$TYPST" ] || cargo install --locked typst-cli@0.15.1 --root target/typst-cli
fi
"$TYPST" --version | grep -q ' 0\.15\.' || { echo "need typst 0.15.x, got: $("$TYPST" --version)"; exit 1; }
