#!/usr/bin/env bash
# Roster benchmark of `quote --members` (issue 16), not a timed test:
# prints a Markdown table for BENCHMARKS.md.
#
#   bench/roster.sh           # the `dist` build; TP=target/debug/tariffpress to reuse a dev build
#   N=1000 RUNS=3 bench/roster.sh
#
# Figures, on fictitious members of miyazaki-2025 generated here:
#   - the acceptance run: 200 priced members and one 500-bed hospital
#     (outside the tariff's 30–100 beds): 200 sheets, the hospital referred;
#   - N members (default 1,000) in one run: time, members/s, peak RSS
#     (GNU time, /usr/bin/time from Debian's `time`);
#   - per member against one `quote --pdf` process per member (the first
#     $SAMPLE members, scaled);
#   - per member against the plain typst CLI making the same sheets from
#     the same templates and data (`context --members`), $JOBS at a time
#     (default `nproc`, each compile on one thread as the roster run
#     typesets one sheet per thread): the first $CLI_SAMPLE members, scaled;
#   - --merge of the N sheets as one PDF: time and size.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
RUNS=${RUNS:-3}
SAMPLE=${SAMPLE:-20}
CLI_SAMPLE=${CLI_SAMPLE:-200}
JOBS=${JOBS:-$(nproc)}
work=target/bench-roster
rm -rf "$work" && mkdir -p "$work"
. bench/common.sh
typst_cli
[ -n "${TP:-}" ] || tariffpress_dist
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time: apt-get install time"; exit 1; }
export SOURCE_DATE_EPOCH=1735689600

# Fictitious members: clinics, hospitals and care homes of the sizes the
# tariff prices, plans H1–H7 in turn.
roster() { # count, extra-row
  awk -v n="$1" 'BEGIN {
    print "member_id,name,class,size,plan";
    for (i = 1; i <= n; i++) {
      k = i % 3; plan = "H" (1 + i % 7);
      if (k == 0) printf "B-%05d,架空第%d診療所,clinic,,%s\n", i, i, plan;
      else if (k == 1) printf "B-%05d,架空第%d病院,hospital,%d,%s\n", i, i, 30 + i % 71, plan;
      else printf "B-%05d,架空第%d老人保健施設,geriatric,%d,%s\n", i, i, 30 + i % 71, plan;
    }
  }'
  [ -z "${2:-}" ] || echo "$2"
}
roster 200 "B-HOSP,架空大規模総合病院,hospital,500,H7" > "$work/roster-200.csv"
roster "$N" > "$work/roster-$N.csv"

# The first $1 members of the N-member roster, without its header. (Not
# `tail | head`: with pipefail, tail's SIGPIPE once head has enough would
# end the script.)
members() { awk -v n="$1" 'NR > 1 && NR <= n + 1' "$work/roster-$N.csv"; }

# Acceptance: 200 sheets, the hospital referred.
"$TP" quote miyazaki-2025 --members "$work/roster-200.csv" --output "$work/out-200" 2> "$work/log-200.txt"
sheets200=$(ls "$work/out-200"/B-*.pdf | wc -l)
referred200=$(grep -c ',referred,' "$work/out-200/summary.csv" || true)

times=()
for _ in $(seq "$RUNS"); do
  rm -rf "$work/out"
  s=$(now); "$TP" quote miyazaki-2025 --members "$work/roster-$N.csv" --output "$work/out" 2>/dev/null; e=$(now)
  times+=("$(awk "BEGIN {print $e - $s}")")
done
med=$(printf '%s\n' "${times[@]}" | median)
rm -rf "$work/out"
rss_kb=$( { "$TIME" -f '%M' "$TP" quote miyazaki-2025 --members "$work/roster-$N.csv" --output "$work/out" 2>&1 >/dev/null; } | tail -1)

# One process per member, as before: the first $SAMPLE members.
s=$(now)
members "$SAMPLE" | while IFS=, read -r id name class size plan; do
  "$TP" quote miyazaki-2025 --class "$class" --plan "$plan" ${size:+--size "$size"} \
    --facility "$name" --pdf "$work/single-$id.pdf" > /dev/null 2>&1
done
e=$(now)
single=$(awk "BEGIN {print ($e - $s) / $SAMPLE}")

# The plain typst CLI, $JOBS sheets at a time, from each member's data.
"$TP" context miyazaki-2025 --members "$work/roster-$N.csv" --output "$work/context" 2>/dev/null
mkdir -p "$work/cli"
cli_sheet() {
  "$TYPST" compile --jobs 1 --pdf-standard a-3b --root . --font-path fonts --ignore-system-fonts \
    --input "data=/$work/context/$1.json" --input "rates=/$work/context/$1.rates.json" \
    templates/members.typ "$work/cli/$1.pdf"
}
export -f cli_sheet
export TYPST work
s=$(now)
members "$CLI_SAMPLE" | cut -d, -f1 |
  xargs -P "$JOBS" -I{} bash -c 'cli_sheet "$1"' _ {}
e=$(now)
cli=$(awk "BEGIN {print ($e - $s) / $CLI_SAMPLE}")

# --merge: every sheet and the one print-ready PDF.
rm -rf "$work/out"
s=$(now); "$TP" quote miyazaki-2025 --members "$work/roster-$N.csv" --output "$work/out" --merge 2>/dev/null; e=$(now)
merge=$(awk "BEGIN {print $e - $s}")
merge_kb=$(( $(stat -c %s "$work/out/_all.pdf") / 1024 ))
sheet_kb=$(( $(stat -c %s "$work/out/B-00001.pdf") / 1024 ))

echo "| figure | value |"
echo "|---|---|"
echo "| acceptance: 200 members + one 500-bed hospital | $sheets200 sheets, $referred200 referred |"
echo "| $N members, one run (median of $RUNS) | $(printf '%.2f' "$med") s |"
echo "| members per second | $(awk "BEGIN {printf \"%.0f\", $N / $med}") |"
echo "| peak RSS, $N members | $((rss_kb / 1024)) MB |"
echo "| one \`quote --pdf\` process per member (mean of $SAMPLE) | $(printf '%.3f' "$single") s |"
echo "| per member in the roster run / separate process | $(awk "BEGIN {printf \"%.3f\", ($med / $N) / $single}") |"
echo "| plain \`typst compile\` per sheet, $JOBS at a time (mean of $CLI_SAMPLE) | $(printf '%.3f' "$cli") s |"
echo "| per member in the roster run / typst CLI on the same cores | $(awk "BEGIN {printf \"%.3f\", ($med / $N) / $cli}") |"
echo "| $N members with --merge (sheets + one PDF) | $(printf '%.2f' "$merge") s |"
echo "| size: one sheet / merged PDF of $N | $sheet_kb KB / $merge_kb KB |"
