//! The `evidoc` command: parses arguments, calls one library function, prints the outcome.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use evidoc::build::{BuildOptions, build, display_path, load_site, render_site};
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
    /// Run every validation the build runs, without writing anything.
    Check(SiteArgs),
}

#[derive(Args)]
struct SiteArgs {
    /// The site's root folder (where evidoc.toml is).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Treat warnings (such as a missing translation) as errors.
    #[arg(long)]
    strict: bool,
    /// Print only errors and warnings.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print every output file.
    #[arg(long, short)]
    verbose: bool,
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
    }
}

fn run_build(args: BuildArgs) -> ExitCode {
    let opts = BuildOptions {
        root: args.site.root.clone(),
        output: args.output,
        base_url: args.base_url,
        strict: args.site.strict,
    };
    match build(&opts) {
        Ok(summary) => {
            print_diagnostics(&summary.diagnostics, &args.site.root);
            if !args.site.quiet {
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
        Err(Failed(diags)) => fail(
            &diags,
            &args.site.root,
            "build failed; the previous output was left untouched",
        ),
    }
}

fn run_check(args: SiteArgs) -> ExitCode {
    let opts = BuildOptions {
        root: args.root.clone(),
        strict: args.strict,
        ..Default::default()
    };
    let mut diags = Diagnostics::default();
    match load_site(&opts, &mut diags) {
        Ok(site) => {
            render_site(&site, &mut diags);
        }
        Err(Failed(fatal)) => diags.extend(fatal.items),
    }
    diags.sort();
    if diags.is_failure(args.strict) {
        return fail(&diags, &args.root, "check failed");
    }
    print_diagnostics(&diags, &args.root);
    if !args.quiet {
        println!(
            "Check passed: {} errors, {} warnings",
            diags.error_count(),
            diags.warning_count()
        );
    }
    ExitCode::SUCCESS
}

fn print_diagnostics(diags: &Diagnostics, root: &std::path::Path) {
    let cwd = std::env::current_dir().unwrap_or_default();
    let base = if root.is_absolute() {
        root.to_path_buf()
    } else {
        cwd
    };
    let _ = base;
    for d in &diags.items {
        eprint!("{}", d.render(std::path::Path::new("")));
    }
    let _ = root;
}

fn fail(diags: &Diagnostics, root: &std::path::Path, what: &str) -> ExitCode {
    print_diagnostics(diags, root);
    eprintln!(
        "error: {what}: {} errors, {} warnings",
        diags.error_count(),
        diags.warning_count()
    );
    ExitCode::FAILURE
}
