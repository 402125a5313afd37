//! Checks that go beyond what rendering needs, run by both `build` and `check`:
//! translation parity (structure, citations, links, figures), stale translations, and figures
//! written in prose that contradict the trial data next to them.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

use crate::diagnostics::{Diagnostic, Diagnostics, FileLines, Location, Span};
use crate::markup::facts::{Block, Figure, PageFacts, Unit};
use crate::site::Site;
use crate::site::Sources as LoadedSite;
use crate::site::translation::{TranslationState, translation_state};
use crate::source::content::{Node, NodeId, Translation};
use crate::trials::data::{Trial, TrialData};

/// The checks of one page in all its languages, from each language's facts as the first
/// Markdown pass read them (the build hands them over page by page, so no page is parsed for
/// the checks alone, and no page's facts outlive its checks).
pub fn page_checks(
    site: &LoadedSite,
    node: &Node,
    facts: &BTreeMap<&str, PageFacts>,
) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    let source_lang = site.config.default_language.as_str();
    let files: BTreeMap<&str, FileLines> = node
        .translations
        .iter()
        .map(|(lang, t)| (lang.as_str(), t.source.lines()))
        .collect();
    for (lang, page) in facts {
        let Some(file) = files.get(lang) else {
            continue;
        };
        prose_against_data(page, file, &site.data, &mut diags);
        if *lang == source_lang {
            continue;
        }
        if let (Some(src), Some(src_facts), Some(src_file)) = (
            node.translations.get(source_lang),
            facts.get(source_lang),
            files.get(source_lang),
        ) {
            let pair = Pair {
                src_lang: source_lang,
                lang,
                src: src_facts,
                other: page,
                src_file,
                other_file: file,
            };
            pair.compare(&mut diags);
            stale_translation(
                node,
                src,
                &node.translations[*lang],
                &site.config,
                &mut diags,
            );
        }
    }
    diags.items
}

/// The checks of one page, its languages read again: for a dev server that has just replaced
/// one of its translations (each page's problems are its own, so the other pages' still hold).
pub fn node_checks(site: &Site, id: NodeId) -> Vec<Diagnostic> {
    let node = &site.sources.tree.nodes[id];
    let facts: BTreeMap<&str, PageFacts> = node
        .translations
        .keys()
        .filter_map(|lang| Some((lang.as_str(), site.markdown(id, lang, false).facts?)))
        .collect();
    page_checks(&site.sources, node, &facts)
}

fn stale_translation(
    node: &Node,
    src: &Translation,
    t: &Translation,
    config: &crate::source::config::Config,
    diags: &mut Diagnostics,
) {
    match translation_state(node, &t.lang, &src.lang) {
        TranslationState::Stale => {}
        TranslationState::Untracked => return untracked_translation(node, src, t, diags),
        _ => return,
    }
    let offset = t.source.text.find("source_hash").unwrap_or(0);
    let src_name = config
        .language(&src.lang)
        .map_or(src.lang.as_str(), |l| l.name.as_str());
    diags.push(
        Diagnostic::warning("W0301", format!("`{}` translation is stale: the {src_name} page changed since it was last marked current", t.lang))
            .at(Location::at_offset(&t.source.path, &t.source.text, offset, "source_hash".len()))
            .related(Location::file(&src.source.path))
            .hint(format!("bring the translation up to date, then run `evidoc translations --mark-current {}`", node.key)),
    );
}

/// A translation never marked current: `check` cannot tell when its source changes, so CI
/// must hear of it (a warning; an error with `--strict`).
fn untracked_translation(node: &Node, src: &Translation, t: &Translation, diags: &mut Diagnostics) {
    diags.push(
        Diagnostic::warning(
            "W0302",
            format!("`{}` translation was never marked current against its `{}` source", t.lang, src.lang),
        )
        .at(Location::at_offset(&t.source.path, &t.source.text, 0, 3))
        .related(Location::file(&src.source.path))
        .hint(format!(
            "check that it says what the source says, then run `evidoc translations --mark-current {}`",
            node.page_name()
        )),
    );
}

/// One translation compared with its source.
struct Pair<'a> {
    src_lang: &'a str,
    lang: &'a str,
    src: &'a PageFacts,
    other: &'a PageFacts,
    src_file: &'a FileLines<'a>,
    other_file: &'a FileLines<'a>,
}

impl Pair<'_> {
    fn compare(&self, diags: &mut Diagnostics) {
        self.count(
            "W0201",
            "headings",
            &self.src.headings,
            &self.other.headings,
            diags,
        );
        self.count(
            "W0202",
            "tables",
            &self.src.tables,
            &self.other.tables,
            diags,
        );
        let src_blocks: Vec<Span> = self.src.blocks.iter().filter_map(|b| b.span).collect();
        let other_blocks: Vec<Span> = self.other.blocks.iter().filter_map(|b| b.span).collect();
        let aligned = src_blocks.len() == other_blocks.len();
        if !aligned {
            self.count(
                "W0203",
                "paragraphs, list items and table rows",
                &src_blocks,
                &other_blocks,
                diags,
            );
        }
        self.citations(diags);
        self.links(diags);
        if aligned {
            for (a, b) in self.src.blocks.iter().zip(&self.other.blocks) {
                self.figures(&a.figures, &b.figures, a.span, b.span, diags);
            }
        } else {
            let a: Vec<&Figure> = self.src.figures().collect();
            let b: Vec<&Figure> = self.other.figures().collect();
            self.figures(&a, &b, None, None, diags);
        }
    }

    fn count(
        &self,
        code: &'static str,
        what: &str,
        src: &[Span],
        other: &[Span],
        diags: &mut Diagnostics,
    ) {
        if src.len() == other.len() {
            return;
        }
        let first_difference = src.len().min(other.len());
        let at = other
            .get(first_difference)
            .or(other.last())
            .copied()
            .unwrap_or(self.other.body);
        let related = src
            .get(first_difference)
            .or(src.last())
            .copied()
            .unwrap_or(self.src.body);
        diags.push(
            Diagnostic::warning(code, format!("{} {what} in `{}`, {} in `{}`", src.len(), self.src_lang, other.len(), self.lang))
                .at(self.other_file.locate(at))
                .related(self.src_file.locate(related))
                .hint("the language versions of a page should have the same structure: add or remove the missing part"),
        );
    }

    fn citations(&self, diags: &mut Diagnostics) {
        let src: Vec<&(String, Span)> = self.src.citations().collect();
        let other: Vec<&(String, Span)> = self.other.citations().collect();
        for (from, to, from_lang, to_lang, file) in [
            (&src, &other, self.src_lang, self.lang, self.src_file),
            (&other, &src, self.lang, self.src_lang, self.other_file),
        ] {
            // How many citations of each key the other side has left to match: a count per
            // key, not a list searched and shortened for each citation (quadratic on big pages).
            let mut remaining: HashMap<&str, usize> = HashMap::new();
            for (k, _) in to.iter() {
                *remaining.entry(k.as_str()).or_default() += 1;
            }
            for (key, span) in from.iter().map(|c| (&c.0, c.1)) {
                match remaining.get_mut(key.as_str()).filter(|n| **n > 0) {
                    Some(n) => *n -= 1,
                    None => diags.push(
                        Diagnostic::warning(
                            "W0204",
                            format!(
                                "citation `[@{key}]` in `{from_lang}` is missing in `{to_lang}`"
                            ),
                        )
                        .at(file.locate(span))
                        .hint(format!(
                            "cite the same source in the `{to_lang}` version, at the same place"
                        )),
                    ),
                }
            }
        }
    }

    fn links(&self, diags: &mut Diagnostics) {
        // (target, place of its block).
        fn gather(facts: &PageFacts, trials: bool) -> Vec<(&str, Option<Span>)> {
            facts
                .blocks
                .iter()
                .flat_map(|b| {
                    let list = if trials { &b.trials } else { &b.links };
                    list.iter().map(|t| (t.as_str(), b.span))
                })
                .collect()
        }
        for (trials, code, what) in [(true, "W0205", "trial link"), (false, "W0206", "page link")] {
            let src = gather(self.src, trials);
            let other = gather(self.other, trials);
            for (from, to, from_lang, to_lang, file) in [
                (&src, &other, self.src_lang, self.lang, self.src_file),
                (&other, &src, self.lang, self.src_lang, self.other_file),
            ] {
                let targets: HashSet<&str> = to.iter().map(|(t, _)| *t).collect();
                for (target, span) in from {
                    if !targets.contains(target) {
                        let location =
                            span.map_or_else(|| Location::file(file.path), |s| file.locate(s));
                        diags.push(
                            Diagnostic::warning(code, format!("{what} to `{target}` in `{from_lang}` is missing in `{to_lang}`"))
                                .at(location)
                                .hint(format!("link the same target in the `{to_lang}` version")),
                        );
                    }
                }
            }
        }
    }

    /// Figures are compared as numbers with their units; a figure on one side without a match
    /// on the other is reported at both places. Each figure of the source takes the first
    /// figure of the other side that is still unmatched and the same (then, among the rest,
    /// the first of the same unit): found through [`Unmatched`], not by scanning the list.
    fn figures<F: std::borrow::Borrow<Figure>>(
        &self,
        src: &[F],
        other: &[F],
        src_at: Option<Span>,
        other_at: Option<Span>,
        diags: &mut Diagnostics,
    ) {
        let mut unmatched_other = Unmatched::new(other);
        let mut unmatched_src: Vec<&Figure> = Vec::new();
        for f in src.iter().map(Borrow::borrow) {
            if !unmatched_other.take_same(f) {
                unmatched_src.push(f);
            }
        }
        let mut by_unit = unmatched_other.by_unit();
        for f in unmatched_src {
            let counterpart = by_unit.take_unit(f.unit);
            let d = match counterpart {
                Some(o) => Diagnostic::warning(
                    "W0207",
                    format!(
                        "figure differs between languages: {} in `{}`, {} in `{}`",
                        f.display(),
                        self.src_lang,
                        o.display(),
                        self.lang
                    ),
                )
                .at(self.other_file.locate(o.span))
                .related(self.src_file.locate(f.span)),
                None => {
                    let mut d = Diagnostic::warning(
                        "W0207",
                        format!(
                            "figure {} in `{}` has no counterpart in `{}`",
                            f.display(),
                            self.src_lang,
                            self.lang
                        ),
                    )
                    .at(self.src_file.locate(f.span));
                    if let Some(at) = other_at {
                        d = d.related(self.other_file.locate(at));
                    }
                    d
                }
            };
            diags.push(d.hint("state the same figure in every language (or take it from the trial data with {{ fig(…) }})"));
        }
        for o in by_unit.remaining() {
            let mut d = Diagnostic::warning("W0207", format!("figure {} in `{}` has no counterpart in `{}`", o.display(), self.lang, self.src_lang))
                .at(self.other_file.locate(o.span))
                .hint("state the same figure in every language (or take it from the trial data with {{ fig(…) }})");
            if let Some(at) = src_at {
                d = d.related(self.src_file.locate(at));
            }
            diags.push(d);
        }
    }
}

/// The figures of one side not yet matched, in their order, with what finds the first unmatched
/// figure equal to a given one (or of a given unit) without a scan: figures are grouped by unit
/// and value, each group keeping its unmatched figures in order.
struct Unmatched<'a> {
    figures: Vec<&'a Figure>,
    taken: Vec<bool>,
    /// (unit, value) → the indices of its unmatched figures, in order; sorted by unit and value
    /// so that the values within the tolerance of [`Figure::same_as`] are neighbours.
    groups: Vec<((Unit, f64), VecDeque<usize>)>,
}

impl<'a> Unmatched<'a> {
    fn new<F: std::borrow::Borrow<Figure>>(figures: &'a [F]) -> Self {
        let figures: Vec<&Figure> = figures.iter().map(Borrow::borrow).collect();
        let mut order: Vec<usize> = (0..figures.len())
            .filter(|&i| figures[i].value.is_finite())
            .collect();
        let key = |i: usize| (figures[i].unit, figures[i].value);
        // Stable: the indices of one group stay in order.
        order.sort_by(|&a, &b| {
            let (ua, va) = key(a);
            let (ub, vb) = key(b);
            ua.cmp(&ub).then(va.total_cmp(&vb))
        });
        let mut groups: Vec<((Unit, f64), VecDeque<usize>)> = Vec::new();
        for i in order {
            match groups.last_mut() {
                Some((k, list)) if *k == key(i) => list.push_back(i),
                _ => groups.push((key(i), VecDeque::from([i]))),
            }
        }
        Unmatched {
            taken: vec![false; figures.len()],
            figures,
            groups,
        }
    }

    /// Takes the first unmatched figure that is the same as `f`; false if there is none.
    fn take_same(&mut self, f: &Figure) -> bool {
        // The groups of f's unit with a value near f's (usually one group), each tested with
        // the exact rule of `same_as`.
        let (low, high) = (f.value - 2e-9, f.value + 2e-9);
        let start = self
            .groups
            .partition_point(|((u, v), _)| *u < f.unit || (*u == f.unit && *v < low));
        let mut best: Option<(usize, usize)> = None; // (index of the figure, group)
        for (g, ((u, v), list)) in self.groups.iter().enumerate().skip(start) {
            if *u != f.unit || *v > high {
                break;
            }
            if (*v - f.value).abs() >= 1e-9 {
                continue;
            }
            if let Some(&first) = list.front()
                && best.is_none_or(|(b, _)| first < b)
            {
                best = Some((first, g));
            }
        }
        let Some((i, g)) = best else {
            return false;
        };
        self.groups[g].1.pop_front();
        self.taken[i] = true;
        true
    }

    /// The figures left, grouped by unit for [`ByUnit::take_unit`].
    fn by_unit(self) -> ByUnit<'a> {
        let mut units: HashMap<Unit, VecDeque<usize>> = HashMap::new();
        for (i, f) in self.figures.iter().enumerate() {
            if !self.taken[i] {
                units.entry(f.unit).or_default().push_back(i);
            }
        }
        ByUnit {
            figures: self.figures,
            taken: self.taken,
            units,
        }
    }
}

/// Unmatched figures by unit, each unit's in order.
struct ByUnit<'a> {
    figures: Vec<&'a Figure>,
    taken: Vec<bool>,
    units: HashMap<Unit, VecDeque<usize>>,
}

impl<'a> ByUnit<'a> {
    /// Takes the first unmatched figure of `unit`.
    fn take_unit(&mut self, unit: Unit) -> Option<&'a Figure> {
        let i = self.units.get_mut(&unit)?.pop_front()?;
        self.taken[i] = true;
        Some(self.figures[i])
    }

    /// The figures still unmatched, in their order.
    fn remaining(self) -> impl Iterator<Item = &'a Figure> {
        let taken = self.taken;
        self.figures
            .into_iter()
            .enumerate()
            .filter(move |(i, _)| !taken[*i])
            .map(|(_, f)| f)
    }
}

/// A literal figure next to a trial reference that matches none of that trial's values of the
/// same kind is probably a typo or an outdated number: nudge the author towards the data.
fn prose_against_data(
    page: &PageFacts,
    file: &FileLines,
    data: &TrialData,
    diags: &mut Diagnostics,
) {
    let mut context: Vec<String> = Vec::new();
    for block in &page.blocks {
        if block.heading {
            context.clear();
        }
        if !block.trials.is_empty() {
            context = block.trials.clone();
        }
        let trials: Vec<&Trial> = context.iter().filter_map(|id| data.get(id)).collect();
        if trials.is_empty() {
            continue;
        }
        check_block(block, file, &trials, diags);
    }
}

fn check_block(block: &Block, file: &FileLines, trials: &[&Trial], diags: &mut Diagnostics) {
    for figure in &block.figures {
        let Some((kind, known)) = known_values(trials, figure) else {
            continue;
        };
        if known.is_empty() || known.iter().any(|v| (v - figure.value).abs() < 1e-9) {
            continue;
        }
        let names: Vec<&str> = trials.iter().map(|t| t.name.as_str()).collect();
        let mut values: Vec<String> = known.iter().map(|v| v.to_string()).collect();
        values.dedup();
        diags.push(
            Diagnostic::warning("W0401", format!("{} next to {} matches none of its {kind} in the trial data", figure.display(), names.join(", ")))
                .at(file.locate(figure.span))
                .hint(format!("the data has: {}; write the figure with {{{{ fig(…) }}}} / {{{{ hr(…) }}}} so it comes from the data", values.join(", "))),
        );
    }
}

/// The values of the trials that a figure of this kind could be (medians, percentages, HRs).
fn known_values(trials: &[&Trial], figure: &Figure) -> Option<(&'static str, Vec<f64>)> {
    let mut values = Vec::new();
    let kind = match figure.unit {
        Unit::Months => {
            for r in trials.iter().flat_map(|t| &t.results) {
                values.extend(r.medians.values().map(|v| *v.get_ref()));
                values.extend(r.follow_up_months.iter().map(|v| *v.get_ref()));
            }
            "medians"
        }
        Unit::Percent => {
            for t in trials {
                values.extend(
                    t.results
                        .iter()
                        .flat_map(|r| r.rates.values().map(|v| *v.get_ref())),
                );
                values.extend(
                    t.liver_metastasis
                        .iter()
                        .flat_map(|l| l.percent.values().map(|v| *v.get_ref())),
                );
                values.extend(
                    t.adverse_events
                        .iter()
                        .flat_map(|a| a.rates.values().map(|v| *v.get_ref())),
                );
            }
            "percentages"
        }
        Unit::None if figure.text.contains('.') && figure.value > 0.0 && figure.value < 5.0 => {
            for r in trials.iter().flat_map(|t| &t.results) {
                values.extend(r.hr.iter().map(|v| *v.get_ref()));
                values.extend(r.ci.iter().flat_map(|c| c.get_ref().to_vec()));
            }
            "hazard ratios"
        }
        _ => return None,
    };
    Some((kind, values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SCANNED;
    use crate::markup::facts::page_facts;
    use std::path::Path;

    /// A page of `n` paragraphs of about 1 KB, each with a trial link, figures and a citation,
    /// a heading every 10 paragraphs; `skip` leaves one paragraph out.
    fn big_page(n: usize, skip: Option<usize>) -> String {
        let mut text = String::from("+++\ntitle = \"Big\"\n+++\n\n");
        for i in (0..n).filter(|i| Some(*i) != skip) {
            if i % 10 == 0 {
                text.push_str(&format!("## Section {} {{#h{}}}\n\n", i / 10, i / 10));
            }
            let mut paragraph = format!(
                "In [TRIAL-1](trial:trial-1) the median was 12.3 months (HR 0.75), {}% responded [@ref{}]; see [methods](@/other.md#m).",
                i % 90 + 5,
                i % 50
            );
            while paragraph.len() < 1000 {
                paragraph.push_str(" Patients treatment therapy survival response tumour cancer.");
            }
            text.push_str(&paragraph);
            text.push_str("\n\n");
        }
        text
    }

    /// Runs the checks of one page (as `check content` does), counting the bytes read to
    /// locate its items; returns (bytes read, diagnostics).
    fn check_page(n: usize, skip: Option<usize>) -> (usize, Vec<Diagnostic>) {
        let (zh, en) = (big_page(n, None), big_page(n, skip));
        let body_start = zh.find("\n+++\n").unwrap() + 5;
        SCANNED.with(|s| s.set(0));
        let src = page_facts(&zh, body_start);
        let other = page_facts(&en, body_start);
        let src_file = FileLines::new(Path::new("big.zh.md"), &zh);
        let other_file = FileLines::new(Path::new("big.en.md"), &en);
        let mut diags = Diagnostics::default();
        for (page, file) in [(&src, &src_file), (&other, &other_file)] {
            prose_against_data(page, file, &TrialData::default(), &mut diags);
        }
        Pair {
            src_lang: "zh",
            lang: "en",
            src: &src,
            other: &other,
            src_file: &src_file,
            other_file: &other_file,
        }
        .compare(&mut diags);
        (
            SCANNED.with(|s| s.get()) / (zh.len() + en.len()),
            diags.items,
        )
    }

    /// A figure's name for the comparison: its side and its place in the list (its span's start
    /// is the place, plus 1,000 on the other side).
    fn name(f: &Figure) -> String {
        let side = if f.span.start >= 1000 { "o" } else { "s" };
        format!("{side}{}", f.span.start % 1000)
    }

    /// The pairing of figures before the figures were grouped: position + remove on a list.
    fn figures_by_scan(src: &[Figure], other: &[Figure]) -> Vec<(String, String)> {
        let mut unmatched_other: Vec<&Figure> = other.iter().collect();
        let mut unmatched_src: Vec<&Figure> = Vec::new();
        for f in src {
            match unmatched_other.iter().position(|o| o.same_as(f)) {
                Some(i) => {
                    unmatched_other.remove(i);
                }
                None => unmatched_src.push(f),
            }
        }
        let mut out = Vec::new();
        for f in unmatched_src {
            match unmatched_other.iter().position(|o| o.unit == f.unit) {
                Some(i) => {
                    let o = unmatched_other.remove(i);
                    out.push((name(f), name(o)));
                }
                None => out.push((name(f), String::new())),
            }
        }
        out.extend(unmatched_other.iter().map(|o| (String::new(), name(o))));
        out
    }

    #[test]
    fn figures_pair_as_they_did_by_scanning() {
        let mut seed: u64 = 7;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let units = [Unit::None, Unit::Percent, Unit::Months, Unit::MonthOfYear];
        for round in 0..300 {
            let side = |first: usize, next: &mut dyn FnMut(u64) -> u64| -> Vec<Figure> {
                (0..next(30) as usize)
                    .map(|i| {
                        let value = next(6) as f64 / 2.0 + if next(4) == 0 { 1e-10 } else { 0.0 };
                        Figure {
                            text: value.to_string(),
                            value,
                            unit: units[next(4) as usize],
                            // The span names each figure, to compare the pairings.
                            span: Span {
                                start: first + i,
                                len: 1,
                            },
                        }
                    })
                    .collect()
            };
            let src = side(0, &mut next);
            let other = side(1000, &mut next);
            let text = " ".repeat(2000);
            let (src_file, other_file) = (
                FileLines::new(Path::new("s"), &text),
                FileLines::new(Path::new("o"), &text),
            );
            let pair = Pair {
                src_lang: "zh",
                lang: "en",
                src: &PageFacts::default(),
                other: &PageFacts::default(),
                src_file: &src_file,
                other_file: &other_file,
            };
            let mut diags = Diagnostics::default();
            pair.figures(&src, &other, None, None, &mut diags);
            let file = |l: &Location| format!("{}{}", l.file.display(), (l.column - 1) % 1000);
            let got: Vec<(String, String)> = diags
                .items
                .iter()
                .map(|d| {
                    let at = file(d.location.as_ref().unwrap());
                    match d.related.first() {
                        Some(f) => (file(f), at),
                        None if at.starts_with('s') => (at, String::new()),
                        None => (String::new(), at),
                    }
                })
                .collect();
            assert_eq!(got, figures_by_scan(&src, &other), "round {round}");
        }
    }

    /// Regression test for "checking a page is quadratic in its size" (a 4,000-paragraph page
    /// took 10 s to check, a 10 MB page 69 s to build): every item's location was found by
    /// scanning the file from its start, and the parity checks searched and shortened lists
    /// for each citation and figure. Not a timing test: it counts the bytes of text read to
    /// locate items, per byte of page, which must not grow with the page (before the fix it
    /// grew with the page: 2,652 at 1,000 paragraphs). It then checks
    /// a 16,000-paragraph page (16 MB per language) with one paragraph missing in English,
    /// the worst case of the figure comparison, which before the fix did not finish in a test's
    /// time (hours in a debug build).
    #[test]
    fn check_content_is_linear_in_page_size() {
        for n in [1_000, 8_000] {
            let (per_byte, diags) = check_page(n, None);
            assert!(diags.is_empty(), "{diags:?}");
            assert!(
                per_byte < 20,
                "bytes read per byte of page: {per_byte} at {n} paragraphs"
            );
        }

        let (per_byte, diags) = check_page(16_000, Some(7_001));
        assert!(per_byte < 20, "bytes read per byte of page: {per_byte}");
        let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
        // The missing paragraph: its block, its citation and its three figures.
        assert_eq!(
            codes,
            ["W0203", "W0204", "W0207", "W0207", "W0207"],
            "{diags:#?}"
        );
        // (Reported at the last `[@ref1]` of the Chinese page: the earlier ones have matches.)
        assert_eq!(
            diags[1].message,
            "citation `[@ref1]` in `zh` is missing in `en`"
        );
    }
}
