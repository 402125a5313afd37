//! evidoc: a static site generator for bilingual evidence reviews.
//!
//! The pipeline, one module per stage: [`config`] and [`load`] read the site into the
//! [`content`] model; [`markdown`] and [`render`] turn it into files; [`write`] puts them on disk
//! atomically. [`build`] strings the stages together; [`diagnostics`] is how every stage reports.

pub mod bibliography;
pub mod build;
pub mod check;
pub mod cite;
pub mod config;
pub mod content;
pub mod data;
pub mod datarefs;
pub mod datatables;
pub mod diagnostics;
pub mod external;
pub mod facts;
pub mod figures;
pub mod forest;
pub mod glossary;
pub mod harness;
pub mod highlight;
pub mod html_scan;
pub mod i18n;
pub mod input;
pub mod lang_keys;
pub mod linkcheck;
pub mod load;
pub mod markdown;
pub mod mentions;
pub mod paths;
pub mod render;
pub mod report;
pub mod shortcodes;
pub mod site_files;
pub mod source_notes;
pub mod tables;
pub mod templates;
pub mod timing;
pub mod translations;
pub mod trial_pages;
pub mod views;
pub mod write;
