//! Trial data: one TOML file per trial under `content/trials/`, plus the bilingual vocabulary
//! (`content/vocabulary.toml`) that names populations, subgroups, endpoints and events.
//!
//! Figures are typed once here and rendered everywhere else from these structures, so a changed
//! number changes every table, plot and sentence. Values carry their byte spans so that a bad
//! value is reported at its file:line:column.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::source::config::toml_error;

pub use crate::source::i18n::Text;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Trial {
    pub id: Spanned<String>,
    pub name: String,
    /// Other names the text uses for the trial (`Liu 等人`); every mention links to its page.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub registration: Option<String>,
    pub phase: Option<String>,
    #[serde(default)]
    pub citations: Vec<Spanned<String>>,
    pub design: Option<Text>,
    #[serde(default)]
    pub setting: Setting,
    #[serde(default)]
    pub arms: Vec<Arm>,
    #[serde(default)]
    pub results: Vec<ResultEntry>,
    #[serde(default)]
    pub liver_metastasis: Vec<LiverMetastasis>,
    #[serde(default)]
    pub adverse_events: Vec<AdverseEvent>,
    #[serde(default)]
    pub approvals: Vec<Approval>,
    #[serde(default)]
    pub notes: Vec<Text>,
    /// Where the trial-level fields come from, when not the default.
    #[serde(default)]
    pub provenance: Provenance,
}

/// Where a field comes from: `"source"` (the review's source article) or an external reference,
/// a bibliography key (`kang2022`) or a registry id (`NCT02746796`). Readers must be able to
/// tell what the source says from what was added to it.
pub type Origin = String;

/// The origin of each trial-level field. Unset fields take the defaults of
/// [`Provenance::of`]: registration numbers and publications are external (they come from the
/// trials' publications), everything else comes from the source.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub registration: Option<Origin>,
    pub phase: Option<Origin>,
    pub design: Option<Origin>,
    pub setting: Option<Origin>,
    pub arms: Option<Origin>,
    pub citations: Option<Origin>,
}

/// Where a trial-level field comes from, with its default applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "from", content = "ref", rename_all = "lowercase")]
pub enum Sourced {
    Source,
    External(String),
}

impl Sourced {
    pub fn parse(origin: &str) -> Sourced {
        if origin == "source" {
            Sourced::Source
        } else {
            Sourced::External(origin.to_string())
        }
    }

    pub fn is_external(&self) -> bool {
        matches!(self, Sourced::External(_))
    }
}

impl Trial {
    /// The origin of a trial-level field (`registration`, `phase`, `design`, `setting`, `arms`,
    /// `citations`). Registration numbers and publications default to the trial's first
    /// publication, else `trial-publications` (they come from the trials' confirmed
    /// publications, not from the source).
    pub fn provenance_of(&self, field: &str) -> Sourced {
        let p = &self.provenance;
        let set = match field {
            "registration" => &p.registration,
            "phase" => &p.phase,
            "design" => &p.design,
            "setting" => &p.setting,
            "arms" => &p.arms,
            "citations" => &p.citations,
            _ => &None,
        };
        match set {
            Some(origin) => Sourced::parse(origin),
            None if matches!(field, "registration" | "citations") => Sourced::External(
                self.citations
                    .first()
                    .map_or_else(|| "trial-publications".into(), |c| c.get_ref().clone()),
            ),
            None => Sourced::Source,
        }
    }
}

/// The origin of an entry's figures: the source unless `origin` names an external reference.
pub fn entry_origin(origin: &Option<Origin>) -> Sourced {
    origin.as_deref().map_or(Sourced::Source, Sourced::parse)
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Setting {
    pub line: Option<Spanned<String>>,
    pub her2: Option<Spanned<String>>,
    pub population: Option<Text>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Arm {
    pub id: Spanned<String>,
    pub label: Text,
    pub n: Option<u32>,
}

/// Figures per arm (medians in months, or percentages), keyed by arm id.
pub type PerArm = BTreeMap<Spanned<String>, Spanned<f64>>;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ResultEntry {
    pub population: Spanned<String>,
    pub subgroup: Option<Spanned<String>>,
    pub endpoint: Spanned<String>,
    #[serde(default)]
    pub medians: PerArm,
    #[serde(default)]
    pub rates: PerArm,
    pub hr: Option<Spanned<f64>>,
    pub ci: Option<Spanned<[f64; 2]>>,
    pub p: Option<Spanned<f64>>,
    pub follow_up_months: Option<Spanned<f64>>,
    #[serde(default)]
    pub source_refs: Vec<Spanned<SourceRef>>,
    pub note: Option<Text>,
    /// Where the figures come from; absent: the source article.
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LiverMetastasis {
    pub population: Spanned<String>,
    pub count: Option<u32>,
    pub of: Option<u32>,
    #[serde(default)]
    pub percent: PerArm,
    #[serde(default)]
    pub source_refs: Vec<Spanned<SourceRef>>,
    pub note: Option<Text>,
    /// Where the figures come from; absent: the source article.
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AdverseEvent {
    pub event: Spanned<String>,
    #[serde(default)]
    pub rates: PerArm,
    #[serde(default)]
    pub source_refs: Vec<Spanned<SourceRef>>,
    pub note: Option<Text>,
    /// Where the figures come from; absent: the source article.
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    pub agency: String,
    pub date: Option<Spanned<String>>,
    pub indication: Option<Text>,
    #[serde(default)]
    pub source_refs: Vec<Spanned<SourceRef>>,
    /// Where the figures come from; absent: the source article.
    pub origin: Option<Origin>,
}

/// Where a figure comes from: a citation key of the bibliography (`janjigian2021`), or the
/// number under which the review cites it (`2`; in the default site these are the source's).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum SourceRef {
    Number(u32),
    Key(String),
}

impl TrialFile {
    /// Every source reference of the trial's figures, with its span in the file.
    pub fn source_refs(&self) -> impl Iterator<Item = &Spanned<SourceRef>> {
        let t = &self.trial;
        t.results
            .iter()
            .flat_map(|r| &r.source_refs)
            .chain(t.liver_metastasis.iter().flat_map(|l| &l.source_refs))
            .chain(t.adverse_events.iter().flat_map(|a| &a.source_refs))
            .chain(t.approvals.iter().flat_map(|a| &a.source_refs))
    }
}

/// A vocabulary term: its label in each language.
pub type Term = Text;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum EndpointKind {
    /// Medians in months, compared by hazard ratios.
    #[default]
    Time,
    /// Percentages of patients.
    Rate,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Endpoint {
    pub abbr: Option<String>,
    #[serde(default)]
    pub kind: EndpointKind,
    #[serde(flatten)]
    pub labels: Text,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    #[serde(default)]
    pub populations: BTreeMap<String, Term>,
    #[serde(default)]
    pub subgroups: BTreeMap<String, Term>,
    #[serde(default)]
    pub endpoints: BTreeMap<String, Endpoint>,
    #[serde(default)]
    pub events: BTreeMap<String, Term>,
    #[serde(default)]
    pub lines: BTreeMap<String, Term>,
    #[serde(default)]
    pub her2: BTreeMap<String, Term>,
}

/// A trial with the file it came from.
#[derive(Debug, Clone)]
pub struct TrialFile {
    pub path: PathBuf,
    pub text: String,
    pub trial: Trial,
}

/// All trial data of a site.
#[derive(Debug, Clone, Default)]
pub struct TrialData {
    pub vocabulary: Vocabulary,
    /// Sorted by id.
    pub trials: Vec<TrialFile>,
}

impl TrialData {
    pub fn ids(&self) -> HashSet<String> {
        self.trials
            .iter()
            .map(|t| t.trial.id.get_ref().clone())
            .collect()
    }

    /// Every name and alias with its trial id, longest first (so `CheckMate 649` wins over a
    /// shorter name that is a prefix of it).
    pub fn names(&self) -> Vec<(String, String)> {
        let mut names: Vec<(String, String)> = self
            .trials
            .iter()
            .flat_map(|t| {
                let id = t.trial.id.get_ref().clone();
                std::iter::once(t.trial.name.clone())
                    .chain(t.trial.aliases.clone())
                    .map(move |n| (n, id.clone()))
            })
            .collect();
        names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        names
    }

    pub fn get(&self, id: &str) -> Option<&Trial> {
        self.trials
            .iter()
            .find(|t| t.trial.id.get_ref() == id)
            .map(|t| &t.trial)
    }
}

/// Reads `content/vocabulary.toml` and `content/trials/*.toml`; every problem goes to `diags`.
pub fn load_trial_data(
    content_dir: &Path,
    languages: &[&str],
    diags: &mut Diagnostics,
) -> TrialData {
    let vocabulary = load_vocabulary(&content_dir.join("vocabulary.toml"), languages, diags);
    let mut trials: Vec<TrialFile> = Vec::new();
    let dir = content_dir.join("trials");
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect(),
        Err(_) => Vec::new(),
    };
    paths.sort();
    for path in paths {
        let Some(file) = read_trial(&path, diags) else {
            continue;
        };
        if let Some(problem) = crate::source::paths::segment_problem(file.trial.id.get_ref()) {
            diags.push(
                Diagnostic::error(
                    "E0105",
                    format!(
                        "trial id `{}` cannot be used in a URL: {problem}",
                        file.trial.id.get_ref()
                    ),
                )
                .at(span_location(&file, file.trial.id.span()))
                .hint(crate::source::paths::SEGMENT_HINT),
            );
            continue;
        }
        if let Some(first) = trials
            .iter()
            .find(|t| t.trial.id.get_ref() == file.trial.id.get_ref())
        {
            diags.push(
                Diagnostic::error(
                    "E0402",
                    format!("duplicate trial id `{}`", file.trial.id.get_ref()),
                )
                .at(span_location(&file, file.trial.id.span()))
                .hint(format!(
                    "{} already uses this id; ids must be unique",
                    first.path.display()
                )),
            );
            continue;
        }
        diags.extend(crate::source::lang_keys::check_document(
            &file.path, &file.text, languages,
        ));
        validate_trial(&file, &vocabulary, languages, diags);
        trials.push(file);
    }
    TrialData { vocabulary, trials }
}

fn load_vocabulary(path: &Path, languages: &[&str], diags: &mut Diagnostics) -> Vocabulary {
    let Some(text) = crate::source::input::read_optional_reported(path, diags) else {
        return Vocabulary::default();
    };
    match toml::from_str::<Vocabulary>(&text) {
        Ok(vocabulary) => {
            diags.extend(crate::source::lang_keys::check_document(
                path, &text, languages,
            ));
            check_vocabulary_languages(path, &text, &vocabulary, languages, diags);
            vocabulary
        }
        Err(e) => {
            diags.push(toml_error("E0401", path, &text, &e));
            Vocabulary::default()
        }
    }
}

/// Every label must exist in every language, or a page would show a bare key.
fn check_vocabulary_languages(
    path: &Path,
    text: &str,
    v: &Vocabulary,
    languages: &[&str],
    diags: &mut Diagnostics,
) {
    let groups: [(&str, Vec<(&String, &Text)>); 6] = [
        ("populations", v.populations.iter().collect()),
        ("subgroups", v.subgroups.iter().collect()),
        (
            "endpoints",
            v.endpoints.iter().map(|(k, e)| (k, &e.labels)).collect(),
        ),
        ("events", v.events.iter().collect()),
        ("lines", v.lines.iter().collect()),
        ("her2", v.her2.iter().collect()),
    ];
    for (group, terms) in groups {
        for (key, labels) in terms {
            for lang in languages {
                if !labels.contains_key(*lang) {
                    let header = format!("[{group}.{key}]");
                    let offset = text.find(&header).unwrap_or(0);
                    diags.push(
                        Diagnostic::error(
                            "E0409",
                            format!("vocabulary term `{group}.{key}` has no `{lang}` label"),
                        )
                        .at(Location::at_offset(path, text, offset, header.len()))
                        .hint(format!("add `{lang} = \"…\"` under {header}")),
                    );
                }
            }
        }
    }
}

fn read_trial(path: &Path, diags: &mut Diagnostics) -> Option<TrialFile> {
    let text = match crate::source::input::read_text(path) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    match toml::from_str::<Trial>(&text) {
        Ok(trial) => Some(TrialFile {
            path: path.to_path_buf(),
            text,
            trial,
        }),
        Err(e) => {
            diags.push(toml_error("E0401", path, &text, &e));
            None
        }
    }
}

fn span_location(file: &TrialFile, span: std::ops::Range<usize>) -> Location {
    Location::at_offset(&file.path, &file.text, span.start, span.len())
}

/// Checks one trial against the vocabulary and the rules of its numbers.
fn validate_trial(
    file: &TrialFile,
    vocabulary: &Vocabulary,
    languages: &[&str],
    diags: &mut Diagnostics,
) {
    let t = &file.trial;
    let at = |span: std::ops::Range<usize>| span_location(file, span);
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if *t.id.get_ref() != stem {
        diags.push(
            Diagnostic::error(
                "E0402",
                format!(
                    "trial id `{}` does not match the file name `{stem}.toml`",
                    t.id.get_ref()
                ),
            )
            .at(at(t.id.span()))
            .hint(format!("set `id = \"{stem}\"` or rename the file")),
        );
    }
    let check = Checker {
        file,
        diags: std::cell::RefCell::new(Vec::new()),
    };
    let arms: Vec<&str> = t.arms.iter().map(|a| a.id.get_ref().as_str()).collect();
    if let Some(line) = &t.setting.line {
        check.term("lines", &vocabulary.lines, line);
    }
    if let Some(her2) = &t.setting.her2 {
        check.term("her2", &vocabulary.her2, her2);
    }
    for r in &t.results {
        check.term("populations", &vocabulary.populations, &r.population);
        if let Some(s) = &r.subgroup {
            check.term("subgroups", &vocabulary.subgroups, s);
        }
        if !vocabulary.endpoints.contains_key(r.endpoint.get_ref()) {
            check.unknown_term("endpoints", vocabulary.endpoints.keys(), &r.endpoint);
        }
        check.per_arm(&r.medians, &arms, Bound::NonNegative);
        check.per_arm(&r.rates, &arms, Bound::Percent);
        check.hazard_ratio(r);
        if let Some(f) = &r.follow_up_months {
            check.bound(f, Bound::NonNegative);
        }
        if let Some(p) = &r.p {
            check.bound(p, Bound::Probability);
        }
    }
    for lm in &t.liver_metastasis {
        check.term("populations", &vocabulary.populations, &lm.population);
        check.per_arm(&lm.percent, &arms, Bound::Percent);
        if let (Some(count), Some(of)) = (lm.count, lm.of) {
            if count > of {
                check.push(
                    Diagnostic::error(
                        "E0408",
                        format!("count {count} is larger than the population size {of}"),
                    )
                    .at(at(lm.population.span()))
                    .hint("`count` is how many of the `of` patients had liver metastases"),
                );
            }
        }
    }
    for ae in &t.adverse_events {
        check.term("events", &vocabulary.events, &ae.event);
        check.per_arm(&ae.rates, &arms, Bound::Percent);
    }
    for approval in &t.approvals {
        if let Some(date) = &approval.date {
            check.date(date);
        }
    }
    check.texts(t, languages);
    diags.extend(check.diags.into_inner());
}

#[derive(Clone, Copy)]
enum Bound {
    NonNegative,
    Percent,
    Probability,
}

struct Checker<'a> {
    file: &'a TrialFile,
    diags: std::cell::RefCell<Vec<Diagnostic>>,
}

impl Checker<'_> {
    fn push(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    fn at(&self, span: std::ops::Range<usize>) -> Location {
        span_location(self.file, span)
    }

    fn term(&self, group: &str, terms: &BTreeMap<String, Term>, key: &Spanned<String>) {
        if !terms.contains_key(key.get_ref()) {
            self.unknown_term(group, terms.keys(), key);
        }
    }

    fn unknown_term<'k>(
        &self,
        group: &str,
        known: impl Iterator<Item = &'k String>,
        key: &Spanned<String>,
    ) {
        let known: Vec<&str> = known.map(String::as_str).collect();
        self.push(
            Diagnostic::error(
                "E0403",
                format!(
                    "unknown {} name `{}`",
                    group.trim_end_matches('s'),
                    key.get_ref()
                ),
            )
            .at(self.at(key.span()))
            .hint(if known.is_empty() {
                format!(
                    "define it under [{group}.{}] in content/vocabulary.toml",
                    key.get_ref()
                )
            } else {
                format!(
                    "use one of: {} (or add it to content/vocabulary.toml)",
                    known.join(", ")
                )
            }),
        );
    }

    fn per_arm(&self, values: &PerArm, arms: &[&str], bound: Bound) {
        for (arm, value) in values {
            if arm.get_ref() != "all" && !arms.contains(&arm.get_ref().as_str()) {
                self.push(
                    Diagnostic::error("E0404", format!("unknown arm `{}`", arm.get_ref()))
                        .at(self.at(arm.span()))
                        .hint(format!(
                            "declare it with [[arms]] id = \"{}\", or use one of: {}",
                            arm.get_ref(),
                            arms.join(", ")
                        )),
                );
            }
            self.bound(value, bound);
        }
    }

    fn bound(&self, value: &Spanned<f64>, bound: Bound) {
        let v = *value.get_ref();
        let problem = match bound {
            Bound::NonNegative if v < 0.0 => Some((
                "E0408",
                format!("{v} is negative"),
                "medians and durations cannot be negative",
            )),
            Bound::Percent if !(0.0..=100.0).contains(&v) => Some((
                "E0407",
                format!("percentage {v} is outside 0–100"),
                "write percentages as 0–100, not fractions or counts",
            )),
            Bound::Probability if !(0.0..=1.0).contains(&v) => Some((
                "E0407",
                format!("p-value {v} is outside 0–1"),
                "a p-value is between 0 and 1",
            )),
            _ => None,
        };
        if let Some((code, message, hint)) = problem {
            self.push(
                Diagnostic::error(code, message)
                    .at(self.at(value.span()))
                    .hint(hint),
            );
        }
    }

    fn hazard_ratio(&self, r: &ResultEntry) {
        if let Some(hr) = &r.hr {
            if *hr.get_ref() <= 0.0 {
                self.push(
                    Diagnostic::error(
                        "E0405",
                        format!("hazard ratio {} must be greater than 0", hr.get_ref()),
                    )
                    .at(self.at(hr.span()))
                    .hint("a hazard ratio is a ratio of rates: positive, 1 meaning no difference"),
                );
            }
        }
        if let Some(ci) = &r.ci {
            let [low, high] = *ci.get_ref();
            let contains =
                r.hr.as_ref()
                    .is_none_or(|hr| low <= *hr.get_ref() && *hr.get_ref() <= high);
            if low <= 0.0 || low > high || !contains {
                let hr =
                    r.hr.as_ref()
                        .map_or("none".to_string(), |h| h.get_ref().to_string());
                self.push(
                    Diagnostic::error("E0406", format!("confidence interval [{low}, {high}] does not contain the hazard ratio {hr}"))
                        .at(self.at(ci.span()))
                        .hint("write the CI as [lower, upper] with 0 < lower <= hr <= upper"),
                );
            }
        }
    }

    fn date(&self, date: &Spanned<String>) {
        let d = date.get_ref();
        let parts: Vec<&str> = d.split('-').collect();
        let ok = !parts.is_empty()
            && parts.len() <= 3
            && parts[0].len() == 4
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            && parts
                .get(1)
                .is_none_or(|m| m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)));
        if !ok {
            self.push(
                Diagnostic::error("E0410", format!("`{d}` is not a date"))
                    .at(self.at(date.span()))
                    .hint("write YYYY, YYYY-MM or YYYY-MM-DD"),
            );
        }
    }

    /// Arm labels must exist in every language; other texts are optional per language.
    fn texts(&self, t: &Trial, languages: &[&str]) {
        for arm in &t.arms {
            for lang in languages {
                if !arm.label.contains_key(*lang) {
                    self.push(
                        Diagnostic::error(
                            "E0409",
                            format!("arm `{}` has no `{lang}` label", arm.id.get_ref()),
                        )
                        .at(self.at(arm.id.span()))
                        .hint(format!("add `{lang} = \"…\"` to the arm's label")),
                    );
                }
            }
        }
    }
}
