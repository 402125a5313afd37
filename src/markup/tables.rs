//! One table model for every data table: trial pages, comparison tables, the tables behind forest
//! plots. Rendered as HTML (sortable in the browser, readable without JavaScript) and as CSV.

use serde::Serialize;

use crate::markup::highlight::escape_html;

#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// Text as shown (already localised).
    pub text: String,
    /// Value for sorting, when it differs from the text (a number).
    pub sort: Option<String>,
    pub numeric: bool,
    /// Trusted HTML appended after the text (citation links).
    pub html_suffix: String,
    /// Link target, for cells naming a trial.
    pub href: Option<String>,
    /// What the CSV shows instead of `text` (the source references, which HTML shows as links).
    pub csv: Option<String>,
    /// The note that qualifies this value: a footnote in HTML, the row's note column in CSV, so
    /// a downloaded figure keeps its caveat.
    pub note: Option<String>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            ..Default::default()
        }
    }

    pub fn number(text: impl Into<String>, sort: Option<f64>) -> Self {
        Cell {
            text: text.into(),
            sort: sort.map(|v| v.to_string()),
            numeric: true,
            ..Default::default()
        }
    }

    pub fn link(text: impl Into<String>, href: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            href: Some(href.into()),
            ..Default::default()
        }
    }

    pub fn with_html(mut self, html: String) -> Self {
        self.html_suffix = html;
        self
    }

    pub fn with_csv(mut self, csv: String) -> Self {
        self.csv = Some(csv);
        self
    }

    pub fn with_note(mut self, note: Option<String>) -> Self {
        self.note = note;
        self
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    pub id: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Shown under the table (units, what "not reported" means, notes).
    pub footnotes: Vec<String>,
    /// Header of the CSV's last column, the notes of each row; empty: no such column.
    pub note_header: String,
}

impl Table {
    /// HTML on one line, so it can stand in a Markdown block without breaking it.
    /// The table's name (its CSV file is `<id>.csv`); its element id is [`generated_id`].
    pub fn to_html(&self, csv_href: Option<&str>, csv_label: &str) -> String {
        let mut html = format!(
            "<figure class=\"data-table\" id=\"{}\"><div class=\"table-wrap\"><table class=\"sortable\">",
            escape_html(&generated_id(&self.id))
        );
        if !self.caption.is_empty() {
            html.push_str(&format!(
                "<caption>{}</caption>",
                escape_html(&self.caption)
            ));
        }
        html.push_str("<thead><tr>");
        for (i, h) in self.headers.iter().enumerate() {
            let numeric = self
                .rows
                .first()
                .and_then(|r| r.get(i))
                .is_some_and(|c| c.numeric);
            let class = if numeric { " class=\"num\"" } else { "" };
            html.push_str(&format!("<th scope=\"col\"{class}>{}</th>", escape_html(h)));
        }
        html.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            html.push_str("<tr>");
            for cell in row {
                html.push_str(&cell_html(cell));
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody></table></div>");
        if !self.footnotes.is_empty() || csv_href.is_some() {
            html.push_str("<figcaption>");
            for note in &self.footnotes {
                html.push_str(&format!(
                    "<span class=\"table-note\">{}</span> ",
                    escape_html(note)
                ));
            }
            if let Some(href) = csv_href {
                html.push_str(&format!(
                    "<a class=\"csv\" href=\"{}\" download>{}</a>",
                    escape_html(href),
                    escape_html(csv_label)
                ));
            }
            html.push_str("</figcaption>");
        }
        html.push_str("</figure>");
        html
    }

    /// RFC 4180 CSV with a header row; UTF-8 with BOM so spreadsheet programs read Chinese.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("\u{feff}");
        let notes = !self.note_header.is_empty();
        let header = self.headers.iter().map(String::as_str);
        let note_header = notes.then_some(self.note_header.as_str());
        csv.push_str(&csv_row(header.chain(note_header)));
        for row in &self.rows {
            let note = notes.then(|| row_note(row));
            let cells = row.iter().map(|c| c.csv.as_deref().unwrap_or(&c.text));
            csv.push_str(&csv_row(cells.chain(note.as_deref())));
        }
        csv
    }
}

/// The notes of a row's cells, each once.
fn row_note(row: &[Cell]) -> String {
    let mut notes: Vec<&str> = Vec::new();
    for note in row.iter().filter_map(|c| c.note.as_deref()) {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes.join(" ")
}

fn cell_html(cell: &Cell) -> String {
    let mut attrs = String::new();
    if cell.numeric {
        attrs.push_str(" class=\"num\"");
    }
    if let Some(sort) = &cell.sort {
        attrs.push_str(&format!(" data-sort=\"{}\"", escape_html(sort)));
    }
    let text = escape_html(&cell.text);
    let body = match &cell.href {
        Some(href) => format!("<a href=\"{}\">{text}</a>", escape_html(href)),
        None => text,
    };
    format!("<td{attrs}>{body}{}</td>", cell.html_suffix)
}

/// Ids of generated elements live in their own namespace (`data-…`), so a table named like a
/// heading (`{#adverse-events}` above `table(id="adverse-events")`) never shares its id.
pub fn generated_id(name: &str) -> String {
    format!("data-{name}")
}

fn csv_row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_quotes() {
        let t = Table {
            headers: vec!["a".into(), "b".into()],
            rows: vec![vec![Cell::text("x, y"), Cell::text("say \"hi\"")]],
            ..Default::default()
        };
        assert_eq!(t.to_csv(), "\u{feff}a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\r\n");
    }
}
