//! Reading the site's text files, whatever editor wrote them.
//!
//! Windows editors (and many Chinese authors' tools) save UTF-8 with a byte-order mark and CRLF
//! line endings. Every input file goes through [`read_text`], which removes both, so the parsers
//! see one form and a site builds the same, byte for byte, whichever way its files were saved.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};

/// Reads a UTF-8 text file and normalises it (see [`normalize`]).
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| unreadable(path, &e))?;
    decode(path, bytes)
}

/// Like [`read_text`], for files a site may leave out: `Ok(None)` when the file does not exist.
pub fn read_optional_text(path: &Path) -> Result<Option<String>, Diagnostic> {
    match std::fs::read(path) {
        Ok(bytes) => decode(path, bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(unreadable(path, &e)),
    }
}

/// Like [`read_optional_text`] for loaders that collect problems: an unreadable file is
/// reported in `diags` and then treated as absent, so the other files are still checked.
pub fn read_optional_reported(
    path: &Path,
    diags: &mut crate::diagnostics::Diagnostics,
) -> Option<String> {
    read_optional_text(path).unwrap_or_else(|d| {
        diags.push(d);
        None
    })
}

fn unreadable(path: &Path, e: &std::io::Error) -> Diagnostic {
    let hint = if path.is_dir() {
        "a folder has the name of a file evidoc reads: rename it"
    } else {
        "check that the file exists and is readable"
    };
    Diagnostic::error("E0104", format!("cannot read file: {e}"))
        .at(Location::file(path))
        .hint(hint)
}

/// UTF-8 or a located error at the first byte that is not.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(normalize(text)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.into_bytes()[..offset]).into_owned();
            Err(Diagnostic::error("E0104", "file is not valid UTF-8 text")
                .at(Location::at_offset(path, &valid, offset, 0))
                .hint("save the file as UTF-8 (a binary file does not belong here: move it out of the site's sources)"))
        }
    }
}

/// Drops a leading byte-order mark and turns CRLF line endings into LF.
pub fn normalize(text: String) -> String {
    let without_bom = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if without_bom.contains('\r') {
        without_bom.replace("\r\n", "\n")
    } else {
        without_bom
    }
}

/// A YAML parser's message without the " at line L column C" it appends: diagnostics carry the
/// location themselves.
pub fn without_yaml_position(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_become_plain_lf() {
        assert_eq!(normalize("\u{feff}a\r\nb\r\n".into()), "a\nb\n");
        assert_eq!(normalize("a\rb\n".into()), "a\rb\n");
    }
}
