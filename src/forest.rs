//! Forest plots as inline SVG: hazard ratios on a log scale with a line at 1, whiskers where a
//! confidence interval exists and a plain point where none does. Colours come from the page's
//! CSS (`currentColor` and classes), so light mode, dark mode and print all work.

use std::fmt::Write as _;

use crate::highlight::escape_html;

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

const ROW_H: f64 = 38.0;
const LABEL_W: f64 = 300.0;
const PLOT_W: f64 = 300.0;
const VALUE_W: f64 = 150.0;
const TOP: f64 = 10.0;

pub fn forest_svg(rows: &[ForestRow], labels: &ForestLabels) -> String {
    let (lo, hi) = domain(rows);
    let x = |v: f64| LABEL_W + (v.ln() - lo.ln()) / (hi.ln() - lo.ln()) * PLOT_W;
    let height = TOP + ROW_H * rows.len() as f64 + 56.0;
    let width = LABEL_W + PLOT_W + VALUE_W;
    let id = escape_html(labels.id);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"forest\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape_html(labels.title),
        escape_html(labels.description)
    );
    let axis_y = TOP + ROW_H * rows.len() as f64 + 4.0;
    let _ = write!(
        svg,
        "<line class=\"forest-null\" x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{TOP}\" y2=\"{axis_y}\"/>",
        x(1.0)
    );
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + ROW_H * (i as f64 + 0.5);
        let _ = write!(
            svg,
            "<g class=\"forest-row\"><text class=\"forest-label\" x=\"0\" y=\"{:.1}\">{}</text><text class=\"forest-detail\" x=\"0\" y=\"{:.1}\">{}</text>",
            y - 2.0,
            escape_html(&row.label),
            y + 12.0,
            escape_html(&truncate(&row.detail, 46))
        );
        if let Some((l, h)) = row.ci {
            let _ = write!(
                svg,
                "<line class=\"forest-ci\" x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/>",
                x(l.max(lo)),
                x(h.min(hi))
            );
        }
        let shape = if row.ci.is_some() {
            "forest-point"
        } else {
            "forest-point forest-point-only"
        };
        let _ = write!(
            svg,
            "<rect class=\"{shape}\" x=\"{:.1}\" y=\"{:.1}\" width=\"9\" height=\"9\"/>",
            x(row.hr) - 4.5,
            y - 4.5
        );
        let _ = write!(
            svg,
            "<text class=\"forest-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            LABEL_W + PLOT_W + 12.0,
            y + 4.0,
            escape_html(&row.hr_text)
        );
    }
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
    svg
}

/// Keeps long subgroup descriptions inside the label column (the full text is in the table).
fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
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
}
