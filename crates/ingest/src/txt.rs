//! `.txt`: the whole file is one document, named after the file (its stem is the title).

use crate::{
    read_bounded, DocReader, Ids, IngestError, Limits, Location, Origin, RawDoc, RecordError,
};
use std::path::Path;

pub(crate) fn read(path: &Path, ids: Ids, limits: Limits) -> Result<DocReader, IngestError> {
    let record = read_bounded(path, limits.max_record_bytes, "--max-record-mb")?
        .and_then(|bytes| parse(path, &bytes, &ids));
    Ok(DocReader::new(std::iter::once(record)))
}

fn parse(path: &Path, bytes: &[u8], ids: &Ids) -> Result<RawDoc, RecordError> {
    let text = crate::decode(path, bytes, Location::Whole)?;
    if text.trim().is_empty() {
        return Err(RecordError::new(path, Location::Whole, "empty document"));
    }
    Ok(RawDoc {
        id: ids.whole(),
        text: text.into_owned(),
        title: Some(ids.stem.clone()).filter(|s| !s.is_empty()),
        url: None,
        published: None,
        outlet: None,
        origin: Origin {
            file: path.to_path_buf(),
            location: Location::Whole,
        },
    })
}
