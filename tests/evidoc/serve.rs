//! `evidoc serve`: the real binary on a free port, against a copy of a fixture, spoken to with a
//! raw TCP client (request lines sent as written, never normalised by a URL library).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::Site;

/// A running `evidoc serve`, stopped when dropped.
pub struct Server {
    child: Child,
    pub port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    pub fn start(site: &Site) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts the server on a port the system picks and waits until it listens.
    pub fn start_with(site: &Site, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_evidoc"))
            .args(["serve", "--port", "0", "--root"])
            .arg(site.root())
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        collect(child.stderr.take().unwrap(), stderr.clone());
        let (tx, rx) = std::sync::mpsc::channel();
        let out = child.stdout.take().unwrap();
        let lines = stdout.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("Serving http://") {
                    let host_port = rest.split('/').next().unwrap();
                    let port: u16 = host_port.rsplit(':').next().unwrap().parse().unwrap();
                    let _ = tx.send(port);
                }
                lines.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let Ok(port) = rx.recv_timeout(Duration::from_secs(60)) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!("server did not start\nstderr:\n{}", stderr.lock().unwrap());
        };
        Server {
            child,
            port,
            stdout,
            stderr,
        }
    }

    pub fn get(&self, target: &str) -> Response {
        request(self.port, &format!("GET {target} HTTP/1.1"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Fetches `target` until its body satisfies `ok` (or fails after 30 s).
    pub fn poll(&self, target: &str, what: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let started = Instant::now();
        loop {
            let response = self.get(target);
            if ok(&response) {
                return response;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{target} never showed {what}; last body:\n{}\nstdout:\n{}\nstderr:\n{}",
                response.body,
                self.stdout(),
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn collect(mut from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            into.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Sends `request_line` (exactly as given) with a Host header, and reads the whole response.
pub fn request(port: u16, request_line: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let raw = format!("{request_line}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(raw.as_bytes()).unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    parse_response(&bytes)
}

fn parse_response(bytes: &[u8]) -> Response {
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = bytes[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(n, v)| n.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    } else if let Some((_, length)) = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
    {
        assert_eq!(body.len(), length.parse::<usize>().unwrap(), "short body");
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&rest[..end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 4 + size..];
    }
}

const PAGE: &str = "content/guide/markdown.en.md";

#[test]
fn serves_the_site_and_an_edit_reaches_the_page() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    let page = server.get("/en/guide/markdown/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Markdown features"));
    assert!(
        page.body
            .contains("<script src=\"/__evidoc/live.js\" data-version="),
        "live reload script injected"
    );
    assert!(!page.body.contains("evidoc-overlay"));
    let zh = server.get("/zh/guide/markdown/");
    assert_eq!(zh.status, 200);

    site.edit(PAGE, "A footnote", "An edited footnote");
    server.poll("/en/guide/markdown/", "the edit", |r| {
        r.body.contains("An edited footnote")
    });
    let log = server.stdout();
    assert!(
        log.contains("content/guide/markdown.en.md changed: 2 pages rendered (incremental)"),
        "one page in each language, incrementally:\n{log}"
    );
    // What the incremental rebuild serves is what a full build writes (the dev server builds
    // no search index, so the build leaves it out too).
    site.run(&["build", "--no-search"]).success();
    for page in [
        "en/guide/markdown/index.html",
        "zh/guide/markdown/index.html",
    ] {
        let served = server.get(&format!("/{page}"));
        assert_eq!(without_script(&served.body), site.read(page), "{page}");
    }

    // A change other pages see (the title) rebuilds everything: the sidebar of another page shows it.
    site.edit(
        PAGE,
        "title = \"Markdown features\"",
        "title = \"Markdown, renamed\"",
    );
    server.poll("/en/guide/linking/", "the new title in the sidebar", |r| {
        r.body.contains("Markdown, renamed")
    });
    assert!(server.stdout().contains("(full)"), "{}", server.stdout());
}

#[test]
fn a_broken_edit_shows_the_overlay_and_keeps_serving_the_last_good_page() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    site.edit(PAGE, "weight = 1", "weight = \"first\"");
    let broken = server.poll_overlay("/en/guide/linking/");
    assert!(
        broken.body.contains("content/guide/markdown.en.md:"),
        "file of the error in the overlay:\n{}",
        broken.body
    );
    assert!(broken.body.contains("error[E0101]"), "{}", broken.body);
    let old = server.get("/en/guide/markdown/");
    assert_eq!(old.status, 200);
    assert!(
        old.body.contains("A footnote"),
        "the last good page is still served"
    );
    assert!(old.body.contains("id=\"evidoc-overlay\""));
    let stderr = server.stderr();
    assert!(
        stderr.contains("error[E0101]"),
        "terminal shows it too:\n{stderr}"
    );
    // The overlay holds exactly what the terminal printed (HTML-escaped).
    let first_line = stderr.lines().find(|l| l.contains("error[E0101]")).unwrap();
    let escaped = first_line
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;");
    assert!(broken.body.contains(&escaped), "overlay lacks {escaped:?}");

    site.edit(PAGE, "weight = \"first\"", "weight = 1");
    server.poll("/en/guide/linking/", "the overlay gone", |r| {
        !r.body.contains("evidoc-overlay")
    });
    assert!(server.child_alive());
}

/// An incremental rebuild that fails leaves the model as it was: pages go on rendering from the
/// last good site. An edit to another page meanwhile waits, and both are served once the
/// first page is fixed.
#[test]
fn an_edit_made_while_another_page_is_broken_is_served_once_it_is_fixed() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    // A link to a page that does not exist: local to the page, and an error.
    site.edit(
        PAGE,
        "A footnote[^a].",
        "A footnote[^a]. [Gone](@/guide/gone.md).",
    );
    let broken = server.poll_overlay("/en/guide/markdown/");
    assert!(
        broken.body.contains("<p>A footnote<sup"),
        "the last good page is served:\n{}",
        broken.body
    );

    site.edit(LINKS, "Back to", "Now back to");
    server.wait_for_log("content/guide/links.en.md changed");
    let waiting = server.get("/en/guide/linking/");
    assert!(waiting.body.contains("id=\"evidoc-overlay\""));
    assert!(
        !waiting.body.contains("Now back to"),
        "not served while the site is broken"
    );

    site.edit(PAGE, " [Gone](@/guide/gone.md).", "");
    server.poll("/en/guide/linking/", "the waiting edit", |r| {
        r.body.contains("Now back to") && !r.body.contains("evidoc-overlay")
    });
    let fixed = server.get("/en/guide/markdown/");
    assert!(fixed.body.contains("<p>A footnote<sup") && !fixed.body.contains("evidoc-overlay"));
}

/// The print editions hold every page: not kept by the server, rendered when asked for, and
/// rendered again after an edit.
#[test]
fn the_print_edition_is_rendered_when_asked_for_and_follows_edits() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    let first = server.get("/en/print/");
    assert_eq!(first.status, 200);
    assert!(first.body.contains("A footnote"), "{}", first.body);
    site.edit(PAGE, "A footnote[^a].", "A changed footnote[^a].");
    server.poll("/en/guide/markdown/", "the edit", |r| {
        r.body.contains("A changed footnote")
    });
    let after = server.get("/en/print/");
    assert_eq!(after.status, 200);
    assert!(after.body.contains("A changed footnote"), "{}", after.body);
}

const LINKS: &str = "content/guide/links.en.md";

impl Server {
    /// Polls `target` until it is served with the overlay of a failed rebuild.
    pub fn poll_overlay(&self, target: &str) -> Response {
        self.poll(target, "the overlay", |r| {
            r.body.contains("id=\"evidoc-overlay\"")
        })
    }

    /// Waits (30 s at most) until the server's log (either stream) has a line with `what`.
    fn wait_for_log(&self, what: &str) {
        let started = std::time::Instant::now();
        while started.elapsed() < std::time::Duration::from_secs(30) {
            if self.stdout().contains(what) || self.stderr().contains(what) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!(
            "no log line with {what:?}:\n{}\n{}",
            self.stdout(),
            self.stderr()
        );
    }

    fn child_alive(&self) -> bool {
        let mut ps =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        ps.retain(|c| c != '\n');
        !ps.is_empty() && !ps.contains(") Z ")
    }
}

#[test]
fn a_site_that_does_not_build_at_start_is_served_once_fixed() {
    let site = Site::fixture("basic");
    site.edit(PAGE, "weight = 1", "weight = \"first\"");
    let server = Server::start(&site);
    let first = server.get("/en/guide/markdown/");
    assert_eq!(first.status, 503);
    assert!(first.body.contains("error[E0101]"), "{}", first.body);
    site.edit(PAGE, "weight = \"first\"", "weight = 1");
    let fixed = server.poll("/en/guide/markdown/", "the page", |r| r.status == 200);
    assert!(fixed.body.contains("Markdown features"));
}

#[test]
fn request_targets_outside_the_site_never_reach_a_file() {
    let site = Site::fixture("basic");
    let server = Server::start(&site);
    let secret = "base_url = ";
    assert!(site.read_source("evidoc.toml").contains(secret));
    let attempts = [
        "GET /../evidoc.toml HTTP/1.1",
        "GET /../../evidoc.toml HTTP/1.1",
        "GET /en/../../evidoc.toml HTTP/1.1",
        "GET /%2e%2e/evidoc.toml HTTP/1.1",
        "GET /%2E%2E/%2e%2e/evidoc.toml HTTP/1.1",
        "GET /en/..%2f..%2fevidoc.toml HTTP/1.1",
        "GET /en/%2e%2e%2f%2e%2e%2fevidoc.toml HTTP/1.1",
        "GET /..\\evidoc.toml HTTP/1.1",
        "GET /en\\..\\..\\evidoc.toml HTTP/1.1",
        "GET /%5c..%5cevidoc.toml HTTP/1.1",
        "GET /evidoc.toml%00.html HTTP/1.1",
        "GET /en/%00 HTTP/1.1",
        "GET http://127.0.0.1/../evidoc.toml HTTP/1.1",
        "GET http://example.org/evidoc.toml HTTP/1.1",
        "GET //evidoc.toml HTTP/1.1",
        "GET evidoc.toml HTTP/1.1",
        "GET /evidoc.toml HTTP/1.1",
        "GET /content/guide/markdown.en.md HTTP/1.1",
        "GET /./evidoc.toml HTTP/1.1",
        "GET /%ff%fe HTTP/1.1",
    ];
    for attempt in attempts {
        let response = request(server.port, attempt);
        assert!(
            response.status == 400 || response.status == 404,
            "{attempt}: status {}",
            response.status
        );
        assert!(
            !response.body.contains(secret) && !response.body.contains("Markdown features"),
            "{attempt} leaked a file:\n{}",
            response.body
        );
    }
    assert_eq!(
        request(server.port, "GET /%2e%2e/evidoc.toml HTTP/1.1").status,
        400
    );
    assert_eq!(
        request(server.port, "GET http://127.0.0.1/en/ HTTP/1.1").status,
        400
    );
    // The server is still fine.
    assert_eq!(server.get("/en/").status, 200);
}

#[test]
fn content_types_redirects_and_the_404_page() {
    let site = Site::fixture("trials");
    // Files of each kind in the built site: a font and an image from the site's theme.
    site.write("theme/fonts/body.woff2", "wOF2 not really a font");
    std::fs::write(site.root().join("theme/logo.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    let server = Server::start(&site);
    let cases = [
        ("/", "text/html; charset=utf-8"),
        ("/en/results/", "text/html; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/evidoc.js", "text/javascript; charset=utf-8"),
        ("/assets/favicon.svg", "image/svg+xml"),
        ("/en/results/hr-table.csv", "text/csv; charset=utf-8"),
        ("/data/trials.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
        ("/assets/fonts/body.woff2", "font/woff2"),
        ("/assets/logo.png", "image/png"),
        ("/__evidoc/live.js", "text/javascript; charset=utf-8"),
    ];
    for (path, mime) in cases {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}: {}", response.body);
        assert_eq!(response.header("content-type"), Some(mime), "{path}");
    }
    let redirect = server.get("/en/results");
    assert!(matches!(redirect.status, 301 | 308), "{}", redirect.status);
    assert_eq!(redirect.header("location"), Some("/en/results/"));
    let redirect = server.get("/zh/%74rials/alpha?x=1");
    assert!(matches!(redirect.status, 301 | 308), "{}", redirect.status);
    assert_eq!(redirect.header("location"), Some("/zh/%74rials/alpha/"));
    let redirect = server.get("/zh/trials/alpha?x=1");
    assert!(matches!(redirect.status, 301 | 308), "{}", redirect.status);
    assert_eq!(redirect.header("location"), Some("/zh/trials/alpha/"));
    let missing = server.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("kind-404"), "the site's 404 page");
    assert!(missing.body.contains("/__evidoc/live.js"));
    assert_eq!(server.get("/nothing.css").status, 404);
    // The built site is not on disk: serve writes nothing.
    assert!(!site.public().exists());
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = Site::fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    site.run(&["serve", "--port", &port])
        .fails_with(&["error[E0701]", "already in use", "--port"]);
}

#[test]
fn an_address_not_of_this_machine_cannot_be_listened_on() {
    let site = Site::fixture("basic");
    // TEST-NET-1 (RFC 5737): never an address of this machine.
    site.run(&["serve", "--bind", "192.0.2.1", "--port", "0"])
        .fails_with(&["error[E0702]", "cannot listen on 192.0.2.1", "--bind"]);
}

#[test]
fn a_missing_site_folder_cannot_be_watched() {
    let site = Site::fixture("basic");
    site.run(&["serve", "--root", "no-such-folder", "--port", "0"])
        .fails_with(&["error[E0703]", "no-such-folder", "--root"]);
}

#[test]
fn a_public_address_is_warned_about() {
    let site = Site::fixture("basic");
    let server = Server::start_with(&site, &["--bind", "0.0.0.0"]);
    assert_eq!(server.get("/en/").status, 200);
    assert!(
        server.stderr().contains("warning[W0701]"),
        "{}",
        server.stderr()
    );
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = Site::fixture("basic");
    let mut server = Server::start(&site);
    // An open live reload stream must not keep the server from stopping.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    write!(events, "GET /__evidoc/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut first = [0u8; 256];
    let n = events.read(&mut first).unwrap();
    assert!(String::from_utf8_lossy(&first[..n]).contains("text/event-stream"));
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(15),
            "still running after Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}\n{}", server.stderr());
    std::thread::sleep(Duration::from_millis(100));
    assert!(server.stdout().contains("Stopped."), "{}", server.stdout());
}

/// 200 connections at once fetch pages while rebuilds (incremental and full) replace them:
/// every response is whole and from one version of the page.
#[test]
fn under_load_no_request_fails_and_no_page_is_torn() {
    let site = Site::fixture("basic");
    site.edit(PAGE, "A footnote", "Marker-0-start A footnote");
    site.edit(
        PAGE,
        "[^a]: The footnote.",
        "[^a]: The footnote.\n\nMarker-0-end",
    );
    site.write("theme/extra.css", "/* 0 */");
    let server = Arc::new(Server::start(&site));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let editor = {
        let stop = stop.clone();
        let root = site.root().to_path_buf();
        std::thread::spawn(move || {
            let path = root.join(PAGE);
            let css = root.join("theme/extra.css");
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 40 {
                n += 1;
                let text = std::fs::read_to_string(&path).unwrap();
                let next = text.replace(&format!("Marker-{}-", n - 1), &format!("Marker-{n}-"));
                // As editors save: a temporary file renamed over the page.
                let tmp = path.with_file_name(".markdown.en.md.tmp");
                std::fs::write(&tmp, next).unwrap();
                std::fs::rename(&tmp, &path).unwrap();
                if n % 4 == 0 {
                    // A theme file: a full rebuild.
                    std::fs::write(&css, format!("/* {n} */")).unwrap();
                }
                std::thread::sleep(Duration::from_millis(120));
            }
            n
        })
    };
    let started = Instant::now();
    let workers: Vec<_> = (0..200)
        .map(|i| {
            let server = server.clone();
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                for round in 0..20 {
                    let target = match (i + round) % 3 {
                        0 => "/en/guide/markdown/",
                        1 => "/zh/guide/markdown/",
                        _ => "/en/guide/linking/",
                    };
                    let response = server.get(target);
                    assert_eq!(response.status, 200, "{target}");
                    assert!(response.body.trim_end().ends_with("</html>"), "whole page");
                    if target == "/en/guide/markdown/" {
                        let start = marker(&response.body, "start");
                        let end = marker(&response.body, "end");
                        assert_eq!(start, end, "a torn page");
                        seen.push(start);
                    }
                }
                seen
            })
        })
        .collect();
    let mut versions = std::collections::BTreeSet::new();
    for worker in workers {
        versions.extend(worker.join().expect("a request failed"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let edits = editor.join().unwrap();
    assert!(edits > 0);
    assert!(started.elapsed() < Duration::from_secs(60));
    eprintln!(
        "load: {} versions of the page seen, {edits} edits, {} ms",
        versions.len(),
        started.elapsed().as_millis()
    );
    let last = server.poll("/en/guide/markdown/", "the last edit", |r| {
        r.body.contains(&format!("Marker-{edits}-start"))
    });
    assert_eq!(marker(&last.body, "end"), edits);
}

/// A served page without the live reload script the server adds.
pub fn without_script(body: &str) -> String {
    let start = body
        .find("<script src=\"/__evidoc/live.js\"")
        .expect("script injected");
    let end = start + body[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &body[..start], &body[end..])
}

fn marker(body: &str, which: &str) -> usize {
    let at = body.find("Marker-").expect("marker on the page");
    let rest = &body[at..];
    let found = rest
        .match_indices("Marker-")
        .map(|(i, _)| &rest[i + 7..])
        .find(|r| r.split('-').nth(1).is_some_and(|w| w.starts_with(which)))
        .unwrap_or_else(|| panic!("no {which} marker"));
    found.split('-').next().unwrap().parse().unwrap()
}

/// In a real browser: an open page follows edits of its Markdown (the test never navigates),
/// a stylesheet change is swapped in without a reload, and a broken edit shows the overlay.
#[test]
fn an_open_page_in_chromium_follows_edits() {
    let Some(browser) = crate::browser::browser(1280, 900) else {
        return;
    };
    let site = Site::fixture("basic");
    site.write("theme/extra.css", "/* nothing yet */");
    let server = Server::start(&site);
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&server.url("/en/guide/markdown/"))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let eval = |js: &str| crate::browser::eval(&tab, js);
    let wait_for = |js: &str, what: &str| {
        let started = Instant::now();
        while eval(js) != serde_json::Value::Bool(true) {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the open page never showed {what}\nstdout:\n{}\nstderr:\n{}",
                server.stdout(),
                server.stderr()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    // The live reload stream is open before the edit.
    wait_for(
        "document.documentElement.dataset.evidocLive === 'connected'",
        "its event stream open",
    );
    std::thread::sleep(Duration::from_millis(300));

    // A stylesheet-only change: swapped in place, the page is not reloaded.
    eval("window.evidocMarker = 'same page'; true");
    site.write("theme/extra.css", "body { outline: 1px solid red }");
    wait_for(
        "Array.from(document.querySelectorAll('link[rel=stylesheet]')).some(l => l.href.includes('evidoc-reload='))",
        "the swapped stylesheet",
    );
    assert_eq!(eval("window.evidocMarker"), "same page");

    site.edit(PAGE, "A footnote", "A footnote edited in the browser test");
    wait_for(
        "document.body.innerText.includes('A footnote edited in the browser test')",
        "the edit",
    );
    assert_eq!(eval("window.evidocMarker === undefined"), true, "reloaded");

    site.edit(PAGE, "weight = 1", "weight = [");
    wait_for(
        "!!document.getElementById('evidoc-overlay') && document.getElementById('evidoc-overlay').innerText.includes('error[E0101]')",
        "the overlay",
    );
    assert_eq!(
        eval("document.body.innerText.includes('A footnote edited in the browser test')"),
        true,
        "the last good page stays under the overlay"
    );
    site.edit(PAGE, "weight = [", "weight = 1");
    wait_for(
        "!document.getElementById('evidoc-overlay')",
        "the overlay gone",
    );
}
