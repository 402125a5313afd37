//! Whether a translation is current: each translation records a hash of its source-language
//! page when it is marked current (`evidoc translations --mark-current`).

use crate::markup::markdown::fnv1a;
use crate::source::content::{Node, Translation};

/// The hash a translation records of its source page: the whole source file (front matter
/// included, since titles and summaries are translated too).
pub fn source_hash(source: &Translation) -> String {
    text_hash(&source.source.text)
}

/// The hash of a source page's text as read (no byte-order mark, LF line endings): what
/// `evidoc new` and `evidoc init` record in the translations they write.
pub fn text_hash(text: &str) -> String {
    format!("{:012x}", fnv1a(text) & 0xffff_ffff_ffff)
}

/// A translation's state against its source-language page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationState {
    Source,
    Current,
    Stale,
    /// Never marked current: nothing to compare with.
    Untracked,
    Missing,
}

impl TranslationState {
    pub fn label(self) -> &'static str {
        match self {
            TranslationState::Source => "source",
            TranslationState::Current => "current",
            TranslationState::Stale => "stale",
            TranslationState::Untracked => "untracked",
            TranslationState::Missing => "missing",
        }
    }
}

pub fn translation_state(node: &Node, lang: &str, source_lang: &str) -> TranslationState {
    let Some(t) = node.translations.get(lang) else {
        return TranslationState::Missing;
    };
    if lang == source_lang {
        return TranslationState::Source;
    }
    match (node.translations.get(source_lang), &t.front.source_hash) {
        (Some(src), Some(hash)) if *hash == source_hash(src) => TranslationState::Current,
        (Some(_), Some(_)) => TranslationState::Stale,
        _ => TranslationState::Untracked,
    }
}
