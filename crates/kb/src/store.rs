//! The knowledge base proper: the builtin entries, the user's additions, and the alias index.

use std::collections::HashMap;
use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::entry::{KbEntry, Origin};
use crate::key::{add_article, lookup_key, strip_article};
use crate::KbError;

/// The curated file, embedded so that the binary works from any directory.
const BUILTIN_TSV: &str = include_str!("../../../kb/actors.tsv");
/// The name under which the embedded file reports errors.
const BUILTIN_PATH: &str = "kb/actors.tsv";

/// Header written at the top of a new user file.
const USER_HEADER: &str = "# isnad user knowledge base: your own entries, kept across upgrades.\n\
# Columns: id, type (PER/ORG/LOC/MISC), name_ar, name_en, aliases_ar (|), aliases_en (|), parent, note, roles_ar (|)\n";

/// A set of actors and places, indexed by the lookup keys of all their names.
#[derive(Debug, Clone)]
pub struct Kb {
    entries: Vec<KbEntry>,
    by_id: HashMap<String, usize>,
    /// Search key → entries having that spelling (Arabic aliases, weak ones included).
    by_key: HashMap<String, Vec<usize>>,
    /// Lowercased lookup key of English names → entries.
    by_en: HashMap<String, Vec<usize>>,
    version: String,
}

impl Kb {
    /// The curated knowledge base shipped inside the binary, parsed once per process.
    ///
    /// # Panics
    /// Never at run time on a released build: the embedded file is checked by the crate's tests,
    /// so a parse failure here is a build defect.
    pub fn builtin() -> &'static Kb {
        static BUILTIN: OnceLock<Kb> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Kb::from_tsv(BUILTIN_TSV, Path::new(BUILTIN_PATH), Origin::Builtin)
                .expect("the embedded kb/actors.tsv is valid (checked by tests)")
        })
    }

    /// Parses a knowledge base from TSV text; `path` only names the source in errors.
    pub fn from_tsv(text: &str, path: &Path, origin: Origin) -> Result<Kb, KbError> {
        let mut kb = Kb {
            entries: Vec::new(),
            by_id: HashMap::new(),
            by_key: HashMap::new(),
            by_en: HashMap::new(),
            version: String::new(),
        };
        for (i, line) in text.lines().enumerate() {
            let lineno = i + 1;
            let line = line.trim_end_matches('\r');
            if let Some(comment) = line.strip_prefix('#') {
                if let Some(v) = comment.trim().strip_prefix("version:") {
                    kb.version = v.trim().to_string();
                }
                continue;
            }
            if line.trim().is_empty() || line.starts_with("id\t") {
                continue;
            }
            let entry = KbEntry::parse_line(line, path, lineno, origin)?;
            if kb.by_id.contains_key(&entry.id) {
                return Err(KbError::DuplicateId {
                    path: path.to_path_buf(),
                    line: lineno,
                    id: entry.id,
                });
            }
            kb.insert(entry);
        }
        Ok(kb)
    }

    /// The builtin entries merged with the user's file.
    ///
    /// `user_file` defaults to [`Kb::default_user_file`]; a missing file is an empty one. A user
    /// entry with the id of a builtin one replaces it, so users can correct the shipped data.
    pub fn load(user_file: Option<&Path>) -> Result<Kb, KbError> {
        let mut kb = Kb::builtin().clone();
        let path = match user_file {
            Some(p) => Some(p.to_path_buf()),
            None => Kb::default_user_file(),
        };
        if let Some(path) = path.filter(|p| p.exists()) {
            let text = std::fs::read_to_string(&path).map_err(|source| KbError::Io {
                path: path.clone(),
                source,
            })?;
            let user = Kb::from_tsv(&text, &path, Origin::User)?;
            for entry in user.entries {
                kb.upsert(entry);
            }
        }
        Ok(kb)
    }

    /// Where the user's own entries live by default: `<data dir>/isnad/kb_user.tsv`
    /// (e.g. `~/.local/share/isnad/kb_user.tsv` on Linux). Another file is passed explicitly to
    /// [`Kb::load`] and [`Kb::add`]; the library reads no environment variable, so what it
    /// loads depends only on its arguments (the `isnad` binary maps `$ISNAD_KB_USER` to one).
    pub fn default_user_file() -> Option<PathBuf> {
        dirs::data_dir().map(|d| d.join("isnad").join("kb_user.tsv"))
    }

    /// Adds an entry to this knowledge base and appends it to the user file (created with a
    /// header if needed; `None` means [`Kb::default_user_file`]).
    ///
    /// Fails if the id is already taken or the entry cannot round-trip through the TSV format.
    pub fn add(&mut self, mut entry: KbEntry, user_file: Option<&Path>) -> Result<(), KbError> {
        entry.validate()?;
        if self.by_id.contains_key(&entry.id) {
            return Err(KbError::InvalidEntry {
                id: entry.id,
                message: "an entry with this id already exists".into(),
            });
        }
        let path = match user_file {
            Some(p) => p.to_path_buf(),
            None => Kb::default_user_file().ok_or(KbError::NoDataDir)?,
        };
        let io = |source| KbError::Io {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let fresh = !path.exists();
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io)?;
        let mut text = String::new();
        if fresh {
            text.push_str(USER_HEADER);
        }
        entry.origin = Origin::User;
        text.push_str(&entry.to_line());
        text.push('\n');
        file.write_all(text.as_bytes()).map_err(io)?;
        self.insert(entry);
        Ok(())
    }

    /// Entries whose name or alias has the lookup key of `name`.
    ///
    /// Arabic is matched on the lookup key, first exactly, then with the definite article
    /// stripped or added («عراق» finds «العراق»); English names case-insensitively. Weak aliases
    /// count here: lookup is for linking names already found.
    pub fn lookup(&self, name: &str) -> Vec<&KbEntry> {
        let key = lookup_key(name);
        if key.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<usize> = self.by_key.get(&key).cloned().unwrap_or_default();
        if hits.is_empty() {
            for alt in [strip_article(&key), add_article(&key)]
                .into_iter()
                .flatten()
            {
                hits.extend(self.by_key.get(&alt).into_iter().flatten());
            }
        }
        hits.extend(self.by_en.get(&key).into_iter().flatten());
        let mut seen = Vec::new();
        hits.retain(|i| {
            let new = !seen.contains(i);
            seen.push(*i);
            new
        });
        hits.into_iter().map(|i| &self.entries[i]).collect()
    }

    /// All entries, builtin first, in file order.
    pub fn list(&self) -> &[KbEntry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&KbEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Entries whose parent is `id` (branches, wings, leaders, cities of a country).
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a KbEntry> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.parent.as_deref() == Some(id))
    }

    /// The `# version:` of the builtin file.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn insert(&mut self, entry: KbEntry) {
        let idx = self.entries.len();
        self.by_id.insert(entry.id.clone(), idx);
        self.index(idx, &entry);
        self.entries.push(entry);
    }

    /// Inserts, or replaces the entry with the same id (its old spellings are unindexed).
    fn upsert(&mut self, entry: KbEntry) {
        match self.by_id.get(&entry.id).copied() {
            None => self.insert(entry),
            Some(idx) => {
                for list in self.by_key.values_mut().chain(self.by_en.values_mut()) {
                    list.retain(|&i| i != idx);
                }
                self.index(idx, &entry);
                self.entries[idx] = entry;
            }
        }
    }

    fn index(&mut self, idx: usize, entry: &KbEntry) {
        let arabic = entry
            .strong_names_ar()
            .chain(entry.weak_aliases_ar.iter().map(String::as_str));
        for name in arabic {
            push_unique(self.by_key.entry(lookup_key(name)).or_default(), idx);
        }
        let english = std::iter::once(&entry.name_en).chain(&entry.aliases_en);
        for name in english.filter(|n| !n.is_empty()) {
            push_unique(self.by_en.entry(lookup_key(name)).or_default(), idx);
        }
    }
}

fn push_unique(list: &mut Vec<usize>, idx: usize) {
    if !list.contains(&idx) {
        list.push(idx);
    }
}
