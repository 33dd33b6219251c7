//! The Arabic name grammar: kunyas, given names with lineage and nisbas, titles that mark a name
//! without belonging to it, head nouns that open organization and place names (quoted names
//! included), and the knowledge-base spots. Produces candidate mentions; [`crate::cand::select`]
//! keeps the best non-overlapping ones.

mod common;
mod headed;
mod person;
mod state;

pub(crate) use common::Grammar;
pub(crate) use person::titled;

use crate::cand::Cand;
use crate::words::Word;

/// All grammar and knowledge-base candidates of a document.
impl Grammar<'_> {
    pub(crate) fn candidates(&self, words: &[Word]) -> Vec<Cand> {
        let lex = self.lex;
        let mut out = Vec::new();
        headed::kb_spots(self, words, &mut out);
        headed::headed(self, words, &mut out);
        state::state_bodies(self, words, &mut out);
        person::kunyas(self, words, &mut out);
        person::given_names(self, words, &mut out);
        person::offices(lex, words, &mut out);
        person::introduced(lex, words, &mut out);
        out
    }
}
