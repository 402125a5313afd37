//! The "Notes on the source" page: every ambiguity, inconsistency or gap of the source that the
//! site discloses, gathered from where it is disclosed (the sections' note boxes and the trial
//! data's notes), so a reader can review them all in one place and jump to each in context.
//!
//! Nothing is typed twice: the page is rebuilt from the notes themselves, so a note added to a
//! section or to a trial file appears here on the next build.

use crate::data::{Text, TrialData};
use crate::figures::localized;
use crate::highlight::escape_html;
use crate::i18n::Strings;
use crate::markdown::TocEntry;
use crate::trial_pages::GeneratedBody;

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
/// `prefixes` ("原文说明", "Source ambiguity"), linked to the heading they stand under.
pub fn section_notes(page: &SectionPage, prefixes: &[&str]) -> Vec<SourceNote> {
    const OPEN: &str = "<aside class=\"callout callout-note\"";
    let mut notes = Vec::new();
    let mut from = 0;
    while let Some(start) = page.html[from..].find(OPEN).map(|i| from + i) {
        let end = page.html[start..]
            .find("</aside>")
            .map_or(page.html.len(), |e| start + e);
        from = end;
        let inner = &page.html[start..end];
        let body = inner
            .find("</p>")
            .map_or(inner, |i| &inner[i + "</p>".len()..]);
        let text = strip_tags(body).trim().to_string();
        if !prefixes.iter().any(|p| text.starts_with(p)) {
            continue;
        }
        let (anchor, heading) = heading_before(&page.html[..start]);
        let place = match heading {
            Some(h) => format!("{} › {h}", page.title),
            None => page.title.to_string(),
        };
        notes.push(SourceNote {
            html: escape_html(&text),
            href: format!(
                "{}{}",
                page.href,
                anchor.map(|a| format!("#{a}")).unwrap_or_default()
            ),
            place,
        });
    }
    notes
}

/// The id and text of the last heading in `html`, if any.
fn heading_before(html: &str) -> (Option<String>, Option<String>) {
    let Some(start) = ["<h2 id=\"", "<h3 id=\""]
        .iter()
        .filter_map(|open| html.rfind(open))
        .max()
    else {
        return (None, None);
    };
    let rest = &html[start + "<h2 id=\"".len()..];
    let id = rest.split('"').next().unwrap_or_default().to_string();
    let close = rest.find("</h").unwrap_or(rest.len());
    let inner = rest.find('>').map_or("", |i| &rest[i + 1..close]);
    let text = strip_tags(inner).trim_end_matches('#').trim().to_string();
    (Some(id), Some(text))
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
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
