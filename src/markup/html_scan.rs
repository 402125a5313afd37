//! Reading HTML as a browser does (a WHATWG tokenizer, html5gum), never as text.
//!
//! `href="…"` shown in prose or in inline code is text, not a link; `</a href="x">` has no
//! attributes; `<script>` and `<style>` hold no tags. Only a tokenizer knows that, so every pass
//! that looks for elements or attributes in rendered HTML goes through here.

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
