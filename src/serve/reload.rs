//! What the dev server adds to every HTML page it serves (never to `build` output): the live
//! reload script, and the error overlay while the last rebuild failed.

/// Where the script is served, and where its events come from. The `__evidoc` prefix cannot
/// clash with a page: content names starting with `_` are section indexes, never folders.
pub const SCRIPT_PATH: &str = "/__evidoc/live.js";
pub const EVENTS_PATH: &str = "/__evidoc/events";

/// The live reload script. It listens to the server's events; each carries the build version,
/// the pages the rebuild changed (`"*"` for all), whether only stylesheets changed, and the
/// overlay HTML (empty when the build is good). A changed page reloads keeping its scroll
/// position; a stylesheet-only change swaps the stylesheets without a reload.
pub const SCRIPT: &str = r#"(() => {
  const me = document.currentScript;
  let served = Number(me.dataset.version);
  let path = location.pathname.replace(/^\/+/, '');
  if (path === '' || path.endsWith('/')) path += 'index.html';
  const key = 'evidoc-scroll:' + location.pathname;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.addEventListener('load', () => window.scrollTo(0, y));
    window.scrollTo(0, y);
  }
  const reload = () => {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  };
  const overlay = (html) => {
    const old = document.getElementById('evidoc-overlay');
    if (old) old.remove();
    if (!html) return;
    const box = document.createElement('div');
    box.innerHTML = html;
    if (box.firstElementChild) document.body.appendChild(box.firstElementChild);
  };
  const swapStyles = () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set('evidoc-reload', String(Date.now()));
      link.href = url.href;
    }
  };
  const events = new EventSource('/__evidoc/events');
  events.onopen = () => { document.documentElement.dataset.evidocLive = 'connected'; };
  events.onmessage = (message) => {
    const event = JSON.parse(message.data);
    overlay(event.overlay);
    if (event.version === served) return;
    if (event.first || event.reload === '*' || event.reload.includes(path)) return reload();
    if (event.css) swapStyles();
    served = event.version;
  };
})();
"#;

/// Adds the script (and the overlay, if any) at the end of an HTML page's body.
pub fn inject(html: &[u8], version: u64, overlay: &str) -> Vec<u8> {
    let tag =
        format!("{overlay}<script src=\"{SCRIPT_PATH}\" data-version=\"{version}\"></script>");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The overlay: a fixed box over the page with the diagnostics exactly as the terminal shows
/// them (`report::human`), HTML-escaped. Styled inline, so a broken theme cannot hide it.
pub fn overlay(report: &str) -> String {
    format!(
        "<div id=\"evidoc-overlay\" role=\"alert\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;\
max-height:60vh;overflow:auto;z-index:2147483647;background:#1e1e1e;color:#f5f5f5;\
border:3px solid #d33;border-radius:6px;padding:1rem;font:13px/1.45 ui-monospace,monospace;\
box-shadow:0 4px 24px rgba(0,0,0,.5)\"><strong style=\"color:#ff8a80\">evidoc: the last \
rebuild failed; showing the last good version of this page.</strong><pre style=\"margin:.5rem 0 0;\
white-space:pre-wrap;color:inherit;background:none\">{}</pre></div>",
        crate::markup::highlight::escape_html(report)
    )
}

/// The page served while there has never been a good build: the overlay alone, with the
/// script, so the page reloads once the site builds.
pub fn no_build_page(version: u64, overlay: &str) -> Vec<u8> {
    let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>evidoc: build failed</title>\
</head><body><h1>evidoc serve</h1><p>The site has not built yet. Fix the problems below; this \
page reloads by itself.</p></body></html>";
    inject(page.as_bytes(), version, overlay)
}
