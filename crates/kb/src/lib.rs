//! The knowledge base of well-known actors and places of Arabic news, with user extensions.
//!
//! # Brief overview
//! - [`Kb`]: the entries, indexed by the lookup keys of their names. [`Kb::builtin`] is the
//!   curated `kb/actors.tsv` embedded in the binary; [`Kb::load`] merges the user's own file
//!   (by default `<data dir>/isnad/kb_user.tsv`, which survives upgrades); [`Kb::add`],
//!   [`Kb::list`], [`Kb::get`] and [`Kb::lookup`] serve `isnad kb add|list|show` and linking.
//! - [`KbEntry`]: one actor or place with its Arabic and English names, aliases, parent
//!   (branch of, leader of, city of) and descriptive roles.
//! - [`lookup_key`]: the spelling-insensitive form under which names are compared: the one fold
//!   of isnad ([`isnad_doc::fold_key`]) cut into words at punctuation ([`key_words`]).
//! - [`KbError`]: typed errors naming the file and line.
//!
//! # Example
//! ```
//! use isnad_kb::{EntityType, Kb};
//!
//! let kb = Kb::builtin();
//! let hits = kb.lookup("لحماس".trim_start_matches('ل'));
//! assert_eq!(hits[0].id, "hamas");
//! // Spelling variants and the article fold away.
//! assert_eq!(kb.lookup("عراق")[0].id, "iraq");
//! assert_eq!(kb.lookup("al jazeera")[0].id, "al_jazeera");
//! let sinai = kb.get("wilayat_sinai").unwrap();
//! assert_eq!(sinai.kind, EntityType::Org);
//! assert_eq!(sinai.parent.as_deref(), Some("isis"));
//! ```

mod entry;
mod error;
mod key;
mod store;

pub use entry::{EntityType, KbEntry, Origin};
pub use error::KbError;
pub use key::{add_article, key_words, lookup_key, strip_article};
pub use store::Kb;
