//! Requests: which file of the built site a request target names (or why it names none), the
//! response for it, and the live reload events. Files come only from the in-memory store, never
//! from the file system, so no request target can reach a file outside the built site.

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;

use crate::serve::reload;
use crate::serve::served::Served;
use crate::serve::state::{Shared, Snapshot};

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(reload::SCRIPT_PATH, get(script))
        .route(reload::EVENTS_PATH, get(events))
        .fallback(file)
        .with_state(shared)
}

/// What a request target names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file path in the store (`en/guide/index.html`).
    File(String),
    /// A folder named without its trailing slash: redirect to the path with one.
    Folder,
}

/// Turns a request path into a store path. Refuses (with the reason) anything that is not a
/// plain path: percent-escapes that do not decode to UTF-8, NUL, backslashes, `.` or `..`
/// segments (also when percent-encoded), which a store lookup could not act on anyway but
/// which have no business in a request for a page.
pub fn store_path(raw_path: &str) -> Result<String, &'static str> {
    let rest = raw_path
        .strip_prefix('/')
        .ok_or("not an origin-form target")?;
    let decoded = percent_decode(rest).ok_or("bad percent-encoding")?;
    if decoded.contains('\0') {
        return Err("NUL in path");
    }
    if decoded.contains('\\') {
        return Err("backslash in path");
    }
    if decoded
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err("dot segment in path");
    }
    if decoded.contains("//") {
        return Err("empty segment in path");
    }
    Ok(decoded)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a file of the built site, by extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

async fn file(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return status(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
    }
    let uri = request.uri();
    // Absolute-form targets (`GET http://host/path`) are for proxies; a file server refuses them.
    if uri.scheme().is_some() || uri.authority().is_some() {
        return status(
            StatusCode::BAD_REQUEST,
            "absolute-form request target refused\n",
        );
    }
    let path = match store_path(uri.path()) {
        Ok(path) => path,
        Err(why) => return status(StatusCode::BAD_REQUEST, &format!("bad request: {why}\n")),
    };
    let mut snapshot = shared.snapshot();
    let asked = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.clone()
    };
    if snapshot.stale.contains(&asked) {
        snapshot = brought_up_to_date(&shared, &asked).await;
    }
    let Some(served) = &snapshot.served else {
        return html(
            StatusCode::SERVICE_UNAVAILABLE,
            reload::no_build_page(snapshot.version, &snapshot.report, &snapshot.labels),
        );
    };
    match resolve(served, &path) {
        Some(Target::File(file)) => match fetch(served, &file).await {
            Some(bytes) => serve_file(&snapshot, &file, bytes, StatusCode::OK),
            None => not_found(&snapshot).await,
        },
        Some(Target::Folder) => {
            // The path as sent (still percent-encoded, so always a valid header value).
            let location = format!("{}/", uri.path());
            Response::builder()
                .status(StatusCode::PERMANENT_REDIRECT)
                .header(header::LOCATION, location)
                .header(header::CACHE_CONTROL, "no-store")
                .body(Body::empty())
                .unwrap_or_default()
        }
        None => not_found(&snapshot).await,
    }
}

/// The bytes of a file, on a thread that may block: a page is rendered (a millisecond or
/// two), and waits while an incremental rebuild changes the model.
async fn fetch(served: &Served, path: &str) -> Option<Vec<u8>> {
    let served = served.clone();
    let path = path.to_string();
    tokio::task::spawn_blocking(move || served.get(&path))
        .await
        .ok()
        .flatten()
}

/// Asks the rebuild thread for the files incremental rebuilds left out of date, and waits
/// (a minute at most) for a snapshot in which `path` is up to date.
async fn brought_up_to_date(shared: &Shared, path: &str) -> Arc<Snapshot> {
    shared.ask_for_stale();
    let started = std::time::Instant::now();
    loop {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        let now = shared.snapshot();
        if !now.stale.iter().any(|p| p == path) || started.elapsed().as_secs() >= 60 {
            return now;
        }
    }
}

/// The file a store path names: the file itself, `index.html` of a folder, or a redirect
/// from a folder named without its slash.
fn resolve(served: &Served, path: &str) -> Option<Target> {
    if path.is_empty() || path.ends_with('/') {
        return Some(Target::File(format!("{path}index.html")));
    }
    if served.contains(path) {
        return Some(Target::File(path.to_string()));
    }
    served
        .contains(&format!("{path}/index.html"))
        .then_some(Target::Folder)
}

async fn not_found(snapshot: &Snapshot) -> Response {
    let page = match &snapshot.served {
        Some(served) => fetch(served, "404.html").await,
        None => None,
    };
    let page =
        page.unwrap_or_else(|| b"<!DOCTYPE html><title>404</title><p>Not found</p>".to_vec());
    serve_file(snapshot, "404.html", page, StatusCode::NOT_FOUND)
}

fn serve_file(snapshot: &Snapshot, path: &str, bytes: Vec<u8>, code: StatusCode) -> Response {
    if path.ends_with(".html") {
        let lang = reload::language_of(path, &snapshot.labels);
        return html(
            code,
            reload::inject(&bytes, snapshot.version, &snapshot.overlay(lang)),
        );
    }
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, content_type(path))
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from(bytes))
        .unwrap_or_default()
}

fn html(code: StatusCode, bytes: Vec<u8>) -> Response {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, content_type("x.html"))
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from(bytes))
        .unwrap_or_default()
}

fn status(code: StatusCode, text: &str) -> Response {
    let mut response = (code, text.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

async fn script() -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, content_type("live.js"))
        .header(header::CACHE_CONTROL, "no-cache")
        .body(Body::from(reload::SCRIPT))
        .unwrap_or_default()
}

/// Server-sent events: the current state first (so a page that loaded during a rebuild
/// catches up), then one event per rebuild, until the server shuts down.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let first = shared.snapshot().event(&[], true);
    let receiver = shared.events.subscribe();
    let shutdown = shared.shutdown.subscribe();
    let stream = futures_util::stream::unfold(
        (Some(first), receiver, shutdown),
        |(first, mut receiver, mut shutdown)| async move {
            if let Some(first) = first {
                return Some((Ok(Event::default().data(first)), (None, receiver, shutdown)));
            }
            loop {
                tokio::select! {
                    message = receiver.recv() => match message {
                        Ok(data) => {
                            return Some((Ok(Event::default().data(data)), (None, receiver, shutdown)));
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(_) => return None,
                    },
                    _ = shutdown.changed() => return None,
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}
