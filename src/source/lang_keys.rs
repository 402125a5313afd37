//! Keys of per-language tables (`{ zh = "…", en = "…" }`) must be configured languages.
//!
//! serde reads such tables as maps, so a typo (`ne = "…"`) or a key that landed in the wrong
//! table would otherwise be kept and never shown. The check walks the TOML document with its
//! spans, so the error points at the key itself.

use std::path::Path;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Location};

/// Every key of the table at `table_path` (for example `["credit"]`) must be a language code.
pub fn check_table(
    path: &Path,
    text: &str,
    table_path: &[&str],
    languages: &[&str],
) -> Vec<Diagnostic> {
    let Ok(doc) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut table = doc.get_ref();
    for name in table_path {
        match table.get(*name).map(Spanned::get_ref) {
            Some(DeValue::Table(t)) => table = t,
            _ => return Vec::new(),
        }
    }
    table
        .keys()
        .filter(|k| !languages.contains(&k.get_ref().as_ref()))
        .map(|k| unknown_language(path, text, k, languages, &table_path.join(".")))
        .collect()
}

/// In every table of the document that holds text in a configured language, every other key
/// shaped like a language code (`ne`, `zh-TW`) must be configured too.
pub fn check_document(path: &Path, text: &str, languages: &[&str]) -> Vec<Diagnostic> {
    let Ok(doc) = DeTable::parse(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    walk_table(doc.get_ref(), &mut |table| {
        let is_text = table.iter().any(|(k, v)| {
            languages.contains(&k.get_ref().as_ref()) && matches!(v.get_ref(), DeValue::String(_))
        });
        if !is_text {
            return;
        }
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if matches!(value.get_ref(), DeValue::String(_))
                && looks_like_language(name)
                && !languages.contains(&name)
            {
                found.push(unknown_language(path, text, key, languages, "this text"));
            }
        }
    });
    found
}

fn walk_table<'i>(table: &DeTable<'i>, visit: &mut impl FnMut(&DeTable<'i>)) {
    visit(table);
    for value in table.values() {
        walk_value(value.get_ref(), visit);
    }
}

fn walk_value<'i>(value: &DeValue<'i>, visit: &mut impl FnMut(&DeTable<'i>)) {
    match value {
        DeValue::Table(t) => walk_table(t, visit),
        DeValue::Array(items) => {
            for item in items.iter() {
                walk_value(item.get_ref(), visit);
            }
        }
        _ => {}
    }
}

/// `en`, `zh`, `yue`, `zh-Hant`, `pt-BR`: two or three lowercase letters, then subtags.
fn looks_like_language(key: &str) -> bool {
    let mut parts = key.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn unknown_language(
    path: &Path,
    text: &str,
    key: &Spanned<DeString>,
    languages: &[&str],
    table: &str,
) -> Diagnostic {
    let name = key.get_ref().as_ref();
    let span = key.span();
    let closest = languages
        .iter()
        .map(|l| (strsim::levenshtein(l, name), *l))
        .min()
        .filter(|(d, _)| *d <= 2)
        .map(|(_, l)| l);
    let hint = match closest {
        Some(l) => format!(
            "did you mean `{l}`? The configured languages are: {}",
            languages.join(", ")
        ),
        None => format!(
            "keys of {table} are language codes ({}); a setting of its own belongs above the table, or add the language to [[languages]]",
            languages.join(", ")
        ),
    };
    Diagnostic::error(
        "E0102",
        format!("`{name}` in {table} is not a configured language"),
    )
    .at(Location::at_offset(path, text, span.start, span.len()))
    .hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_setting_after_credit_is_reported() {
        let text = "base_url = \"x\"\n[credit]\nen = \"A\"\nbase_ulr = \"y\"\n";
        let found = check_table(Path::new("evidoc.toml"), text, &["credit"], &["zh", "en"]);
        assert_eq!(found.len(), 1);
        let at = found[0].location.as_ref().unwrap();
        assert_eq!((at.line, at.column), (4, 1));
    }

    #[test]
    fn a_typo_in_a_label_is_reported_with_a_suggestion() {
        let text = "[arms.a]\nlabel = { zh = \"甲\", ne = \"A\" }\nid = \"a\"\n";
        let found = check_document(Path::new("t.toml"), text, &["zh", "en"]);
        assert_eq!(found.len(), 1);
        assert!(found[0].hint.as_deref().unwrap().contains("`en`"));
    }
}
