//! Interface strings (not content) in each language: the words the templates put around content.
//!
//! Built in for Chinese and English; any other language starts from English, and a site can
//! override any string per language with `[languages.strings]` in `evidoc.toml`.

use std::collections::BTreeMap;

const EN: &[(&str, &str)] = &[
    ("contents", "Contents"),
    ("site_contents", "Full table of contents"),
    ("on_this_page", "On this page"),
    ("previous", "Previous"),
    ("next", "Next"),
    ("language", "Language"),
    ("home", "Home"),
    ("skip_to_content", "Skip to content"),
    ("menu", "Menu"),
    ("missing_title", "Not available in English"),
    (
        "missing_body",
        "This page has not been written in English yet. It is available in:",
    ),
    ("not_found_title", "Page not found"),
    (
        "not_found_body",
        "The page you asked for does not exist. Try the home page of either language:",
    ),
    ("in_this_section", "In this section"),
    ("note", "Note"),
    ("tip", "Tip"),
    ("important", "Important"),
    ("warning", "Warning"),
    ("caution", "Caution"),
    ("source", "Source"),
    ("choose_language", "Choose a language"),
    ("trials", "Trials"),
    ("references", "References"),
    ("print", "Print"),
    ("print_pdf", "Print / PDF"),
    ("print_edition", "Print edition"),
    ("print_pdf_file", "Download the PDF"),
    (
        "stale_notice",
        "This translation may be out of date: the {source} version has changed since it was last checked.",
    ),
    // evidoc serve --drafts: the mark on a draft page, and the overlay of a failed rebuild.
    ("draft", "Draft"),
    (
        "draft_notice",
        "This page is marked draft = true: evidoc build leaves it out of the site.",
    ),
    (
        "serve_failed",
        "evidoc: the last rebuild failed; showing the last good version of this page.",
    ),
    (
        "serve_no_build",
        "The site has not built yet. Fix the problems below; this page reloads by itself.",
    ),
    ("glossary", "Glossary"),
    ("not_reported", "not reported"),
    ("months", "months"),
    ("hr", "HR"),
    ("ci95", "95% CI"),
    ("p_value", "P"),
    ("follow_up", "Median follow-up"),
    ("population", "Population"),
    ("subgroup", "Subgroup"),
    ("endpoint", "Endpoint"),
    ("trial", "Trial"),
    ("registration", "Registration"),
    ("phase", "Phase"),
    ("setting", "Setting"),
    ("line", "Line of therapy"),
    ("her2_status", "HER2 status"),
    ("arms", "Arms"),
    ("arm", "Arm"),
    ("patients", "Share of patients"),
    ("results", "Results"),
    ("liver_metastasis", "Patients with liver metastasis"),
    ("adverse_events", "Adverse events"),
    ("event", "Event"),
    ("approvals", "Regulatory approvals"),
    ("date", "Date"),
    ("indication", "Indication"),
    ("agency", "Agency"),
    ("notes", "Notes"),
    ("design", "Design"),
    ("discussed_in", "Discussed in"),
    ("publications", "Publications"),
    ("download_csv", "Download CSV"),
    ("all_trials", "All trials"),
    ("trial_data_json", "All trial data as JSON"),
    ("key_results", "Key results"),
    ("source_refs", "Source"),
    ("favours_experimental", "favours experimental arm"),
    ("favours_control", "favours control"),
    ("forest_title", "Hazard ratios"),
    (
        "forest_desc",
        "Forest plot of hazard ratios on a log scale; the vertical line marks 1 (no difference).",
    ),
    ("count_of", "of"),
    (
        "not_reported_note",
        "“not reported”: the source gives no figure.",
    ),
    ("unit_months", "Medians in months."),
    ("aliases", "Also called"),
    ("external_mark", "ⓘ"),
    ("external_title", "Not from the source article: from {ref}"),
    (
        "external_legend",
        "ⓘ marks information that does not come from the review's source article: registration numbers and publication details come from the trials' confirmed publications. Point at or focus the mark to see where it comes from. Everything unmarked, including every figure, is as in the source.",
    ),
    ("inferred_mark", "inferred"),
    (
        "inferred_title",
        "The source's reference list is not available: that this reference number is this paper is inferred from the trial named in the citing sentence ({trial}).",
    ),
    (
        "references_legend",
        "The source article's reference list is not available. Numbers marked “inferred” were matched to a paper from the trial named in the sentence that cites them; the publication details, marked ⓘ, come from the trials' confirmed publications, not from the source. Numbers that cannot be matched are shown as not identified.",
    ),
    ("source_notes", "Notes on the source"),
    (
        "source_notes_intro",
        "Every ambiguity, inconsistency or gap of the source article that this site discloses, collected from the sections' notes on the source and from the trial data, each with a link to where it appears.",
    ),
    ("source_notes_sections", "In the sections"),
    ("source_notes_trials", "In the trial data"),
    (
        "source_note_prefixes",
        "Source ambiguity|Note on the source|Source vs. the published record",
    ),
    ("not_identified", "[Not identified]"),
    (
        "further_publications",
        "Confirmed publications of trials named in the review, not matched to a reference number",
    ),
    (
        "further_publications_note",
        "These publications report trials the review names. The source may cite some of them, for example among [13]–[21], which it cites together without saying which number is which publication; none can be matched to one of the source's numbers, so they are not numbered here.",
    ),
    // Search box (theme/search.js reads them from the box's data attributes).
    ("search_label", "Search"),
    ("search_placeholder", "Search"),
    (
        "search_hint",
        "Results appear as you type. Up and down arrows choose a result, Enter opens it, Escape closes the list.",
    ),
    ("search_all_languages", "Include other languages"),
    ("search_results_label", "Search results"),
    ("search_count", "{count} results"),
    ("search_count_one", "1 result"),
    ("search_none", "No results for “{query}”"),
    ("search_loading", "Loading the search index…"),
    ("search_failed", "The search index could not be loaded."),
    (
        "search_offline",
        "Search cannot load from files opened on disk (file://). Serve the site instead: run evidoc serve, or any web server in the output folder (for example python3 -m http.server).",
    ),
];

const ZH: &[(&str, &str)] = &[
    ("contents", "目录"),
    ("site_contents", "完整目录"),
    ("on_this_page", "本页内容"),
    ("previous", "上一页"),
    ("next", "下一页"),
    ("language", "语言"),
    ("home", "首页"),
    ("skip_to_content", "跳到正文"),
    ("menu", "菜单"),
    ("missing_title", "本页暂无中文版"),
    ("missing_body", "本页尚未提供中文版本，可阅读以下语言版本："),
    ("not_found_title", "页面不存在"),
    (
        "not_found_body",
        "您访问的页面不存在。请前往任一语言的首页：",
    ),
    ("in_this_section", "本部分内容"),
    ("note", "说明"),
    ("tip", "提示"),
    ("important", "重要"),
    ("warning", "警告"),
    ("caution", "注意"),
    ("source", "来源"),
    ("choose_language", "选择语言"),
    ("trials", "临床试验"),
    ("references", "参考文献"),
    ("print", "打印"),
    ("print_pdf", "打印 / PDF"),
    ("print_edition", "打印版"),
    ("print_pdf_file", "下载 PDF"),
    (
        "stale_notice",
        "本页译文可能已过时：{source}版本在最近一次核对后有改动。",
    ),
    // evidoc serve --drafts: the mark on a draft page, and the overlay of a failed rebuild.
    ("draft", "草稿"),
    (
        "draft_notice",
        "本页标记为草稿（draft = true）：evidoc build 不会发布它。",
    ),
    (
        "serve_failed",
        "evidoc：最近一次重新构建失败；这里显示的是本页最后一个成功构建的版本。",
    ),
    (
        "serve_no_build",
        "网站尚未构建成功。请修正下面的问题；本页会自动刷新。",
    ),
    ("glossary", "术语表"),
    ("not_reported", "未报告"),
    ("months", "个月"),
    ("hr", "风险比 (HR)"),
    ("ci95", "95% CI"),
    ("p_value", "P"),
    ("follow_up", "中位随访"),
    ("population", "人群"),
    ("subgroup", "亚组"),
    ("endpoint", "终点"),
    ("trial", "试验"),
    ("registration", "注册号"),
    ("phase", "分期"),
    ("setting", "适用情境"),
    ("line", "治疗线"),
    ("her2_status", "HER2 状态"),
    ("arms", "治疗组"),
    ("arm", "治疗组"),
    ("patients", "患者比例"),
    ("results", "结果"),
    ("liver_metastasis", "肝转移患者比例"),
    ("adverse_events", "不良事件"),
    ("event", "事件"),
    ("approvals", "监管批准"),
    ("date", "日期"),
    ("indication", "适应证"),
    ("agency", "机构"),
    ("notes", "说明"),
    ("design", "设计"),
    ("discussed_in", "讨论本试验的章节"),
    ("publications", "发表文献"),
    ("download_csv", "下载 CSV"),
    ("all_trials", "全部试验"),
    ("trial_data_json", "全部试验数据（JSON）"),
    ("key_results", "主要结果"),
    ("source_refs", "来源"),
    ("favours_experimental", "有利于试验组"),
    ("favours_control", "有利于对照组"),
    ("forest_title", "风险比"),
    (
        "forest_desc",
        "风险比森林图（对数坐标），竖线表示 1（无差异）。",
    ),
    ("count_of", "/"),
    ("not_reported_note", "“未报告”：原文未给出该数值。"),
    ("unit_months", "中位数单位为月。"),
    ("aliases", "又称"),
    ("external_mark", "ⓘ"),
    ("external_title", "不是来自原文，而是来自：{ref}"),
    (
        "external_legend",
        "ⓘ 标记的信息不是来自本综述的原文：注册号和文献信息来自各试验已确认的发表文献。将指针移到标记上或聚焦标记可查看出处。未标记的内容（包括所有数值）均与原文一致。",
    ),
    ("inferred_mark", "推断"),
    (
        "inferred_title",
        "原文的参考文献列表无法获得：该编号对应此文献，是根据引用句中提到的试验（{trial}）推断的。",
    ),
    (
        "references_legend",
        "原文的参考文献列表无法获得。标为“推断”的编号，是根据引用该编号的句子中提到的试验对应到具体文献的；标有 ⓘ 的文献信息来自各试验已确认的发表文献，而非原文。无法对应的编号标为未能确认出处。",
    ),
    ("source_notes", "原文说明汇总"),
    (
        "source_notes_intro",
        "本站披露的原文中所有含糊、不一致或缺失之处，汇集自各章节的“原文说明”和试验数据，每条附有指向其出处的链接。",
    ),
    ("source_notes_sections", "各章节中的说明"),
    ("source_notes_trials", "试验数据中的说明"),
    ("source_note_prefixes", "原文说明|原文与已发表记录"),
    ("not_identified", "〔未能确认出处〕"),
    (
        "further_publications",
        "综述提及试验的已确认发表文献（未能对应到文献编号）",
    ),
    (
        "further_publications_note",
        "以下文献报告了本综述提及的试验。原文可能引用了其中部分文献，例如原文一并引用、未说明各编号对应哪篇文献的 [13]–[21]；但均无法对应到原文的具体编号，因此此处不编号。",
    ),
    // 搜索框（theme/search.js 从搜索框的 data 属性读取）。
    ("search_label", "搜索"),
    ("search_placeholder", "搜索"),
    (
        "search_hint",
        "输入时即显示结果。上下方向键选择结果，回车打开，Esc 关闭列表。",
    ),
    ("search_all_languages", "同时搜索其他语言"),
    ("search_results_label", "搜索结果"),
    ("search_count", "{count} 条结果"),
    ("search_count_one", "1 条结果"),
    ("search_none", "没有找到“{query}”的结果"),
    ("search_loading", "正在加载搜索索引…"),
    ("search_failed", "无法加载搜索索引。"),
    (
        "search_offline",
        "从本地文件（file://）打开网站时无法加载搜索。请通过网页服务器访问：运行 evidoc serve，或在输出文件夹中启动任意网页服务器（例如 python3 -m http.server）。",
    ),
];

pub type Strings = BTreeMap<String, String>;

/// The interface strings for `lang`, with the site's overrides applied.
pub fn strings(lang: &str, overrides: &BTreeMap<String, String>) -> Strings {
    let base = if lang == "zh" || lang.starts_with("zh-") {
        ZH
    } else {
        EN
    };
    let mut map: Strings = EN
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    map.extend(base.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    map.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_key() {
        let en: Vec<_> = EN.iter().map(|(k, _)| *k).collect();
        let zh: Vec<_> = ZH.iter().map(|(k, _)| *k).collect();
        assert_eq!(en, zh);
    }

    #[test]
    fn overrides_win() {
        let o = BTreeMap::from([("next".to_string(), "Suivant".to_string())]);
        assert_eq!(strings("fr", &o)["next"], "Suivant");
        assert_eq!(strings("fr", &o)["previous"], "Previous");
    }
}

/// Text in several languages, keyed by language code (in trial data, glossary, bibliography).
pub type Text = std::collections::BTreeMap<String, String>;

/// The text in `lang`, else in English, else in any language.
pub fn localized<'t>(text: &'t Text, lang: &str) -> Option<&'t str> {
    text.get(lang)
        .or_else(|| text.get("en"))
        .or_else(|| text.values().next())
        .map(String::as_str)
}
