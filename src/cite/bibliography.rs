//! The bibliography: publications in Hayagriva YAML (`content/bibliography.yaml`), formatted by
//! hayagriva's CSL engine (Vancouver for English, GB/T 7714-2015 for Chinese); and cited numbers
//! whose publication is unknown (`content/references.toml`), shown honestly as not identified.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest, Library,
};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::source::i18n::Text;

pub const BIBLIOGRAPHY_FILE: &str = "bibliography.yaml";
pub const UNIDENTIFIED_FILE: &str = "references.toml";
pub const MAPPING_FILE: &str = "citation-provenance.toml";

/// How a cited publication was matched to the review's citation: `inferred_from` names the trial
/// whose mention in the citing sentence is the only basis of the match.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub inferred_from: Option<String>,
}

#[derive(Default)]
pub struct Bibliography {
    pub library: Option<Library>,
    /// Citation key → what the source cites it for, per language.
    pub unidentified: BTreeMap<String, Text>,
    /// Citation key → how it was matched to the source's citation (`citation-provenance.toml`).
    pub mappings: BTreeMap<String, Mapping>,
    pub path: PathBuf,
}

impl Bibliography {
    pub fn contains(&self, key: &str) -> bool {
        self.unidentified.contains_key(key)
            || self.library.as_ref().is_some_and(|l| l.get(key).is_some())
    }

    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = self.unidentified.keys().cloned().collect();
        if let Some(lib) = &self.library {
            keys.extend(lib.iter().map(|e| e.key().to_string()));
        }
        keys.sort();
        keys
    }

    /// External identifiers of an entry, as (label, URL). The DOI is left out: the citation
    /// styles print it as a link already.
    pub fn identifiers(&self, key: &str) -> Vec<(String, String)> {
        let Some(entry) = self.library.as_ref().and_then(|l| l.get(key)) else {
            return Vec::new();
        };
        let mut ids = Vec::new();
        if let Some(pmid) = entry.keyed_serial_number("pmid") {
            ids.push((
                format!("PMID {pmid}"),
                format!("https://pubmed.ncbi.nlm.nih.gov/{pmid}/"),
            ));
        }
        if let Some(pmcid) = entry.keyed_serial_number("pmcid") {
            ids.push((
                pmcid.to_string(),
                format!("https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"),
            ));
        }
        ids
    }

    /// HTML of each entry in `keys`, formatted in the citation style of `lang`.
    pub fn format(&self, keys: &[String], lang: &str) -> HashMap<String, String> {
        let Some(library) = &self.library else {
            return HashMap::new();
        };
        let (archived, locale) = if lang.starts_with("zh") {
            (ArchivedStyle::Gb77142015Numeric, "zh-CN")
        } else {
            (ArchivedStyle::ElsevierVancouver, "en-US")
        };
        let Some(style) = style(archived) else {
            return HashMap::new();
        };
        let locale_files = cached_locales();
        let mut driver = BibliographyDriver::new();
        for key in keys {
            if let Some(entry) = library.get(key) {
                driver.citation(CitationRequest::from_items(
                    vec![CitationItem::with_entry(entry)],
                    style,
                    locale_files,
                ));
            }
        }
        let rendered = driver.finish(BibliographyRequest {
            style,
            locale: Some(LocaleCode(locale.into())),
            locale_files,
        });
        let mut out = HashMap::new();
        for item in rendered.bibliography.map(|b| b.items).unwrap_or_default() {
            let mut html = String::new();
            let _ = item.content.write_buf(&mut html, BufWriteFormat::Html);
            out.insert(item.key, html);
        }
        out
    }
}

/// Decoding the bundled styles and locales is costly (tens of milliseconds): once per process.
fn style(archived: ArchivedStyle) -> Option<&'static IndependentStyle> {
    static VANCOUVER: OnceLock<Option<IndependentStyle>> = OnceLock::new();
    static GBT: OnceLock<Option<IndependentStyle>> = OnceLock::new();
    let cell = if archived == ArchivedStyle::Gb77142015Numeric {
        &GBT
    } else {
        &VANCOUVER
    };
    cell.get_or_init(|| match archived.get() {
        Style::Independent(style) => Some(style),
        Style::Dependent(_) => None,
    })
    .as_ref()
}

fn cached_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(locales)
}

/// Loads both files if present; problems go to `diags`.
pub fn load_bibliography(
    content_dir: &Path,
    languages: &[&str],
    diags: &mut Diagnostics,
) -> Bibliography {
    let path = content_dir.join(BIBLIOGRAPHY_FILE);
    let mut bib = Bibliography {
        path: path.clone(),
        ..Default::default()
    };
    if let Some(text) = crate::source::input::read_optional_reported(&path, diags) {
        match hayagriva::io::from_yaml_str(&text) {
            Ok(library) => bib.library = Some(library),
            Err(e) => {
                let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                let message = crate::source::input::without_yaml_position(&e.to_string());
                diags.push(
                    Diagnostic::error("E0305", format!("malformed bibliography entry: {message}"))
                        .at(Location::at_line(&path, &text, line, column))
                        .hint("see the Hayagriva YAML format: each entry needs `type` and `title`; authors as \"Last, First\""),
                );
            }
        }
    }
    let unidentified_path = content_dir.join(UNIDENTIFIED_FILE);
    if let Some(text) = crate::source::input::read_optional_reported(&unidentified_path, diags) {
        match toml::from_str::<BTreeMap<String, Text>>(&text) {
            Ok(map) => {
                diags.extend(crate::source::lang_keys::check_document(
                    &unidentified_path,
                    &text,
                    languages,
                ));
                check_unidentified(&unidentified_path, &text, &map, &bib, languages, diags);
                bib.unidentified = map;
            }
            Err(e) => diags.push(crate::source::config::toml_error(
                "E0305",
                &unidentified_path,
                &text,
                &e,
            )),
        }
    }
    bib.mappings = load_mappings(content_dir, diags);
    bib
}

/// Reads `citation-provenance.toml`, if present.
fn load_mappings(content_dir: &Path, diags: &mut Diagnostics) -> BTreeMap<String, Mapping> {
    let path = content_dir.join(MAPPING_FILE);
    let Some(text) = crate::source::input::read_optional_reported(&path, diags) else {
        return BTreeMap::new();
    };
    toml::from_str(&text).unwrap_or_else(|e| {
        diags.push(crate::source::config::toml_error("E0305", &path, &text, &e));
        BTreeMap::new()
    })
}

fn check_unidentified(
    path: &Path,
    text: &str,
    map: &BTreeMap<String, Text>,
    bib: &Bibliography,
    languages: &[&str],
    diags: &mut Diagnostics,
) {
    for (key, texts) in map {
        let header = format!("[{key}]");
        let at = Location::at_offset(path, text, text.find(&header).unwrap_or(0), header.len());
        if bib.library.as_ref().is_some_and(|l| l.get(key).is_some()) {
            diags.push(
                Diagnostic::error("E0306", format!("reference `{key}` is both in {BIBLIOGRAPHY_FILE} and here"))
                    .at(at.clone())
                    .hint("an identified publication belongs only in bibliography.yaml: remove this entry"),
            );
        }
        for lang in languages {
            if !texts.contains_key(*lang) {
                diags.push(
                    Diagnostic::error("E0305", format!("reference `{key}` has no `{lang}` text"))
                        .at(at.clone())
                        .hint(format!(
                            "add `{lang} = \"…\"`: what the source cites this reference for"
                        )),
                );
            }
        }
    }
}
