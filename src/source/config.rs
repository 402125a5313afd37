//! `evidoc.toml`: the site's settings. Unknown keys are errors, so a typo never passes silently.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Location};

pub const CONFIG_FILE: &str = "evidoc.toml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where the site will be published; used for canonical URLs and the sitemap.
    pub base_url: String,
    /// Code of the language `x-default` points to and that the landing page lists first.
    pub default_language: String,
    /// The site's languages, in the order the switcher lists them.
    pub languages: Vec<LanguageConfig>,
    /// Output folder, relative to the site root.
    #[serde(default = "default_output")]
    pub output_dir: PathBuf,
    /// Content folder, relative to the site root.
    #[serde(default = "default_content")]
    pub content_dir: PathBuf,
    /// Text credited on every page's footer (for example the licence of the source).
    #[serde(default)]
    pub credit: BTreeMap<String, String>,
    /// The print editions and PDFs (`[print]`).
    #[serde(default)]
    pub print: crate::source::print_config::PrintConfig,
    /// The static search index and the search box (`[search]`).
    #[serde(default)]
    pub search: SearchConfig,
}

/// `[search]`: whether `build` writes a search index and pages show a search box.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    #[serde(default = "enabled")]
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

fn enabled() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// BCP 47 code; also the file suffix (`page.zh.md`) and the URL prefix (`/zh/`).
    pub code: String,
    /// The language's own name, shown in the switcher (中文, English).
    pub name: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Overrides for the interface strings the templates use (see `i18n.rs`).
    #[serde(default)]
    pub strings: BTreeMap<String, String>,
}

fn default_output() -> PathBuf {
    PathBuf::from("public")
}

fn default_content() -> PathBuf {
    PathBuf::from("content")
}

impl Config {
    /// Reads `evidoc.toml` from the site root.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = crate::source::input::read_text(&path).map_err(|d| {
            let unreadable = Diagnostic {
                code: "E0001",
                message: d.message.replacen(
                    "cannot read file",
                    &format!("cannot read {CONFIG_FILE}"),
                    1,
                ),
                ..d
            };
            if path.exists() {
                unreadable
            } else {
                unreadable.hint("run evidoc in the site's root folder, or pass --root DIR")
            }
        })?;
        Config::parse(&path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
        let config: Config =
            toml::from_str(text).map_err(|e| toml_error("E0002", path, text, &e))?;
        config.validate(path, text)?;
        Ok(config)
    }

    fn validate(&self, path: &Path, text: &str) -> Result<(), Diagnostic> {
        let at_key = |key: &str| {
            let offset = text.find(key).unwrap_or(0);
            Location::at_offset(path, text, offset, key.len())
        };
        if self.languages.is_empty() {
            return Err(Diagnostic::error("E0003", "no language is configured")
                .at(Location::file(path))
                .hint("add a [[languages]] table with code, name and title"));
        }
        let mut seen = Vec::new();
        for lang in &self.languages {
            if !is_language_code(&lang.code) {
                return Err(Diagnostic::error(
                    "E0003",
                    format!("`{}` is not a language code", lang.code),
                )
                .at(at_key(&format!("\"{}\"", lang.code)))
                .hint("use a code such as zh, en or pt-BR (letters, digits and '-')"));
            }
            if seen.contains(&&lang.code) {
                return Err(Diagnostic::error(
                    "E0003",
                    format!("language `{}` is configured twice", lang.code),
                )
                .at(at_key(&format!("\"{}\"", lang.code)))
                .hint("remove one of the two [[languages]] tables"));
            }
            seen.push(&lang.code);
        }
        if self.language(&self.default_language).is_none() {
            return Err(Diagnostic::error(
                "E0003",
                format!(
                    "default_language `{}` is not one of the configured languages",
                    self.default_language
                ),
            )
            .at(at_key("default_language"))
            .hint(format!("use one of: {}", self.language_codes().join(", "))));
        }
        self.validate_parallel(&at_key)?;
        let unknown =
            crate::source::lang_keys::check_table(path, text, &["credit"], &self.language_codes());
        match unknown.into_iter().next() {
            Some(d) => Err(d),
            None => Ok(()),
        }
    }

    /// `[print] parallel` names two different configured languages, or is left out.
    fn validate_parallel(&self, at_key: &dyn Fn(&str) -> Location) -> Result<(), Diagnostic> {
        let pair = &self.print.parallel;
        let known = |code: &String| self.language(code).is_some();
        if pair.is_empty() || (pair.len() == 2 && pair[0] != pair[1] && pair.iter().all(known)) {
            return Ok(());
        }
        Err(Diagnostic::error(
            "E0003",
            format!("[print] parallel must name two different configured languages, not {pair:?}"),
        )
        .at(at_key("parallel"))
        .hint(format!(
            "for example parallel = [\"{}\", \"{}\"], from: {}",
            self.languages[0].code,
            self.languages.get(1).map_or("en", |l| l.code.as_str()),
            self.language_codes().join(", ")
        )))
    }

    /// The languages of the side-by-side edition: `[print] parallel`, else the first two.
    pub fn parallel_pair(&self) -> Option<[&str; 2]> {
        match (&self.print.parallel[..], &self.languages[..]) {
            ([a, b], _) => Some([a.as_str(), b.as_str()]),
            (_, [a, b, ..]) => Some([a.code.as_str(), b.code.as_str()]),
            _ => None,
        }
    }

    pub fn language(&self, code: &str) -> Option<&LanguageConfig> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn language_codes(&self) -> Vec<&str> {
        self.languages.iter().map(|l| l.code.as_str()).collect()
    }

    /// The base URL with exactly one trailing slash.
    pub fn base_url_slash(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }
}

fn is_language_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 16
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && code.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// Turns a TOML error (which carries a byte span) into a located diagnostic.
pub fn toml_error(
    code: &'static str,
    path: &Path,
    text: &str,
    err: &toml::de::Error,
) -> Diagnostic {
    toml_error_with_offset(code, path, text, 0, err)
}

/// Like [`toml_error`] for TOML that starts `offset` bytes into `file_text` (front matter).
pub fn toml_error_with_offset(
    code: &'static str,
    path: &Path,
    file_text: &str,
    offset: usize,
    err: &toml::de::Error,
) -> Diagnostic {
    let message = err.message().trim().to_string();
    let (start, len) = err
        .span()
        .map_or((0, 0), |s| (s.start, s.end.saturating_sub(s.start)));
    let hint = if message.contains("unknown field") {
        "remove or rename the key; the message lists the keys that are allowed".to_string()
    } else if message.contains("missing field") {
        "add the missing key".to_string()
    } else {
        "check the TOML syntax: strings need quotes, tables need [brackets]".to_string()
    };
    Diagnostic::error(code, message)
        .at(Location::at_offset(path, file_text, offset + start, len))
        .hint(hint)
}
