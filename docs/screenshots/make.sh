#!/usr/bin/env bash
# Regenerates the screenshots of the README's example report in docs/screenshots/:
# desktop (1366 px), phone (390 px) and the first printed A4 page, all from the same HTML page
# with a fixed date of issue, so a rerun changes them only when the report changes.
#
#   docs/screenshots/make.sh
#
# Needs headless Chromium (`chromium`, or set CHROMIUM) and poppler-utils (`pdftoppm`).
# The inputs are the invented files in examples/ (the report says "EKSEMPEL" in its title).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/screenshots
chromium=${CHROMIUM:-chromium}
command -v "$chromium" >/dev/null || { echo "Chromium not found: apt-get install chromium, or set CHROMIUM" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm not found: apt-get install poppler-utils" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cargo build -q -p tryghed-cli
tryghed=target/debug/tryghed
args=(report --year 2026
  --observations examples/synthetic-observationer-2026.csv
  --plan examples/tryghedsplan-2026-eksempel.toml
  --follow-up examples/opfoelgning-2026-eksempel.toml
  --ledger examples/synthetic-regnskab-2026.toml
  --meetings examples/moeder-2026-eksempel.toml
  --next-plan examples/tryghedsplan-2027-eksempel.toml
  --date 2026-05-12)
"$tryghed" "${args[@]}" --format html -o "$tmp/status.html"
"$tryghed" "${args[@]}" --format pdf -o "$tmp/status.pdf"
shot() { # width height file
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --force-device-scale-factor=1 --user-data-dir="$tmp/profile" \
    --window-size="$1,$2" --screenshot="$3" "file://$tmp/status.html" 2>/dev/null
}
mkdir -p "$out"
shot 1366 1100 "$out/desktop.png"
shot 390 844 "$out/phone.png"
pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$tmp/status.pdf" "$out/print-page-1"
echo "wrote $out/desktop.png, $out/phone.png, $out/print-page-1.png"
