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
peak VmHWM). Prints a Markdown table; writes it to benches/results-serve.md.

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


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    binary = sys.argv[3] if len(sys.argv) > 3 else os.path.join(target, "release", "evidoc")
    work = tempfile.mkdtemp(prefix="evidoc-serve-bench-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    subprocess.run([sys.executable, os.path.join(ROOT, "benches", "gen-site.py"), str(n), work],
                   check=True, stdout=subprocess.DEVNULL)
    site = os.path.join(work, "evidoc")
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
    if not port_found.wait(600):
        server.kill()
        sys.exit("server did not start:\n" + "\n".join(log))
    initial = next(l for l in log if l.startswith("initial build"))
    mem_start = memory(server.pid)

    latencies = []
    rebuild_lines = []
    try:
        for k in range(edits):
            token = "editmark" + "abcdefghijklmnopqrstuvwxyz"[k % 26] * (k // 26 + 1)
            with open(page_file) as f:
                text = f.read()
            text = re.sub(r"editmark[a-z]+ ", "", text)
            text = text.replace("\nInterpretation infusion", f"\n{token} Interpretation infusion", 1)
            if token not in text:
                text = text.replace("\n## ", f"\n{token} paragraph.\n\n## ", 1)
            tmp = os.path.join(os.path.dirname(page_file), ".page-1.en.md.tmp")
            with open(tmp, "w") as f:
                f.write(text)
            lines_before = len(log)
            start = time.perf_counter()
            os.rename(tmp, page_file)
            while token not in fetch(port[0], url):
                if time.perf_counter() - start > 120:
                    sys.exit("the edit never reached the page:\n" + "\n".join(log[-5:]))
                time.sleep(0.002)
            latencies.append((time.perf_counter() - start) * 1000)
            time.sleep(0.3)
            rebuild_lines.extend(log[lines_before:])
        mem_end = memory(server.pid)
    finally:
        server.kill()
        server.wait()
        subprocess.run(["rm", "-rf", work])

    full_ms = int(re.search(r"(\d+) ms", initial).group(1))
    median = statistics.median(latencies)
    report = [
        f"# evidoc serve: edit-to-served latency, {n} pages per language",
        "",
        f"Machine: {os.cpu_count()} CPUs (shared; other builds may have been running). Binary: `{binary}`.",
        "",
        f"- initial full build into memory: `{initial}`",
        f"- memory after the initial build: VmRSS {mem_start.get('VmRSS')} MiB (peak VmHWM {mem_start.get('VmHWM')} MiB); "
        f"after {edits} edits: VmRSS {mem_end.get('VmRSS')} MiB (peak {mem_end.get('VmHWM')} MiB)",
        f"- edit (rename over the page) to first response showing it, {edits} edits: median {median:.0f} ms, "
        f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms "
        f"({median / full_ms * 100:.1f}% of the full build); includes the watcher's 40 ms debounce",
        "",
        "| edit | ms | server log |",
        "|---:|---:|---|",
    ]
    server_lines = [l for l in rebuild_lines if "changed:" in l]
    for i, ms in enumerate(latencies):
        line = server_lines[i] if i < len(server_lines) else ""
        report.append(f"| {i + 1} | {ms:.0f} | `{line}` |")
    text = "\n".join(report) + "\n"
    print(text)
    with open(os.path.join(ROOT, "benches", "results-serve.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
