//! Tera templates: the built-in set, overridden file by file by the site's own `templates/`.

use std::path::{Path, PathBuf};

use tera::{ErrorKind, Tera};

use crate::diagnostics::{Diagnostic, Location};

/// The built-in templates, compiled into the binary so a site needs none of its own.
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("landing.html", include_str!("../../templates/landing.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("missing.html", include_str!("../../templates/missing.html")),
    (
        "contents.html",
        include_str!("../../templates/contents.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("trial.html", include_str!("../../templates/trial.html")),
    ("trials.html", include_str!("../../templates/trials.html")),
    (
        "references.html",
        include_str!("../../templates/references.html"),
    ),
    (
        "glossary.html",
        include_str!("../../templates/glossary.html"),
    ),
];

/// Templates with where each came from, so errors can point at the right file.
pub struct Templates {
    pub tera: Tera,
    sources: Vec<(String, PathBuf, String)>,
}

impl Templates {
    /// Loads the built-in templates and every `*.html` file in `dir`, which replaces the built-in
    /// template of the same name.
    pub fn load(dir: &Path) -> Result<Templates, Diagnostic> {
        let mut sources: Vec<(String, PathBuf, String)> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    PathBuf::from(format!("<built-in>/templates/{name}")),
                    text.to_string(),
                )
            })
            .collect();
        for (name, path) in site_templates(dir)? {
            let text = crate::source::input::read_text(&path)?;
            sources.retain(|(n, _, _)| *n != name);
            sources.push((name, path, text));
        }
        let mut tera = Tera::new();
        tera.autoescape_on(vec![".html", ".xml"]);
        let raw = sources
            .iter()
            .map(|(name, _, text)| (name.as_str(), text.as_str()));
        let mut templates = Templates {
            tera: Tera::new(),
            sources: Vec::new(),
        };
        if let Err(e) = tera.add_raw_templates(raw) {
            templates.sources = sources;
            return Err(templates.diagnostic(&e, "E0201"));
        }
        templates.tera = tera;
        templates.sources = sources;
        Ok(templates)
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.iter().any(|(n, _, _)| n == name)
    }

    /// Turns a Tera error into a diagnostic at the template's file, line and column.
    pub fn diagnostic(&self, err: &tera::Error, code: &'static str) -> Diagnostic {
        match err.kind() {
            ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
                let span = report.span();
                let name = report.filename();
                let message = format!("template `{name}`: {}", report.message());
                let d = Diagnostic::error(code, message).hint(template_hint(report.message()));
                match self.sources.iter().find(|(n, _, _)| n == name) {
                    Some((_, path, text)) => d.at(Location::at_line(
                        path,
                        text,
                        span.start_line,
                        span.start_col + 1,
                    )),
                    None => d,
                }
            }
            ErrorKind::MissingParent { current, parent } => Diagnostic::error(
                "E0203",
                format!("template `{current}` extends `{parent}`, which does not exist"),
            )
            .at(self.location_of(current))
            .hint(format!(
                "add templates/{parent} or extend one of: {}",
                self.names().join(", ")
            )),
            ErrorKind::TemplateNotFound(name) => {
                Diagnostic::error("E0203", format!("template `{name}` does not exist")).hint(
                    format!(
                        "add templates/{name} or use one of: {}",
                        self.names().join(", ")
                    ),
                )
            }
            _ => Diagnostic::error(code, format!("template error: {err}"))
                .hint("see the Tera documentation for the template syntax"),
        }
    }

    fn location_of(&self, name: &str) -> Location {
        let path = self
            .sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, p, _)| p.clone());
        Location::file(path.unwrap_or_else(|| PathBuf::from(name)))
    }

    fn names(&self) -> Vec<&str> {
        self.sources.iter().map(|(n, _, _)| n.as_str()).collect()
    }
}

fn template_hint(message: &str) -> String {
    if message.contains("not found")
        || message.contains("undefined")
        || message.contains("Undefined")
    {
        "check the variable or filter name against the documented template values (docs/templates.md)".into()
    } else {
        "check the Tera syntax near the marked place: every `{%` block needs its `{% end… %}`"
            .into()
    }
}

fn site_templates(dir: &Path) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            Diagnostic::error("E0104", format!("cannot read the templates folder: {e}"))
                .at(Location::file(dir))
        })?;
        let is_template = entry
            .path()
            .extension()
            .is_some_and(|e| e == "html" || e == "xml");
        if entry.file_type().is_file() && is_template {
            let name = entry
                .path()
                .strip_prefix(dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            found.push((name, entry.into_path()));
        }
    }
    Ok(found)
}
