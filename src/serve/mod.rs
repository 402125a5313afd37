//! `evidoc serve`: the authoring loop. Builds the site into memory, serves it over HTTP on a
//! loopback address, watches the sources and rebuilds on change (one page alone when an edit
//! is local to it), tells open pages to reload, and shows the diagnostics of a failed rebuild
//! over every page while still serving the last good one. Bad input never stops it.
//!
//! - [`http`]: which file a request names, responses, live reload events;
//! - [`incremental`]: full and single-page rebuilds;
//! - [`served`]: what requests are answered from: pages rendered from the last good model
//!   when asked for, the other files kept compressed;
//! - [`watch`]: the debounced file watcher;
//! - [`reload`]: the script and the overlay added to served pages (never to `build` output);
//! - [`state`]: the snapshot requests read and the rebuild thread replaces.
//!
//! Nothing else in the crate imports this module.

pub mod http;
pub mod incremental;
pub mod reload;
pub mod served;
pub mod state;
pub mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::report;
use incremental::{Builder, Outcome};
use state::{Shared, Snapshot};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port (printed on start).
    pub port: u16,
    pub open: bool,
    /// Also serve the pages marked `draft = true` (each with a "Draft" notice); `build` never
    /// publishes them.
    pub drafts: bool,
}

/// Runs the server until Ctrl-C. Errors only when it cannot start (address in use, cannot
/// listen, cannot watch); everything the site's sources do wrong is shown, never fatal.
pub fn serve(opts: &ServeOptions) -> Result<(), Diagnostic> {
    if !opts.root.is_dir() {
        return Err(Diagnostic::error(
            "E0703",
            format!("cannot watch `{}`: no such folder", opts.root.display()),
        )
        .hint("pass the site's folder (the one holding evidoc.toml) with --root"));
    }
    let root = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
    if !opts.bind.is_loopback() {
        let warning = Diagnostic::warning(
            "W0701",
            format!("serving on {}, which other machines can reach", opts.bind),
        )
        .hint("the dev server is for authoring: bind to 127.0.0.1 (the default) unless you mean to share drafts on this network");
        eprint!("{}", warning.render(&root));
    }
    let listener = listen(SocketAddr::new(opts.bind, opts.port))?;
    let address = listener
        .local_addr()
        .map_err(|e| cannot_listen(opts.bind, opts.port, &e))?;

    let build_opts = BuildOptions {
        root: root.clone(),
        ..Default::default()
    };
    let mut builder = Builder::new(build_opts, opts.drafts);
    let version = first_version();
    let started = Instant::now();
    let outcome = builder.full();
    let mut printed = Vec::new();
    let labels = Arc::new(builder.labels());
    let stale = Arc::new(builder.stale());
    let snapshot = report_outcome(&root, &outcome, "initial build", started, &mut printed)
        .map_or_else(
            |report| Snapshot {
                served: None,
                version,
                report,
                labels: labels.clone(),
                stale: Arc::default(),
            },
            |served| Snapshot {
                served: Some(served),
                version,
                report: String::new(),
                labels: labels.clone(),
                stale,
            },
        );
    let (tx, rx) = std::sync::mpsc::channel();
    let shared = Arc::new(Shared::new(snapshot, tx.clone()));

    let content_dir = content_dir(&root);
    let watcher = watch::SourceWatcher::start(&root, &content_dir, tx)?;
    {
        let shared = shared.clone();
        let root = root.clone();
        std::thread::spawn(move || rebuild_loop(&root, builder, watcher, &rx, &shared, printed));
    }

    let url = format!("http://{address}/");
    println!(
        "Serving {url} (watching {}; Ctrl-C to stop)",
        root.display()
    );
    if opts.open {
        open_browser(&url);
    }
    run_server(listener, shared.clone()).map_err(|e| cannot_listen(opts.bind, opts.port, &e))?;
    println!("Stopped.");
    Ok(())
}

/// The content folder named in the configuration (or `content` if it does not read yet).
fn content_dir(root: &Path) -> PathBuf {
    let name = crate::source::config::Config::load(root)
        .map(|c| c.content_dir)
        .unwrap_or_else(|_| "content".into());
    root.join(name)
}

/// Versions start from the clock, so a page served by an earlier run of the server does not
/// mistake the new run's first build for the one it shows.
fn first_version() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(1, |d| d.as_millis() as u64)
}

fn listen(address: SocketAddr) -> Result<std::net::TcpListener, Diagnostic> {
    let listener = std::net::TcpListener::bind(address).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AddrInUse {
            Diagnostic::error("E0701", format!("address {address} is already in use"))
                .hint(format!(
                    "another program (perhaps another `evidoc serve`) listens on port {}: stop it, or pass another port with --port",
                    address.port()
                ))
        } else {
            cannot_listen(address.ip(), address.port(), &e)
        }
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|e| cannot_listen(address.ip(), address.port(), &e))?;
    Ok(listener)
}

fn cannot_listen(ip: IpAddr, port: u16, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error("E0702", format!("cannot listen on {ip} port {port}: {error}"))
        .hint("pass an address of this machine with --bind (127.0.0.1 by default), and a port above 1023 with --port unless running as root")
}

fn run_server(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let app = http::router(shared.clone());
        let stop = shared.clone();
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                let _ = tokio::signal::ctrl_c().await;
                eprintln!("\nStopping…");
                // Ends the live reload streams, which would otherwise keep the server open.
                let _ = stop.shutdown.send(true);
            })
            .await
    })
}

/// Rebuilds after each batch of changes, until the watcher stops. An empty batch is not a
/// change but a request (from [`http`]) for the files left out of date by incremental
/// rebuilds (the print editions), rendered after any changes that came with it.
fn rebuild_loop(
    root: &Path,
    mut builder: Builder,
    mut watcher: watch::SourceWatcher,
    rx: &Receiver<Vec<PathBuf>>,
    shared: &Shared,
    mut printed: Vec<String>,
) {
    let mut last_read = HashMap::new();
    while let Ok(first) = rx.recv() {
        if let Err(d) = watcher.catch_up() {
            eprint!("{}", d.render(root));
        }
        // Changes that came in while the last rebuild ran are one rebuild, not several.
        let mut batches = vec![first];
        while let Ok(more) = rx.try_recv() {
            batches.push(more);
        }
        let asked = batches.iter().any(Vec::is_empty);
        let mut changed = batches.concat();
        changed.sort();
        changed.dedup();
        if !changed.is_empty() && !contents_changed(&changed, &mut last_read) {
            changed.clear();
        }
        if !changed.is_empty() {
            let started = Instant::now();
            let outcome = builder.rebuild(&changed);
            let what = describe(root, &changed);
            publish(
                root,
                &builder,
                Some(outcome),
                &what,
                started,
                shared,
                &mut printed,
            );
        }
        if asked {
            let started = Instant::now();
            let outcome = builder.deferred();
            publish(
                root,
                &builder,
                outcome,
                "print editions asked for",
                started,
                shared,
                &mut printed,
            );
        }
    }
}

/// Whether any of `paths` holds other bytes than when a rebuild last took it (a file it never
/// took counts as changed); notes what they hold now. An editor that writes a file twice can
/// send the second write after the rebuild of the first has already read both: that one is not
/// rebuilt again.
fn contents_changed(paths: &[PathBuf], last_read: &mut HashMap<PathBuf, Option<u64>>) -> bool {
    let mut changed = false;
    for path in paths {
        let now = std::fs::read(path).ok().map(|b| served::digest(&b));
        changed |= last_read.insert(path.clone(), now) != Some(now);
    }
    changed
}

/// Serves the outcome of a rebuild (`None`: nothing was rebuilt; the snapshot stays, marked
/// up to date so that no request waits for it), and tells open pages.
fn publish(
    root: &Path,
    builder: &Builder,
    outcome: Option<Outcome>,
    what: &str,
    started: Instant,
    shared: &Shared,
    printed: &mut Vec<String>,
) {
    let last = shared.snapshot();
    let labels = Arc::new(builder.labels());
    let stale = Arc::new(builder.stale());
    let Some(outcome) = outcome else {
        let next = Snapshot {
            served: last.served.clone(),
            version: last.version,
            report: last.report.clone(),
            labels,
            stale: Arc::new(Vec::new()),
        };
        shared.publish(next, &[]);
        return;
    };
    match report_outcome(root, &outcome, what, started, printed) {
        Ok(served) => {
            let changed = match &outcome {
                Outcome::Built { changed, .. } => changed.clone(),
                Outcome::Failed(_) => Vec::new(),
            };
            let next = Snapshot {
                served: Some(served),
                version: last.version + 1,
                report: String::new(),
                labels,
                stale,
            };
            shared.publish(next, &changed);
        }
        Err(report) => {
            let next = Snapshot {
                served: last.served.clone(),
                version: last.version,
                report,
                labels,
                stale,
            };
            shared.publish(next, &[]);
        }
    }
}

/// Prints one rebuild's outcome (the diagnostics as `check` prints them, warnings only when
/// they differ from the ones printed last, so they do not scroll by at every save; then one
/// line), and
/// returns the version to serve, or the report to show over the last good one.
fn report_outcome(
    root: &Path,
    outcome: &Outcome,
    what: &str,
    started: Instant,
    printed: &mut Vec<String>,
) -> Result<served::Served, String> {
    let ms = started.elapsed().as_millis();
    match outcome {
        Outcome::Built {
            served,
            changed,
            rendered,
            diagnostics,
            incremental,
        } => {
            let seen = seen(diagnostics);
            if seen != *printed {
                eprint!("{}", report::human(diagnostics, root));
                *printed = seen;
            }
            let how = if *incremental { "incremental" } else { "full" };
            println!(
                "{what}: {rendered} pages rendered ({how}), {} files changed, {} warnings, {ms} ms",
                changed.len(),
                diagnostics.warning_count()
            );
            Ok(served.clone())
        }
        Outcome::Failed(diagnostics) => {
            let text = report::human(diagnostics, root);
            eprint!("{text}");
            // After a failure, the next good build shows its warnings again.
            printed.clear();
            eprintln!(
                "error: {what}: rebuild failed: {} errors, {} warnings in {ms} ms; still serving the last good build",
                diagnostics.error_count(),
                diagnostics.warning_count()
            );
            Err(text)
        }
    }
}

/// What tells one list of diagnostics from another, without rendering them.
fn seen(diagnostics: &crate::diagnostics::Diagnostics) -> Vec<String> {
    diagnostics
        .items
        .iter()
        .map(|d| {
            let at = d
                .location
                .as_ref()
                .map(|l| format!("{}:{}:{}", l.file.display(), l.line, l.column));
            format!("{}{:?}{}", d.code, at, d.message)
        })
        .collect()
}

/// "content/a.md changed", or "3 files changed (content/a.md, …)".
fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let names: Vec<String> = changed
        .iter()
        .map(|p| report::display_file(p, root))
        .collect();
    match names.as_slice() {
        [one] => format!("{one} changed"),
        [first, ..] => format!("{} files changed ({first}, …)", names.len()),
        [] => "nothing changed".into(),
    }
}

/// Opens `url` in the desktop's browser, if there is one; failing is fine.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(command)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
    {
        eprintln!("note: could not open a browser ({command}: {e}); open {url} yourself");
    }
}
