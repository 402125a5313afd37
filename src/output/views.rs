//! The values templates receive: plain, typed, serialize-only views (documented in docs/templates.md).
//!
//! Views borrow from the model where they can, so rendering a page never copies page bodies.

use serde::Serialize;

use crate::markup::markdown::TocEntry;
use crate::source::i18n::Strings;

/// The site as seen from one language.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub default_language: &'a str,
    /// The credit line (for example the source's licence) in this language, if any.
    pub credit: Option<&'a str>,
    /// The site has a search index: pages show the search box and mark what it indexes.
    pub search: bool,
}

/// The language of the page being rendered.
#[derive(Debug, Serialize)]
pub struct LanguageView<'a> {
    pub code: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

/// One entry of the language switcher / hreflang list.
#[derive(Debug, Serialize)]
pub struct TranslationView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// Relative link to the same page in that language.
    pub href: String,
    /// Absolute URL, for `<link rel="alternate" hreflang>`.
    pub url: String,
    pub current: bool,
    /// False when that language shows a "not translated yet" page.
    pub available: bool,
}

/// One entry of the navigation tree.
#[derive(Debug, Serialize)]
pub struct NavItem {
    pub title: String,
    pub href: String,
    pub current: bool,
    /// The current page is below this entry.
    pub open: bool,
    pub children: Vec<NavItem>,
}

/// The page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `home`, `section`, `page`, `missing`, `contents`, or a generated kind such as `trial`.
    pub kind: &'a str,
    pub title: &'a str,
    pub summary: Option<&'a str>,
    /// The `date` of the front matter, as written.
    pub date: Option<&'a str>,
    /// The front matter's `[extra]` table, for custom templates (`page.extra.key`).
    pub extra: Option<&'a toml::Table>,
    /// Rendered HTML of the body: print it with `| safe`.
    pub content: &'a str,
    pub toc: &'a [TocEntry],
    /// Absolute URL of this page.
    pub url: String,
    /// Pages below this one, for sections and the home page.
    pub children: Vec<Link>,
    /// The content file, relative to the site root.
    pub source_file: String,
    /// When this translation is stale: the name of the source language that changed since.
    pub stale_source: Option<&'a str>,
    /// Marked `draft = true` (only the dev server's `--drafts` renders such a page).
    pub draft: bool,
}

/// Everything a page template receives.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    pub site: SiteView<'a>,
    pub lang: LanguageView<'a>,
    pub page: PageView<'a>,
    pub translations: Vec<TranslationView<'a>>,
    pub nav: Vec<NavItem>,
    pub prev: Option<Link>,
    pub next: Option<Link>,
    /// Relative prefix from this page to the output root (`../../`), for assets.
    pub root: String,
    pub home_href: String,
    pub contents_href: String,
    /// Interface strings in this language (`t.next`, `t.contents`, …).
    pub t: &'a Strings,
}

/// One language's entry on the bilingual landing page.
#[derive(Debug, Serialize)]
pub struct LandingLanguage<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub href: String,
    pub sections: Vec<Link>,
    pub t: &'a Strings,
}

/// The context of `landing.html` (the bilingual `index.html`) and of `404.html`.
#[derive(Debug, Serialize)]
pub struct LandingContext<'a> {
    pub languages: Vec<LandingLanguage<'a>>,
    pub default_language: &'a str,
    pub root: String,
    pub base_url: &'a str,
    pub credit: Vec<&'a str>,
}
