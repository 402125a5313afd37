//! evidoc: a static site generator for bilingual evidence reviews.
//!
//! The top of `src/` reads like the pipeline; docs/architecture.md draws it:
//!
//! - [`source`] reads the configuration, content tree, strings and templates;
//! - [`markup`] renders one page's Markdown; [`trials`] loads trial data and formats it;
//!   [`cite`] loads the bibliography and numbers citations;
//! - [`site`] resolves all of it, once, into the model every output renders from;
//! - [`output`] renderers turn the model into files in memory;
//! - [`write`] puts a set of files on disk atomically, or keeps it in memory;
//! - [`check`] reads the model and the rendered files and reports;
//! - [`scaffold`] writes a new site (`evidoc init`) or page (`evidoc new`);
//! - [`build`] strings the stages together for the commands; [`diagnostics`] is how every
//!   stage reports.

pub mod build;
pub mod check;
pub mod cite;
pub mod diagnostics;
pub mod harness;
pub mod markup;
pub mod output;
pub mod pdf;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod source;
pub mod trials;
pub mod write;
