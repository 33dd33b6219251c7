//! Expanding the paths a user names into the files to read, with a stable name for each.
//!
//! A hostile folder must not stop the walk: a symbolic-link loop would walk forever, an
//! unreadable subfolder used to abort everything and one missing argument lost the others.
//! Here every directory and file is visited at most once (by device and inode, so a link
//! back up the tree is seen as a folder already walked), and every problem is collected with
//! its own path while the walk goes on.

use crate::{Format, IngestError};
use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// A file to read, with the name its documents' ids derive from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path to open.
    pub path: PathBuf,
    /// The file's stable name: for a file found in a folder, the folder's own name and the
    /// path below it (`news/a/report.txt`); for a file named directly, its file name. Always
    /// `/`-separated; bytes of a file name that are not UTF-8 are written `%XX`.
    pub name: String,
}

/// What [`discover`] found: the files in a stable order, and what could not be walked.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Files of a supported format, sorted by name (then path), each once.
    pub files: Vec<Found>,
    /// Missing arguments, unreadable folders and entries, broken links: each names its own
    /// path. The other files are still in `files`.
    pub problems: Vec<IngestError>,
}

/// Expands `paths` into the files isnad can read. Directories are walked recursively (hidden
/// entries skipped, symbolic links followed, but no folder or file visited twice, so link
/// loops end); files of unsupported formats are dropped. A path named explicitly is kept
/// only if its format is supported, like the files of a directory.
///
/// Problems never stop the walk: see [`Discovery::problems`].
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut walk = Walk::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(source) => {
                walk.problem(path, source);
                continue;
            }
        };
        if meta.is_dir() {
            let root = root_name(path);
            walk.dir(path, &meta, &root);
        } else if Format::of(path).is_some() && walk.first_visit(path, &meta) {
            let name = path.file_name().map(os_name).unwrap_or_default();
            walk.out.files.push(Found {
                path: path.clone(),
                name,
            });
        }
    }
    let mut out = walk.out;
    out.files
        .sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.path.cmp(&b.path)));
    out
}

#[derive(Default)]
struct Walk {
    out: Discovery,
    seen: HashSet<FileKey>,
}

impl Walk {
    fn problem(&mut self, path: &Path, source: std::io::Error) {
        self.out.problems.push(IngestError::Io {
            path: path.to_path_buf(),
            source,
        });
    }

    /// True the first time this file or folder (by identity, whatever the path) is seen.
    fn first_visit(&mut self, path: &Path, meta: &Metadata) -> bool {
        self.seen.insert(FileKey::of(path, meta))
    }

    /// Walks `dir` depth-first, entries in name order so that the first path to reach a
    /// file through links is the same every run.
    fn dir(&mut self, dir: &Path, meta: &Metadata, name: &str) {
        let mut stack = vec![(dir.to_path_buf(), meta.clone(), name.to_string())];
        while let Some((dir, meta, name)) = stack.pop() {
            if !self.first_visit(&dir, &meta) {
                continue;
            }
            let entries = match std::fs::read_dir(&dir) {
                Ok(e) => e,
                Err(source) => {
                    self.problem(&dir, source);
                    continue;
                }
            };
            let mut children = Vec::new();
            for entry in entries {
                match entry {
                    Ok(entry) => children.push(entry.file_name()),
                    Err(source) => self.problem(&dir, source),
                }
            }
            children.sort();
            let mut subdirs = Vec::new();
            for child in children {
                if child.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                let path = dir.join(&child);
                let child_name = join_name(&name, &os_name(&child));
                // Follow symbolic links to decide; a broken link is reported.
                let meta = match std::fs::metadata(&path) {
                    Ok(m) => m,
                    Err(source) => {
                        self.problem(&path, source);
                        continue;
                    }
                };
                if meta.is_dir() {
                    subdirs.push((path, meta, child_name));
                } else if Format::of(&path).is_some() && self.first_visit(&path, &meta) {
                    self.out.files.push(Found {
                        path,
                        name: child_name,
                    });
                }
            }
            stack.extend(subdirs.into_iter().rev());
        }
    }
}

/// The identity of a file or folder: device and inode on Unix, the canonical path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileKey {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &Metadata) -> FileKey {
        use std::os::unix::fs::MetadataExt;
        FileKey::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &Metadata) -> FileKey {
        FileKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// The name a walked folder gives its files: its own last component (`news` for `./news/`,
/// the current folder's name for `.`).
fn root_name(dir: &Path) -> String {
    match dir.file_name() {
        Some(n) => os_name(n),
        None => std::fs::canonicalize(dir)
            .ok()
            .and_then(|p| p.file_name().map(os_name))
            .unwrap_or_default(),
    }
}

fn join_name(parent: &str, child: &str) -> String {
    if parent.is_empty() {
        child.to_string()
    } else {
        format!("{parent}/{child}")
    }
}

/// A file name as text: UTF-8 kept, every other byte written `%XX`, and `%` itself written
/// `%25` so that two different names never give one id.
pub(crate) fn os_name(name: &OsStr) -> String {
    let mut out = String::new();
    for chunk in name.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '%' {
                out.push_str("%25");
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_escape_percent_and_bad_bytes_once() {
        assert_eq!(os_name(OsStr::new("تقرير.txt")), "تقرير.txt");
        assert_eq!(os_name(OsStr::new("50%.txt")), "50%25.txt");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            assert_eq!(os_name(OsStr::from_bytes(b"a\xffb.txt")), "a%FFb.txt");
        }
        assert_eq!(join_name("", "a.txt"), "a.txt");
        assert_eq!(join_name("news/a", "b.txt"), "news/a/b.txt");
    }
}
