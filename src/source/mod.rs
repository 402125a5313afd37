//! Stage 1, reading: the configuration, every text file (one reader for encodings and line
//! endings), the content tree with its front matter, the interface strings and the templates.
//! Knows nothing of Markdown, trials or output.

pub mod config;
pub mod content;
pub mod front_matter;
pub mod i18n;
pub mod input;
pub mod lang_keys;
pub mod load;
pub mod paths;
pub mod print_config;
pub mod templates;
pub mod theme;
