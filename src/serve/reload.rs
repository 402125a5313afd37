//! What the dev server adds to every HTML page it serves (never to `build` output): the live
//! reload script, and the error overlay while the last rebuild failed.

/// Where the script is served, and where its events come from. The `__evidoc` prefix cannot
/// clash with a page: content names starting with `_` are section indexes, never folders.
pub const SCRIPT_PATH: &str = "/__evidoc/live.js";
pub const EVENTS_PATH: &str = "/__evidoc/events";

/// The live reload script. It listens to the server's events; each carries the build version,
/// the pages the rebuild changed (`"*"` for all), whether only stylesheets changed, and the
/// overlay HTML in each language (none when the build is good). A changed page reloads keeping its scroll
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
    const back = () => window.scrollTo({ top: y, behavior: 'instant' });
    window.addEventListener('load', back);
    back();
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
    const lang = document.documentElement.lang;
    overlay(event.overlays[lang] ?? event.overlays[event.default] ?? '');
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

/// The overlay's words in each language of the site (the site's interface strings, so a
/// `[languages.strings]` override applies), the default language first.
#[derive(Debug, Clone)]
pub struct Labels {
    /// (language, heading of the overlay, text of the page shown before any good build).
    pub langs: Vec<(String, String, String)>,
}

impl Labels {
    /// From the interface strings of a site's languages, `default` first.
    pub fn of(
        strings: &std::collections::BTreeMap<String, crate::source::i18n::Strings>,
        default: &str,
    ) -> Labels {
        let mut langs: Vec<(String, String, String)> = strings
            .iter()
            .map(|(lang, s)| {
                let get = |k: &str| s.get(k).cloned().unwrap_or_default();
                (lang.clone(), get("serve_failed"), get("serve_no_build"))
            })
            .collect();
        langs.sort_by_key(|(lang, _, _)| lang != default);
        Labels { langs }
    }

    /// The built-in strings of English and Chinese, for a site whose configuration does not read.
    pub fn builtin() -> Labels {
        let strings = ["en", "zh"]
            .iter()
            .map(|l| {
                (
                    l.to_string(),
                    crate::source::i18n::strings(l, &Default::default()),
                )
            })
            .collect();
        Labels::of(&strings, "en")
    }

    /// The labels of `lang`, or of the default language when the site has no such language.
    fn get(&self, lang: &str) -> (&str, &str) {
        self.langs
            .iter()
            .find(|(l, _, _)| l == lang)
            .or(self.langs.first())
            .map_or(("", ""), |(_, failed, none)| {
                (failed.as_str(), none.as_str())
            })
    }

    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.langs.iter().map(|(l, _, _)| l.as_str())
    }
}

/// The overlay in `lang`: a fixed box over the page with the diagnostics exactly as the
/// terminal shows them (`report::human`), HTML-escaped, under a heading in the reader's
/// language. Styled inline, so a broken theme cannot hide it. Empty when `report` is.
pub fn overlay(report: &str, labels: &Labels, lang: &str) -> String {
    if report.is_empty() {
        return String::new();
    }
    let escape = crate::markup::highlight::escape_html;
    format!(
        "<div id=\"evidoc-overlay\" role=\"alert\" lang=\"{}\" style=\"position:fixed;inset:auto 1rem 1rem 1rem;\
max-height:60vh;overflow:auto;z-index:2147483647;background:#1e1e1e;color:#f5f5f5;\
border:3px solid #d33;border-radius:6px;padding:1rem;font:13px/1.45 ui-monospace,monospace;\
box-shadow:0 4px 24px rgba(0,0,0,.5)\"><strong style=\"color:#ff8a80\">{}</strong><pre lang=\"en\" style=\"margin:.5rem 0 0;\
white-space:pre-wrap;color:inherit;background:none\">{}</pre></div>",
        escape(lang),
        escape(labels.get(lang).0),
        escape(report)
    )
}

/// The language of a served file: its first path segment when that is a language of the site
/// (`zh/guide/index.html`), else the default language (the landing and 404 pages).
pub fn language_of<'l>(path: &str, labels: &'l Labels) -> &'l str {
    let first = path.split('/').next().unwrap_or("");
    labels
        .languages()
        .find(|l| *l == first)
        .or(labels.languages().next())
        .unwrap_or("en")
}

/// The page served while there has never been a good build: the overlay alone, with the
/// script, so the page reloads once the site builds. In the site's default language.
pub fn no_build_page(version: u64, report: &str, labels: &Labels) -> Vec<u8> {
    let lang = labels.languages().next().unwrap_or("en");
    let text = crate::markup::highlight::escape_html(labels.get(lang).1);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>evidoc serve</title>\
</head><body><h1>evidoc serve</h1><p>{text}</p></body></html>"
    );
    inject(page.as_bytes(), version, &overlay(report, labels, lang))
}
