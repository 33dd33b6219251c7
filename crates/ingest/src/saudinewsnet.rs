//! The one reader of the SaudiNewsNet corpus, the raw Arabic news every trainer and benchmark
//! of isnad reads (word clusters, the tagger's distributional signatures, NER self-training,
//! throughput benchmarks).
//!
//! The corpus is a `dataset` folder of daily `*.zip` files, each holding one JSON array of
//! articles (`source`, `url`, `date_extracted`, `title`, `author`, `content`). Reading is
//! deterministic: zips in file-name order, entries in archive order, articles in array order,
//! so that every training run and benchmark sees the same articles in the same order.
//!
//! ```no_run
//! use isnad_ingest::saudinewsnet;
//! let dir = std::path::Path::new("../shared/data/saudinewsnet/dataset");
//! for article in saudinewsnet::articles(dir)?.take(3) {
//!     let a = article?;
//!     println!("{}: {}", a.date_extracted, a.title);
//! }
//! # Ok::<(), saudinewsnet::SaudiNewsNetError>(())
//! ```

use std::io::Read;
use std::path::{Path, PathBuf};

/// One article; a field missing from the JSON is empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default)]
pub struct Article {
    /// The outlet's site name.
    pub source: String,
    /// The article's address.
    pub url: String,
    /// When it was crawled (`YYYY-MM-DD HH:MM:SS`).
    pub date_extracted: String,
    /// Headline.
    pub title: String,
    /// Byline, often empty.
    pub author: String,
    /// Body text.
    pub content: String,
}

/// Why the corpus could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaudiNewsNetError {
    /// Listing the folder or reading a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The folder or zip.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A zip archive is corrupt.
    #[error("{}: {message}", path.display())]
    Zip {
        /// The zip.
        path: PathBuf,
        /// The zip library's message.
        message: String,
    },
    /// An entry is not a JSON array of articles.
    #[error("{}: {source}", path.display())]
    Json {
        /// The zip.
        path: PathBuf,
        /// The parse error.
        #[source]
        source: serde_json::Error,
    },
    /// The folder holds no `*.zip`.
    #[error("no .zip files in {}", .0.display())]
    Empty(PathBuf),
}

/// The `*.zip` files of `dir`, sorted by name (the days in order).
///
/// # Errors
///
/// [`SaudiNewsNetError::Io`] when the folder cannot be listed, [`SaudiNewsNetError::Empty`]
/// when it holds no zip.
pub fn zip_files(dir: &Path) -> Result<Vec<PathBuf>, SaudiNewsNetError> {
    let io = |source| SaudiNewsNetError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_zip(p))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(SaudiNewsNetError::Empty(dir.to_path_buf()));
    }
    Ok(files)
}

/// True for a `*.zip` path (the corpus's daily files).
pub fn is_zip(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "zip")
}

/// The articles of one daily zip: every `*.json` entry in archive order, each a JSON array.
///
/// # Errors
///
/// I/O, zip and JSON errors, naming the zip.
pub fn read_zip(path: &Path) -> Result<Vec<Article>, SaudiNewsNetError> {
    let zip_err = |e: zip::result::ZipError| SaudiNewsNetError::Zip {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let io = |source| SaudiNewsNetError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut archive = zip::ZipArchive::new(file).map_err(zip_err)?;
    let mut out = Vec::new();
    let mut json = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(zip_err)?;
        if !entry.name().ends_with(".json") {
            continue;
        }
        json.clear();
        entry.read_to_string(&mut json).map_err(io)?;
        let articles: Vec<Article> =
            serde_json::from_str(&json).map_err(|source| SaudiNewsNetError::Json {
                path: path.to_path_buf(),
                source,
            })?;
        out.extend(articles);
    }
    Ok(out)
}

/// Every article of the `dataset` folder `dir`, zip by zip (one zip in memory at a time).
///
/// # Errors
///
/// Those of [`zip_files`] at once; those of [`read_zip`] as an item, after which the
/// iterator goes on with the next zip.
pub fn articles(dir: &Path) -> Result<Articles, SaudiNewsNetError> {
    let mut zips = zip_files(dir)?;
    zips.reverse();
    Ok(Articles {
        zips,
        current: Vec::new().into_iter(),
    })
}

/// The first `limit` articles of `dir` (all of them for `usize::MAX`), in corpus order.
///
/// # Errors
///
/// The first error of [`articles`].
pub fn read_articles(dir: &Path, limit: usize) -> Result<Vec<Article>, SaudiNewsNetError> {
    articles(dir)?.take(limit).collect()
}

/// Iterator of [`articles`].
pub struct Articles {
    /// Zips still to read, last first.
    zips: Vec<PathBuf>,
    current: std::vec::IntoIter<Article>,
}

impl Iterator for Articles {
    type Item = Result<Article, SaudiNewsNetError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(a) = self.current.next() {
                return Some(Ok(a));
            }
            let zip = self.zips.pop()?;
            match read_zip(&zip) {
                Ok(articles) => self.current = articles.into_iter(),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write_zip(path: &Path, entries: &[(&str, &str)]) {
        let file = std::fs::File::create(path).unwrap();
        let mut z = zip::ZipWriter::new(file);
        for (name, body) in entries {
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file(*name, opts).unwrap();
            z.write_all(body.as_bytes()).unwrap();
        }
        z.finish().unwrap();
    }

    #[test]
    fn reads_zips_in_name_order_and_skips_other_entries() {
        let dir = tempfile::tempdir().unwrap();
        write_zip(
            &dir.path().join("2015-07-22.zip"),
            &[(
                "2015-07-22.json",
                r#"[{"title":"ب","content":"نص ب","source":"s"},{"title":"ج"}]"#,
            )],
        );
        write_zip(
            &dir.path().join("2015-07-21.zip"),
            &[
                ("readme.txt", "not json"),
                ("2015-07-21.json", r#"[{"title":"أ","content":"نص أ"}]"#),
            ],
        );
        std::fs::write(dir.path().join("notes.txt"), "ignored").unwrap();
        let got = read_articles(dir.path(), usize::MAX).unwrap();
        let titles: Vec<&str> = got.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["أ", "ب", "ج"]);
        assert_eq!(got[1].source, "s");
        assert_eq!(got[2].content, "");
        assert_eq!(read_articles(dir.path(), 2).unwrap().len(), 2);
    }

    #[test]
    fn an_empty_folder_and_a_bad_zip_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            articles(dir.path()).err(),
            Some(SaudiNewsNetError::Empty(_))
        ));
        std::fs::write(dir.path().join("bad.zip"), "not a zip").unwrap();
        let first = articles(dir.path()).unwrap().next();
        assert!(matches!(first, Some(Err(SaudiNewsNetError::Zip { .. }))));
    }
}
