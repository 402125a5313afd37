//! Reading HTML as a browser does (a WHATWG tokenizer, html5gum), never as text.
//!
//! `href="…"` shown in prose or in inline code is text, not a link; `</a href="x">` has no
//! attributes; `<script>` and `<style>` hold no tags. Only a tokenizer knows that, so every pass
//! that looks for elements or attributes in rendered HTML goes through here.

use std::borrow::Cow;
use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

/// What the tokenizer saw, in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag<'a> {
    /// A start tag's name (lowercase), before its attributes.
    Start(&'a str),
    /// An attribute of the start tag just opened, with its decoded value.
    Attribute(&'a str, &'a str),
    /// The end of a start tag; `true` for `/>`.
    StartEnd(bool),
    /// An end tag's name (lowercase).
    End(&'a str),
    /// Text between tags, entities decoded.
    Text(&'a str),
}

/// Calls `visit` for every start tag, attribute of a start tag, and end tag in `html`.
/// Attributes written in end tags, or in text, are not attributes and are never reported.
pub fn scan(html: &str, mut visit: impl FnMut(Tag)) {
    let mut in_start_tag = false;
    let mut attribute: Vec<u8> = Vec::new();
    let callback = |event: CallbackEvent<'_>, _: Span<()>| -> Option<Infallible> {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                in_start_tag = true;
                visit(Tag::Start(utf8(name)));
            }
            CallbackEvent::AttributeName { name } if in_start_tag => {
                attribute.clear();
                attribute.extend_from_slice(name);
            }
            CallbackEvent::AttributeValue { value } if in_start_tag => {
                visit(Tag::Attribute(utf8(&attribute), utf8(value)));
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                in_start_tag = false;
                visit(Tag::StartEnd(self_closing));
            }
            CallbackEvent::EndTag { name } => {
                in_start_tag = false;
                visit(Tag::End(utf8(name)));
            }
            CallbackEvent::String { value } => {
                in_start_tag = false;
                visit(Tag::Text(utf8(value)));
            }
            CallbackEvent::Comment { .. } => in_start_tag = false,
            _ => {}
        }
        None
    };
    let mut emitter = CallbackEmitter::new(callback);
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, emitter) {}
}

/// Calls `visit(name, value)` for every attribute of every start tag in `html`, as [`scan`]
/// reports them, without tokenizing the text between tags: the link check reads every byte
/// of the output (a gigabyte at 10,000 pages per language), and the full tokenizer spent most
/// of its time on text the check skips. Tags are read by the tokenizer's rules (quoted values
/// may hold `>`, comments and the text of `script`, `style`, `textarea`, `title` hold no
/// tags); a value with a character reference, a carriage return or a NUL is decoded by the
/// tokenizer itself. `tests/evidoc/markup.rs` compares the two on every page of the default
/// site. A value is borrowed from `html` unless it had to be decoded.
pub fn attributes<'h>(html: &'h str, mut visit: impl FnMut(&str, Cow<'h, str>)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(lt) = bytes
        .get(at..)
        .and_then(|rest| memchr::memchr(b'<', rest))
        .map(|i| at + i)
    {
        at = match bytes.get(lt + 1) {
            Some(b'!') => skip_markup_declaration(bytes, lt),
            Some(b'?') => skip_bogus_comment(bytes, lt + 1),
            Some(b'/') => match bytes.get(lt + 2) {
                Some(c) if c.is_ascii_alphabetic() => read_tag(html, lt + 2, &mut |_, _| {}).0,
                Some(b'>') => lt + 3,
                Some(_) => skip_bogus_comment(bytes, lt + 2),
                None => bytes.len(),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let (end, name) = read_tag(html, lt + 1, &mut visit);
                match raw_text_element(&name) {
                    Some(name) if end <= bytes.len() => skip_raw_text(bytes, end, name),
                    _ => end,
                }
            }
            _ => lt + 1,
        };
    }
}

/// Elements whose content the tokenizer reads as text up to their end tag.
fn raw_text_element(name: &str) -> Option<&'static str> {
    // html5gum's list, `noframe` (sic) included.
    [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframe",
        "noscript",
        "plaintext",
    ]
    .into_iter()
    .find(|raw| *raw == name)
}

/// Past the end tag `</name` that closes a raw text element (case-insensitive, followed by
/// white space, `/` or `>`), or the end of the input.
fn skip_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    if name == "plaintext" {
        return bytes.len();
    }
    let mut at = from;
    while let Some(lt) = memchr::memmem::find(&bytes[at..], b"</").map(|i| at + i) {
        let after = lt + 2 + name.len();
        let closes = bytes.len() >= after
            && bytes[lt + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                bytes.get(after),
                Some(b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>')
            );
        if closes {
            return lt;
        }
        at = lt + 2;
    }
    bytes.len()
}

/// `<!--…-->` (with the tokenizer's abrupt endings `<!-->` and `<!--->`, and `--!>`), or a
/// doctype or other declaration, up to its `>`.
fn skip_markup_declaration(bytes: &[u8], lt: usize) -> usize {
    let rest = &bytes[lt..];
    if !rest.starts_with(b"<!--") {
        return skip_bogus_comment(bytes, lt + 2);
    }
    let body = lt + 4;
    if bytes[body..].starts_with(b">") {
        return body + 1;
    }
    if bytes[body..].starts_with(b"->") {
        return body + 2;
    }
    let mut at = body;
    loop {
        let Some(dashes) = memchr::memmem::find(&bytes[at..], b"--").map(|i| at + i) else {
            return bytes.len();
        };
        let mut end = dashes + 2;
        while bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        match bytes.get(end) {
            Some(b'>') => return end + 1,
            Some(b'!') if bytes.get(end + 1) == Some(&b'>') => return end + 2,
            _ => at = dashes + 1,
        }
    }
}

fn skip_bogus_comment(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', &bytes[from.min(bytes.len())..]).map_or(bytes.len(), |i| from + i + 1)
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b' ' | b'\r')
}

/// Reads the tag whose name starts at `from` (just past `<` or `</`), calling `visit` for each
/// attribute with a value (as [`scan`] reports them: repeated names too, empty values not);
/// returns the position past its `>` and its lowercased name.
fn read_tag<'h>(
    html: &'h str,
    from: usize,
    visit: &mut dyn FnMut(&str, Cow<'h, str>),
) -> (usize, Cow<'h, str>) {
    let bytes = html.as_bytes();
    let name_end = bytes[from..]
        .iter()
        .position(|&c| is_space(c) || c == b'/' || c == b'>')
        .map_or(bytes.len(), |i| from + i);
    let name = lowercase(&html[from..name_end]);
    let mut at = name_end;
    loop {
        while at < bytes.len() && (is_space(bytes[at]) || bytes[at] == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return (bytes.len() + 1, name),
            Some(b'>') => return (at + 1, name),
            Some(_) => {}
        }
        let attr_start = at;
        at += 1; // a first `=` belongs to the name
        while at < bytes.len()
            && !matches!(
                bytes[at],
                b'\t' | b'\n' | b'\x0c' | b' ' | b'\r' | b'/' | b'>' | b'='
            )
        {
            at += 1;
        }
        let attr = lowercase(&html[attr_start..at]);
        while at < bytes.len() && is_space(bytes[at]) {
            at += 1;
        }
        let mut value = None;
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while at < bytes.len() && is_space(bytes[at]) {
                at += 1;
            }
            let (raw, next) = attribute_value(html, at);
            value = Some(raw);
            at = next;
        }
        if at > bytes.len() {
            return (at, name);
        }
        match value {
            Some(raw) if raw.bytes().any(|c| matches!(c, b'&' | b'\r' | b'\0')) => {
                decoded_value(&html[attr_start..at.min(bytes.len())], &attr, visit)
            }
            Some(raw) if !raw.is_empty() => visit(&attr, Cow::Borrowed(raw)),
            _ => {}
        }
    }
}

/// `text` in ASCII lowercase, borrowed when it already is (the link check reads every tag of
/// the output, whose names evidoc writes in lowercase: no allocation per tag or attribute).
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// The value starting at `at` (just past `=` and white space) as written, and the position after
/// it; past the input's end when a quote is never closed (the tag is then dropped).
fn attribute_value(html: &str, at: usize) -> (&str, usize) {
    let bytes = html.as_bytes();
    match bytes.get(at) {
        Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[at + 1..]) {
            Some(i) => (&html[at + 1..at + 1 + i], at + 2 + i),
            None => ("", bytes.len() + 1),
        },
        Some(b'>') => ("", at),
        _ => match bytes[at..].iter().position(|&c| is_space(c) || c == b'>') {
            Some(i) => (&html[at..at + i], at + i),
            None => ("", bytes.len() + 1),
        },
    }
}

/// An attribute whose value needs decoding, read by the tokenizer alone.
fn decoded_value<'h>(written: &str, attr: &str, visit: &mut dyn FnMut(&str, Cow<'h, str>)) {
    let tag = format!("<a {written}>");
    let mut in_start = false;
    scan(&tag, |t| match t {
        Tag::Start(_) => in_start = true,
        Tag::Attribute(name, value) if in_start && name == attr => {
            visit(name, Cow::Owned(value.to_string()));
            in_start = false;
        }
        _ => {}
    });
}

/// The tokenizer works on bytes of a `&str`, so names and values are UTF-8 (it never splits a
/// character); a value it had to repair is dropped rather than guessed.
fn utf8(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default()
}

/// Elements whose text a reader does not see as running prose: evidoc adds no links or marks
/// inside them.
pub fn is_opaque(tag: &str) -> bool {
    matches!(
        tag,
        "a" | "abbr"
            | "code"
            | "pre"
            | "kbd"
            | "samp"
            | "var"
            | "script"
            | "style"
            | "textarea"
            | "title"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "option"
            | "template"
    )
}

/// Elements that never have an end tag.
pub fn is_void(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

/// How deep inside opaque elements a run of raw HTML fragments leaves the text after it.
#[derive(Debug, Default, Clone)]
pub struct OpaqueDepth {
    open: Vec<String>,
}

impl OpaqueDepth {
    pub fn is_inside(&self) -> bool {
        !self.open.is_empty()
    }

    /// Follows the tags of one raw HTML fragment (`<a href="…">`, `</code>`, a whole block).
    pub fn follow(&mut self, fragment: &str) {
        let mut pending: Option<String> = None;
        scan(fragment, |tag| match tag {
            Tag::Start(name) => pending = is_opaque(name).then(|| name.to_string()),
            Tag::StartEnd(self_closing) => {
                if let Some(name) = pending.take().filter(|_| !self_closing) {
                    self.open.push(name);
                }
            }
            Tag::End(name) => {
                if let Some(i) = self.open.iter().rposition(|open| open == name) {
                    self.open.truncate(i);
                }
            }
            Tag::Attribute(..) | Tag::Text(_) => {}
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attributes(html: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        scan(html, |t| {
            if let Tag::Attribute(n, v) = t {
                found.push((n.to_string(), v.to_string()));
            }
        });
        found
    }

    #[test]
    fn attributes_of_start_tags_only() {
        let html = r#"<p>write <code>&lt;a href="x"&gt;</code> or </a href="y"> </p><a href="z&amp;w" id=k>"#;
        assert_eq!(
            attributes(html),
            [("href".into(), "z&w".into()), ("id".into(), "k".into())]
        );
    }

    fn fast_attributes(html: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        super::attributes(html, |n, v| found.push((n.to_string(), v.to_string())));
        found
    }

    /// The tag reader finds what the tokenizer finds, on the cases where reading HTML as text
    /// goes wrong.
    #[test]
    fn the_tag_reader_agrees_with_the_tokenizer() {
        let cases = [
            r#"<a href="x" id=k><A HREF='Y'>text <b>bold</b>"#,
            r#"<!-- <a href="no"> --><a href=c1><!--> <a href=c2><!---> <a href=c3>"#,
            r#"<!-- a --!> <a href=c4><!-- b ---> <a href=c5><!-- c -- d --><a href=c6>"#,
            r#"<!DOCTYPE html><a href=d><?xml x="<a href=no>"?><a href=e><!x <a href=no>"#,
            r#"</a href="x"></ x href=no><a href=f></><a href=g></3 <a href=no>"#,
            r#"<script>'<a href="x">'</script><a href=h><script>x</SCRIPT ><a href=i>"#,
            r#"<style>a>b{}</style><a href=j><textarea><a href="no"></textarea x><a href=k>"#,
            r#"<title>a<b href=no</title><noscript><a href=no></noscript><a href=l>"#,
            r#"<script>"</scripts>"<a href=no></script/><a href=m><xmp></xmp><iframe></iframe>"#,
            r#"<a href="1" href="2"><a href=""><a href><a =x href=y><a href="x>y">"#,
            r#"<a b="1"c="2"><a href=x/><a href = "spaced" ><img src="data:x" / alt="a">"#,
            r#"<a href="a&amp;b" title='&lt;'><a href="&notin;x"><a href=&amp;><a href="&#x41;&#66">"#,
            "<a\nhref=\"nl\"\r\nid=\"cr\" title=\"a\r\nb\"><a\thref=tab\x0cid=ff>",
            r#"a < b <a href=q> 3<4 <3 <a href=r><a<b href=s><a/href=t>"#,
            r#"<a href="中文#锚" title='引号"里'><div id="x" data-x='y"z' class=a"b>"#,
            r#"<plaintext><a href=no>"#,
            r#"<a href="x"#,
            r#"<a href=x"#,
            r#"<script"#,
            r#"<!-- never closed <a href=no>"#,
        ];
        for html in cases {
            assert_eq!(fast_attributes(html), attributes(html), "{html}");
        }
    }

    #[test]
    fn script_text_has_no_tags() {
        assert!(attributes(r#"<script>let s = '<a href="x">';</script>"#).is_empty());
    }

    #[test]
    fn opaque_depth_follows_fragments() {
        let mut depth = OpaqueDepth::default();
        depth.follow(r#"<a href="x">"#);
        assert!(depth.is_inside());
        depth.follow("<b>");
        depth.follow("</a>");
        assert!(!depth.is_inside());
        depth.follow("<code/>");
        assert!(!depth.is_inside());
    }
}
