//! Stage 2, Markdown: a page's text becomes HTML with its headings, links, citations, trial
//! mentions, glossary marks and tables collected; code is highlighted; `facts` extracts the
//! block structure and figures the parity check compares. Works on one page at a time.

pub mod facts;
pub mod glossary;
pub mod highlight;
pub mod html_scan;
pub mod markdown;
pub mod mentions;
pub mod shortcodes;
pub mod tables;
