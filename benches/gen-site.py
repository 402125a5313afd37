#!/usr/bin/env python3
"""Generate two equivalent synthetic bilingual (zh/en) sites for the speed benchmark.

    python3 benches/gen-site.py [--dense] [--balanced] N OUTDIR

writes
    OUTDIR/evidoc/   an evidoc site (evidoc.toml, content/, trials, vocabulary, references)
    OUTDIR/hugo/     a Hugo site with the same pages and texts, doing comparable work
                     (relref links, citation / figure / table shortcodes reading site data,
                     trial pages, references page, TOC, hreflang, language switcher,
                     sidebar, previous/next); its configuration, layouts and shortcodes are
                     copied from benches/hugo-site/

with N pages per language in 10 parts x 10 chapters (N/100 pages per chapter; the remainder
goes to the first chapters), every folder having `_index.zh.md` / `_index.en.md`.

Each page is ~1,000 English words (~1,700 Chinese characters in the zh version) with 3-5
`##` headings carrying explicit `{#id}` (the same ids in both languages), paragraphs, a bullet
list, a GFM table, a fenced python block, a footnote, 3 links to other pages' headings,
3 citations, one trial link, one figure shortcode, and on every 10th page a hazard-ratio table
shortcode. zh and en versions are structurally parallel and carry the same numbers.

--dense: the second profile, denser pages of about the same size (about 6 KB of English): five
sections, three code blocks (Python, R, shell), two tables, eight links across parts, five
citations, two figures, two footnotes, trial names written in the prose (evidoc links them by
itself; the Hugo twin gets explicit links), and a hazard-ratio table on every 5th page.

--balanced: chapters of 10 pages whatever N, grouped ten to a folder, level above level, so that
a page's sidebar (the folders on its path and their siblings) stays about the same size as the
site grows: 10 parts x 10 chapters at 1,000 pages per language (the same site as without the
flag), 10 parts x 10 groups x 10 chapters at 10,000, 5 x 10 x 10 x 10 at 50,000. Without it,
every chapter of a 50,000-page site lists 500 pages in each page's sidebar. For the growth
table (`benches/growth.sh`); the Hugo twin gets the same folders.

Python 3 standard library only; deterministic (fixed seeds): the same N gives the same bytes.
"""

import os
import random
import re
import shutil
import sys

PARTS = 10
CHAPTERS = 10
TRIALS = 20
REFS = 50
SEED = 20240601

# ---------------------------------------------------------------------------------------------
# Vocabulary for pseudo-text. English words avoid anything that starts with a month name once
# capitalised ("May", "March" ...), which evidoc would read as a calendar figure.
EN_WORDS = """
patients treatment therapy survival response tumour cancer gastric metastasis liver immune
checkpoint inhibitor chemotherapy trial cohort analysis outcome benefit risk ratio hazard
median progression disease stage biomarker expression antibody dose toxicity adverse event
safety efficacy randomised controlled phase arm placebo baseline follow-up subgroup population
endpoint primary secondary overall clinical evidence review study data result effect
significant difference observed reported compared improved reduced increased associated higher
lower consistent across between within among after before during with without and or the of in
for to was were is are that which this these both each more less than similar further
additional independent prognostic predictive factor marker tissue sample lesion imaging
assessment criteria investigator central blinded open-label line first second later prior
previous combined combination regimen schedule cycle infusion oral intravenous duration
interval confidence estimate model adjusted stratified sensitivity heterogeneity interaction
meta-analysis pooled quality bias limitation uncertainty interpretation guideline
recommendation practice setting health hospital centre region country age sex performance
status score weight function laboratory value level threshold positive negative mutation
amplification microsatellite instability mismatch repair deficiency programmed death ligand
receptor cell lymphocyte infiltration microenvironment vascular growth pathway signalling
resistance mechanism hypothesis rationale design protocol enrolment eligibility exclusion
inclusion consent ethics committee monitoring reporting publication registry database record
measure survey questionnaire symptom pain fatigue appetite nausea diarrhoea rash hepatitis
pneumonitis colitis thyroid endocrine management steroid discontinuation interruption
reduction recovery resolution the the of of and and in in with patients treatment
""".split()

ZH_WORDS = """
患者 治疗 生存 缓解 肿瘤 胃癌 转移 肝脏 免疫 检查点 抑制剂 化疗 试验 队列 分析 结局 获益 风险
比值 中位 进展 疾病 分期 生物标志物 表达 抗体 剂量 毒性 不良事件 安全性 疗效 随机 对照 安慰剂
基线 随访 亚组 人群 终点 主要 次要 总体 临床 证据 综述 研究 数据 结果 效应 显著 差异 观察到 报告
比较 改善 降低 增加 相关 较高 较低 一致 之间 其中 之后 之前 期间 联合 单药 方案 周期 输注 口服
静脉 持续时间 间隔 置信区间 估计 模型 校正 分层 敏感性 异质性 交互作用 荟萃分析 合并 质量 偏倚
局限性 不确定性 解读 指南 推荐 实践 医院 中心 地区 年龄 性别 体能状态 评分 体重 功能 实验室 水平
阈值 阳性 阴性 突变 扩增 微卫星不稳定 错配修复 缺陷 程序性死亡 配体 受体 细胞 淋巴细胞 浸润
微环境 血管 生长 通路 信号 耐药 机制 假设 依据 设计 入组 纳入标准 排除标准 知情同意 伦理委员会
监测 发表 登记 数据库 记录 测量 问卷 症状 疼痛 乏力 食欲 恶心 腹泻 皮疹 肝炎 肺炎 结肠炎 甲状腺
内分泌 管理 激素 停药 中断 减量 恢复 的 的 的 在 与 和 及 对 中 为 是 有 未 更 较 均 仍 可 需 被
""".split()

# (en, zh) pairs
TOPICS = [
    ("tumour response", "肿瘤缓解"), ("overall survival", "总生存期"),
    ("progression-free survival", "无进展生存期"), ("liver metastasis", "肝转移"),
    ("immune checkpoint inhibitors", "免疫检查点抑制剂"), ("first-line chemotherapy", "一线化疗"),
    ("biomarker selection", "生物标志物筛选"), ("treatment safety", "治疗安全性"),
    ("subgroup analyses", "亚组分析"), ("quality of life", "生活质量"),
    ("second-line therapy", "二线治疗"), ("adverse event management", "不良事件管理"),
    ("trial design", "试验设计"), ("pooled evidence", "合并证据"),
    ("tumour microenvironment", "肿瘤微环境"), ("resistance mechanisms", "耐药机制"),
]

HEADINGS = [  # id, en, zh (ids shared by both languages)
    ("background", "Background", "背景"),
    ("methods", "Methods", "方法"),
    ("results", "Results", "结果"),
    ("safety", "Safety", "安全性"),
    ("subgroups", "Subgroups", "亚组"),
    ("discussion", "Discussion", "讨论"),
    ("limitations", "Limitations", "局限性"),
]

TABLE_ROWS = [
    ("patients enrolled", "入组患者"), ("objective response", "客观缓解"),
    ("serious adverse events", "严重不良事件"), ("treatment discontinuation", "停止治疗"),
    ("dose reduction", "剂量减少"), ("disease control", "疾病控制"),
]

LIST_LEADS = [
    ("eligibility", "入组资格"), ("dosing", "给药"), ("assessment", "评估"),
    ("follow-up", "随访"), ("reporting", "报告"), ("analysis", "分析"),
]


def en_sentence(rng, k=None):
    k = k or rng.randint(10, 20)
    words = [rng.choice(EN_WORDS) for _ in range(k)]
    words[0] = words[0][0].upper() + words[0][1:]
    return " ".join(words) + "."


def zh_sentence(rng, k=None):
    """About 1.9 characters per English word, with commas every 8-14 characters."""
    k = k or rng.randint(10, 20)
    target = int(k * 1.9)
    out, n, since_comma = [], 0, 0
    while n < target:
        w = rng.choice(ZH_WORDS)
        out.append(w)
        n += len(w)
        since_comma += len(w)
        if since_comma > rng.randint(8, 14) and n < target - 3:
            out.append("，")
            since_comma = 0
    return "".join(out) + "。"


def number_sentence(rng):
    """A sentence with figures, identical numbers in both languages."""
    kind = rng.randrange(4)
    n = rng.randint(40, 900)
    p = rng.randint(5, 80)
    m = f"{rng.randint(3, 30)}.{rng.randint(1, 9)}"
    if kind == 0:
        return (f"Of the {n} patients enrolled, {p}% had a confirmed response.",
                f"入组的 {n} 例患者中，{p}% 获得确认缓解。")
    if kind == 1:
        return (f"The median follow-up was {m} months in the whole cohort.",
                f"整个队列的中位随访时间为 {m} 个月。")
    if kind == 2:
        return (f"Serious events occurred in {p}% of the {n} treated patients.",
                f"在 {n} 例接受治疗的患者中，{p}% 发生严重事件。")
    return (f"Across {n} centres, the response rate reached {p}% after {m} months.",
            f"在 {n} 个中心中，{m} 个月后缓解率达到 {p}%。")


class Para:
    """A paragraph as a list of (en, zh) sentence pairs."""

    def __init__(self):
        self.pairs = []

    def add(self, en, zh):
        self.pairs.append((en, zh))

    def text(self, lang):
        i = 0 if lang == "en" else 1
        sep = " " if lang == "en" else ""
        return sep.join(p[i] for p in self.pairs)


def paragraph(rng, sentences, with_number):
    p = Para()
    pos = rng.randrange(sentences) if with_number else -1
    for s in range(sentences):
        if s == pos:
            p.add(*number_sentence(rng))
        else:
            k = rng.randint(10, 20)
            p.add(en_sentence(rng, k), zh_sentence(rng, k))
    return p


# ---------------------------------------------------------------------------------------------
# Site model

class Page:
    def __init__(self, index, folders, num):
        """folders: the 1-based number of each folder on the path, part first, chapter last."""
        self.index = index  # 0-based over the whole site
        self.folders = folders
        self.part, self.chapter, self.num = folders[0], folders[-1], num
        self.path = folder_path(folders) + f"/page-{num}.md"
        hr = random.Random(f"headings-{index}")
        s = hr.randint(3, 5)
        chosen = sorted(hr.sample(range(len(HEADINGS)), s))
        self.headings = [HEADINGS[i] for i in chosen]
        self.topic = TOPICS[hr.randrange(len(TOPICS))]

    def title(self, lang):
        number = ".".join(str(n) for n in self.folders + (self.num,))
        if lang == "en":
            return f"Section {number}: {self.topic[0].capitalize()}"
        return f"第 {number} 节：{self.topic[1]}"


def folder_path(folders, chapter=True):
    """part-3/chapter-4, or part-3/group-2/chapter-4 in a deeper --balanced site; with
    chapter=False, a group's path (part-3/group-2)."""
    names = ["part"] + ["group"] * (len(folders) - 1)
    if chapter and len(folders) > 1:
        names[-1] = "chapter"
    return "/".join(f"{name}-{n}" for name, n in zip(names, folders))


def layout(n):
    """[(part, chapter, [Page...])] with n pages in total."""
    per, extra = divmod(n, PARTS * CHAPTERS)
    out, index = [], 0
    for part in range(1, PARTS + 1):
        for ch in range(1, CHAPTERS + 1):
            k = per + (1 if (part - 1) * CHAPTERS + (ch - 1) < extra else 0)
            pages = []
            for num in range(1, k + 1):
                pages.append(Page(index, (part, ch), num))
                index += 1
            out.append(((part, ch), pages))
    return out


CHAPTER_PAGES = 10


def balanced_layout(n):
    """[(folders, [Page...])]: chapters of 10 pages, ten chapters to a folder, ten folders to
    the one above, with as many levels as the site needs (at least parts and chapters)."""
    chapters = -(-n // CHAPTER_PAGES)
    depth = 2
    while 10 ** depth < chapters:
        depth += 1
    out, index = [], 0
    for c in range(chapters):
        folders = tuple(c // 10 ** (depth - 1 - level) % 10 + 1 for level in range(depth))
        pages = []
        for num in range(1, min(CHAPTER_PAGES, n - index) + 1):
            pages.append(Page(index, folders, num))
            index += 1
        out.append((folders, pages))
    return out


def page_body(page, all_pages, rng):
    """The body of a page in both languages: returns {lang: markdown} (evidoc syntax)."""
    s = len(page.headings)
    # 11 paragraphs: 1 intro + 10 over the sections (each at least 2)
    counts = [2] * s
    for _ in range(10 - 2 * s):
        counts[rng.randrange(s)] += 1
    # links to three other pages (existing pages, existing anchors)
    targets = []
    for _ in range(3):
        t = all_pages[rng.randrange(len(all_pages))]
        targets.append((t, t.headings[rng.randrange(len(t.headings))]))
    cites = rng.sample(range(1, REFS + 1), 3)
    trial = rng.randint(1, TRIALS)
    arm = rng.choice("ab")
    with_table = page.index % 10 == 9

    out = {"en": [], "zh": []}

    def emit(en, zh):
        out["en"].append(en)
        out["zh"].append(zh)

    def emit_para(p):
        emit(p.text("en"), p.text("zh"))

    # intro paragraph, with a citation
    p = paragraph(rng, 6, True)
    en, zh = p.pairs[-1]
    p.pairs[-1] = (en[:-1] + f" [@ref{cites[0]}].", zh[:-1] + f"[@ref{cites[0]}]。")
    emit_para(p)

    link_slots = {(0, 1), (1, 0), (2, 0)}  # (section, paragraph) that carry a page link
    for si, (hid, hen, hzh) in enumerate(page.headings):
        last = si == s - 1
        sub_en, sub_zh = page.topic
        emit(f"## {hen}: {sub_en} {{#{hid}}}", f"## {hzh}：{sub_zh} {{#{hid}}}")
        for pi in range(counts[si]):
            is_trial_para = last and pi == counts[si] - 1
            p = paragraph(rng, 5 if not is_trial_para else 4, with_number=not is_trial_para and rng.random() < 0.6)
            if (si, pi) in link_slots:
                k = sorted(link_slots).index((si, pi))
                t, h = targets[k]
                anchor = f"@/{t.path}#{h[0]}"
                p.add(f"For the wider context, see [the analysis of {t.topic[0]}]({anchor}).",
                      f"更多背景参见[{t.topic[1]}的分析]({anchor})。")
            if si == 0 and pi == 0:
                en, zh = p.pairs[0]
                p.pairs[0] = (en + "[^note]", zh + "[^note]")
            if si == 1 and pi == 0:
                en, zh = p.pairs[-1]
                p.pairs[-1] = (en[:-1] + f" [@ref{cites[1]}].", zh[:-1] + f"[@ref{cites[1]}]。")
            if is_trial_para:
                if with_table:
                    emit('{{ table(kind="hazard_ratios", trials="trial-1,trial-2,trial-3") }}',
                         '{{ table(kind="hazard_ratios", trials="trial-1,trial-2,trial-3") }}')
                fig = f'{{{{ fig(trial="trial-{trial}", population="itt", endpoint="os", arm="{arm}") }}}}'
                p.add(f"In [TRIAL-{trial}](trial:trial-{trial}), the median overall survival in arm "
                      f"{arm.upper()} was {fig} [@ref{cites[2]}].",
                      f"在 [TRIAL-{trial}](trial:trial-{trial}) 中，{arm.upper()} 组的中位总生存期为 "
                      f"{fig}[@ref{cites[2]}]。")
            emit_para(p)
            if si == 0 and pi == 0:
                # bullet list
                items_en, items_zh = [], []
                for li in range(5):
                    lead = LIST_LEADS[(page.index + li) % len(LIST_LEADS)]
                    k = rng.randint(6, 10)
                    body_en = en_sentence(rng, k)
                    body_zh = zh_sentence(rng, k)
                    if li == 2:
                        c = rng.randint(12, 240)
                        body_en = body_en[:-1] + f", in {c} patients."
                        body_zh = body_zh[:-1] + f"，共 {c} 例患者。"
                    items_en.append(f"- **{lead[0].capitalize()}**: {body_en}")
                    items_zh.append(f"- **{lead[1]}**：{body_zh}")
                emit("\n".join(items_en), "\n".join(items_zh))
            if si == 1 and pi == 0:
                rows_en = ["| Measure | Arm A | Arm B |", "|---|---:|---:|"]
                rows_zh = ["| 指标 | A 组 | B 组 |", "|---|---:|---:|"]
                for ri in range(4):
                    lab = TABLE_ROWS[(page.index + ri) % len(TABLE_ROWS)]
                    if ri == 0:
                        a, b = str(rng.randint(80, 400)), str(rng.randint(80, 400))
                    else:
                        a, b = f"{rng.randint(2, 70)}%", f"{rng.randint(2, 70)}%"
                    rows_en.append(f"| {lab[0]} | {a} | {b} |")
                    rows_zh.append(f"| {lab[1]} | {a} | {b} |")
                emit("\n".join(rows_en), "\n".join(rows_zh))
            if si == 2 and pi == 0:
                code = python_code(rng)
                emit(code, code)
    k = rng.randint(10, 16)
    emit(f"[^note]: {en_sentence(rng, k)}", f"[^note]: {zh_sentence(rng, k)}")
    return {lang: "\n\n".join(blocks) + "\n" for lang, blocks in out.items()}


# ---------------------------------------------------------------------------------------------
# The dense profile

R_CODE = """```r
library(survival)

fit <- survfit(Surv(months, event) ~ arm, data = cohort)
summary(fit)$table[, "median"]
cox <- coxph(Surv(months, event) ~ arm + strata(region), data = cohort)
exp(cbind(HR = coef(cox), confint(cox)))
```"""

SHELL_CODE = """```bash
#!/usr/bin/env bash
set -euo pipefail
for arm in a b; do
  awk -F, -v arm="$arm" '$2 == arm { n++; s += $3 } END { printf "%s %d %.1f\\n", arm, n, s / n }' cohort.csv
done
```"""


def dense_sentence_pair(rng, k=None):
    k = k or rng.randint(8, 14)
    return en_sentence(rng, k), zh_sentence(rng, k)


def dense_paragraph(rng, sentences, with_number):
    p = Para()
    pos = rng.randrange(sentences) if with_number else -1
    for s in range(sentences):
        p.add(*(number_sentence(rng) if s == pos else dense_sentence_pair(rng)))
    return p


def python_code(rng):
    vals = ", ".join(f"{rng.randint(2, 30)}.{rng.randint(0, 9)}" for _ in range(6))
    return (
        "```python\n"
        "import statistics\n\n\n"
        "def median_survival(times):\n"
        '    """Median of observed survival times, in months."""\n'
        "    ordered = sorted(t for t in times if t >= 0)\n"
        "    return statistics.median(ordered)\n\n\n"
        f"cohort = [{vals}]\n"
        f"print(f\"median: {{median_survival(cohort):.1f}}\")\n"
        "```"
    )


def gfm_table(rng, page, offset):
    rows_en = ["| Measure | Arm A | Arm B | Difference |", "|---|---:|---:|---:|"]
    rows_zh = ["| 指标 | A 组 | B 组 | 差值 |", "|---|---:|---:|---:|"]
    for ri in range(6):
        lab = TABLE_ROWS[(page.index + ri + offset) % len(TABLE_ROWS)]
        a, b = rng.randint(2, 70), rng.randint(2, 70)
        rows_en.append(f"| {lab[0]} | {a}% | {b}% | {a - b} |")
        rows_zh.append(f"| {lab[1]} | {a}% | {b}% | {a - b} |")
    return "\n".join(rows_en), "\n".join(rows_zh)


def dense_page_body(page, all_pages, rng):
    """The dense profile's body of a page in both languages (evidoc syntax)."""
    headings = [h for h in HEADINGS if h in page.headings]
    for h in HEADINGS:
        if len(headings) == 5:
            break
        if h not in headings:
            headings.append(h)
    headings.sort(key=HEADINGS.index)
    page.headings = headings  # links from other pages may only target these ids
    parts = sorted({p.part for p in all_pages})
    cites = rng.sample(range(1, REFS + 1), 5)
    out = {"en": [], "zh": []}

    def emit(en, zh):
        out["en"].append(en)
        out["zh"].append(zh)

    def link_sentence():
        # a page of another part when there is one
        others = [p for p in all_pages if p.part != page.part] or all_pages
        t = others[rng.randrange(len(others))]
        h = t.headings[rng.randrange(min(3, len(t.headings)))]
        anchor = f"@/{t.path}#{h[0]}"
        return (f"Compare [the {t.topic[0]} findings]({anchor}).",
                f"可对照[{t.topic[1]}的结果]({anchor})。")

    def trial_sentence():
        k = rng.randint(1, TRIALS)
        return (f"The design resembles that of TRIAL-{k} in its eligibility criteria.",
                f"其入组标准与 TRIAL-{k} 的设计相似。")

    intro = dense_paragraph(rng, 4, True)
    en, zh = intro.pairs[-1]
    intro.pairs[-1] = (en[:-1] + f" [@ref{cites[0]}].", zh[:-1] + f"[@ref{cites[0]}]。")
    emit(intro.text("en"), intro.text("zh"))
    links = 0
    for si, (hid, hen, hzh) in enumerate(headings):
        sub_en, sub_zh = page.topic
        emit(f"## {hen}: {sub_en} {{#{hid}}}", f"## {hzh}：{sub_zh} {{#{hid}}}")
        for pi in range(2):
            p = dense_paragraph(rng, 3, with_number=pi == 0)
            for _ in range(2 if links < 8 else 0):
                p.add(*link_sentence())
                links += 1
            if pi == 1:
                p.add(*trial_sentence())
            if si < 4 and pi == 0:
                en, zh = p.pairs[0]
                p.pairs[0] = (en[:-1] + f" [@ref{cites[si + 1]}].", zh[:-1] + f"[@ref{cites[si + 1]}]。")
            if si in (0, 3) and pi == 1:
                note = "a" if si == 0 else "b"
                en, zh = p.pairs[0]
                p.pairs[0] = (en + f"[^{note}]", zh + f"[^{note}]")
            emit(p.text("en"), p.text("zh"))
        if si == 0:
            emit(python_code(rng), None)
        elif si == 1:
            emit(*gfm_table(rng, page, 0))
        elif si == 2:
            emit(R_CODE, R_CODE)
            trial, arm = rng.randint(1, TRIALS), rng.choice("ab")
            fig = f'{{{{ fig(trial="trial-{trial}", population="itt", endpoint="os", arm="{arm}") }}}}'
            emit(f"In [TRIAL-{trial}](trial:trial-{trial}), the median overall survival in arm "
                 f"{arm.upper()} was {fig}.",
                 f"在 [TRIAL-{trial}](trial:trial-{trial}) 中，{arm.upper()} 组的中位总生存期为 {fig}。")
        elif si == 3:
            emit(*gfm_table(rng, page, 3))
            if page.index % 5 == 4:
                t = '{{ table(kind="hazard_ratios", trials="trial-1,trial-2,trial-3") }}'
                emit(t, t)
        else:
            emit(SHELL_CODE, SHELL_CODE)
            trial, arm = rng.randint(1, TRIALS), rng.choice("ab")
            fig = f'{{{{ fig(trial="trial-{trial}", population="itt", endpoint="os", arm="{arm}") }}}}'
            emit(f"For comparison, [TRIAL-{trial}](trial:trial-{trial}) reported {fig} in arm {arm.upper()}.",
                 f"作为对照，[TRIAL-{trial}](trial:trial-{trial}) 报告 {arm.upper()} 组为 {fig}。")
    emit(f"[^a]: {en_sentence(rng, 12)}", f"[^a]: {zh_sentence(rng, 12)}")
    emit(f"[^b]: {en_sentence(rng, 10)}", f"[^b]: {zh_sentence(rng, 10)}")
    # a code block is the same in both languages
    out["zh"] = [b if b is not None else out["en"][i] for i, b in enumerate(out["zh"])]
    return {lang: "\n\n".join(blocks) + "\n" for lang, blocks in out.items()}


def front(title, weight):
    t = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'+++\ntitle = "{t}"\nweight = {weight}\n+++\n\n'


def folder_body(rng, sentences=5):
    p = paragraph(rng, sentences, False)
    return {"en": p.text("en") + "\n", "zh": p.text("zh") + "\n"}


# ---------------------------------------------------------------------------------------------
# Data: trials, vocabulary, references

def trials_data():
    rng = random.Random(SEED + 1)
    out = []
    for k in range(1, TRIALS + 1):
        ma = round(rng.uniform(8, 20), 1)
        mb = round(ma * rng.uniform(0.6, 0.95), 1)
        # avoid values that print differently from how they are typed (12.0 -> "12")
        if ma == int(ma):
            ma += 0.1
        if mb == int(mb):
            mb += 0.1
        ma, mb = round(ma, 1), round(mb, 1)
        hr = round(rng.uniform(0.55, 0.95), 2)
        lo = round(hr - rng.uniform(0.05, 0.2), 2)
        hi = round(hr + rng.uniform(0.05, 0.25), 2)
        out.append({"id": f"trial-{k}", "name": f"TRIAL-{k}", "n_a": rng.randint(150, 800),
                    "n_b": rng.randint(150, 800), "ma": ma, "mb": mb, "hr": hr, "ci": (lo, hi),
                    "phase": rng.choice(["2", "3"])})
    return out


def trial_toml(t):
    return (
        f'id = "{t["id"]}"\n'
        f'name = "{t["name"]}"\n'
        f'registration = "NCT{90000000 + int(t["id"].split("-")[1]):08d}"\n'
        f'phase = "{t["phase"]}"\n\n'
        "[design]\n"
        f'zh = "随机、开放标签 {t["phase"]} 期试验（虚构数据，用于基准测试）。"\n'
        f'en = "Randomised, open-label phase {t["phase"]} trial (synthetic data for benchmarking)."\n\n'
        "[[arms]]\n"
        'id = "a"\n'
        'label = { zh = "试验药 + 化疗", en = "Study drug + chemotherapy" }\n'
        f'n = {t["n_a"]}\n\n'
        "[[arms]]\n"
        'id = "b"\n'
        'label = { zh = "安慰剂 + 化疗", en = "Placebo + chemotherapy" }\n'
        f'n = {t["n_b"]}\n\n'
        "[[results]]\n"
        'population = "itt"\n'
        'endpoint = "os"\n'
        f'medians = {{ a = {t["ma"]}, b = {t["mb"]} }}\n'
        f'hr = {t["hr"]:.2f}\n'
        f'ci = [{t["ci"][0]:.2f}, {t["ci"][1]:.2f}]\n'
        "source_refs = [1]\n"
    )


VOCABULARY = """[populations.itt]
zh = "意向治疗人群"
en = "Intention-to-treat"

[endpoints.os]
zh = "总生存期"
en = "Overall survival"
abbr = "OS"
kind = "time"
"""


def references_toml():
    rng = random.Random(SEED + 2)
    lines = []
    for k in range(1, REFS + 1):
        topic = TOPICS[rng.randrange(len(TOPICS))]
        year = rng.randint(2015, 2024)
        lines.append(
            f"[ref{k}]\n"
            f'zh = "原文引用的文献 {k}：关于{topic[1]}的研究（{year} 年）。"\n'
            f'en = "Reference {k} of the source: a study of {topic[0]} ({year})."\n'
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Hugo conversion of evidoc syntax

RE_PAGE_LINK = re.compile(r"\]\(@/([^)#\s]+)(#[^)\s]+)?\)")
RE_TRIAL_LINK = re.compile(r"\]\(trial:([^)\s]+)\)")
RE_CITE = re.compile(r"\[@(ref\d+)\]")
RE_SHORTCODE = re.compile(r"\{\{ (fig|table)\((.*?)\) \}\}")
# a trial name in prose that is not already link text (evidoc links those by itself)
RE_TRIAL_NAME = re.compile(r"(?<![\[\w-])TRIAL-(\d+)(?![\]\w-])")


def to_hugo(md):
    md = RE_PAGE_LINK.sub(lambda m: f']({{{{< relref "/{m.group(1)}{m.group(2) or ""}" >}}}})', md)
    md = RE_TRIAL_LINK.sub(lambda m: f']({{{{< relref "/trials/{m.group(1)}.md" >}}}})', md)
    md = RE_CITE.sub(lambda m: f'{{{{< cite "{m.group(1)}" >}}}}', md)
    md = RE_TRIAL_NAME.sub(lambda m: f'[TRIAL-{m.group(1)}]({{{{< relref "/trials/trial-{m.group(1)}.md" >}}}})', md)
    md = RE_SHORTCODE.sub(lambda m: f"{{{{< {m.group(1)} {m.group(2).replace(', ', ' ')} >}}}}", md)
    return md


HUGO_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo-site")


# ---------------------------------------------------------------------------------------------

def folder_title(folders, lang, chapter):
    """(title, weight) of a part, a group (the levels between parts and chapters of a deep
    --balanced site) or a chapter."""
    number = ".".join(str(n) for n in folders)
    last = folders[-1]
    if len(folders) == 1:
        pt = TOPICS[(last - 1) % len(TOPICS)]
        return (f"第 {last} 部分：{pt[1]}" if lang == "zh" else f"Part {last}: {pt[0].capitalize()}", last)
    ct = TOPICS[(folders[0] * CHAPTERS + last) % len(TOPICS)]
    if chapter:
        return (f"第 {number} 章：{ct[1]}" if lang == "zh" else f"Chapter {number}: {ct[0].capitalize()}", last)
    return (f"第 {number} 组：{ct[1]}" if lang == "zh" else f"Group {number}: {ct[0].capitalize()}", last)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    args = sys.argv[1:]
    dense = "--dense" in args
    balanced = "--balanced" in args
    args = [a for a in args if a not in ("--dense", "--balanced")]
    if len(args) != 2:
        sys.exit("usage: gen-site.py [--dense] [--balanced] N OUTDIR")
    n = int(args[0])
    outdir = args[1]
    body_of = dense_page_body if dense else page_body
    ev = os.path.join(outdir, "evidoc")
    hu = os.path.join(outdir, "hugo")
    for d in (ev, hu):
        if os.path.exists(d):
            shutil.rmtree(d)

    def both(rel, text_by_lang, weight_title=None):
        """Write content/<rel>.<lang>.md in both sites."""
        for lang in ("zh", "en"):
            title, weight = weight_title(lang)
            body = text_by_lang[lang]
            write(os.path.join(ev, "content", f"{rel}.{lang}.md"), front(title, weight) + body)
            write(os.path.join(hu, "content", f"{rel}.{lang}.md"), front(title, weight) + to_hugo(body))

    rng = random.Random(SEED)
    tree = balanced_layout(n) if balanced else layout(n)
    all_pages = [p for _, pages in tree for p in pages]

    # configuration
    write(os.path.join(ev, "evidoc.toml"), """base_url = "https://example.org/review/"
default_language = "zh"

[[languages]]
code = "zh"
name = "中文"
title = "基准综述"
description = "用于速度基准测试的合成双语综述。"

[[languages]]
code = "en"
name = "English"
title = "Benchmark review"
description = "A synthetic bilingual review for the speed benchmark."
""")
    shutil.copytree(HUGO_DIR, hu, dirs_exist_ok=True)
    # The same stylesheet as evidoc's default theme, so both sites ship comparable CSS.
    os.makedirs(os.path.join(hu, "static", "css"), exist_ok=True)
    shutil.copy(os.path.join(os.path.dirname(HUGO_DIR), "..", "theme", "style.css"), os.path.join(hu, "static", "css", "style.css"))

    # home, parts, chapters, pages
    both("_index", folder_body(rng, 6),
         lambda l: ("基准综述" if l == "zh" else "Benchmark review", 0))
    # parts first, then each chapter (after the groups above it, if any) with its pages
    for part in sorted({p.part for p in all_pages}):
        both(f"{folder_path((part,))}/_index", folder_body(rng),
             lambda l, part=part: folder_title((part,), l, False))
    written = set()
    for chapter, pages in tree:
        for depth in range(2, len(chapter)):
            group = chapter[:depth]
            if group not in written:
                written.add(group)
                both(f"{folder_path(group, chapter=False)}/_index", folder_body(rng),
                     lambda l, group=group: folder_title(group, l, False))
        both(f"{folder_path(chapter)}/_index", folder_body(rng),
             lambda l, chapter=chapter: folder_title(chapter, l, True))
        for page in pages:
            body = body_of(page, all_pages, rng)
            both(page.path[:-3], body, lambda l, page=page: (page.title(l), page.num))

    # data
    trials = trials_data()
    for t in trials:
        toml = trial_toml(t)
        write(os.path.join(ev, "content", "trials", f"{t['id']}.toml"), toml)
        write(os.path.join(hu, "data", "trials", f"{t['id']}.toml"), toml)
        for lang in ("zh", "en"):
            write(os.path.join(hu, "content", "trials", f"{t['id']}.{lang}.md"),
                  front(t["name"], int(t["id"].split("-")[1])) + f'{{{{< trial "{t["id"]}" >}}}}\n')
    write(os.path.join(ev, "content", "vocabulary.toml"), VOCABULARY)
    write(os.path.join(hu, "data", "vocabulary.toml"), VOCABULARY)
    refs = references_toml()
    write(os.path.join(ev, "content", "references.toml"), refs)
    write(os.path.join(hu, "data", "references.toml"), refs)

    # Hugo pages that evidoc generates itself: trials index, references
    write(os.path.join(hu, "content", "trials", "_index.zh.md"), front("试验", 900))
    write(os.path.join(hu, "content", "trials", "_index.en.md"), front("Trials", 900))
    write(os.path.join(hu, "content", "references.zh.md"), front("参考文献", 1000) + "{{< references >}}\n")
    write(os.path.join(hu, "content", "references.en.md"), front("References", 1000) + "{{< references >}}\n")

    print(f"generated {len(all_pages)} pages per language, {len(tree)} chapters, "
          f"{TRIALS} trials into {outdir}")


if __name__ == "__main__":
    main()
