//! `[print]` in `evidoc.toml`: what the print editions (one per language, one side by side)
//! and their PDFs contain. Unknown keys are errors, like everywhere in the configuration.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

impl Paper {
    /// The CSS `@page { size }` value.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// Page size of the print editions and PDFs.
    #[serde(default)]
    pub paper: Paper,
    /// Content keys of the pages to include (`"her2-negative.md"`, a folder's key includes its
    /// pages), in reading order; empty: every page written in Markdown.
    #[serde(default)]
    pub sections: Vec<String>,
    /// Include the trial summaries (the trials index and one summary per trial).
    #[serde(default = "yes")]
    pub trials: bool,
    /// Include the glossary.
    #[serde(default = "yes")]
    pub glossary: bool,
    /// Include the "Notes on the source" page.
    #[serde(default = "yes")]
    pub source_notes: bool,
    /// The two languages of the side-by-side edition, left then right (`["zh", "ja"]`); empty:
    /// the first two configured languages.
    #[serde(default)]
    pub parallel: Vec<String>,
    /// Shown on the title page as written (a build date is never added by itself, so two
    /// builds stay identical).
    #[serde(default)]
    pub date: Option<String>,
    /// Set by `evidoc build --pdf`, never read from the file: the print pages then link to
    /// their PDFs, which that build writes into the site.
    #[serde(skip)]
    pub with_pdf: bool,
}

fn yes() -> bool {
    true
}

impl Default for PrintConfig {
    fn default() -> Self {
        PrintConfig {
            paper: Paper::A4,
            sections: Vec::new(),
            parallel: Vec::new(),
            trials: true,
            glossary: true,
            source_notes: true,
            date: None,
            with_pdf: false,
        }
    }
}
