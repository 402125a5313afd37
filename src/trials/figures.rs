//! Figures from trial data, formatted for one language: the single place where a number becomes
//! text. Numbers are printed exactly as written in the data file (`1.00` stays `1.00`), since the
//! source's precision is part of the figure.

use toml::Spanned;

use crate::markup::markdown::REF_MARK;
use crate::source::i18n::{Strings, localized};
use crate::trials::data::{
    EndpointKind, ResultEntry, SourceRef, Sourced, Text, Trial, TrialData, TrialFile,
};

/// Formatting context: one trial file, one language.
pub struct Fmt<'a> {
    pub file: &'a TrialFile,
    pub data: &'a TrialData,
    pub lang: &'a str,
    pub strings: &'a Strings,
    /// Relative prefix to the output root, for links.
    pub root: &'a str,
}

impl<'a> Fmt<'a> {
    pub fn trial(&self) -> &'a Trial {
        &self.file.trial
    }

    /// The number as typed in the data file.
    pub fn literal(&self, value: &Spanned<f64>) -> String {
        let span = value.span();
        self.file.text.get(span).map_or_else(
            || value.get_ref().to_string(),
            |s| s.trim().replace('_', ""),
        )
    }

    pub fn not_reported(&self) -> String {
        self.strings["not_reported"].clone()
    }

    pub fn months(&self, value: &Spanned<f64>) -> String {
        format!("{} {}", self.literal(value), self.strings["months"])
    }

    pub fn percent(&self, value: &Spanned<f64>) -> String {
        format!("{}%", self.literal(value))
    }

    /// A median or a rate, by the endpoint's kind.
    pub fn arm_value(&self, result: &ResultEntry, arm: &str) -> Option<String> {
        let kind = self.endpoint_kind(result.endpoint.get_ref());
        let values = match kind {
            EndpointKind::Time => &result.medians,
            EndpointKind::Rate => &result.rates,
        };
        let value = values
            .iter()
            .find(|(k, _)| k.get_ref() == arm)
            .map(|(_, v)| v)?;
        Some(match kind {
            EndpointKind::Time => self.months(value),
            EndpointKind::Rate => self.percent(value),
        })
    }

    /// `0.71` or `0.71 (95% CI 0.59–0.86)`.
    pub fn hazard_ratio(&self, result: &ResultEntry) -> Option<String> {
        let hr = self.literal(result.hr.as_ref()?);
        Some(match &result.ci {
            Some(ci) => {
                let [low, high] = ci.get_ref();
                format!("{hr} ({} {low}–{high})", self.strings["ci95"])
            }
            None => hr,
        })
    }

    pub fn endpoint_kind(&self, key: &str) -> EndpointKind {
        self.data
            .vocabulary
            .endpoints
            .get(key)
            .map(|e| e.kind)
            .unwrap_or_default()
    }

    /// `Overall survival (OS)`.
    pub fn endpoint(&self, key: &str) -> String {
        match self.data.vocabulary.endpoints.get(key) {
            Some(e) => {
                let label = localized(&e.labels, self.lang).unwrap_or(key);
                match &e.abbr {
                    Some(abbr) if abbr != label => format!("{label} ({abbr})"),
                    _ => label.to_string(),
                }
            }
            None => key.to_string(),
        }
    }

    pub fn population(&self, key: &str) -> String {
        term(&self.data.vocabulary.populations, key, self.lang)
    }

    pub fn subgroup(&self, key: Option<&Spanned<String>>) -> String {
        key.map_or_else(String::new, |k| {
            term(&self.data.vocabulary.subgroups, k.get_ref(), self.lang)
        })
    }

    pub fn event(&self, key: &str) -> String {
        term(&self.data.vocabulary.events, key, self.lang)
    }

    pub fn arm(&self, id: &str) -> String {
        if id == "all" {
            return if self.lang.starts_with("zh") {
                "全部患者".into()
            } else {
                "All patients".into()
            };
        }
        self.trial()
            .arms
            .iter()
            .find(|a| a.id.get_ref() == id)
            .and_then(|a| localized(&a.label, self.lang).map(str::to_string))
            .unwrap_or_else(|| id.to_string())
    }

    pub fn text(&self, text: &Text) -> String {
        localized(text, self.lang).unwrap_or_default().to_string()
    }

    pub fn trial_href(&self) -> String {
        format!(
            "{}{}/trials/{}/index.html",
            self.root,
            self.lang,
            self.trial().id.get_ref()
        )
    }

    /// `[2]` linking to the references page (source numbers are the references' numbers).
    /// `[2]` linking to the references page. The number is only known once the whole review's
    /// citations are numbered, so this leaves a marker that the page's final pass replaces.
    pub fn refs_html(&self, refs: &[toml::Spanned<SourceRef>]) -> String {
        refs_marker(refs)
    }
}

/// The visible mark of something that does not come from the source article, with a tooltip
/// naming where it comes from; nothing for what comes from the source.
pub fn external_mark(strings: &Strings, from: &Sourced) -> String {
    match from {
        Sourced::Source => String::new(),
        Sourced::External(reference) => {
            let title = strings["external_title"].replace("{ref}", reference);
            format!(
                " <span class=\"ext-mark\" title=\"{0}\" aria-label=\"{0}\" tabindex=\"0\">{1}</span>",
                crate::markup::highlight::escape_html(&title),
                crate::markup::highlight::escape_html(&strings["external_mark"])
            )
        }
    }
}

pub fn refs_marker(refs: &[toml::Spanned<SourceRef>]) -> String {
    if refs.is_empty() {
        return String::new();
    }
    let keys: Vec<String> = refs
        .iter()
        .map(|r| match r.get_ref() {
            SourceRef::Number(n) => format!("#{n}"),
            SourceRef::Key(k) => k.clone(),
        })
        .collect();
    format!(" {REF_MARK}{}{REF_MARK}", keys.join(";"))
}

fn term(terms: &std::collections::BTreeMap<String, Text>, key: &str, lang: &str) -> String {
    terms
        .get(key)
        .and_then(|t| localized(t, lang))
        .unwrap_or(key)
        .to_string()
}
