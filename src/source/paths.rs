//! Names that become output paths and URLs: slugs, content file and folder names, trial ids,
//! table names. Content may come from a pull request built in CI, so a name is accepted only as
//! one plain path segment: it can never climb out of the output folder, name a device, or break
//! a URL.

use std::path::{Component, Path};

/// Why `name` cannot be one segment of an output path, or `None` when it can.
pub fn segment_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("it is empty".into());
    }
    if name == "." || name == ".." {
        return Some(format!("`{name}` would leave the folder it names"));
    }
    if let Some(c) = name.chars().find(|c| c.is_control()) {
        return Some(format!(
            "it contains the control character U+{:04X}",
            c as u32
        ));
    }
    if let Some(c) = name.chars().find(|c| FORBIDDEN.contains(*c)) {
        return Some(format!(
            "it contains `{c}`, which is not allowed in a path segment"
        ));
    }
    if let Some(c) = name.chars().find(|c| c.is_whitespace()) {
        return Some(format!("it contains whitespace (U+{:04X})", c as u32));
    }
    if name.ends_with('.') {
        return Some("it ends with `.`, which Windows drops".into());
    }
    if is_windows_device(name) {
        return Some(format!("`{name}` is a reserved device name on Windows"));
    }
    None
}

/// Separators, drive letters, URL delimiters and the characters Windows forbids in file names.
const FORBIDDEN: &str = "/\\:<>\"|?*#%";

fn is_windows_device(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit())
}

/// What an author is told about names that become paths.
pub const SEGMENT_HINT: &str = "use letters, digits, `-` and `_` (for example `her2-negative`): a name becomes one folder of the output";

/// True when `path` (relative, `/`-separated, as renderers produce) stays inside its root.
/// The writer's second line of defence behind the checks on names.
pub fn stays_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains('\0')
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_pass() {
        for ok in ["her2-negative", "checkmate_649", "肝转移", "a.b", "v1.2"] {
            assert_eq!(segment_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn escapes_and_devices_fail() {
        for bad in [
            "", ".", "..", "../x", "/etc", "a\\b", "C:", "a\0b", "a\nb", "NUL", "com1.txt", "a b",
            "x.", "a#b", "50%",
        ] {
            assert!(segment_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn writer_paths() {
        assert!(stays_inside("en/a/index.html"));
        for bad in ["", "../x", "en/../../x", "/abs", "a//b", "a\\..\\b", "./a"] {
            assert!(!stays_inside(bad), "{bad:?}");
        }
    }
}
