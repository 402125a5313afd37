#!/usr/bin/env bash
# Follows README.md's "Your own review" section on a temporary folder: installs evidoc the way
# the README says (plus --debug and --root, so CI reuses its test build instead of compiling a
# release binary), then runs the README's init block word for word, as a new user would.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

readme="$repo/README.md"
install_line="$(grep -m1 '^cargo install --path \.' "$readme" | sed 's/ *#.*//')"
[ "$install_line" = "cargo install --path ." ] || { echo "README lost its install line" >&2; exit 1; }
(cd "$repo" && cargo install --debug --path . --root "$TMP" --quiet)
export PATH="$TMP/bin:$PATH"
[ "$(command -v evidoc)" = "$TMP/bin/evidoc" ]

# The block after the marker comment, without its fences.
block="$(awk '/install-and-init.sh runs the commands of this block/ { on = 1; next }
             on && /^```sh/ { inside = 1; next }
             inside && /^```/ { exit }
             inside { print }' "$readme")"
[ -n "$block" ] || { echo "README lost its init block" >&2; exit 1; }
echo "$block" | grep -q '^evidoc init my-review$'

cd "$TMP"
mkdir work && cd work
echo "+ README block:"; echo "$block" | sed 's/^/    /'
bash -euo pipefail -c "$block"
# The published review: both languages, no templates or theme of its own.
test -f my-review/public/index.html
test -f my-review/public/zh/evidence/index.html
test -f my-review/public/en/evidence/index.html
test ! -e my-review/templates && test ! -e my-review/theme
echo "install-and-init: ok"
