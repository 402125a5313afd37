//! The `evidoc` command: parses arguments, calls one library function, prints the outcome.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use evidoc::build::{BuildOptions, build, display_path, load_site, render_site};
use evidoc::diagnostics::report::{self, Format};
use evidoc::diagnostics::{Diagnostics, Failed};

#[derive(Parser)]
#[command(
    name = "evidoc",
    version,
    about = "Static site generator for bilingual evidence reviews"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only if the build succeeds).
    Build(BuildArgs),
    /// Run every validation the build runs, without writing anything: the CI gate.
    Check(CheckArgs),
    /// Print the print editions to PDF: one per language and one side by side.
    Pdf(PdfArgs),
    /// Show the translation state of every page, or mark translations as current.
    Translations(TranslationArgs),
    /// Write a new review (configuration, pages in each language, trial data, CI workflow) into DIR.
    Init(InitArgs),
    /// Add a page in every configured language, for example `evidoc new part/her2-negative`.
    New(NewArgs),
    /// Serve the site from memory while you write: rebuilds on every change, reloads open pages,
    /// shows errors over the page.
    Serve(ServeArgs),
}

#[derive(Args)]
struct SiteArgs {
    /// The site's root folder (where evidoc.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Treat warnings (missing or stale translations, parity) as errors.
    #[arg(long)]
    strict: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Output folder [default: `output_dir` from evidoc.toml, `public`].
    #[arg(long)]
    output: Option<PathBuf>,
    /// Base URL for canonical links and the sitemap, overriding evidoc.toml.
    #[arg(long)]
    base_url: Option<String>,
    /// Print only errors and warnings.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print every file written.
    #[arg(long, short)]
    verbose: bool,
    /// Replace the output folder even if it holds files evidoc did not write (they are deleted).
    /// Without it, evidoc replaces only an empty folder or one it wrote (marked by `.evidoc-output`).
    #[arg(long)]
    force: bool,
    /// Also print the print editions to PDF into the site (needs Chromium; see `evidoc pdf`).
    #[arg(long)]
    pdf: bool,
    /// Do not write the search index (nor show the search box), whatever `[search]` says.
    #[arg(long)]
    no_search: bool,
}

#[derive(Args)]
struct PdfArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Folder for the PDFs [default: `handouts` in the site's root].
    #[arg(long)]
    output: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// How to print diagnostics: for people, as JSON (docs/diagnostics.md), or as GitHub annotations.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Also request every external link (needs the network).
    #[arg(long)]
    external: bool,
}

#[derive(Args)]
struct TranslationArgs {
    /// The site's root folder (where evidoc.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Record that the translations of these pages match their source now (for example her2-negative.md).
    #[arg(long, value_name = "PAGE", num_args = 0..)]
    mark_current: Option<Vec<String>>,
    /// With --mark-current: every page.
    #[arg(long, requires = "mark_current")]
    all: bool,
}

#[derive(Args)]
struct ServeArgs {
    /// The site's root folder (where evidoc.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Address to listen on. Anything but a loopback address lets other machines read your drafts.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Port to listen on (0: any free port, printed on start).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Also serve pages marked `draft = true`, each with a "Draft" notice (`build` never publishes them).
    #[arg(long)]
    drafts: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Pdf(args) => run_pdf(args),
        Command::Translations(args) => run_translations(args),
        Command::Init(args) => run_init(args),
        Command::New(args) => run_new(args),
        Command::Serve(args) => run_serve(args),
    }
}

fn run_serve(args: ServeArgs) -> ExitCode {
    let opts = evidoc::serve::ServeOptions {
        root: args.root.clone(),
        bind: args.bind,
        port: args.port,
        open: args.open,
        drafts: args.drafts,
    };
    match evidoc::serve::serve(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => fail(&Diagnostics { items: vec![d] }, &args.root, "cannot serve"),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let root = args.site.root.clone();
    let opts = BuildOptions {
        root: root.clone(),
        output: args.output,
        base_url: args.base_url,
        strict: args.site.strict,
        force: args.force,
        pdf: args.pdf,
        no_search: args.no_search,
    };
    match build(&opts) {
        Ok(summary) => {
            eprint!("{}", report::human(&summary.diagnostics, &root));
            if args.verbose {
                for file in &summary.written {
                    println!("  {file}");
                }
            }
            if !args.quiet {
                let pages: Vec<String> = summary
                    .pages
                    .iter()
                    .map(|(l, n)| format!("{n} {l}"))
                    .collect();
                println!(
                    "Built {} pages ({}), {} files, {} warnings in {} ms → {}",
                    summary.pages.iter().map(|(_, n)| n).sum::<usize>(),
                    pages.join(", "),
                    summary.files,
                    summary.diagnostics.warning_count(),
                    summary.elapsed.as_millis(),
                    display_path(&summary.output)
                );
            }
            ExitCode::SUCCESS
        }
        Err(Failed(diags)) => {
            eprint!("{}", report::human(&diags, &root));
            summary_line(
                &diags,
                "build failed; the previous output was left untouched",
            );
            ExitCode::FAILURE
        }
    }
}

fn run_check(args: CheckArgs) -> ExitCode {
    let root = args.site.root.clone();
    let opts = BuildOptions {
        root: root.clone(),
        strict: args.site.strict,
        ..Default::default()
    };
    let mut diags = Diagnostics::default();
    match load_site(&opts, &mut diags) {
        Ok(mut site) => {
            // check writes nothing: it builds no search index, and renders pages only for
            // their links, ids and structure.
            site.config.search.enabled = false;
            site.for_check = true;
            let (site, targets) = render_site(site, &mut diags, &evidoc::output::Discard);
            if args.external {
                evidoc::check::external::check_external_links(&site, &mut diags);
            }
            evidoc::build::drop_later((site, targets));
        }
        Err(Failed(fatal)) => diags.extend(fatal.items),
    }
    diags.sort();
    let failed = diags.is_failure(args.site.strict);
    match args.format {
        Format::Human => {
            eprint!("{}", report::human(&diags, &root));
            if failed {
                summary_line(&diags, "check failed");
            } else {
                println!(
                    "Check passed: {} errors, {} warnings",
                    diags.error_count(),
                    diags.warning_count()
                );
            }
        }
        Format::Json => print!("{}", report::json(&diags, &root)),
        Format::Github => print!("{}", report::github(&diags, &root)),
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_pdf(args: PdfArgs) -> ExitCode {
    let root = args.site.root.clone();
    let opts = BuildOptions {
        root: root.clone(),
        output: args.output,
        strict: args.site.strict,
        ..Default::default()
    };
    match evidoc::build::pdf(&opts) {
        Ok(summary) => {
            eprint!("{}", report::human(&summary.diagnostics, &root));
            for path in &summary.written {
                println!("  {}", display_path(path));
            }
            println!(
                "Printed {} PDFs, {} warnings in {} ms",
                summary.written.len(),
                summary.diagnostics.warning_count(),
                summary.elapsed.as_millis()
            );
            ExitCode::SUCCESS
        }
        Err(Failed(diags)) => fail(&diags, &root, "no PDF was printed"),
    }
}

fn run_translations(args: TranslationArgs) -> ExitCode {
    let opts = BuildOptions {
        root: args.root.clone(),
        ..Default::default()
    };
    let mut diags = Diagnostics::default();
    let site = match load_site(&opts, &mut diags) {
        Ok(site) => site,
        Err(Failed(fatal)) => return fail(&fatal, &args.root, "cannot read the site"),
    };
    let Some(pages) = args.mark_current else {
        print!("{}", evidoc::check::translations::status_report(&site));
        return ExitCode::SUCCESS;
    };
    if pages.is_empty() && !args.all {
        eprintln!("error: --mark-current needs PAGE names, or --all");
        return ExitCode::FAILURE;
    }
    match evidoc::check::translations::mark_current(&site, &pages, args.all) {
        Ok(written) => {
            for path in &written {
                println!("marked current: {}", report::display_file(path, &args.root));
            }
            println!("{} translations marked current", written.len());
            ExitCode::SUCCESS
        }
        Err(d) => fail(
            &Diagnostics { items: vec![d] },
            &args.root,
            "cannot mark translations",
        ),
    }
}

// `evidoc init` and `evidoc new` (src/scaffold/).

#[derive(Args)]
struct InitArgs {
    /// Folder of the new site (created if needed; must be empty unless --force).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Language codes, the default (source) language first.
    #[arg(long, value_delimiter = ',', default_value = "zh,en")]
    languages: Vec<String>,
    /// The site's title, in every language [default: a placeholder in each language].
    #[arg(long)]
    title: Option<String>,
    /// Write into a folder that is not empty (the scaffold's files replace files of the same name).
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct NewArgs {
    /// The page's path below content/, without language or `.md` (for example part/her2-negative).
    path: String,
    /// The site's root folder (where evidoc.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

fn run_init(args: InitArgs) -> ExitCode {
    let opts = evidoc::scaffold::InitOptions {
        dir: args.dir.clone(),
        languages: args.languages,
        title: args.title,
        force: args.force,
    };
    match evidoc::scaffold::init(&opts) {
        Ok(files) => {
            println!(
                "Created a review in {} ({} files).",
                args.dir.display(),
                files.len()
            );
            println!(
                "Next: cd {} && evidoc build, then open public/index.html",
                args.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(d) => fail(
            &Diagnostics { items: vec![d] },
            Path::new("."),
            "init failed",
        ),
    }
}

fn run_new(args: NewArgs) -> ExitCode {
    match evidoc::scaffold::new_page::new_page(&args.root, &args.path) {
        Ok(files) => {
            for path in &files {
                println!("created {}", report::display_file(path, &args.root));
            }
            ExitCode::SUCCESS
        }
        Err(d) => fail(&Diagnostics { items: vec![d] }, &args.root, "new failed"),
    }
}

fn fail(diags: &Diagnostics, root: &Path, what: &str) -> ExitCode {
    eprint!("{}", report::human(diags, root));
    summary_line(diags, what);
    ExitCode::FAILURE
}

fn summary_line(diags: &Diagnostics, what: &str) {
    eprintln!(
        "error: {what}: {} errors, {} warnings",
        diags.error_count(),
        diags.warning_count()
    );
}
