#!/usr/bin/env bash
# Lighthouse accessibility audit of the default site, in both languages.
#
#   bash tests/lighthouse.sh
#
# Builds the default site (debug build, into a temporary folder), serves it over HTTP on
# 127.0.0.1 (python3 -m http.server: the search index is fetched, which browsers refuse from
# file://) and runs Lighthouse's accessibility category with Debian's Chromium on: the home
# page, a section page, a trial page and the glossary, in zh and en, each once as loaded and once
# with the search results open (`?search=…` runs a search when the page loads). Prints one score
# per page and exits non-zero when any is below 100 (each failing audit is printed).
#
# Needs node (18 or later), npm and chromium. Lighthouse 12.2.3 (the last release that runs on
# Node 18; 13.x needs Node 22) is installed with npm into a cache folder on first use
# (LIGHTHOUSE_DIR, default ~/.cache/evidoc-lighthouse); CHROME_PATH defaults to /usr/bin/chromium;
# EVIDOC=path/to/evidoc builds with that binary instead of `cargo run`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

LH_DIR=${LIGHTHOUSE_DIR:-$HOME/.cache/evidoc-lighthouse}
LH=$LH_DIR/node_modules/.bin/lighthouse
if [ ! -x "$LH" ]; then
    mkdir -p "$LH_DIR"
    echo "installing lighthouse 12.2.3 into $LH_DIR" >&2
    npm install --prefix "$LH_DIR" --silent --no-audit --no-fund -E lighthouse@12.2.3 >&2
fi
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}

WORK=$(mktemp -d)
SERVER=
cleanup() {
    if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${EVIDOC:-}" ]; then
    "$EVIDOC" build --output "$WORK/site" --force --quiet >&2
else
    cargo run --quiet -- build --output "$WORK/site" --force --quiet >&2
fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK/site" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 50); do
    if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/zh/index.html')" 2>/dev/null; then break; fi
    sleep 0.1
done

PAGES=(
    "zh/index.html" "zh/liver-metastasis/index.html" "zh/trials/keynote-859/index.html" "zh/glossary/index.html"
    "en/index.html" "en/liver-metastasis/index.html" "en/trials/keynote-859/index.html" "en/glossary/index.html"
    "zh/index.html?search=%E8%82%9D%E8%BD%AC%E7%A7%BB" "en/trials/keynote-859/index.html?search=KEYNOTE-859"
)
failed=0
for page in "${PAGES[@]}"; do
    report=$WORK/report.json
    "$LH" "http://127.0.0.1:$PORT/$page" --quiet --only-categories=accessibility \
        --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync" \
        --output=json --output-path="$report" >/dev/null 2>"$WORK/lighthouse.err" || {
        echo "lighthouse failed on $page:" >&2; cat "$WORK/lighthouse.err" >&2; exit 1; }
    python3 - "$report" "$page" <<'EOF' || failed=1
import json, sys
report = json.load(open(sys.argv[1]))
score = round(report["categories"]["accessibility"]["score"] * 100)
print(f"{score:3d}  {sys.argv[2]}")
for audit in report["audits"].values():
    if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0:
        print(f"     fails: {audit['id']}: {audit['title']}")
        for item in (audit.get("details") or {}).get("items", [])[:5]:
            print(f"       {item.get('node', {}).get('snippet', '')}")
sys.exit(0 if score == 100 else 1)
EOF
done
if [ "$failed" != 0 ]; then
    echo "lighthouse: some page scores below 100 for accessibility" >&2
    exit 1
fi
echo "lighthouse: every page scores 100 for accessibility"
