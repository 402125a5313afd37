//! Tables generated from trial data, in the reader's language: the same builders serve trial
//! pages (filtered to one trial) and comparison tables embedded in any page.

use crate::markup::tables::{Cell, Table};
use crate::source::i18n::Strings;
use crate::trials::data::{EndpointKind, TrialData, TrialFile};
use crate::trials::figures::Fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    HazardRatios,
    Medians,
    Rates,
    LiverMetastasis,
    AdverseEvents,
}

impl TableKind {
    pub const NAMES: &'static [&'static str] = &[
        "hazard_ratios",
        "medians",
        "rates",
        "liver_metastasis",
        "adverse_events",
    ];

    pub fn parse(name: &str) -> Option<TableKind> {
        Some(match name {
            "hazard_ratios" => TableKind::HazardRatios,
            "medians" => TableKind::Medians,
            "rates" => TableKind::Rates,
            "liver_metastasis" => TableKind::LiverMetastasis,
            "adverse_events" => TableKind::AdverseEvents,
            _ => return None,
        })
    }
}

/// Which results a table shows; `None` means all. Subgroup `none` selects results without one.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub trials: Option<Vec<String>>,
    pub populations: Option<Vec<String>>,
    pub subgroups: Option<Vec<String>>,
    pub endpoints: Option<Vec<String>>,
}

impl Filter {
    /// Whether a result matches the population, subgroup and endpoint filters.
    pub fn allows_result(&self, r: &crate::trials::data::ResultEntry) -> bool {
        let subgroup = r.subgroup.as_ref().map_or("none", |s| s.get_ref().as_str());
        Filter::allows(&self.populations, r.population.get_ref())
            && Filter::allows(&self.subgroups, subgroup)
            && Filter::allows(&self.endpoints, r.endpoint.get_ref())
    }

    fn allows(list: &Option<Vec<String>>, value: &str) -> bool {
        list.as_ref().is_none_or(|l| l.iter().any(|v| v == value))
    }
}

/// Where a table is rendered: language, strings, link prefix.
pub struct TableEnv<'a> {
    pub data: &'a TrialData,
    pub lang: &'a str,
    pub strings: &'a Strings,
    pub root: &'a str,
    /// Trial pages leave out the trial column.
    pub trial_column: bool,
}

/// The trial files a filter selects, in the filter's order (or by id).
pub fn selected_trials<'d>(data: &'d TrialData, filter: &Filter) -> Vec<&'d TrialFile> {
    match &filter.trials {
        Some(ids) => ids
            .iter()
            .filter_map(|id| data.trials.iter().find(|t| t.trial.id.get_ref() == id))
            .collect(),
        None => data.trials.iter().collect(),
    }
}

pub fn build_table(kind: TableKind, filter: &Filter, env: &TableEnv) -> Table {
    let s = env.strings;
    let mut headers: Vec<String> = Vec::new();
    if env.trial_column {
        headers.push(s["trial"].clone());
    }
    let tail: Vec<&str> = match kind {
        TableKind::HazardRatios => vec![
            "population",
            "subgroup",
            "endpoint",
            "hr",
            "p_value",
            "follow_up",
            "source_refs",
        ],
        TableKind::Medians | TableKind::Rates => vec![
            "population",
            "subgroup",
            "endpoint",
            "arm",
            "results",
            "p_value",
            "follow_up",
            "source_refs",
        ],
        TableKind::LiverMetastasis => vec!["population", "arm", "liver_metastasis", "source_refs"],
        TableKind::AdverseEvents => vec!["event", "arm", "patients", "source_refs"],
    };
    headers.extend(tail.iter().map(|k| s[*k].clone()));
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for file in selected_trials(env.data, filter) {
        let fmt = Fmt {
            file,
            data: env.data,
            lang: env.lang,
            strings: s,
            root: env.root,
        };
        let start = rows.len();
        match kind {
            TableKind::HazardRatios => hazard_ratio_rows(&fmt, filter, &mut rows, &mut notes),
            TableKind::Medians => arm_rows(&fmt, filter, EndpointKind::Time, &mut rows, &mut notes),
            TableKind::Rates => arm_rows(&fmt, filter, EndpointKind::Rate, &mut rows, &mut notes),
            TableKind::LiverMetastasis => liver_rows(&fmt, filter, &mut rows, &mut notes),
            TableKind::AdverseEvents => event_rows(&fmt, &mut rows, &mut notes),
        }
        if env.trial_column {
            for row in &mut rows[start..] {
                row.insert(0, Cell::link(file.trial.name.clone(), fmt.trial_href()));
            }
        }
    }
    for key in ["p_value", "follow_up"] {
        drop_empty_column(&mut headers, &mut rows, &s[key], &s["not_reported"]);
    }
    let mut footnotes = vec![s["not_reported_note"].clone()];
    if matches!(kind, TableKind::Medians) {
        footnotes.insert(0, s["unit_months"].clone());
    }
    footnotes.extend(notes);
    Table {
        id: String::new(),
        caption: String::new(),
        headers,
        rows,
        footnotes,
        note_header: s["note"].clone(),
    }
}

/// The footnote marker of a note (each note listed once under the table), and the note's text
/// for the CSV.
fn note_marker(
    fmt: &Fmt,
    note: Option<&crate::source::i18n::Text>,
    notes: &mut Vec<String>,
) -> (String, Option<String>) {
    let Some(text) = note else {
        return (String::new(), None);
    };
    let body = format!("{}: {}", fmt.trial().name, fmt.text(text));
    let index = match notes
        .iter()
        .position(|n| n.split_once(' ').is_some_and(|(_, b)| b == body))
    {
        Some(existing) => existing,
        None => {
            notes.push(format!("{} {body}", marker(notes.len())));
            notes.len() - 1
        }
    };
    let html = format!(" <sup class=\"table-note-ref\">{}</sup>", marker(index));
    (html, Some(fmt.text(text)))
}

/// The source references of a row: links in HTML, `[2]` in CSV (both resolved once the
/// review's citations are numbered); an entry from outside the source is marked as such.
pub fn refs_cell(
    fmt: &Fmt,
    refs: &[toml::Spanned<crate::trials::data::SourceRef>],
    origin: &Option<crate::trials::data::Origin>,
) -> Cell {
    let html = fmt.refs_html(refs);
    let from = crate::trials::data::entry_origin(origin);
    let mut csv = html.trim().to_string();
    if let crate::trials::data::Sourced::External(reference) = &from {
        csv = format!("{csv} {reference}").trim().to_string();
    }
    let html = html + &crate::trials::figures::external_mark(fmt.strings, &from);
    Cell::text("").with_html(html).with_csv(csv)
}

/// Optional columns (P value, follow-up) only where some row has a value, so comparison tables
/// do not fill with "not reported"; where kept, a missing value says "not reported".
fn drop_empty_column(
    headers: &mut Vec<String>,
    rows: &mut [Vec<Cell>],
    header: &str,
    not_reported: &str,
) {
    let Some(i) = headers.iter().position(|h| h == header) else {
        return;
    };
    if rows.iter().all(|r| r[i].text.is_empty()) {
        headers.remove(i);
        for row in rows.iter_mut() {
            row.remove(i);
        }
    } else {
        for cell in rows
            .iter_mut()
            .map(|r| &mut r[i])
            .filter(|c| c.text.is_empty())
        {
            cell.text = not_reported.to_string();
        }
    }
}

/// The P value and the median follow-up of a result, empty when not given.
fn result_extras(fmt: &Fmt, r: &crate::trials::data::ResultEntry) -> [Cell; 2] {
    let p = r.p.as_ref().map(|p| fmt.literal(p)).unwrap_or_default();
    let follow_up = r
        .follow_up_months
        .as_ref()
        .map(|f| fmt.months(f))
        .unwrap_or_default();
    [
        Cell::number(p, r.p.as_ref().map(|p| *p.get_ref())),
        Cell::number(follow_up, r.follow_up_months.as_ref().map(|f| *f.get_ref())),
    ]
}

fn marker(i: usize) -> String {
    const MARKS: [&str; 6] = ["*", "†", "‡", "§", "‖", "¶"];
    MARKS[i % MARKS.len()].repeat(i / MARKS.len() + 1)
}

fn hazard_ratio_rows(
    fmt: &Fmt,
    filter: &Filter,
    rows: &mut Vec<Vec<Cell>>,
    notes: &mut Vec<String>,
) {
    for r in &fmt.trial().results {
        if r.hr.is_none() || !result_allowed(r, filter) {
            continue;
        }
        let hr = fmt.hazard_ratio(r).unwrap_or_else(|| fmt.not_reported());
        let (extra, note) = note_marker(fmt, r.note.as_ref(), notes);
        rows.push(vec![
            Cell::text(fmt.population(r.population.get_ref())),
            Cell::text(fmt.subgroup(r.subgroup.as_ref())),
            Cell::text(fmt.endpoint(r.endpoint.get_ref())),
            Cell::number(hr, r.hr.as_ref().map(|h| *h.get_ref()))
                .with_html(extra)
                .with_note(note),
        ]);
        let row = rows.last_mut().expect("just pushed");
        row.extend(result_extras(fmt, r));
        row.push(refs_cell(fmt, &r.source_refs, &r.origin));
    }
}

fn result_allowed(r: &crate::trials::data::ResultEntry, filter: &Filter) -> bool {
    filter.allows_result(r)
}

/// One row per arm, so arms of different trials line up in one sortable column.
fn arm_rows(
    fmt: &Fmt,
    filter: &Filter,
    kind: EndpointKind,
    rows: &mut Vec<Vec<Cell>>,
    notes: &mut Vec<String>,
) {
    for r in &fmt.trial().results {
        if fmt.endpoint_kind(r.endpoint.get_ref()) != kind || !result_allowed(r, filter) {
            continue;
        }
        let values = if kind == EndpointKind::Time {
            &r.medians
        } else {
            &r.rates
        };
        if values.is_empty() {
            continue;
        }
        let (extra, note) = note_marker(fmt, r.note.as_ref(), notes);
        for arm in arms_of(fmt, values.keys().map(|k| k.get_ref().as_str())) {
            let text = fmt.arm_value(r, &arm).unwrap_or_else(|| fmt.not_reported());
            let sort = values
                .iter()
                .find(|(k, _)| *k.get_ref() == arm)
                .map(|(_, v)| *v.get_ref());
            let mut row = vec![
                Cell::text(fmt.population(r.population.get_ref())),
                Cell::text(fmt.subgroup(r.subgroup.as_ref())),
                Cell::text(fmt.endpoint(r.endpoint.get_ref())),
                Cell::text(fmt.arm(&arm)),
                Cell::number(text, sort)
                    .with_html(extra.clone())
                    .with_note(note.clone()),
            ];
            row.extend(result_extras(fmt, r));
            row.push(refs_cell(fmt, &r.source_refs, &r.origin));
            rows.push(row);
        }
    }
}

/// Every declared arm of the trial (so a missing value shows as "not reported"), plus `all`.
fn arms_of<'k>(fmt: &Fmt, present: impl Iterator<Item = &'k str>) -> Vec<String> {
    let present: Vec<&str> = present.collect();
    if present == ["all"] {
        return vec!["all".to_string()];
    }
    fmt.trial()
        .arms
        .iter()
        .map(|a| a.id.get_ref().clone())
        .collect()
}

fn liver_rows(fmt: &Fmt, filter: &Filter, rows: &mut Vec<Vec<Cell>>, notes: &mut Vec<String>) {
    for lm in &fmt.trial().liver_metastasis {
        if !Filter::allows(&filter.populations, lm.population.get_ref()) {
            continue;
        }
        let (extra, note) = note_marker(fmt, lm.note.as_ref(), notes);
        let population = fmt.population(lm.population.get_ref());
        if let Some(count) = lm.count {
            let text = match lm.of {
                Some(of) => format!("{count} {} {of}", fmt.strings["count_of"]),
                None => count.to_string(),
            };
            rows.push(vec![
                Cell::text(population.clone()),
                Cell::text(fmt.arm("all")),
                Cell::number(text, Some(f64::from(count)))
                    .with_html(extra.clone())
                    .with_note(note.clone()),
                refs_cell(fmt, &lm.source_refs, &lm.origin),
            ]);
        }
        for (arm, pct) in &lm.percent {
            rows.push(vec![
                Cell::text(population.clone()),
                Cell::text(fmt.arm(arm.get_ref())),
                Cell::number(fmt.percent(pct), Some(*pct.get_ref()))
                    .with_html(extra.clone())
                    .with_note(note.clone()),
                refs_cell(fmt, &lm.source_refs, &lm.origin),
            ]);
        }
    }
}

fn event_rows(fmt: &Fmt, rows: &mut Vec<Vec<Cell>>, notes: &mut Vec<String>) {
    for ae in &fmt.trial().adverse_events {
        let (extra, note) = note_marker(fmt, ae.note.as_ref(), notes);
        for (arm, pct) in &ae.rates {
            rows.push(vec![
                Cell::text(fmt.event(ae.event.get_ref())),
                Cell::text(fmt.arm(arm.get_ref())),
                Cell::number(fmt.percent(pct), Some(*pct.get_ref()))
                    .with_html(extra.clone())
                    .with_note(note.clone()),
                refs_cell(fmt, &ae.source_refs, &ae.origin),
            ]);
        }
    }
}
