//! The "Notes on the source" page: every ambiguity, inconsistency or gap of the source that the
//! site discloses, gathered from where it is disclosed (the sections' note boxes and the trial
//! data's notes), so a reader can review them all in one place and jump to each in context.
//!
//! Nothing is typed twice: the page is rebuilt from the notes themselves, so a note added to a
//! section or to a trial file appears here on the next build.

use crate::markup::highlight::escape_html;
use crate::markup::markdown::TocEntry;
use crate::output::trial_pages::GeneratedBody;
use crate::source::i18n::Strings;
use crate::source::i18n::localized;
use crate::trials::data::{Text, TrialData};

/// A disclosed note: its text (HTML-safe) and the link to where it appears.
pub struct SourceNote {
    pub html: String,
    pub href: String,
    pub place: String,
}

/// A section's rendered page, as input for [`section_notes`].
pub struct SectionPage<'a> {
    pub title: &'a str,
    pub href: String,
    pub html: &'a str,
}

/// The note boxes of a rendered page: `> [!NOTE]` callouts whose text starts with one of
/// `prefixes` ("原文说明", "Source ambiguity"), linked to the heading they stand under. The page
/// is read with the HTML tokenizer, so a callout or heading shown as text is never taken for one.
pub fn section_notes(page: &SectionPage, prefixes: &[&str]) -> Vec<SourceNote> {
    let mut reader = NoteReader::default();
    crate::markup::html_scan::scan(page.html, |tag| reader.visit(tag));
    reader
        .found
        .into_iter()
        .filter(|note| prefixes.iter().any(|p| note.text.starts_with(p)))
        .map(|note| SourceNote {
            html: escape_html(&note.text),
            href: match &note.heading_id {
                Some(id) => format!("{}#{id}", page.href),
                None => page.href.clone(),
            },
            place: match &note.heading {
                Some(h) => format!("{} › {h}", page.title),
                None => page.title.to_string(),
            },
        })
        .collect()
}

/// A callout's text with the heading it stands under.
struct FoundNote {
    text: String,
    heading_id: Option<String>,
    heading: Option<String>,
}

/// Follows a page's tags: the last `h2`/`h3` (id and visible text, without its `#` anchor) and
/// the text of each note callout after its title paragraph.
#[derive(Default)]
struct NoteReader {
    found: Vec<FoundNote>,
    heading_id: Option<String>,
    heading: Option<String>,
    /// Inside an `h2`/`h3`: its text so far, and whether we are in its `#` anchor.
    in_heading: Option<(String, bool)>,
    /// Inside a note callout: its text so far, and whether we are in its title paragraph.
    in_note: Option<(String, bool)>,
    /// The element whose attributes are being read.
    opening: String,
    callout_depth: usize,
}

impl NoteReader {
    fn visit(&mut self, tag: crate::markup::html_scan::Tag) {
        use crate::markup::html_scan::Tag;
        match tag {
            Tag::Start(name) => self.opening = name.to_string(),
            Tag::Attribute("id", id) if matches!(self.opening.as_str(), "h2" | "h3") => {
                self.heading_id = Some(id.to_string());
                self.in_heading = Some((String::new(), false));
            }
            Tag::Attribute("class", class) => self.open_with_class(class),
            Tag::Text(text) => self.text(text),
            Tag::Attribute(..) | Tag::StartEnd(_) => {}
            Tag::End(name) => self.close(name),
        }
    }

    fn open_with_class(&mut self, class: &str) {
        match self.opening.as_str() {
            "aside" if class.split(' ').any(|c| c == "callout-note") && self.in_note.is_none() => {
                self.in_note = Some((String::new(), false));
                self.callout_depth = 0;
            }
            "p" if class == "callout-title" => {
                if let Some(note) = &mut self.in_note {
                    note.1 = true;
                }
            }
            "a" if class == "anchor" => {
                if let Some(heading) = &mut self.in_heading {
                    heading.1 = true;
                }
            }
            _ => {}
        }
        if self.opening == "aside" && self.in_note.is_some() {
            self.callout_depth += 1;
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((buf, false)) = &mut self.in_heading {
            buf.push_str(text);
        }
        if let Some((buf, false)) = &mut self.in_note {
            buf.push_str(text);
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "h2" | "h3" => {
                if let Some((text, _)) = self.in_heading.take() {
                    self.heading = Some(text.trim().to_string());
                }
            }
            "a" => {
                if let Some(heading) = &mut self.in_heading {
                    heading.1 = false;
                }
            }
            "p" => {
                if let Some(note) = &mut self.in_note {
                    note.1 = false;
                }
            }
            "aside" if self.in_note.is_some() => {
                self.callout_depth = self.callout_depth.saturating_sub(1);
                if self.callout_depth == 0 {
                    let (text, _) = self.in_note.take().unwrap_or_default();
                    self.found.push(FoundNote {
                        text: text.trim().to_string(),
                        heading_id: self.heading_id.clone(),
                        heading: self.heading.clone(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Every note of the trial data, each once per trial: free notes, and the notes of results,
/// liver-metastasis figures and adverse events, linked to the part of the trial page showing them.
pub fn trial_notes(data: &TrialData, lang: &str, root: &str) -> Vec<SourceNote> {
    let mut notes: Vec<SourceNote> = Vec::new();
    for file in &data.trials {
        let t = &file.trial;
        let page = format!("{root}{lang}/trials/{}/index.html", t.id.get_ref());
        let groups: [(&str, Vec<&Text>); 4] = [
            ("notes", t.notes.iter().collect()),
            (
                "results",
                t.results.iter().filter_map(|r| r.note.as_ref()).collect(),
            ),
            (
                "liver-metastasis",
                t.liver_metastasis
                    .iter()
                    .filter_map(|l| l.note.as_ref())
                    .collect(),
            ),
            (
                "adverse-events",
                t.adverse_events
                    .iter()
                    .filter_map(|a| a.note.as_ref())
                    .collect(),
            ),
        ];
        let start = notes.len();
        for (anchor, texts) in groups {
            for text in texts {
                let html = escape_html(localized(text, lang).unwrap_or_default());
                if notes[start..].iter().any(|n| n.html == html) {
                    continue;
                }
                notes.push(SourceNote {
                    html,
                    href: format!("{page}#{anchor}"),
                    place: t.name.clone(),
                });
            }
        }
    }
    notes
}

/// The page: an introduction, then the section notes and the trial-data notes as lists.
pub fn source_notes_body(
    sections: &[SourceNote],
    trials: &[SourceNote],
    strings: &Strings,
) -> GeneratedBody {
    let mut html = format!("<p>{}</p>\n", escape_html(&strings["source_notes_intro"]));
    let mut toc = Vec::new();
    for (id, key, notes) in [
        ("in-sections", "source_notes_sections", sections),
        ("in-trial-data", "source_notes_trials", trials),
    ] {
        if notes.is_empty() {
            continue;
        }
        toc.push(TocEntry {
            level: 2,
            id: id.into(),
            title: strings[key].clone(),
        });
        html.push_str(&format!(
            "<h2 id=\"{id}\">{}<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n<ul class=\"source-notes\">\n",
            escape_html(&strings[key])
        ));
        for n in notes {
            html.push_str(&format!(
                "<li><p>{}</p><a href=\"{}\">↩ {}</a></li>\n",
                n.html,
                escape_html(&n.href),
                escape_html(&n.place)
            ));
        }
        html.push_str("</ul>\n");
    }
    GeneratedBody {
        html,
        toc,
        tables: Vec::new(),
    }
}
