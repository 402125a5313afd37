#!/usr/bin/env python3
"""Writes the corpus of broken sites under tests/broken/: one folder per diagnostic code.

Each folder overlays files on a fixture site (tests/fixtures/<base>) and says in expect.toml
which diagnostic `evidoc check` must report: code, file, line, column (1-based, in characters)
and message. The expected place is found here independently of evidoc: it is where the marker
text stands in the file this script writes. Run it again after changing a fixture.
"""
import json, os, shutil, pathlib

ROOT = pathlib.Path(__file__).parent
FIX = ROOT / "fixtures"
OUT = ROOT / "broken"

def base_text(base, rel):
    return (FIX / base / rel).read_text(encoding="utf-8")

def locate(text, marker, occurrence=0):
    i = -1
    for _ in range(occurrence + 1):
        i = text.index(marker, i + 1)
    line = text.count("\n", 0, i) + 1
    col = i - (text.rfind("\n", 0, i) + 1) + 1
    return line, col

def case(name, code, message, files, target=None, marker=None, base="trials", severity="error", occurrence=0, deletes=()):
    d = OUT / f"{code}-{name}"
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    for rel, text in files.items():
        p = d / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")
    for rel in deletes:
        p = d / (rel + ".delete")
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("")
    expect = {"base": base, "code": code, "severity": severity, "message": message}
    if target:
        expect["file"] = target
        if marker is not None:
            text = files[target] if target in files else base_text(base, target)
            if isinstance(text, bytes):
                text = text.decode("utf-8", errors="ignore")
            expect["line"], expect["column"] = locate(text, marker, occurrence)
    lines = [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in expect.items()]
    (d / "expect.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

def edit(base, rel, old, new):
    text = base_text(base, rel)
    assert old in text, (rel, old)
    return text.replace(old, new, 1)

if OUT.exists():
    shutil.rmtree(OUT)
OUT.mkdir()
cfg = "evidoc.toml"
res_en, res_zh = "content/results.en.md", "content/results.zh.md"
alpha, beta = "content/trials/alpha.toml", "content/trials/beta.toml"

case("config-unreadable", "E0001", "cannot read evidoc.toml", {}, target=cfg, deletes=[cfg])
case("unknown-config-key", "E0002", "unknown field `colour`", {cfg: edit("trials", cfg, "default_language", 'colour = "red"\ndefault_language')}, cfg, "colour")
case("default-language", "E0003", "default_language `de` is not one of the configured languages", {cfg: edit("trials", cfg, 'default_language = "zh"', 'default_language = "de"')}, cfg, "default_language")
case("content-dir-missing", "E0004", "content folder", {cfg: edit("trials", cfg, "default_language", 'content_dir = "nowhere"\ndefault_language')})
case("front-matter-type", "E0101", "invalid type: string \"first\", expected i64", {res_en: edit("trials", res_en, "weight = 1", 'weight = "first"')}, res_en, '"first"')
case("unknown-language", "E0102", "unknown language suffix `.de` in the file name", {"content/results.de.md": "+++\ntitle = \"Ergebnisse\"\n+++\n"}, "content/results.de.md")
case("duplicate-output-path", "E0103", "two sources claim the output path `results/`", {"content/other.en.md": "+++\ntitle = \"Other\"\nslug = \"results\"\n+++\n"}, "content/results.en.md")
case("unreadable-file", "E0104", "file is not valid UTF-8", {res_en: "+++\ntitle = \"R\xe9sultats\"\n+++\n".encode("latin-1")}, res_en, "sultats")
case("unsafe-name", "E0105", "`slug = \"../up\"` cannot be part of a URL", {res_en: edit("trials", res_en, "weight = 1", 'weight = 1\nslug = "../up"')}, res_en, "slug")
case("template-syntax", "E0201", "template `page.html`", {"templates/page.html": '{% extends "base.html" %}\n{% block content %}\n{% for %}\n{% endblock content %}\n'}, "templates/page.html", "%}\n{% endblock")
case("template-undefined", "E0202", "template `page.html`", {"templates/page.html": '{% extends "base.html" %}\n{% block content %}\n{{ page.content | safe }}{{ page.nothing }}\n{% endblock content %}\n'}, "templates/page.html", "nothing")
case("template-missing", "E0203", "template `fancy.html` does not exist", {res_en: edit("trials", res_en, "weight = 1", 'weight = 1\ntemplate = "fancy.html"')}, res_en, "fancy.html")
case("broken-page-link", "E0301", "link to a page that does not exist: `@/nowhere.md`", {res_en: edit("trials", res_en, "## Overall survival {#os}", "## Overall survival {#os}\n\nSee [elsewhere](@/nowhere.md).")}, res_en, "[elsewhere]")
case("broken-anchor", "E0302", "link to a missing heading `#pfs` on `@/results.md`", {"content/_index.en.md": edit("trials", "content/_index.en.md", "(@/results.md)", "(@/results.md#pfs)")}, "content/_index.en.md", "[results]")
case("unknown-trial", "E0303", "link to a trial that does not exist: `trial:alfa`", {res_en: edit("trials", res_en, "(trial:alpha)", "(trial:alfa)")}, res_en, "[ALPHA-1]")
case("unknown-citation", "E0304", "unknown citation key `smyth2020`", {res_en: edit("trials", res_en, "[@smith2020]", "[@smyth2020]")}, res_en, "[@smyth2020]")
case("bibliography-invalid", "E0305", "reference `ref2` has no `en` text", {"content/references.toml": "[ref2]\nzh = \"原文引用此文献说明：亚组。\"\n"}, "content/references.toml", "[ref2]")
case("bibliography-duplicate", "E0306", "reference `smith2020` is both in bibliography.yaml and here", {"content/references.toml": base_text("trials", "content/references.toml") + "\n[smith2020]\nzh = \"重复\"\nen = \"duplicate\"\n"}, "content/references.toml", "[smith2020]")
case("broken-output-link", "E0307", "broken link in the output: `missing.html` (no such file)", {"templates/page.html": '{% extends "base.html" %}\n{% block content %}{{ page.content | safe }}<a href="missing.html">x</a>{% endblock content %}\n'}, "en/results/index.html")
case("duplicate-id", "E0309", "the id `os` is used twice on this page", {res_en: edit("trials", res_en, "## Overall survival {#os}", '<p id="os">x</p>\n\n## Overall survival {#os}')}, "en/results/index.html")
case("data-unknown-field", "E0401", "unknown field `sponsor`", {alpha: edit("trials", alpha, 'phase = "3"', 'phase = "3"\nsponsor = "ACME"')}, alpha, "sponsor")
case("trial-id-mismatch", "E0402", "trial id `gama` does not match the file name `gamma.toml`", {"content/trials/gamma.toml": 'id = "gama"\nname = "GAMMA"\n'}, "content/trials/gamma.toml", '"gama"')
case("unknown-term", "E0403", "unknown population name `cps5`", {beta: edit("trials", beta, 'population = "itt"', 'population = "cps5"')}, beta, '"cps5"')
case("unknown-arm", "E0404", "unknown arm `control`", {alpha: edit("trials", alpha, "placebo = 9.8", "control = 9.8")}, alpha, "control")
case("hazard-ratio", "E0405", "hazard ratio -0.5 must be greater than 0", {alpha: edit("trials", alpha, "hr = 1.00", "hr = -0.5")}, alpha, "-0.5")
case("confidence-interval", "E0406", "confidence interval [0.8, 0.9] does not contain the hazard ratio 0.71", {alpha: edit("trials", alpha, "ci = [0.59, 0.86]", "ci = [0.8, 0.9]")}, alpha, "[0.8, 0.9]")
case("out-of-range", "E0407", "percentage 140 is outside 0–100", {alpha: edit("trials", alpha, "drug = 39.7", "drug = 140")}, alpha, "140")
case("negative-value", "E0408", "-13.1 is negative", {alpha: edit("trials", alpha, "drug = 13.1", "drug = -13.1")}, alpha, "-13.1")
case("missing-label", "E0409", "vocabulary term `populations.itt` has no `en` label", {"content/vocabulary.toml": edit("trials", "content/vocabulary.toml", 'en = "Intention-to-treat"\n', "")}, "content/vocabulary.toml", "[populations.itt]")
case("bad-date", "E0410", "`2023-13` is not a date", {beta: base_text("trials", beta) + '\n[[approvals]]\nagency = "FDA"\ndate = "2023-13"\n'}, beta, '"2023-13"')
case("data-shortcode", "E0411", "`fig` needs the argument `population`", {res_en: edit("trials", res_en, "## Overall survival {#os}", '## Overall survival {#os}\n\nMedian: {{ fig(trial="alpha") }}.')}, res_en, "{{ fig")
case("unknown-source-reference", "E0412", "source reference [99] is not a reference the review cites", {alpha: edit("trials", alpha, "source_refs = [2]", "source_refs = [99]")}, alpha, "99")
case("glossary-invalid", "E0501", "duplicate key", {"content/glossary.toml": '[OS]\nzh = "总生存期"\nen = "overall survival"\n[OS]\nzh = "x"\nen = "y"\n'}, "content/glossary.toml", "OS]", occurrence=1)
case("glossary-duplicate", "E0502", "glossary term `Os` duplicates `OS`", {"content/glossary.toml": base_text("trials", "content/glossary.toml") + '\n[Os]\nzh = "x"\nen = "y"\n'}, "content/glossary.toml", "[Os]")
case("alias-collision", "E0901", "the alias `results/` would overwrite `en/results/index.html`", {"content/_index.en.md": edit("trials", "content/_index.en.md", 'title = "Home"', 'title = "Home"\naliases = ["results/"]')}, "content/_index.en.md", "results/\"]")
case("missing-translation", "W0101", "page has no `en` translation", {"content/only.zh.md": "+++\ntitle = \"仅中文\"\nweight = 5\n+++\n\n只有中文。\n"}, "content/only.zh.md", severity="warning")
case("heading-count", "W0201", "2 headings in `zh`, 1 in `en`", {res_zh: edit("trials", res_zh, "{{ table(kind=\"medians\"", "## 中位数 {#medians}\n\n{{ table(kind=\"medians\"")}, res_en, "## Overall", severity="warning")
case("table-count", "W0202", "1 tables in `zh`, 0 in `en`", {res_zh: base_text("trials", res_zh) + "\n| a | b |\n|---|---|\n| 1 | 2 |\n"}, res_en, "\n## Overall", severity="warning")
case("block-count", "W0203", "paragraphs, list items and table rows", {res_en: base_text("trials", res_en) + "\nAn extra paragraph.\n"}, res_en, "An extra", severity="warning")
case("citation-parity", "W0204", "citation `[@ref2]` in `zh` is missing in `en`", {res_en: edit("trials", res_en, " [@ref2]", "")}, res_zh, "[@ref2]", severity="warning")
case("trial-link-parity", "W0205", "trial link to `alpha` in `zh` is missing in `en`", {res_en: edit("trials", res_en, "[ALPHA-1](trial:alpha)", "ALPHA-1")}, res_zh, "[ALPHA-1]", severity="warning")
case("page-link-parity", "W0206", "page link to `results.md` in `en` is missing in `zh`", {"content/_index.zh.md": edit("trials", "content/_index.zh.md", "[结果](@/results.md)", "结果")}, "content/_index.en.md", "See", severity="warning")
case("figure-parity", "W0207", "figure differs between languages: 10.5 months in `zh`, 10.8 months in `en`", {res_zh: edit("trials", res_zh, "## 总生存期 {#os}", "## 总生存期 {#os}\n\n随访 10.5 个月。"), res_en: edit("trials", res_en, "## Overall survival {#os}", "## Overall survival {#os}\n\nFollow-up 10.8 months.")}, res_en, "10.8", severity="warning")
case("stale-translation", "W0301", "`en` translation is stale", {res_en: edit("trials", res_en, "weight = 1", 'weight = 1\nsource_hash = "000000000000"')}, res_en, "source_hash", severity="warning")
case("untracked-translation", "W0302", "`en` translation was never marked current against its `zh` source", {}, res_en, "+++", severity="warning")
case("prose-contradicts-data", "W0401", "0.96 next to ALPHA-1 matches none of its hazard ratios in the trial data", {res_en: edit("trials", res_en, "## Overall survival {#os}", "## Overall survival {#os}\n\n[ALPHA-1](trial:alpha): hazard ratio 0.96."), res_zh: edit("trials", res_zh, "## 总生存期 {#os}", "## 总生存期 {#os}\n\n[ALPHA-1](trial:alpha)：风险比 0.96。")}, res_en, "0.96", severity="warning")
case("print-unknown-section", "E0601", "[print] sections names a page that does not exist: `nowhere.md`", {cfg: base_text("trials", cfg) + '\n[print]\nsections = ["results.md", "nowhere.md"]\n'}, cfg, '"nowhere.md"')
case("parallel-structure", "W0601", "parallel edition: the blocks under this heading differ between its two languages (zh: h2, p, figure, figure, figure; en: h2, ul, figure, figure, figure)", {res_en: edit("trials", res_en, "\nIn [ALPHA-1]", "\n- In [ALPHA-1]")}, res_en, "## Overall", severity="warning")
print("cases:", len(list(OUT.iterdir())))
