//! One knowledge-base entry and its TSV line format.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::KbError;

pub use isnad_doc::EntityType;

/// Where an entry comes from: the curated file shipped in the binary, or the user's own file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Builtin,
    User,
}

/// One actor or place.
///
/// `weak_aliases_ar` are spellings that are also ordinary words («الأسد» the lion, «مالي»
/// financial): they link a name found by other means but must not be spotted in raw text.
/// `roles_ar` are descriptive phrases («الخليفة», «زعيم القاعدة») that stand for this actor
/// only when its `parent` is named in the same document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KbEntry {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    pub name_ar: String,
    pub name_en: String,
    pub aliases_ar: Vec<String>,
    pub weak_aliases_ar: Vec<String>,
    pub aliases_en: Vec<String>,
    pub parent: Option<String>,
    pub note: String,
    pub roles_ar: Vec<String>,
    pub origin: Origin,
}

impl KbEntry {
    /// A bare entry with just the required fields, for building one to [`crate::Kb::add`].
    pub fn new(id: &str, kind: EntityType, name_ar: &str, name_en: &str) -> Self {
        KbEntry {
            id: id.to_string(),
            kind,
            name_ar: name_ar.to_string(),
            name_en: name_en.to_string(),
            aliases_ar: Vec::new(),
            weak_aliases_ar: Vec::new(),
            aliases_en: Vec::new(),
            parent: None,
            note: String::new(),
            roles_ar: Vec::new(),
            origin: Origin::User,
        }
    }

    /// Every Arabic spelling that can be spotted in text: the name and the strong aliases.
    pub fn strong_names_ar(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name_ar.as_str()).chain(self.aliases_ar.iter().map(String::as_str))
    }

    /// Every spelling, Arabic and English, strong and weak.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        self.strong_names_ar()
            .chain(self.weak_aliases_ar.iter().map(String::as_str))
            .chain(std::iter::once(self.name_en.as_str()))
            .chain(self.aliases_en.iter().map(String::as_str))
    }

    /// Parses one data line (not a comment or the header) of the TSV format.
    pub(crate) fn parse_line(
        line: &str,
        path: &Path,
        lineno: usize,
        origin: Origin,
    ) -> Result<Self, KbError> {
        let err = |message: String| KbError::Parse {
            path: path.to_path_buf(),
            line: lineno,
            message,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 4 || cols.len() > 9 {
            return Err(err(format!(
                "expected 4 to 9 tab-separated columns, found {}",
                cols.len()
            )));
        }
        let col = |i: usize| cols.get(i).map(|s| s.trim()).unwrap_or("");
        let id = col(0);
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(err(format!("bad id `{id}`")));
        }
        let kind = EntityType::parse(col(1))
            .ok_or_else(|| err(format!("unknown type `{}` (PER, ORG, LOC, MISC)", col(1))))?;
        let name_ar = col(2);
        if name_ar.is_empty() {
            return Err(err("empty name_ar".into()));
        }
        let mut aliases_ar = Vec::new();
        let mut weak_aliases_ar = Vec::new();
        for alias in split_list(col(4)) {
            match alias.strip_prefix('~') {
                Some(weak) => weak_aliases_ar.push(weak.trim().to_string()),
                None => aliases_ar.push(alias),
            }
        }
        let parent = Some(col(6)).filter(|p| !p.is_empty()).map(str::to_string);
        Ok(KbEntry {
            id: id.to_string(),
            kind,
            name_ar: name_ar.to_string(),
            name_en: col(3).to_string(),
            aliases_ar,
            weak_aliases_ar,
            aliases_en: split_list(col(5)),
            parent,
            note: col(7).to_string(),
            roles_ar: split_list(col(8)),
            origin,
        })
    }

    /// The TSV line of this entry (no trailing newline), the inverse of parsing.
    pub fn to_line(&self) -> String {
        let aliases: Vec<String> = self
            .aliases_ar
            .iter()
            .cloned()
            .chain(self.weak_aliases_ar.iter().map(|w| format!("~{w}")))
            .collect();
        [
            self.id.clone(),
            self.kind.to_string(),
            self.name_ar.clone(),
            self.name_en.clone(),
            aliases.join("|"),
            self.aliases_en.join("|"),
            self.parent.clone().unwrap_or_default(),
            self.note.clone(),
            self.roles_ar.join("|"),
        ]
        .join("\t")
    }

    /// Checks that the entry can be written as one TSV line and read back identically.
    pub(crate) fn validate(&self) -> Result<(), KbError> {
        let bad = |message: &str| {
            Err(KbError::InvalidEntry {
                id: self.id.clone(),
                message: message.to_string(),
            })
        };
        if self.id.is_empty() || self.id.contains(char::is_whitespace) {
            return bad("the id must be non-empty and without whitespace");
        }
        // The TSV reader takes a line starting with `#` for a comment and `id<TAB>` for the
        // header: such an entry would be written and then never read back.
        if self.id.starts_with('#') || self.id == "id" {
            return bad(
                "the id must not start with `#` nor be `id` (the file's comment and header)",
            );
        }
        if self.name_ar.trim().is_empty() {
            return bad("name_ar must not be empty");
        }
        let fields = self
            .all_names()
            .chain(self.roles_ar.iter().map(String::as_str));
        for f in fields.chain([self.note.as_str()]) {
            if f.contains(['\t', '\n', '\r']) {
                return bad("fields must not contain tabs or line breaks");
            }
        }
        let listed = self.aliases_ar.iter().chain(&self.weak_aliases_ar);
        if listed
            .chain(&self.aliases_en)
            .chain(&self.roles_ar)
            .any(|a| a.contains('|') || a.trim().is_empty())
        {
            return bad("list items must be non-empty and must not contain `|`");
        }
        Ok(())
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect()
}
