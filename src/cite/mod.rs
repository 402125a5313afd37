//! Stage 2, citations: the bibliography (CSL-JSON/YAML, formatted by hayagriva) and the
//! review-wide numbering of the citations the Markdown stage collected.

pub mod bibliography;
pub mod numbering;
