//! Stage 2, trial data: results typed once in `content/trials/`, the vocabulary that labels
//! them, and everything drawn from them (formatted figures, comparison tables, forest plots,
//! the shortcodes that put them into pages).

pub mod data;
pub mod datarefs;
pub mod datatables;
pub mod figures;
pub mod forest;
