//! `{{ name(key="value", …) }}` calls in Markdown, expanded before Markdown parsing (as in Zola).
//!
//! Expansion changes byte offsets, so an [`OffsetMap`] translates positions in the expanded text
//! back to the author's file: diagnostics keep pointing at the right line and column.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shortcode {
    pub name: String,
    pub args: Vec<(String, String)>,
    /// Byte range of the whole `{{ … }}` in the body.
    pub range: Range<usize>,
}

impl Shortcode {
    pub fn arg(&self, key: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A comma-separated list argument (`trials="a, b"`).
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        self.arg(key).map(|v| {
            v.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
    }
}

/// What a shortcode turned into.
#[derive(Debug, Default)]
pub struct Expansion {
    /// HTML without newlines (so block HTML stays one Markdown block).
    pub html: String,
    pub tables: Vec<crate::markup::tables::Table>,
    pub trials: Vec<String>,
}

/// A failed shortcode: message and hint.
#[derive(Debug)]
pub struct ShortcodeError {
    pub message: String,
    pub hint: String,
}

#[derive(Debug, Default, Clone)]
pub struct OffsetMap {
    /// (expanded range, original range) of each replacement, in order.
    replacements: Vec<(Range<usize>, Range<usize>)>,
}

impl OffsetMap {
    /// The original offset of `offset` in the expanded text. Replacements are in order, so the
    /// one that decides is found by binary search (a page can have thousands of shortcodes).
    pub fn original(&self, offset: usize) -> usize {
        // The last replacement that starts at or before `offset`.
        let after = self
            .replacements
            .partition_point(|(out, _)| out.start <= offset);
        let Some((out, orig)) = after.checked_sub(1).map(|i| &self.replacements[i]) else {
            return offset;
        };
        if offset < out.end {
            return orig.start;
        }
        (offset as isize + (orig.end as isize - out.end as isize)) as usize
    }

    /// Where `range` of the expanded text is in the author's file, whose body starts at byte
    /// `body_start`.
    pub fn file_span(&self, range: &Range<usize>, body_start: usize) -> crate::diagnostics::Span {
        let start = self.original(range.start);
        let end = self.original(range.end).max(start);
        crate::diagnostics::Span {
            start: body_start + start,
            len: end - start,
        }
    }

    /// Whether `offset` of the expanded text is in a shortcode's output.
    pub fn is_generated(&self, offset: usize) -> bool {
        let after = self
            .replacements
            .partition_point(|(out, _)| out.start <= offset);
        after
            .checked_sub(1)
            .is_some_and(|i| offset < self.replacements[i].0.end)
    }

    /// The parts of `range` of the expanded text that the author wrote (outside every
    /// shortcode's output), in order.
    pub fn authored(&self, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut next = self
            .replacements
            .partition_point(|(out, _)| out.end <= range.start);
        let mut pos = range.start;
        std::iter::from_fn(move || {
            while pos < range.end {
                let Some((out, _)) = self
                    .replacements
                    .get(next)
                    .filter(|(o, _)| o.start < range.end)
                else {
                    let part = pos..range.end;
                    pos = range.end;
                    return Some(part);
                };
                next += 1;
                if out.start <= pos {
                    pos = pos.max(out.end);
                } else {
                    let part = pos..out.start;
                    pos = out.end;
                    return Some(part);
                }
            }
            None
        })
    }
}

/// Result of expanding a body: new text, offset map, problems (with original ranges).
pub struct Expanded {
    pub text: String,
    pub map: OffsetMap,
    pub expansions: Vec<Expansion>,
    pub errors: Vec<(Range<usize>, ShortcodeError)>,
    /// The code spans and blocks of the body, found when it has a `{{` (see [`expand`]).
    pub code: Vec<Range<usize>>,
}

/// Finds and expands every shortcode outside code spans and code blocks. These are `code` if
/// they were found before (finding them takes a Markdown parse of its own: the first pass keeps
/// them for the render), else found with `options`, the Markdown options the body will be
/// parsed with, exactly as the parser sees them.
pub fn expand(
    body: &str,
    options: pulldown_cmark::Options,
    code: Option<&[Range<usize>]>,
    mut call: impl FnMut(&Shortcode) -> Result<Expansion, ShortcodeError>,
) -> Expanded {
    let mut out = Expanded {
        text: String::with_capacity(body.len()),
        map: OffsetMap::default(),
        expansions: Vec::new(),
        errors: Vec::new(),
        code: Vec::new(),
    };
    if !body.contains("{{") {
        out.text.push_str(body);
        return out;
    }
    out.code = match code {
        Some(code) => code.to_vec(),
        None => code_ranges(body, options),
    };
    let mut copied = 0;
    for found in find(body, &out.code) {
        match found {
            Ok(sc) => {
                out.text.push_str(&body[copied..sc.range.start]);
                let start = out.text.len();
                match call(&sc) {
                    Ok(expansion) => {
                        out.text.push_str(&expansion.html);
                        out.expansions.push(expansion);
                    }
                    Err(e) => {
                        out.text.push_str(&body[sc.range.clone()]);
                        out.errors.push((sc.range.clone(), e));
                    }
                }
                out.map
                    .replacements
                    .push((start..out.text.len(), sc.range.clone()));
                copied = sc.range.end;
            }
            Err((range, e)) => out.errors.push((range, e)),
        }
    }
    out.text.push_str(&body[copied..]);
    out
}

fn find(
    body: &str,
    code: &[Range<usize>],
) -> Vec<Result<Shortcode, (Range<usize>, ShortcodeError)>> {
    let mut found = Vec::new();
    // Only the lines with a `{{` are read, each once.
    let mut read_to = 0;
    for at in memchr::memmem::find_iter(body.as_bytes(), b"{{") {
        if at < read_to {
            continue;
        }
        let start = body[..at].rfind('\n').map_or(0, |i| i + 1);
        read_to = memchr::memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |i| at + i + 1);
        find_in_line(&body[start..read_to], start, code, &mut found);
    }
    found
}

/// Byte ranges of code spans and code blocks, as the Markdown parser itself sees them: a
/// shortcode there is an example of the syntax, shown literally. Only whether a `{{` is in
/// one matters, and on most pages a look at the lines tells (see [`fenced_code`]); elsewhere
/// the parser is asked.
fn code_ranges(body: &str, options: pulldown_cmark::Options) -> Vec<Range<usize>> {
    if let Some(fenced) = fenced_code(body) {
        return fenced;
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let parser = pulldown_cmark::Parser::new_ext(body, options);
    for (event, range) in parser.into_offset_iter() {
        let is_code = matches!(
            event,
            pulldown_cmark::Event::Code(_)
                | pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(_))
        );
        if is_code && ranges.last().is_none_or(|last| last.end <= range.start) {
            ranges.push(range);
        }
    }
    ranges
}

/// The fenced code blocks of a body whose every `{{` can be placed without a Markdown parse,
/// or `None` where it cannot (then the parser decides). That is a body where
/// - every line with ```` ``` ```` or `~~~` starts with it: fences are at the top level, not in
///   a list or quote, and a fence line opens or closes a block by CommonMark's rules;
/// - no line outside a fence starts with `<` (an HTML block could hold a fence line);
/// - no line with a `{{` outside a fence has a tab or four spaces in a row before it (it could
///   be indented code), nor shares its paragraph (its run of non-blank lines) with a backtick
///   (a code span could hold it).
///
/// There a `{{` is in code exactly when it is inside a fenced block.
/// `fenced_code_places_every_shortcode_as_the_parser_does` checks this against the parser.
fn fenced_code(body: &str) -> Option<Vec<Range<usize>>> {
    let mut blocks = Vec::new();
    // The open fence: its character, its length, where its block starts.
    let mut fence: Option<(u8, usize, usize)> = None;
    let (mut backtick, mut shortcode) = (false, false);
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let bytes = line.as_bytes();
        let marker = |c: u8| bytes.len() >= 3 && bytes[..3].iter().all(|&b| b == c);
        let fence_line = if marker(b'`') {
            Some(b'`')
        } else if marker(b'~') {
            Some(b'~')
        } else {
            None
        };
        // Most lines have neither character: one vectorised look rules out both searches.
        let tick_or_tilde = memchr::memchr2(b'`', b'~', bytes).is_some();
        if fence_line.is_none() && tick_or_tilde && (line.contains("```") || line.contains("~~~")) {
            return None;
        }
        if let Some((c, len, from)) = fence {
            let run = bytes.iter().take_while(|&&b| b == c).count();
            if fence_line == Some(c) && run >= len && line[run..].trim().is_empty() {
                blocks.push(from..offset);
                fence = None;
            }
            continue;
        }
        if let Some(c) = fence_line {
            let run = bytes.iter().take_while(|&&b| b == c).count();
            if c == b'`' && line[run..].contains('`') {
                return None;
            }
            fence = Some((c, run, start));
            (backtick, shortcode) = (false, false);
            continue;
        }
        if line.trim().is_empty() {
            (backtick, shortcode) = (false, false);
            continue;
        }
        if line.trim_start_matches(' ').starts_with('<') {
            return None;
        }
        backtick |= tick_or_tilde && memchr::memchr(b'`', bytes).is_some();
        let shortcode_at = memchr::memchr(b'{', bytes).and_then(|_| line.rfind("{{"));
        if let Some(at) = shortcode_at {
            let before = &line[..at];
            if before.contains('\t') || before.contains("    ") {
                return None;
            }
            shortcode = true;
        }
        if backtick && shortcode {
            return None;
        }
    }
    if let Some((_, _, from)) = fence {
        blocks.push(from..body.len());
    }
    Some(blocks)
}

fn in_code(code: &[Range<usize>], offset: usize) -> bool {
    let i = code.partition_point(|r| r.end <= offset);
    code.get(i).is_some_and(|r| r.contains(&offset))
}

fn find_in_line(
    line: &str,
    offset: usize,
    code: &[Range<usize>],
    found: &mut Vec<Result<Shortcode, (Range<usize>, ShortcodeError)>>,
) {
    let mut pos = 0;
    while let Some(i) = line[pos..].find("{{") {
        let start = pos + i;
        if in_code(code, offset + start) {
            pos = start + 2;
            continue;
        }
        let Some(len) = line[start..].find("}}") else {
            found.push(Err((
                offset + start..offset + line.len(),
                ShortcodeError {
                    message: "`{{` is not closed by `}}` on the same line".into(),
                    hint: "write the whole shortcode on one line: {{ name(key=\"value\") }}".into(),
                },
            )));
            return;
        };
        let end = start + len + 2;
        let range = offset + start..offset + end;
        found.push(
            parse(&line[start + 2..end - 2])
                .map(|(name, args)| Shortcode {
                    name,
                    args,
                    range: range.clone(),
                })
                .map_err(|e| (range, e)),
        );
        pos = end;
    }
}

/// A call's name and arguments, or why it cannot be read.
type Parsed = Result<(String, Vec<(String, String)>), ShortcodeError>;

fn parse(inner: &str) -> Parsed {
    let bad = |message: &str| ShortcodeError {
        message: message.to_string(),
        hint: "write {{ name(key=\"value\", other=\"value\") }}".into(),
    };
    let inner = inner.trim();
    if let Some(hugo) = hugo_call(inner) {
        return hugo;
    }
    let open = inner
        .find('(')
        .ok_or_else(|| bad("expected `(` after the shortcode name"))?;
    let name = inner[..open].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(bad("expected a shortcode name of letters, digits and `_`"));
    }
    let rest = inner[open + 1..]
        .strip_suffix(')')
        .ok_or_else(|| bad("expected `)` at the end"))?;
    let mut args = Vec::new();
    let mut s = rest.trim();
    while !s.is_empty() {
        let eq = s.find('=').ok_or_else(|| bad("expected key=\"value\""))?;
        let key = s[..eq].trim().to_string();
        let after = s[eq + 1..].trim_start();
        let value_body = after
            .strip_prefix('"')
            .ok_or_else(|| bad("argument values are written in double quotes"))?;
        let close = value_body
            .find('"')
            .ok_or_else(|| bad("a value's closing `\"` is missing"))?;
        args.push((key, value_body[..close].to_string()));
        s = value_body[close + 1..].trim_start();
        s = s.strip_prefix(',').unwrap_or(s).trim_start();
    }
    Ok((name.to_string(), args))
}

/// Hugo's form, `{{< name "arg" >}}` or `{{% name "arg" %}}`: positional arguments become
/// `0`, `1`, …, so `{{< relref "page.md" >}}` is the call `relref(0="page.md")`.
fn hugo_call(inner: &str) -> Option<Parsed> {
    let body = [('<', '>'), ('%', '%')].iter().find_map(|&(open, close)| {
        inner
            .strip_prefix(open)
            .and_then(|s| s.strip_suffix(close))
            .map(str::trim)
    })?;
    let bad = |message: &str| ShortcodeError {
        message: message.to_string(),
        hint: "write {{< relref \"page.md\" >}} (Hugo) or a link to @/page.md".into(),
    };
    let (name, mut rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Some(Err(bad(
            "expected a shortcode name of letters, digits and `_`",
        )));
    }
    let mut args = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let Some(value) = rest.strip_prefix('"') else {
            return Some(Err(bad(
                "Hugo shortcode arguments are written in double quotes",
            )));
        };
        let Some(close) = value.find('"') else {
            return Some(Err(bad("a value's closing `\"` is missing")));
        };
        args.push((args.len().to_string(), value[..close].to_string()));
        rest = &value[close + 1..];
    }
    Some(Ok((name.to_string(), args)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hugo_calls_take_positional_arguments() {
        let (name, args) = parse("< relref \"part/a.md#x\" >").unwrap();
        assert_eq!(name, "relref");
        assert_eq!(args, [("0".to_string(), "part/a.md#x".to_string())]);
        assert_eq!(parse("% ref \"a.md\" %").unwrap().0, "ref");
        assert!(parse("< relref a.md >").is_err());
    }

    #[test]
    fn parses_arguments() {
        let (name, args) = parse(r#" fig(trial="checkmate-649", arm="nivo_chemo") "#).unwrap();
        assert_eq!(name, "fig");
        assert_eq!(
            args,
            vec![
                ("trial".into(), "checkmate-649".into()),
                ("arm".into(), "nivo_chemo".into())
            ]
        );
    }

    #[test]
    fn skips_code_and_maps_offsets_back() {
        let body = "a {{ x() }} b\n```\n{{ y() }}\n```\n`{{ z() }}` {{ x() }}\n";
        let e = expand(body, pulldown_cmark::Options::empty(), None, |_| {
            Ok(Expansion {
                html: "LONG-EXPANSION".into(),
                ..Default::default()
            })
        });
        assert_eq!(e.expansions.len(), 2);
        assert!(e.text.contains("{{ y() }}") && e.text.contains("`{{ z() }}`"));
        let b = e.text.find(" b").unwrap() + 1;
        assert_eq!(e.map.original(b), body.find(" b").unwrap() + 1);
    }

    #[test]
    fn literal_inside_any_code_span() {
        // The old rule counted backticks on the line: an unbalanced one before the code span
        // made the span look like prose and the shortcode inside it was expanded.
        let body = "a \\` b `{{ x() }}` and ``{{ y() }}`` and\n\n~~~~\n```\n{{ z() }}\n~~~~\n";
        let e = expand(body, pulldown_cmark::Options::empty(), None, |_| {
            Ok(Expansion::default())
        });
        assert_eq!(e.expansions.len(), 0, "{}", e.text);
        assert_eq!(e.text, body);
    }

    /// Where the line scan of [`fenced_code`] answers, it places every `{{` as the Markdown
    /// parser does: 20,000 documents made of lines that could fool it. Most of them it leaves
    /// to the parser; the test also asserts it answers for enough of them, with shortcodes both
    /// inside fenced code and outside, for the comparison to mean something.
    #[test]
    fn fenced_code_places_every_shortcode_as_the_parser_does() {
        const LINES: &[&str] = &[
            "text {{ x() }} more\n",
            "{{ x() }}\n",
            "\n",
            "\n",
            "\n",
            "```\n",
            "```python\n",
            "````\n",
            "~~~\n",
            "~~~~ info\n",
            "  ```\n",
            "```a`b\n",
            "``` \n",
            "    {{ x() }}\n",
            "\t{{ x() }}\n",
            "- item {{ x() }}\n",
            "-     {{ x() }}\n",
            "> quote {{ x() }}\n",
            "> ```\n",
            ">     {{ x() }}\n",
            "`code` here\n",
            "a `{{ x() }}` b\n",
            "<div>\n",
            "</div>\n",
            "  <p>{{ x() }}</p>\n",
            "| a | {{ x() }} |\n",
            "|---|---|\n",
            "1. one\n",
            "   {{ x() }} lazy\n",
            "# Heading {{ x() }}\n",
            "text ``` inline\n",
            "[^n]: note {{ x() }}\n",
            "plain\n",
        ];
        let options = crate::markup::markdown::options();
        let mut seed: u64 = 11;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        let (mut answered, mut inside, mut outside) = (0, 0, 0);
        for _ in 0..20_000 {
            let body: String = (0..next(14)).map(|_| LINES[next(LINES.len())]).collect();
            let Some(fenced) = fenced_code(&body) else {
                continue;
            };
            answered += 1;
            let parsed: Vec<Range<usize>> = pulldown_cmark::Parser::new_ext(&body, options)
                .into_offset_iter()
                .filter(|(e, _)| {
                    matches!(
                        e,
                        pulldown_cmark::Event::Code(_)
                            | pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(_))
                    )
                })
                .map(|(_, r)| r)
                .collect();
            for (at, _) in body.match_indices("{{") {
                let by_parser = parsed.iter().any(|r| r.contains(&at));
                assert_eq!(
                    in_code(&fenced, at),
                    by_parser,
                    "`{{{{` at {at} in {body:?}"
                );
                if by_parser {
                    inside += 1;
                } else {
                    outside += 1;
                }
            }
        }
        assert!(
            answered > 2_000 && inside > 500 && outside > 500,
            "{answered} {inside} {outside}"
        );
    }

    #[test]
    fn reports_malformed_calls() {
        let e = expand(
            "{{ fig(trial=x) }}",
            pulldown_cmark::Options::empty(),
            None,
            |_| Ok(Expansion::default()),
        );
        assert_eq!(e.errors.len(), 1);
    }
}
