#!/usr/bin/env python3
"""Edit-to-served latency of `evidoc serve` on the synthetic site (a benchmark, not a test).

    python3 benches/serve-latency.py N [EDITS] [BINARY]

Generates the N-pages-per-language site (benches/gen-site.py) in a temporary folder, starts
`evidoc serve --port 0` on it (BINARY, default: the release binary under $CARGO_TARGET_DIR or
target/), and EDITS times (default 10) edits one paragraph of one page (written as editors do:
a temporary file renamed over the page), then fetches the page over a raw socket until the edit
is served. Reports, for each edit, the time from the rename to the first response showing it
(what a browser waiting on the reload event would see at best), the server's own log line for
the rebuild, the initial full build into memory, and the server's resident memory (VmRSS, and
peak VmHWM) and CPU time (from /proc, so that a loaded machine inflates wall times but not
these). Then edits one figure of one trial file (TRIALS edits, default 3) the same way and
waits for the trial's page to show it. For comparison, runs one full `evidoc build --no-search`
of the same site under `/usr/bin/time -v` (wall, CPU, peak RSS). Prints a Markdown report;
writes it to benches/results-serve.md.

The goal (issue 12): under 100 ms on the 10,000-pages-per-language site on 2 cores, at most a
tenth of a full build, and no more memory than a full build.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fetch(port, path):
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        chunks = []
        while True:
            data = s.recv(65536)
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks).decode("utf-8", "replace")


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) // 1024
    return fields


def cpu_ms(pid):
    """User + system CPU time of a process so far, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) * 1000 / ticks


def full_build(binary, site):
    """One `evidoc build --no-search` under /usr/bin/time -v: (wall s, CPU s, peak RSS MiB)."""
    out = tempfile.mkdtemp(prefix="evidoc-serve-bench-out-", dir=os.path.dirname(site))
    run = subprocess.run(["/usr/bin/time", "-v", binary, "build", "--quiet", "--no-search", "--force",
                          "--root", site, "--output", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    subprocess.run(["rm", "-rf", out])
    if run.returncode != 0:
        sys.exit("the full build failed:\n" + run.stderr[-3000:])
    field = lambda name: re.search(re.escape(name) + r": (.*)", run.stderr).group(1).strip()
    parts = [float(p) for p in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    rss = int(field("Maximum resident set size (kbytes)")) // 1024
    return wall, cpu, rss


def timed_edit(port, url, path, text, token, log, server_pid):
    """Writes `text` to `path` as editors do (a temporary file renamed over it) and waits until
    `url` shows `token`: (ms, server CPU ms, the log lines of the rebuild)."""
    tmp = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
    lines_before = len(log)
    cpu_before = cpu_ms(server_pid)
    start = time.perf_counter()
    os.rename(tmp, path)
    while token not in fetch(port, url):
        if time.perf_counter() - start > 300:
            sys.exit("the edit never reached the page:\n" + "\n".join(log[-5:]))
        time.sleep(0.002)
    ms = (time.perf_counter() - start) * 1000
    time.sleep(0.3)
    return ms, cpu_ms(server_pid) - cpu_before, [l for l in log[lines_before:] if "changed:" in l]


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    trial_edits = int(os.environ.get("TRIALS", "3"))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = sys.argv[3] if len(sys.argv) > 3 else os.path.join(target, "release", "evidoc")
    # WORK=DIR reuses a folder that gen-site.py already filled (it is removed at the end).
    work = os.environ.get("WORK") or tempfile.mkdtemp(
        prefix="evidoc-serve-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    if not os.environ.get("WORK"):
        subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen-site.py"), str(n), work],
                       check=True, stdout=subprocess.DEVNULL)
    site = os.path.join(work, "evidoc")
    # As benches/bench.sh does: the generated translations are current, so there are no warnings.
    subprocess.run([binary, "translations", "--root", site, "--mark-current", "--all"],
                   check=True, stdout=subprocess.DEVNULL)
    page_file = os.path.join(site, "content", "part-5", "chapter-5", "page-1.en.md")
    url = "/en/part-5/chapter-5/page-1/"

    server = subprocess.Popen([binary, "serve", "--port", "0", "--root", site],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    log = []
    port_found = threading.Event()
    port = [0]

    def read():
        for line in server.stdout:
            log.append(line.rstrip("\n"))
            m = re.match(r"Serving http://[^:]+:(\d+)/", line)
            if m:
                port[0] = int(m.group(1))
                port_found.set()

    threading.Thread(target=read, daemon=True).start()
    if not port_found.wait(3600):
        server.kill()
        sys.exit("server did not start:\n" + "\n".join(log))
    initial = next(l for l in log if l.startswith("initial build"))
    mem_start = memory(server.pid)

    initial_cpu = cpu_ms(server.pid)
    latencies, cpus, rebuild_lines = [], [], []
    trial_rows = []
    try:
        for k in range(edits):
            token = "editmark" + "abcdefghijklmnopqrstuvwxyz"[k % 26] * (k // 26 + 1)
            with open(page_file) as f:
                text = f.read()
            text = re.sub(r"editmark[a-z]+ ", "", text)
            text = text.replace("\nInterpretation infusion", f"\n{token} Interpretation infusion", 1)
            if token not in text:
                text = text.replace("\n## ", f"\n{token} paragraph.\n\n## ", 1)
            ms, cpu, lines = timed_edit(port[0], url, page_file, text, token, log, server.pid)
            latencies.append(ms)
            cpus.append(cpu)
            rebuild_lines.append(lines[0] if lines else "")
        trial_file = os.path.join(site, "content", "trials", "trial-7.toml")
        for k in range(trial_edits):
            with open(trial_file) as f:
                text = f.read()
            value = f"{31 + k}.{k + 1}"
            text = re.sub(r"medians = \{ a = [0-9.]+", "medians = { a = " + value, text, count=1)
            ms, cpu, lines = timed_edit(port[0], "/en/trials/trial-7/", trial_file, text, value, log, server.pid)
            trial_rows.append((ms, cpu, lines[0] if lines else ""))
        mem_end = memory(server.pid)
    finally:
        server.kill()
        server.wait()
    # BUILD="wall cpu rss" gives the figures of a full build measured separately (on a loaded
    # machine, at the same time as the server, to save time).
    if os.environ.get("BUILD"):
        build_wall, build_cpu, build_rss = (float(x) for x in os.environ["BUILD"].split())
    else:
        build_wall, build_cpu, build_rss = full_build(binary, site)
    subprocess.run(["rm", "-rf", work])

    full_ms = int(re.search(r"(\d+) ms", initial).group(1))
    median = statistics.median(latencies)
    median_cpu = statistics.median(cpus)
    report = [
        f"# evidoc serve: edit-to-served latency, {n} pages per language",
        "",
        f"Machine: {os.cpu_count()} CPUs, shared with other engineers' builds (load average when done: "
        f"{os.getloadavg()[0]:.1f}), so wall times are inflated; CPU times (from /proc) much less so. "
        f"Binary: `{binary}`. Site: `benches/gen-site.py {n}`, translations marked current.",
        "",
        f"- full `evidoc build --no-search` of the same site: {build_wall:.1f} s wall, {build_cpu:.1f} s CPU, "
        f"peak RSS {build_rss} MiB",
        f"- server's initial full build into memory: `{initial}`; {initial_cpu / 1000:.1f} s CPU",
        f"- server memory after the initial build: VmRSS {mem_start.get('VmRSS')} MiB (peak VmHWM {mem_start.get('VmHWM')} MiB); "
        f"after all edits: VmRSS {mem_end.get('VmRSS')} MiB (peak VmHWM {mem_end.get('VmHWM')} MiB) "
        f"= {mem_end.get('VmHWM') / build_rss:.2f}× the build's peak",
        f"- page edit (one paragraph; a temporary file renamed over the page) to the first response showing it, "
        f"{edits} edits: median {median:.0f} ms wall, min {min(latencies):.0f} ms, max {max(latencies):.0f} ms "
        f"({median / (build_wall * 1000) * 100:.2f}% of the full build's wall time); includes the watcher's 40 ms "
        f"debounce. Server CPU per edit: median {median_cpu:.0f} ms "
        f"({median_cpu / (build_cpu * 1000) * 100:.2f}% of the full build's CPU)",
        "",
        "| page edit | ms to served | server CPU ms | server log |",
        "|---:|---:|---:|---|",
    ]
    for i, ms in enumerate(latencies):
        report.append(f"| {i + 1} | {ms:.0f} | {cpus[i]:.0f} | `{rebuild_lines[i]}` |")
    if trial_rows:
        report += [
            "",
            "One figure of `content/trials/trial-7.toml` (a median OS), to its trial page showing it:",
            "",
            "| trial edit | ms to served | server CPU ms | server log |",
            "|---:|---:|---:|---|",
        ]
        for i, (ms, cpu, line) in enumerate(trial_rows):
            report.append(f"| {i + 1} | {ms:.0f} | {cpu:.0f} | `{line}` |")
    text = "\n".join(report) + "\n"
    print(text)
    with open(os.path.join(ROOT, "benches", "results-serve.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
