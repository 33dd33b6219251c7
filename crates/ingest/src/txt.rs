//! `.txt`: the whole file is one document, named after the file.

use crate::{file_stem, io_error, DocReader, IngestError, Location, Origin, RawDoc, RecordError};
use std::path::Path;

pub(crate) fn read(path: &Path) -> Result<DocReader, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    Ok(DocReader::new(std::iter::once(parse(path, &bytes))))
}

fn parse(path: &Path, bytes: &[u8]) -> Result<RawDoc, RecordError> {
    let text = isnad_text::decode(bytes)
        .map_err(|e| RecordError::new(path, Location::Offset(e.offset as u64), e.to_string()))?;
    if text.trim().is_empty() {
        return Err(RecordError::new(path, Location::Whole, "empty document"));
    }
    Ok(RawDoc {
        id: file_stem(path),
        text: text.to_string(),
        title: None,
        url: None,
        published: None,
        outlet: None,
        origin: Origin {
            file: path.to_path_buf(),
            location: Location::Whole,
        },
    })
}
