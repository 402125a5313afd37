//! What a page states, read from the events of its Markdown parse: blocks in order, and in each
//! block its figures (numbers with units), citations, trial links and page links. `check`
//! compares these between the language versions of a page, and against the trial data.
//!
//! The facts are read from the first pass's own parse (see [`FactsReader`]), so checking a page
//! costs no parse of its own. Text that a shortcode generated is skipped: its figures come
//! from the data, the same in every language by construction.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::diagnostics::Span;
use crate::markup::shortcodes::OffsetMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unit {
    None,
    Percent,
    Months,
    /// A calendar month (`11 月`, `November`): compared with its number.
    MonthOfYear,
}

#[derive(Debug, Clone)]
pub struct Figure {
    /// Normalised text of the number (`13.1`, `1.00` stays `1.00`).
    pub text: String,
    pub value: f64,
    pub unit: Unit,
    pub span: Span,
}

impl Figure {
    pub fn display(&self) -> String {
        match self.unit {
            Unit::None => self.text.clone(),
            Unit::Percent => format!("{}%", self.text),
            Unit::Months => format!("{} months", self.text),
            Unit::MonthOfYear => format!("month {}", self.text),
        }
    }

    /// Numbers compare as numbers: `13.1` and `13.10` are the same figure.
    pub fn same_as(&self, other: &Figure) -> bool {
        self.unit == other.unit && (self.value - other.value).abs() < 1e-9
    }
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub span: Option<Span>,
    /// The block is a heading (a new section: figures no longer refer to earlier trials).
    pub heading: bool,
    pub figures: Vec<Figure>,
    pub citations: Vec<(String, Span)>,
    pub trials: Vec<String>,
    pub links: Vec<String>,
    pub has_text: bool,
}

#[derive(Debug, Clone, Default)]
pub struct PageFacts {
    pub blocks: Vec<Block>,
    pub headings: Vec<Span>,
    pub tables: Vec<Span>,
    /// Where the page's body starts: the place to point at when the page lacks something
    /// entirely (no heading at all, where its other language has some).
    pub body: Span,
}

impl PageFacts {
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.blocks.iter().flat_map(|b| b.figures.iter())
    }

    pub fn citations(&self) -> impl Iterator<Item = &(String, Span)> {
        self.blocks.iter().flat_map(|b| b.citations.iter())
    }
}

/// Reads the facts of a Markdown body that starts at `body_start` in `file_text`, with a parse
/// of its own (shortcodes blanked): for the rare places that need a page's facts outside the
/// first pass (a warning of the print editions).
pub fn page_facts(file_text: &str, body_start: usize) -> PageFacts {
    let body = blank_shortcodes(&file_text[body_start..]);
    let map = OffsetMap::default();
    let mut reader = FactsReader::new(&map, body_start);
    let mut cite = crate::markup::markdown::citation_link;
    let parser = Parser::new_with_broken_link_callback(
        &body,
        crate::markup::markdown::options(),
        Some(&mut cite),
    );
    for (event, range) in parser.into_offset_iter() {
        reader.read(&event, &range);
    }
    reader.finish()
}

/// Reads a page's facts from the events of its parse, one at a time, in order. The parsed text
/// is the page's body after shortcode expansion; `map` tells which of it the author wrote and
/// where that is in the body, which starts at `body_start` in the file.
pub struct FactsReader<'m> {
    map: &'m OffsetMap,
    body_start: usize,
    facts: PageFacts,
    current: Block,
    in_code: bool,
    /// Inside a `[@key]` citation: its text is the key, not prose.
    in_citation: bool,
    /// pulldown-cmark splits text at brackets: runs of adjacent text are read as one.
    run: TextRun,
}

impl<'m> FactsReader<'m> {
    pub fn new(map: &'m OffsetMap, body_start: usize) -> Self {
        FactsReader {
            map,
            body_start,
            facts: PageFacts {
                body: Span {
                    start: body_start,
                    len: 0,
                },
                ..PageFacts::default()
            },
            current: Block::default(),
            in_code: false,
            in_citation: false,
            run: TextRun::default(),
        }
    }

    /// The place in the file of `range` of the parsed text.
    fn span(&self, range: &Range<usize>) -> Span {
        self.map.file_span(range, self.body_start)
    }

    pub fn read(&mut self, event: &Event, range: &Range<usize>) {
        if let Event::Text(text) = event {
            if !self.in_code && !self.in_citation {
                self.text(text, range);
            }
            return;
        }
        self.flush();
        if self.in_citation {
            self.in_citation = !matches!(event, Event::End(TagEnd::Link));
            return;
        }
        match event {
            Event::Start(
                Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableRow | Tag::TableHead,
            ) if !self.map.is_generated(range.start) => {
                self.finish_block();
                let span = self.span(range);
                self.current.span = Some(span);
                if let Event::Start(Tag::Heading { .. }) = event {
                    self.current.heading = true;
                    self.facts.headings.push(span);
                }
            }
            Event::Start(Tag::Table(_)) if !self.map.is_generated(range.start) => {
                self.facts.tables.push(self.span(range))
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::Start(Tag::Link { dest_url, .. }) if dest_url.starts_with("cite:") => {
                let span = self.span(range);
                self.current.citations.extend(
                    citation_keys(&dest_url["cite:".len()..]).map(|k| (k.to_string(), span)),
                );
                self.in_citation = true;
            }
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(id) = dest_url.strip_prefix("trial:") {
                    self.current.trials.push(id.to_string());
                } else if let Some(page) = dest_url.strip_prefix("@/") {
                    self.current.links.push(page.to_string());
                }
            }
            _ => {}
        }
    }

    /// The parts of a text event the author wrote (a shortcode's output may share the event
    /// with the prose around it) join the run of text.
    fn text(&mut self, text: &str, range: &Range<usize>) {
        let map = self.map;
        let mut parts = map.authored(range.clone());
        let first = parts.next();
        if first.as_ref() == Some(range) {
            self.current.has_text |= !text.trim().is_empty();
            return self.push(text, range.clone());
        }
        // Offsets into the event's text hold only where it is the parsed text itself (not
        // an entity or escape the parser decoded).
        if text.len() != range.len() {
            return;
        }
        for (n, part) in first.into_iter().chain(parts).enumerate() {
            if n > 0 {
                // The author's text on either side of a shortcode is not one run.
                self.flush();
            }
            let piece = &text[part.start - range.start..part.end - range.start];
            self.current.has_text |= !piece.trim().is_empty();
            self.push(piece, part);
        }
    }

    fn push(&mut self, text: &str, range: Range<usize>) {
        if !self.run.text.is_empty() && range.start != self.run.end {
            self.flush();
        }
        if self.run.text.is_empty() {
            self.run.start = range.start;
        }
        self.run.text.push_str(text);
        self.run.end = range.end;
    }

    fn flush(&mut self) {
        if !self.run.text.is_empty() {
            let offset = self.body_start + self.map.original(self.run.start);
            read_text(&self.run.text, offset, &mut self.current);
            self.run.text.clear();
        }
    }

    fn finish_block(&mut self) {
        let block = std::mem::take(&mut self.current);
        if block.has_text || !block.figures.is_empty() || !block.citations.is_empty() {
            self.facts.blocks.push(block);
        }
    }

    pub fn finish(mut self) -> PageFacts {
        self.flush();
        self.finish_block();
        self.facts
    }
}

/// The keys of a citation (`@a; @b`).
pub fn citation_keys(reference: &str) -> impl Iterator<Item = &str> {
    reference
        .split(';')
        .map(|k| k.trim().trim_start_matches('@').trim())
        .filter(|k| !k.is_empty())
}

#[derive(Default)]
struct TextRun {
    text: String,
    start: usize,
    end: usize,
}

/// Shortcodes draw their figures from data (identical in every language by construction):
/// blank them out, keeping byte offsets so locations stay right.
fn blank_shortcodes(body: &str) -> String {
    let mut out = body.to_string();
    let mut from = 0;
    while let Some(start) = out[from..].find("{{").map(|i| from + i) {
        let Some(len) = out[start..].find("}}") else {
            break;
        };
        let end = start + len + 2;
        let blank: String = out[start..end]
            .chars()
            .flat_map(|c| std::iter::repeat_n(if c == '\n' { '\n' } else { ' ' }, c.len_utf8()))
            .collect();
        out.replace_range(start..end, &blank);
        from = end;
    }
    out
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Finds figures and `[@key]` citations in a run of text that starts at `offset` in the file.
/// Everything it looks for is ASCII (after [`normalise`]), so it reads bytes: a byte of a
/// multi-byte character is never a digit, a bracket or a letter.
fn read_text(text: &str, offset: usize, block: &mut Block) {
    let normalised = needs_normalising(text).then(|| normalise(text));
    let (normal, origin) = match &normalised {
        Some((normal, origin)) => (normal.as_str(), Some(origin.as_slice())),
        None => (text, None),
    };
    // Locations count characters of the author's line, not of the normalised text.
    let at = |start: usize, len: usize| match origin {
        Some(origin) => {
            let from = origin[start];
            Span {
                start: offset + from,
                len: origin[start + len] - from,
            }
        }
        None => Span {
            start: offset + start,
            len,
        },
    };
    let bytes = normal.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'[' && bytes.get(i + 1) == Some(&b'@') {
            let end = normal[i..].find(']').map_or(normal.len(), |e| i + e);
            let span = at(i, (end + 1).min(normal.len()) - i);
            for key in citation_keys(&normal[i + 1..end]) {
                block.citations.push((key.to_string(), span));
            }
            i = end + 1;
            continue;
        }
        if c.is_ascii_digit() && !glued_before(bytes, i) {
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit()
                    || (bytes[j] == b'.' && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)))
            {
                j += 1;
            }
            let number = &normal[i..j];
            let rest = &normal[j..];
            if let Ok(value) = number.parse::<f64>() {
                let unit = unit_after(rest);
                if !(unit == Unit::None && is_compound_name(rest)) {
                    block.figures.push(Figure {
                        text: number.to_string(),
                        value,
                        unit,
                        span: at(i, j - i),
                    });
                }
            }
            i = j;
            continue;
        }
        if c.is_ascii_uppercase() && !glued_before(bytes, i) {
            if let Some(m) = MONTHS.iter().position(|name| normal[i..].starts_with(name)) {
                block.figures.push(Figure {
                    text: (m + 1).to_string(),
                    value: (m + 1) as f64,
                    unit: Unit::MonthOfYear,
                    span: at(i, MONTHS[m].len()),
                });
            }
        }
        i += 1;
    }
}

/// Whether `text` has a full-width percent sign, point or digit (U+FF05, U+FF0E, U+FF10–U+FF19:
/// `EF BC` then `85`, `8E` or `90`–`99`; the full-width comma and brackets of Chinese prose
/// share the first two bytes).
fn needs_normalising(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, &[0xEF, 0xBC])
        .any(|at| matches!(bytes.get(at + 2), Some(0x85 | 0x8E | 0x90..=0x99)))
}

/// Full-width digits, points and percent signs become ASCII. With the text comes, for every
/// byte offset of it (and its end), the byte offset in `text` it came from.
fn normalise(text: &str) -> (String, Vec<usize>) {
    let mut normal = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '％' => '%',
            _ => c,
        };
        normal.push(c);
        origin.resize(normal.len(), at);
    }
    origin.push(text.len());
    (normal, origin)
}

/// Digits right after a Latin letter, a hyphen or a `+`/`/` are part of a name (KEYNOTE-859,
/// PD-L1, CD8, HER2, ONO-4538-12), not a figure.
fn glued_before(bytes: &[u8], i: usize) -> bool {
    // The byte before is the whole character before when that is ASCII; a byte of a
    // multi-byte character is none of these.
    i > 0 && {
        let prev = bytes[i - 1];
        prev.is_ascii_alphabetic()
            || prev == b'-'
            || prev == b'_'
            || prev == b'.'
            || prev.is_ascii_digit()
    }
}

/// `5-fluorouracil`, `5-氟尿嘧啶`: a number joined by a hyphen to a word is part of a name
/// (but `3-year` is a figure).
fn is_compound_name(rest: &str) -> bool {
    rest.strip_prefix('-')
        .is_some_and(|after| after.starts_with(char::is_alphabetic) && !after.starts_with("year"))
}

/// Japanese writes a duration in months several ways (`13.1 か月`, `13.1ヶ月`).
const JAPANESE_MONTHS: &[&str] = &["か月", "ヶ月", "カ月", "ケ月", "箇月"];

fn unit_after(rest: &str) -> Unit {
    let rest = rest.trim_start_matches([' ', '\u{a0}', '\u{2009}']);
    if rest.starts_with('%') {
        Unit::Percent
    } else if rest.starts_with("个月")
        || rest.starts_with("months")
        || rest.starts_with("month")
        || JAPANESE_MONTHS.iter().any(|m| rest.starts_with(m))
    {
        Unit::Months
    } else if rest.starts_with('月') {
        Unit::MonthOfYear
    } else {
        Unit::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<String> {
        let facts = page_facts(text, 0);
        facts.figures().map(Figure::display).collect()
    }

    #[test]
    fn numbers_with_units_in_both_scripts() {
        assert_eq!(
            figures("中位 OS 为 13.1 个月，风险比 0.71，占 39.7%。"),
            ["13.1 months", "0.71", "39.7%"]
        );
        assert_eq!(
            figures("median OS 13.1 months, HR 0.71, 39.7% of patients"),
            ["13.1 months", "0.71", "39.7%"]
        );
        assert_eq!(
            figures("全生存期の中央値は 13.1 か月、13.1ヶ月"),
            ["13.1 months", "13.1 months"]
        );
        assert_eq!(
            figures("全角１３．１个月，３９．７％"),
            ["13.1 months", "39.7%"]
        );
    }

    #[test]
    fn names_are_not_figures() {
        assert!(figures("KEYNOTE-859, PD-L1, CD8+, HER2, ONO-4538-12, [@ref13]").is_empty());
    }

    #[test]
    fn calendar_months_match_across_languages() {
        assert_eq!(figures("2023 年 11 月"), ["2023", "month 11"]);
        assert_eq!(figures("In November 2023"), ["month 11", "2023"]);
    }

    #[test]
    fn shortcodes_and_code_are_ignored() {
        assert!(figures("{{ fig(trial=\"a\", arm=\"b\") }}\n\n```\n13.1\n```\n").is_empty());
    }

    /// The facts of the first pass come from the shortcode-expanded body: what a shortcode wrote
    /// is not the author's, and places are in the author's file.
    #[test]
    fn shortcode_output_is_skipped_and_places_are_the_authors() {
        let file = "+++\n+++\nMedian OS {{ fig() }} months in 39.7% [@ref1].\n\n{{ table() }}\n";
        let body_start = file.find("Median").unwrap();
        let expanded = crate::markup::shortcodes::expand(
            &file[body_start..],
            crate::markup::markdown::options(),
            None,
            |sc| {
                Ok(crate::markup::shortcodes::Expansion {
                    html: match sc.name.as_str() {
                        "fig" => "<span>13.1</span> 7".into(),
                        _ => "<table><tr><td>5 months</td></tr></table>".into(),
                    },
                    ..Default::default()
                })
            },
        );
        let mut reader = FactsReader::new(&expanded.map, body_start);
        let mut cite = crate::markup::markdown::citation_link;
        let parser = Parser::new_with_broken_link_callback(
            &expanded.text,
            crate::markup::markdown::options(),
            Some(&mut cite),
        );
        for (event, range) in parser.into_offset_iter() {
            reader.read(&event, &range);
        }
        let facts = reader.finish();
        let figures: Vec<String> = facts.figures().map(Figure::display).collect();
        assert_eq!(figures, ["39.7%"]);
        let figure = facts.figures().next().unwrap().span;
        assert_eq!(&file[figure.start..figure.start + figure.len], "39.7");
        let (key, at) = facts.citations().next().unwrap();
        assert_eq!(
            (key.as_str(), &file[at.start..at.start + at.len]),
            ("ref1", "[@ref1]")
        );
        assert_eq!(facts.blocks.len(), 1);
    }

    #[test]
    fn citations_are_read() {
        let facts = page_facts("Text [@ref4; @ref5].", 0);
        let keys: Vec<&str> = facts.citations().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["ref4", "ref5"]);
    }
}
