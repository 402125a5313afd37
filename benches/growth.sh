#!/usr/bin/env bash
# How evidoc's cost grows with the site: builds (`--no-search`) and checks the `--balanced`
# synthetic site (benches/gen-site.py; chapters of 10 pages, so a page's sidebar stays the same
# size) at each N pages per language, and prints one table row per N: wall and CPU time, peak
# memory, output size, and the build's time per page and per output megabyte.
#
#     bash benches/growth.sh 1000 10000 50000
#
# Each N gets ROUNDS rounds (default 3), each a build then a check; the row shows the medians
# (wall, CPU, peak memory each the median of the rounds), and the check/build ratio of each
# round follows the table.
#
# Environment: BENCH_DIR (default /dev/shm/evidoc-growth: sites and output, on tmpfs; about
# 6 GB at 50,000 pages per language), KEEP=1 keeps the sites for the next run, EVIDOC (the
# binary; default: `cargo build --release` and target/release/evidoc), ROUNDS.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR=${BENCH_DIR:-/dev/shm/evidoc-growth}
mkdir -p "$DIR"
if [ -z "${EVIDOC:-}" ]; then
    (cd "$ROOT" && cargo build --release --quiet)
    EVIDOC="${CARGO_TARGET_DIR:-$ROOT/target}/release/evidoc"
fi

measure() { # label, command...: prints "wall cpu rss_mib"
    local out="$DIR/time.txt"
    /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" >/dev/null 2>"$DIR/stderr.txt" \
        || { cat "$DIR/stderr.txt" >&2; exit 1; }
    awk '{ printf "%.2f %.2f %d\n", $1, $2 + $3, $4 / 1024 }' "$out"
}

median() { # "wall cpu rss" lines: the median of each column
    printf '%s\n' "$@" | awk '{ w[NR] = $1; c[NR] = $2; r[NR] = $3 }
        function med(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        END { printf "%.2f %.2f %d\n", med(w, NR), med(c, NR), med(r, NR) }'
}

ratios=()
echo "| pages/lang | build wall s | build CPU s | build peak MiB | output MB | HTML KB/page | build ms/page | build ms/output MB | check wall s | check CPU s | check peak MiB | check/build |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for N in "$@"; do
    site="$DIR/site-$N"
    if [ ! -f "$site/evidoc/evidoc.toml" ]; then
        python3 "$ROOT/benches/gen-site.py" --balanced "$N" "$site" >&2
        rm -rf "$site/hugo"
        "$EVIDOC" translations --root "$site/evidoc" --mark-current --all >/dev/null
    fi
    out="$DIR/out-$N"
    builds=() checks=()
    for round in $(seq "${ROUNDS:-3}"); do
        rm -rf "$out"
        builds+=("$(measure "$EVIDOC" build --root "$site/evidoc" --output "$out" --no-search)")
        bytes=$(du -sb "$out" | cut -f1)
        read -r html pages < <(find "$out" -name index.html -not -path "*/print/*" -printf "%s\n" |
            awk '{ s += $1; n++ } END { print s, n }')
        rm -rf "$out"
        checks+=("$(measure "$EVIDOC" check --root "$site/evidoc")")
        ratios+=("N=$N round $round: check/build $(echo "${checks[-1]} ${builds[-1]}" | awk '{ printf "%.2f", $1 / $4 }')")
    done
    read -r bwall bcpu brss < <(median "${builds[@]}")
    read -r cwall ccpu crss < <(median "${checks[@]}")
    awk -v n="$N" -v bw="$bwall" -v bc="$bcpu" -v br="$brss" -v b="$bytes" -v h="$html" -v p="$pages" \
        -v cw="$cwall" -v cc="$ccpu" -v cr="$crss" 'BEGIN {
        mb = b / 1e6
        printf "| %d | %.1f | %.1f | %d | %.0f | %.1f | %.2f | %.1f | %.1f | %.1f | %d | %.2f |\n",
            n, bw, bc, br, mb, h / p / 1000, bw * 1000 / (2 * n), bw * 1000 / mb, cw, cc, cr, cw / bw }'
    [ "${KEEP:-}" = 1 ] || rm -rf "$site"
done
echo
printf -- '- %s\n' "${ratios[@]}"

