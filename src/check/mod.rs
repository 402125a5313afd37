//! Checks: they read the site model and the rendered files, and report; nothing in the build
//! stages imports them. `parity` compares each translation with its source (structure,
//! citations, links, figures) and prose figures with the trial data; `links` finds every link
//! in the output that leads nowhere; `external` requests external links; `translations` is
//! the `evidoc translations` command.

pub mod external;
pub mod links;
pub mod parity;
pub mod translations;
