//! Front matter in the two forms static site generators use: TOML between `+++` lines (Zola,
//! Hugo) and YAML between `---` lines (Hugo, Jekyll). Both fill the same [`FrontMatter`], with the
//! same rule: a key evidoc does not know is an error naming it, except under `extra`.

use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{Diagnostic, Location};
use crate::source::content::FrontMatter;

/// Which fence opened the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fence {
    Toml,
    Yaml,
}

impl Fence {
    pub fn marker(self) -> &'static str {
        match self {
            Fence::Toml => "+++",
            Fence::Yaml => "---",
        }
    }

    /// The fence a file opens with, if any (after an optional byte-order mark).
    pub fn of(text: &str) -> Option<Fence> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first = text.split('\n').next().unwrap_or("").trim_end_matches('\r');
        match first {
            "+++" => Some(Fence::Toml),
            "---" => Some(Fence::Yaml),
            _ => None,
        }
    }
}

/// Parses YAML front matter that starts `offset` bytes into `file_text`; errors point into the file.
pub fn parse_yaml(
    path: &Path,
    file_text: &str,
    offset: usize,
    yaml: &str,
) -> Result<FrontMatter, Diagnostic> {
    serde_yaml::from_str(yaml).map_err(|e| {
        let at = e.location().map_or(0, |l| l.index());
        let message = crate::source::input::without_yaml_position(&e.to_string());
        let hint = if message.contains("unknown field") {
            "remove or rename the key (custom values go under `extra:`); the message lists the keys that are allowed"
        } else if message.contains("missing field") {
            "add the missing key"
        } else {
            "check the YAML syntax: `key: value`, one key per line, lists as `[a, b]` or `- a` lines"
        };
        Diagnostic::error("E0101", message)
            .at(Location::at_offset(path, file_text, offset + at, 1))
            .hint(hint)
    })
}

/// `date` as written: a TOML date (`date = 2024-05-01`), a YAML date or a string all become text.
pub fn date_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Option::<toml::Value>::deserialize(d)?;
    Ok(value.map(|v| match v {
        toml::Value::String(s) => s,
        other => other.to_string(),
    }))
}

/// Why an alias (an old URL of the page, relative to its language's root) cannot be written as
/// a redirect page, or `None` when it can. Each segment must be a safe path segment.
pub fn alias_problem(alias: &str) -> Option<String> {
    let trimmed = alias.trim_matches('/');
    if trimmed.is_empty() {
        return Some("it names the language's home page, which exists already".into());
    }
    trimmed
        .split('/')
        .find_map(|segment| crate::source::paths::segment_problem(segment))
}

/// The output path of an alias's redirect page under `lang`: `old/url/` → `en/old/url/index.html`;
/// an alias naming an `.html` file keeps its name.
pub fn alias_output_path(lang: &str, alias: &str) -> String {
    let trimmed = alias.trim_matches('/');
    if trimmed.ends_with(".html") && !alias.ends_with('/') {
        format!("{lang}/{trimmed}")
    } else {
        format!("{lang}/{trimmed}/index.html")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences() {
        assert_eq!(Fence::of("+++\ntitle = \"a\"\n+++\n"), Some(Fence::Toml));
        assert_eq!(
            Fence::of("\u{feff}---\r\ntitle: a\r\n---\r\n"),
            Some(Fence::Yaml)
        );
        assert_eq!(Fence::of("# Title\n"), None);
    }

    #[test]
    fn aliases() {
        assert_eq!(alias_problem("/old/page/"), None);
        assert!(alias_problem("/").is_some());
        assert!(alias_problem("../etc").is_some());
        assert!(alias_problem("a b").is_some());
        assert_eq!(
            alias_output_path("en", "/old/page/"),
            "en/old/page/index.html"
        );
        assert_eq!(alias_output_path("zh", "old.html"), "zh/old.html");
    }

    #[test]
    fn yaml_fills_the_same_front_matter() {
        let yaml = "title: A page\nweight: 3\ndate: 2024-05-01\naliases: [/old/]\nextra:\n  x: 1\n";
        let front = parse_yaml(Path::new("a.md"), yaml, 0, yaml).unwrap();
        assert_eq!(front.title, "A page");
        assert_eq!(front.weight, 3);
        assert_eq!(front.date.as_deref(), Some("2024-05-01"));
        assert_eq!(front.aliases, ["/old/"]);
        assert_eq!(front.extra["x"].as_integer(), Some(1));
        let bad = "title: A\ntags: [x]\n";
        let d = parse_yaml(Path::new("a.md"), bad, 0, bad).unwrap_err();
        assert!(d.message.contains("unknown field `tags`"), "{}", d.message);
        assert_eq!(d.location.unwrap().line, 2);
    }
}
