//! `check --external`: asks every external link in the content whether it still answers.
//! Never part of a normal build (it needs the network and is slow).

use std::collections::BTreeMap;
use std::time::Duration;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::site::Site;

/// Checks each distinct URL once (in parallel); a failure is reported at every place using it.
pub fn check_external_links(site: &Site, diags: &mut Diagnostics) {
    let mut uses: BTreeMap<String, Vec<Location>> = BTreeMap::new();
    for ((id, lang), md) in &site.pages {
        let Some(file) = site.sources.tree.file(*id, lang) else {
            continue;
        };
        for (url, span) in &md.external_links {
            uses.entry(url.clone())
                .or_default()
                .push(file.locate(*span));
        }
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(15)))
        .http_status_as_error(false)
        .build()
        .into();
    let results: Vec<(String, Result<(), String>)> = uses
        .keys()
        .cloned()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|url| {
            let result = probe(&agent, &url);
            (url, result)
        })
        .collect();
    for (url, result) in results {
        if let Err(why) = result {
            for location in &uses[&url] {
                diags.push(
                    Diagnostic::error("E0308", format!("external link `{url}` failed: {why}"))
                        .at(location.clone())
                        .hint("update or remove the link; if the site is only temporarily down, check again later"),
                );
            }
        }
    }
}

/// HEAD first (cheap); some servers refuse HEAD, so a GET decides.
fn probe(agent: &ureq::Agent, url: &str) -> Result<(), String> {
    let status = |r: Result<ureq::http::Response<ureq::Body>, ureq::Error>| {
        r.map(|r| r.status().as_u16()).map_err(|e| e.to_string())
    };
    match status(agent.head(url).call()) {
        Ok(code) if code < 400 => Ok(()),
        _ => match status(agent.get(url).call())? {
            code if code < 400 => Ok(()),
            code => Err(format!("HTTP {code}")),
        },
    }
}
