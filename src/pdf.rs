//! Printing the print editions to PDF with headless Chromium: the browser already lays out the
//! print CSS (`@page` size and margin boxes, fragmentation, CJK fonts), embeds the fonts it
//! used, keeps links, writes an outline from the headings (`--generate-pdf-document-outline`)
//! and tags the PDF (`--export-tagged-pdf`). Only `evidoc pdf` and `evidoc build --pdf` need a
//! browser; it is found on PATH or named by `EVIDOC_CHROMIUM`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::diagnostics::{Diagnostic, Location};

/// The environment variable that names the browser to print with.
pub const BROWSER_VAR: &str = "EVIDOC_CHROMIUM";
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];
/// Longer than any print of a review takes (about 10 s for the default site).
const TIMEOUT: Duration = Duration::from_secs(300);

/// The browser: `EVIDOC_CHROMIUM` if set, else the first Chromium or Chrome on PATH.
pub fn find_browser() -> Result<PathBuf, Diagnostic> {
    if let Some(named) = std::env::var_os(BROWSER_VAR).filter(|v| !v.is_empty()) {
        let path = PathBuf::from(&named);
        return match on_path(&path) {
            Some(found) => Ok(found),
            None => Err(no_browser(&format!(
                "{BROWSER_VAR} names `{}`, which is not an executable file",
                path.display()
            ))),
        };
    }
    NAMES
        .iter()
        .find_map(|name| on_path(Path::new(name)))
        .ok_or_else(|| no_browser("no Chromium or Chrome found on PATH"))
}

fn no_browser(why: &str) -> Diagnostic {
    Diagnostic::error("E0602", format!("cannot make PDFs: {why}"))
        .hint(format!("install Chromium and the Noto CJK fonts (Debian, Ubuntu: `apt-get install chromium fonts-noto-cjk`), or set {BROWSER_VAR} to a Chromium or Chrome binary; `evidoc build` without --pdf needs no browser"))
}

/// `name` itself when it is a path to an executable file, else where PATH has it.
fn on_path(name: &Path) -> Option<PathBuf> {
    let executable = |p: &Path| p.is_file() && is_executable(p);
    if name.components().count() > 1 || name.is_absolute() {
        return executable(name).then(|| name.to_path_buf());
    }
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| executable(p))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_: &Path) -> bool {
    true
}

/// Prints the HTML file `page` to the PDF file `pdf` (overwritten). The browser's profile is a
/// fresh temporary folder, removed afterwards.
pub fn print(browser: &Path, page: &Path, pdf: &Path) -> Result<(), Diagnostic> {
    let profile = std::env::temp_dir().join(format!("evidoc-chromium-{}", std::process::id()));
    let _ = std::fs::remove_file(pdf);
    let mut command = Command::new(browser);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
            "--export-tagged-pdf",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let outcome = run(command, browser);
    let _ = std::fs::remove_dir_all(&profile);
    let stderr = outcome?;
    let written = std::fs::metadata(pdf).is_ok_and(|m| m.len() > 0);
    if written {
        return Ok(());
    }
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    Err(Diagnostic::error(
        "E0603",
        format!(
            "the browser did not print `{}` to PDF: {}",
            page.display(),
            tail.into_iter().rev().collect::<Vec<_>>().join(" / ")
        ),
    )
    .at(Location::file(page))
    .hint(format!("check that `{}` prints a page with --headless --print-to-pdf; Chromium 131 or later is needed for page numbers", browser.display())))
}

/// Runs the browser to its end (killed after [`TIMEOUT`]); returns what it printed on stderr.
fn run(mut command: Command, browser: &Path) -> Result<String, Diagnostic> {
    let failed = |what: String| {
        Diagnostic::error(
            "E0603",
            format!("cannot run `{}`: {what}", browser.display()),
        )
        .hint(format!(
            "install Chromium (`apt-get install chromium fonts-noto-cjk`) or set {BROWSER_VAR}"
        ))
    };
    let mut child = command.spawn().map_err(|e| failed(e.to_string()))?;
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(s) = stderr.as_mut() {
            let _ = std::io::Read::read_to_string(s, &mut text);
        }
        text
    });
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!("no PDF after {} s", TIMEOUT.as_secs())));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(e.to_string())),
        }
    }
    Ok(reader.join().unwrap_or_default())
}

/// A `file://` URL for an absolute path, with every byte outside the unreserved set escaped.
pub fn file_url(path: &Path) -> String {
    let absolute = crate::write::disk::absolute(path);
    let mut url = String::from("file://");
    for b in absolute.to_string_lossy().replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// The titles in a PDF's outline (bookmarks), in order, with their depth (0 for the top level).
/// Reads the uncompressed outline dictionaries that Chromium (Skia) writes; enough for tests
/// and tools, not a general PDF reader.
pub fn outline_titles(pdf: &[u8]) -> Vec<(usize, String)> {
    outline(pdf)
        .into_iter()
        .map(|(depth, title, _)| (depth, title))
        .collect()
}

/// The outline: depth, title and page number (1-based; 0 when unknown) of each entry.
pub fn outline(pdf: &[u8]) -> Vec<(usize, String, usize)> {
    let objects = objects(pdf);
    let pages = page_numbers(&objects);
    let Some(catalog) = objects.values().find(|o| o.contains("/Type /Catalog")) else {
        return Vec::new();
    };
    let Some(root) = reference(catalog, "/Outlines") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut stack: Vec<(usize, Option<u32>)> =
        vec![(0, objects.get(&root).and_then(|o| reference(o, "/First")))];
    while let Some((depth, next)) = stack.pop() {
        let Some(id) = next else { continue };
        let Some(item) = objects.get(&id) else {
            continue;
        };
        stack.push((depth, reference(item, "/Next")));
        if let Some(title) = pdf_string(item, "/Title") {
            let page = item
                .find("/Dest [")
                .and_then(|at| {
                    item[at + 7..]
                        .split_whitespace()
                        .next()?
                        .parse::<u32>()
                        .ok()
                })
                .and_then(|id| pages.get(&id).copied())
                .unwrap_or(0);
            out.push((depth, title, page));
        }
        stack.push((depth + 1, reference(item, "/First")));
    }
    out
}

/// Page object number → its page number, from the page tree in order.
fn page_numbers(
    objects: &std::collections::HashMap<u32, String>,
) -> std::collections::HashMap<u32, usize> {
    let mut numbers = std::collections::HashMap::new();
    let root = objects
        .values()
        .find(|o| o.contains("/Type /Catalog"))
        .and_then(|c| reference(c, "/Pages"));
    let mut stack: Vec<u32> = root.into_iter().collect();
    while let Some(id) = stack.pop() {
        let Some(node) = objects.get(&id) else {
            continue;
        };
        match node.find("/Kids [") {
            Some(at) if node.contains("/Type /Pages") => {
                let kids = node[at + 7..].split(']').next().unwrap_or("");
                let ids: Vec<u32> = kids
                    .split(" R")
                    .filter_map(|r| r.split_whitespace().next()?.parse().ok())
                    .collect();
                stack.extend(ids.into_iter().rev());
            }
            _ => {
                let n = numbers.len() + 1;
                numbers.insert(id, n);
            }
        }
    }
    numbers
}

/// Object number → the dictionary text of every `N 0 obj << … >>` (streams left out).
fn objects(pdf: &[u8]) -> std::collections::HashMap<u32, String> {
    let text = String::from_utf8_lossy(pdf);
    let mut out = std::collections::HashMap::new();
    let mut rest = &text[..];
    while let Some(at) = rest.find(" 0 obj") {
        let head = &rest[..at];
        let number: String = head
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect();
        let body_start = at + " 0 obj".len();
        let end = rest[body_start..]
            .find("endobj")
            .map_or(rest.len(), |e| body_start + e);
        let body = &rest[body_start..end];
        let body = body.split("stream").next().unwrap_or(body);
        if let Ok(n) = number.chars().rev().collect::<String>().parse() {
            out.insert(n, body.to_string());
        }
        rest = &rest[end..];
    }
    out
}

fn reference(dict: &str, key: &str) -> Option<u32> {
    let at = dict.find(&format!("{key} "))? + key.len() + 1;
    dict[at..].split_whitespace().next()?.parse().ok()
}

/// A text string (`(…)` or `<FEFF…>` UTF-16BE hex) of a dictionary key.
fn pdf_string(dict: &str, key: &str) -> Option<String> {
    let value = dict[dict.find(key)? + key.len()..].trim_start();
    if let Some(hex) = value.strip_prefix('<') {
        let hex: String = hex
            .chars()
            .take_while(|&c| c != '>')
            .filter(|c| !c.is_whitespace())
            .collect();
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .filter_map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).ok())
            .collect();
        return Some(decode_text(&bytes));
    }
    let literal = value.strip_prefix('(')?;
    let mut bytes = Vec::new();
    let mut chars = literal.bytes();
    while let Some(b) = chars.next() {
        match b {
            b')' => break,
            b'\\' => match chars.next() {
                Some(b'n') => bytes.push(b'\n'),
                Some(b'r') => bytes.push(b'\r'),
                Some(b't') => bytes.push(b'\t'),
                Some(d @ b'0'..=b'7') => {
                    let mut n = u32::from(d - b'0');
                    for _ in 0..2 {
                        match chars.clone().next() {
                            Some(d @ b'0'..=b'7') => {
                                n = n * 8 + u32::from(d - b'0');
                                chars.next();
                            }
                            _ => break,
                        }
                    }
                    bytes.push(n as u8);
                }
                Some(other) => bytes.push(other),
                None => break,
            },
            _ => bytes.push(b),
        }
    }
    Some(decode_text(&bytes))
}

fn decode_text(bytes: &[u8]) -> String {
    match bytes {
        [0xFE, 0xFF, rest @ ..] => {
            let units: Vec<u16> = rest
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        _ => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_is_read_in_order_with_depths() {
        let pdf = b"1 0 obj\n<</Type /Catalog /Outlines 2 0 R>>\nendobj\n2 0 obj\n<</First 3 0 R>>\nendobj\n3 0 obj\n<</Title <FEFF6458 8981> /Next 4 0 R /First 5 0 R>>\nendobj\n4 0 obj\n<</Title (B\\(x\\))>>\nendobj\n5 0 obj\n<</Title (A1)>>\nendobj\n";
        assert_eq!(
            outline_titles(pdf),
            [
                (0, "摘要".to_string()),
                (1, "A1".into()),
                (0, "B(x)".into())
            ]
        );
    }

    #[test]
    fn file_urls_are_escaped() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/中.html")),
            "file:///tmp/a%20b/%E4%B8%AD.html"
        );
    }
}
