//! Forest plots as inline SVG: hazard ratios on a log scale with a line at 1, whiskers where a
//! confidence interval exists and a plain point where none does. Colours come from the page's
//! CSS (`currentColor` and classes), so light mode, dark mode and print all work.

use std::fmt::Write as _;

use crate::markup::highlight::escape_html;

#[derive(Debug, Clone)]
pub struct ForestRow {
    pub label: String,
    pub detail: String,
    pub hr: f64,
    pub hr_text: String,
    pub ci: Option<(f64, f64)>,
}

pub struct ForestLabels<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub favours_left: &'a str,
    pub favours_right: &'a str,
}

const LABEL_W: f64 = 300.0;
const PLOT_W: f64 = 300.0;
const VALUE_W: f64 = 150.0;
const TOP: f64 = 10.0;
const LABEL_SIZE: f64 = 13.0;
const DETAIL_SIZE: f64 = 11.5;
const DETAIL_LINE: f64 = 14.0;
const ROW_PAD: f64 = 12.0;

/// One row laid out: its detail wrapped into lines that fit the label column, and its height.
struct Layout<'r> {
    row: &'r ForestRow,
    lines: Vec<String>,
    top: f64,
    height: f64,
}

/// Rows one under the other; a row is as tall as its wrapped label needs, so no label is cut.
fn layout(rows: &[ForestRow]) -> Vec<Layout<'_>> {
    let mut top = TOP;
    rows.iter()
        .map(|row| {
            let lines = wrap(&row.detail, LABEL_W - 8.0, DETAIL_SIZE);
            let height = ROW_PAD + LABEL_SIZE + DETAIL_LINE * lines.len() as f64;
            let l = Layout {
                row,
                lines,
                top,
                height,
            };
            top += height;
            l
        })
        .collect()
}

pub fn forest_svg(rows: &[ForestRow], labels: &ForestLabels) -> String {
    let (lo, hi) = domain(rows);
    let x = |v: f64| LABEL_W + (v.ln() - lo.ln()) / (hi.ln() - lo.ln()) * PLOT_W;
    let laid = layout(rows);
    let rows_bottom = laid.last().map_or(TOP, |l| l.top + l.height);
    let height = rows_bottom + 56.0;
    let width = LABEL_W + PLOT_W + VALUE_W;
    let id = escape_html(labels.id);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"forest\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_html(labels.title),
        escape_html(labels.description)
    );
    let axis_y = rows_bottom + 4.0;
    let _ = write!(
        svg,
        "<line class=\"forest-null\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{TOP}\" y2=\"{axis_y}\"/>",
        x(1.0)
    );
    for l in &laid {
        row_svg(&mut svg, l, &x, (lo, hi));
    }
    axis_svg(&mut svg, axis_y, &x, (lo, hi), labels);
    svg
}

/// The full label of a row: what its `<title>` says and what its wrapped text shows.
pub fn full_label(row: &ForestRow) -> String {
    if row.detail.is_empty() {
        row.label.clone()
    } else {
        format!("{} · {}", row.label, row.detail)
    }
}

/// A row: trial name, its wrapped detail, whisker, point and value; `<title>` gives the full
/// label as a tooltip and to assistive technology.
fn row_svg(svg: &mut String, l: &Layout, x: &dyn Fn(f64) -> f64, (lo, hi): (f64, f64)) {
    let row = l.row;
    let name_y = l.top + ROW_PAD / 2.0 + LABEL_SIZE;
    let y = l.top + l.height / 2.0;
    let _ = write!(
        svg,
        "<g class=\"forest-row\"><title>{}</title><text class=\"forest-label\" x=\"0\" y=\"{name_y:.1}\">{}</text><text class=\"forest-detail\" x=\"0\" y=\"{name_y:.1}\">",
        escape_html(&full_label(row)),
        escape_html(&row.label),
    );
    for line in &l.lines {
        let _ = write!(
            svg,
            "<tspan x=\"0\" dy=\"{DETAIL_LINE}\">{}</tspan>",
            escape_html(line)
        );
    }
    svg.push_str("</text>");
    if let Some((low, high)) = row.ci {
        let _ = write!(
            svg,
            "<line class=\"forest-ci\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>",
            x(low.max(lo)),
            x(high.min(hi))
        );
    }
    let shape = if row.ci.is_some() {
        "forest-point"
    } else {
        "forest-point forest-point-only"
    };
    let _ = write!(
        svg,
        "<rect class=\"{shape}\" x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\"/><text class=\"forest-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
        x(row.hr) - 4.5,
        y - 4.5,
        LABEL_W + PLOT_W + 12.0,
        y + 4.0,
        escape_html(&row.hr_text)
    );
}

fn axis_svg(
    svg: &mut String,
    axis_y: f64,
    x: &dyn Fn(f64) -> f64,
    (lo, hi): (f64, f64),
    labels: &ForestLabels,
) {
    let _ = write!(
        svg,
        "<line class=\"forest-axis\" x1=\"{LABEL_W}\" x2=\"{}\" y1=\"{axis_y}\" y2=\"{axis_y}\"/>",
        LABEL_W + PLOT_W
    );
    for tick in ticks(lo, hi) {
        let tx = x(tick);
        let _ = write!(
            svg,
            "<line class=\"forest-axis\" x1=\"{tx:.1}\" x2=\"{tx:.1}\" y1=\"{axis_y}\" y2=\"{:.1}\"/><text class=\"forest-tick\" x=\"{tx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{tick}</text>",
            axis_y + 5.0,
            axis_y + 19.0
        );
    }
    let fy = axis_y + 40.0;
    let _ = write!(
        svg,
        "<text class=\"forest-favours\" x=\"{:.1}\" y=\"{fy}\" text-anchor=\"end\">← {}</text><text class=\"forest-favours\" x=\"{:.1}\" y=\"{fy}\">{} →</text></svg>",
        x(1.0) - 6.0,
        escape_html(labels.favours_left),
        x(1.0) + 6.0,
        escape_html(labels.favours_right)
    );
}

/// An upper bound of a character's advance at `size`: CJK and full-width characters are one em,
/// Latin letters at most about 0.72 em in the site's sans-serif fonts. Estimated, since the SVG
/// is laid out without a font engine; overestimating only wraps a little earlier.
fn char_width(c: char, size: f64) -> f64 {
    if is_wide(c) {
        size
    } else if c.is_ascii_uppercase() || matches!(c, 'm' | 'w' | '≥' | '≤' | '·') {
        size * 0.72
    } else {
        size * 0.58
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(|c| char_width(c, size)).sum()
}

/// Greedy wrapping into lines no wider than `max`: between words for Latin text, between any
/// two characters of CJK text. Every character is kept; only spaces at a break are dropped.
fn wrap(text: &str, max: f64, size: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for token in tokens(text) {
        let candidate = format!("{line}{token}");
        if line.trim().is_empty() || text_width(candidate.trim_end(), size) <= max {
            line = candidate;
        } else {
            lines.push(line.trim_end().to_string());
            line = token.trim_start().to_string();
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

/// Breakable pieces: each CJK character alone, else a word with the spaces before it.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        let starts_word = c == ' ' && !current.trim().is_empty();
        if (is_wide(c) || starts_word) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
        if is_wide(c) {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The plotted range: every HR and CI end, and 1, with some margin; on round tick values.
fn domain(rows: &[ForestRow]) -> (f64, f64) {
    let mut lo: f64 = 1.0;
    let mut hi: f64 = 1.0;
    for r in rows {
        let (l, h) = r.ci.unwrap_or((r.hr, r.hr));
        lo = lo.min(l).min(r.hr);
        hi = hi.max(h).max(r.hr);
    }
    let lo = TICKS
        .iter()
        .rev()
        .copied()
        .find(|t| *t <= lo * 0.95)
        .unwrap_or(TICKS[0]);
    let hi = TICKS
        .iter()
        .copied()
        .find(|t| *t >= hi * 1.05)
        .unwrap_or(TICKS[TICKS.len() - 1]);
    (lo, hi)
}

const TICKS: [f64; 9] = [0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 4.0];

fn ticks(lo: f64, hi: f64) -> impl Iterator<Item = f64> {
    TICKS.into_iter().filter(move |t| *t >= lo && *t <= hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(hr: f64, ci: Option<(f64, f64)>) -> ForestRow {
        ForestRow {
            label: "T".into(),
            detail: "OS".into(),
            hr,
            hr_text: hr.to_string(),
            ci,
        }
    }

    #[test]
    fn domain_includes_one_and_every_interval() {
        let (lo, hi) = domain(&[row(0.59, None), row(0.8, Some((0.3, 1.3)))]);
        assert!(lo <= 0.3 && hi >= 1.3, "{lo} {hi}");
    }

    #[test]
    fn whiskers_only_where_a_ci_exists() {
        let labels = ForestLabels {
            id: "f",
            title: "t",
            description: "d",
            favours_left: "l",
            favours_right: "r",
        };
        let svg = forest_svg(&[row(0.7, None)], &labels);
        assert!(!svg.contains("forest-ci"));
        assert!(svg.contains("forest-point-only"));
        let svg = forest_svg(&[row(0.7, Some((0.5, 0.9)))], &labels);
        assert!(svg.contains("forest-ci"));
    }

    #[test]
    fn wrapping_keeps_every_character() {
        let en = "Population not stated in the source · With liver metastasis · PFS";
        let lines = wrap(en, 120.0, DETAIL_SIZE);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.join(" "), en);
        assert!(lines.iter().all(|l| text_width(l, DETAIL_SIZE) <= 120.0));
        let zh = "原文未说明人群 · 伴肝转移 · 无进展生存期";
        let lines = wrap(zh, 60.0, DETAIL_SIZE);
        assert!(lines.len() > 1);
        let joined: String = lines.concat().split_whitespace().collect();
        let want: String = zh.split_whitespace().collect();
        assert_eq!(joined, want);
    }
}
