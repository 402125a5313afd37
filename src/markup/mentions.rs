//! Finding trial names and glossary terms in running text, all in one pass (Aho-Corasick),
//! so linking every trial mention and marking glossary terms costs one scan per text run
//! instead of one search per name.

use std::ops::Range;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::markup::glossary::Glossary;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mention {
    /// A trial's name or alias: the trial id.
    Trial(String),
    /// A glossary term.
    Term,
}

pub struct Mentions {
    matcher: Option<AhoCorasick>,
    patterns: Vec<(String, Mention)>,
}

impl Mentions {
    pub fn new(trial_names: &[(String, String)], glossary: &Glossary) -> Mentions {
        let mut patterns: Vec<(String, Mention)> = trial_names
            .iter()
            .map(|(name, id)| (name.clone(), Mention::Trial(id.clone())))
            .collect();
        patterns.extend(
            glossary
                .terms
                .iter()
                .map(|(term, _)| (term.clone(), Mention::Term)),
        );
        let matcher = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(patterns.iter().map(|(p, _)| p))
            })
            .and_then(Result::ok);
        Mentions { matcher, patterns }
    }

    /// Whole-word mentions in `text`, left to right, without overlaps: (range, name, kind).
    pub fn find<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (Range<usize>, &'a str, &'a Mention)> + 'a {
        self.matcher
            .iter()
            .flat_map(move |m| m.find_iter(text))
            .filter_map(move |m| {
                let (name, kind) = &self.patterns[m.pattern().as_usize()];
                whole_word(text, m.start(), m.end())
                    .then(|| (m.start()..m.end(), name.as_str(), kind))
            })
    }
}

/// Not glued to other Latin letters, digits or hyphens (`OS` is not found in `FOLFOX`), while
/// Chinese characters around a Latin term are fine.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '-';
    !text[..start].chars().next_back().is_some_and(is_word)
        && !text[end..].chars().next().is_some_and(is_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_whole_words_of_both_kinds() {
        let glossary = Glossary {
            terms: vec![
                ("MSI-H".into(), Default::default()),
                ("MSI".into(), Default::default()),
                ("OS".into(), Default::default()),
            ],
        };
        let mentions = Mentions::new(
            &[("CheckMate 649".into(), "checkmate-649".into())],
            &glossary,
        );
        let found: Vec<&str> = mentions
            .find("CheckMate 649 中位OS；MSI-H，FOLFOX，OS2")
            .map(|(_, name, _)| name)
            .collect();
        assert_eq!(found, ["CheckMate 649", "OS", "MSI-H"]);
    }
}
