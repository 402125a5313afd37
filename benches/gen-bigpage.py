#!/usr/bin/env python3
"""Generate an evidoc site with one very large bilingual page, for the page-size benchmark.

    python3 benches/gen-bigpage.py N OUTDIR

writes OUTDIR/evidoc.toml and OUTDIR/content/ with:

- `big.zh.md` / `big.en.md`: N paragraphs of about 1 KB each, the same text in both
  languages (so `evidoc check` finds nothing to report). Every paragraph has a citation, a
  trial link, figures (a percentage, a median in months, a hazard ratio from the trial's data);
  every 10th paragraph is preceded by a `##` heading with an explicit id, every 20th links to a
  heading of the page itself and of `other.md`, every 50th has a `{{ fig(...) }}` shortcode.
- `other.zh.md` / `other.en.md`: a small page with the linked heading;
- one trial (`content/trials/trial-1.toml`), a vocabulary and 50 references.

Python 3 standard library only; deterministic: the same N gives the same bytes. A page of
N paragraphs is about N KB per language (N = 16,000 gives two files of about 16 MB).
"""

import os
import random
import shutil
import sys

WORDS = """
patients treatment therapy survival response tumour cancer gastric metastasis liver immune
checkpoint inhibitor chemotherapy trial cohort analysis outcome benefit risk ratio hazard
median progression disease stage biomarker expression antibody dose toxicity adverse event
safety efficacy randomised controlled phase arm placebo baseline follow-up subgroup population
endpoint primary secondary overall clinical evidence review study data result effect
significant difference observed reported compared improved reduced increased associated higher
lower consistent across between within among after before during with without and or the of in
""".split()

REFS = 50
SEED = 20261130


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(10, 20))]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, i):
    """About 1 KB of text with the facts `check` compares and checks against data."""
    parts = [sentence(rng)]
    parts.append(f"In [TRIAL-1](trial:trial-1) the median overall survival was 12.3 months "
                 f"(hazard ratio 0.75) and {rng.randint(5, 80)}% of patients responded [@ref{i % REFS + 1}].")
    if i % 20 == 0:
        parts.append(f"See [the methods](@/other.md#methods) and [above](@/big.md#h{i // 10}).")
    if i % 50 == 0:
        parts.append('The arm A median was {{ fig(trial="trial-1", population="itt", endpoint="os", arm="a") }}.')
    while sum(len(p) + 1 for p in parts) < 1000:
        parts.append(sentence(rng))
    return " ".join(parts)


def body(n):
    rng = random.Random(SEED)
    blocks = []
    for i in range(n):
        if i % 10 == 0:
            blocks.append(f"## Section {i // 10} {{#h{i // 10}}}")
        blocks.append(paragraph(rng, i))
    return "\n\n".join(blocks) + "\n"


CONFIG = """base_url = "https://example.org/big/"
default_language = "zh"

[[languages]]
code = "zh"
name = "中文"
title = "大页面"
description = "一个很大的页面。"

[[languages]]
code = "en"
name = "English"
title = "Big page"
description = "One very large page."
"""

TRIAL = """id = "trial-1"
name = "TRIAL-1"
registration = "NCT90000001"
phase = "3"

[design]
zh = "随机、开放标签 3 期试验（虚构数据，用于基准测试）。"
en = "Randomised, open-label phase 3 trial (synthetic data for benchmarking)."

[[arms]]
id = "a"
label = { zh = "试验药 + 化疗", en = "Study drug + chemotherapy" }
n = 400

[[arms]]
id = "b"
label = { zh = "安慰剂 + 化疗", en = "Placebo + chemotherapy" }
n = 400

[[results]]
population = "itt"
endpoint = "os"
medians = { a = 12.3, b = 10.1 }
hr = 0.75
ci = [0.62, 0.9]
source_refs = [1]
"""

VOCABULARY = """[populations.itt]
zh = "意向治疗人群"
en = "Intention-to-treat"

[endpoints.os]
zh = "总生存期"
en = "Overall survival"
abbr = "OS"
kind = "time"
"""


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen-bigpage.py N OUTDIR")
    n = int(sys.argv[1])
    out = sys.argv[2]
    if os.path.exists(out):
        shutil.rmtree(out)
    write(os.path.join(out, "evidoc.toml"), CONFIG)
    content = os.path.join(out, "content")
    text = body(n)
    for lang, title in (("zh", "大页面"), ("en", "Big page")):
        write(os.path.join(content, f"big.{lang}.md"), f'+++\ntitle = "{title}"\nweight = 1\n+++\n\n{text}')
    other = "## Methods {#methods}\n\nA short page that the big page links to.\n"
    for lang, title in (("zh", "另一页"), ("en", "Other page")):
        write(os.path.join(content, f"other.{lang}.md"), f'+++\ntitle = "{title}"\nweight = 2\n+++\n\n{other}')
    write(os.path.join(content, "trials", "trial-1.toml"), TRIAL)
    write(os.path.join(content, "vocabulary.toml"), VOCABULARY)
    write(os.path.join(content, "references.toml"), "\n".join(
        f'[ref{k}]\nzh = "文献 {k}。"\nen = "Reference {k}."\n' for k in range(1, REFS + 1)))
    print(f"generated a page of {n} paragraphs ({len(text.encode()) / 1e6:.1f} MB per language) into {out}")


if __name__ == "__main__":
    main()
