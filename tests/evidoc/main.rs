//! evidoc's integration tests: one binary, a small fixture site per feature (tests/fixtures/),
//! the default site itself, and the real `evidoc` binary.

mod support;

mod bad_input;
mod browser;
mod build;
mod checks;
mod conventions;
mod corpus;
mod data;
mod default_site;
mod hardening;
mod links;
mod markup;
mod model;
mod print;
mod properties;
mod scaffold;
mod search;
mod serve;
mod serve_edits;
mod source_record;
