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
    ("missing_body", "This page has not been written in English yet. It is available in:"),
    ("not_found_title", "Page not found"),
    ("not_found_body", "The page you asked for does not exist. Try the home page of either language:"),
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
    ("not_found_body", "您访问的页面不存在。请前往任一语言的首页："),
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
];

pub type Strings = BTreeMap<String, String>;

/// The interface strings for `lang`, with the site's overrides applied.
pub fn strings(lang: &str, overrides: &BTreeMap<String, String>) -> Strings {
    let base = if lang == "zh" || lang.starts_with("zh-") { ZH } else { EN };
    let mut map: Strings = EN.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
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
