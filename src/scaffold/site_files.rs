//! The files of a new review, for a list of languages: one small site that uses every feature
//! once (citation, page and heading links, trial link, figures from data, a comparison table,
//! a forest plot, a glossary term) and a CI workflow that checks, builds and publishes it.

use crate::scaffold::texts::{Texts, language_name, texts};
use crate::site::translation::text_hash;

/// `(path relative to the site root, text)`, `evidoc.toml` first.
pub fn scaffold(languages: &[String], title: Option<&str>) -> Vec<(String, String)> {
    let mut files = vec![
        ("evidoc.toml".to_string(), config(languages, title)),
        (
            ".gitignore".to_string(),
            "# evidoc's output folder\n/public/\n".to_string(),
        ),
        (
            ".github/workflows/site.yml".to_string(),
            WORKFLOW.to_string(),
        ),
        (
            "content/trials/example-1.toml".to_string(),
            trial(languages),
        ),
        ("content/vocabulary.toml".to_string(), vocabulary(languages)),
        ("content/glossary.toml".to_string(), glossary(languages)),
        (
            "content/bibliography.yaml".to_string(),
            BIBLIOGRAPHY.to_string(),
        ),
    ];
    files.extend(translated("content/_index", languages, home));
    files.extend(translated("content/evidence/_index", languages, section));
    files
}

/// One page in every language: the first language's file, then each translation with the
/// hash of that file as `source_hash`, so the translations start out current.
pub fn translated(
    stem: &str,
    languages: &[String],
    page: impl Fn(&Texts) -> (String, String),
) -> Vec<(String, String)> {
    let Some(source_lang) = languages.first() else {
        return Vec::new();
    };
    let page_text = |lang: &str, hash: Option<&str>| {
        let (front, body) = page(texts(lang));
        let hash_line = hash.map_or(String::new(), |h| format!("source_hash = \"{h}\"\n"));
        format!("+++\n{front}{hash_line}+++\n\n{body}")
    };
    let source = page_text(source_lang, None);
    let hash = text_hash(&source);
    let mut files = vec![(format!("{stem}.{source_lang}.md"), source)];
    for lang in &languages[1..] {
        files.push((format!("{stem}.{lang}.md"), page_text(lang, Some(&hash))));
    }
    files
}

/// A TOML string literal, quoted and escaped.
pub fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

fn config(languages: &[String], title: Option<&str>) -> String {
    let default = languages.first().map_or("en", String::as_str);
    let mut out = format!(
        "# The site's settings. Every key is explained in evidoc's README.\n\
         \n\
         # Where the site will be published: canonical links and the sitemap use it. The CI\n\
         # workflow (.github/workflows/site.yml) passes GitHub Pages' address with --base-url.\n\
         base_url = \"https://example.org/my-review/\"\n\
         \n\
         # The language pages are written in first: translations are checked against it, and the\n\
         # landing page and search engines (x-default) point to it.\n\
         default_language = {}\n",
        quoted(default)
    );
    for lang in languages {
        let t = texts(lang);
        out.push_str(&format!(
            "\n# One [[languages]] table per language, in the order of the language switcher.\n\
             # `code` is the file suffix (page.{lang}.md) and the URL prefix (/{lang}/).\n\
             [[languages]]\n\
             code = {}\n\
             name = {}\n\
             title = {}\n\
             description = {}\n",
            quoted(lang),
            quoted(&language_name(lang)),
            quoted(title.unwrap_or(t.title)),
            quoted(t.description),
        ));
    }
    out.push_str(
        "\n# Optional: text in every page's footer, per language (for example a licence).\n\
         # [credit]\n",
    );
    for lang in languages {
        out.push_str(&format!("# {lang} = \"…\"\n"));
    }
    out
}

/// `{ zh = "…", en = "…" }` with each language's text.
fn labels(languages: &[String], text: impl Fn(&Texts) -> &'static str) -> String {
    let items: Vec<String> = languages
        .iter()
        .map(|l| format!("{} = {}", bare_key(l), quoted(text(texts(l)))))
        .collect();
    format!("{{ {} }}", items.join(", "))
}

/// A language code as a TOML key (`pt-BR` is a valid bare key; quoted otherwise to be safe).
fn bare_key(code: &str) -> String {
    if code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        code.to_string()
    } else {
        quoted(code)
    }
}

fn home(t: &Texts) -> (String, String) {
    let front = format!("title = {}\n", quoted(t.title));
    let body = format!(
        "{}\n\n## {}\n\n{}\n\n{} [@example2024].\n",
        t.home_intro, t.home_heading, t.home_see, t.home_cite
    );
    (front, body)
}

fn section(t: &Texts) -> (String, String) {
    let front = format!(
        "title = {}\nsummary = {}\nweight = 1\n",
        quoted(t.section_title),
        quoted(t.section_summary)
    );
    let fig = |arm: &str| {
        format!(
            "{{{{ fig(trial=\"example-1\", population=\"itt\", endpoint=\"os\", arm=\"{arm}\") }}}}"
        )
    };
    let os = t
        .os_text
        .replace("{fig_drug}", &fig("drug"))
        .replace("{fig_control}", &fig("control"))
        .replace(
            "{hr}",
            "{{ hr(trial=\"example-1\", population=\"itt\", endpoint=\"os\") }}",
        );
    let body = format!(
        "## {os_heading} {{#os}}\n\n{os} [@example2024]\n\n\
         {{{{ table(kind=\"hazard_ratios\", subgroups=\"younger,older\", caption={caption}, id=\"hr-by-age\") }}}}\n\n\
         {{{{ forest(subgroups=\"younger,older\", title={forest}, id=\"os-forest\") }}}}\n\n\
         ## {next_heading} {{#next}}\n\n{next_text}\n",
        os_heading = t.os_heading,
        caption = shortcode_string(t.table_caption),
        forest = shortcode_string(t.forest_title),
        next_heading = t.next_heading,
        next_text = t.next_text,
    );
    (front, body)
}

/// A shortcode argument in double quotes (the scaffold's texts contain none).
fn shortcode_string(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "'"))
}

fn trial(languages: &[String]) -> String {
    format!(
        "# One trial's data: every figure the pages show comes from here (see evidoc's\n\
         # docs/trial-data.md). The values below are invented for the example.\n\
         id = \"example-1\"\n\
         name = \"EXAMPLE-1\"\n\
         registration = \"NCT00000000\"\n\
         phase = \"3\"\n\
         citations = [\"example2024\"]\n\
         \n\
         [[arms]]\n\
         id = \"drug\"\n\
         label = {drug}\n\
         n = 400\n\
         \n\
         [[arms]]\n\
         id = \"control\"\n\
         label = {control}\n\
         n = 400\n\
         \n\
         # The whole population, then one result per subgroup.\n\
         [[results]]\n\
         population = \"itt\"\n\
         endpoint = \"os\"\n\
         medians = {{ drug = 14.2, control = 11.1 }}\n\
         hr = 0.78\n\
         ci = [0.66, 0.92]\n\
         source_refs = [\"example2024\"]\n\
         \n\
         [[results]]\n\
         population = \"itt\"\n\
         subgroup = \"younger\"\n\
         endpoint = \"os\"\n\
         hr = 0.72\n\
         ci = [0.58, 0.90]\n\
         source_refs = [\"example2024\"]\n\
         \n\
         [[results]]\n\
         population = \"itt\"\n\
         subgroup = \"older\"\n\
         endpoint = \"os\"\n\
         hr = 0.86\n\
         ci = [0.67, 1.10]\n\
         source_refs = [\"example2024\"]\n",
        drug = labels(languages, |t| t.arm_drug),
        control = labels(languages, |t| t.arm_control),
    )
}

fn vocabulary(languages: &[String]) -> String {
    let term = |name: &str, text: fn(&Texts) -> &'static str| {
        let mut out = format!("[{name}]\n");
        for lang in languages {
            out.push_str(&format!(
                "{} = {}\n",
                bare_key(lang),
                quoted(text(texts(lang)))
            ));
        }
        out
    };
    format!(
        "# The names of populations, subgroups and endpoints in every language. Trial files use\n\
         # the keys; pages show the labels.\n\n{}\n{}\n{}\n{}abbr = \"OS\"\nkind = \"time\"\n",
        term("populations.itt", |t| t.itt),
        term("subgroups.younger", |t| t.younger),
        term("subgroups.older", |t| t.older),
        term("endpoints.os", |t| t.os),
    )
}

fn glossary(languages: &[String]) -> String {
    let mut out =
        "# Terms explained where the text uses them: each mention gets a tooltip and a link\n\
                   # to the glossary page.\n[HR]\n"
            .to_string();
    for lang in languages {
        out.push_str(&format!(
            "{} = {}\n",
            bare_key(lang),
            quoted(texts(lang).hr_term)
        ));
    }
    out
}

const BIBLIOGRAPHY: &str = "\
# The review's references in Hayagriva YAML (BibTeX works too: bibliography.bib).
# Cite an entry as [@example2024]. This one is invented for the example.
example2024:
  type: article
  title: An example randomised trial of a study drug
  author: [\"Doe, Jane\", \"Roe, Richard\"]
  date: 2024
  parent:
    type: periodical
    title: Journal of Examples
    volume: 1
  page-range: 1-10
";

const WORKFLOW: &str = r#"# Checks the review on every push and pull request; publishes it to GitHub Pages from main.
# In the repository's settings, set Pages > Source to "GitHub Actions".
name: site

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - name: Install evidoc
        run: cargo install --locked --git https://github.com/OWNER/evidoc evidoc
      - name: Check (warnings are errors; problems show on the pull request's files)
        run: evidoc check --strict --format github
      - id: pages
        uses: actions/configure-pages@v5
      - name: Build
        run: evidoc build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public

  deploy:
    if: github.event_name == 'push' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;
