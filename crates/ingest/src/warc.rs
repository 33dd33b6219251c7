//! `.warc` / `.warc.gz`: the HTML pages of a web archive.
//!
//! A WARC file is a sequence of records, each a `WARC/1.x` version line, header lines, a blank
//! line, exactly `Content-Length` bytes of block and a `\r\n\r\n` separator. `response` records
//! hold an HTTP message (status line, headers, body); `resource` records hold the page itself.
//! Only HTML pages with a 2xx status become documents; requests, metadata, images and the like
//! are skipped silently. The record format is simple enough that a careful reader is shorter
//! than adapting a crate, and this one never trusts a length to allocate: blocks are read
//! through `take`, so a lying `Content-Length` costs at most the bytes actually present.
//!
//! A `Content-Length` can also lie about where the record ends. After each block the reader
//! expects the `\r\n\r\n` separator; when it is not there, the record is reported, and the
//! reader looks for the next `WARC/` version line inside the block it read (a length too
//! long swallowed the records that follow: they are read again from there) or after it (a
//! length too short). A page over [`Limits::max_record_bytes`] is reported, never dropped
//! in silence.

use crate::lines::read_line_capped;
use crate::{
    html, io_error, normalize_date, DocReader, Ids, IngestError, Limits, Location, RawDoc,
    RecordError,
};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// WARC header lines are short; anything longer is corruption.
const MAX_HEADER_LINE: usize = 64 << 10;
const MAX_HEADERS: usize = 512;

pub(crate) fn read(
    path: &Path,
    gzipped: bool,
    ids: Ids,
    limits: Limits,
) -> Result<DocReader, IngestError> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let reader: Box<dyn BufRead + Send> = if gzipped {
        // Archives are usually one gzip member per record; MultiGzDecoder reads them all.
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(BufReader::new(file)),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 16, file))
    };
    Ok(DocReader::new(Records {
        reader,
        path: path.to_path_buf(),
        ids,
        limits,
        offset: 0,
        line: Vec::new(),
        pending: None,
        done: false,
    }))
}

struct Records {
    reader: Box<dyn BufRead + Send>,
    path: PathBuf,
    ids: Ids,
    limits: Limits,
    /// Bytes consumed so far (in the decompressed stream).
    offset: u64,
    line: Vec<u8>,
    /// Offset of a version line already read into `line` by [`Records::resync`].
    pending: Option<u64>,
    done: bool,
}

/// The headers of one WARC record that matter here.
#[derive(Default)]
struct Header {
    kind: String,
    content_type: String,
    length: Option<u64>,
    target: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
}

enum Step {
    Doc(RawDoc),
    Error(RecordError),
    /// A record that is not a page, or the end of input.
    Skip,
}

impl Iterator for Records {
    type Item = Result<RawDoc, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.step() {
                Ok(Step::Doc(doc)) => return Some(Ok(doc)),
                Ok(Step::Error(e)) => return Some(Err(e)),
                Ok(Step::Skip) => {}
                Err(e) => {
                    self.done = true;
                    let at = Location::Offset(self.offset);
                    return Some(Err(RecordError::new(
                        &self.path,
                        at,
                        format!("read error: {e}"),
                    )));
                }
            }
        }
        None
    }
}

impl Records {
    fn next_line(&mut self) -> io::Result<Option<bool>> {
        let (n, truncated) = read_line_capped(&mut self.reader, &mut self.line, MAX_HEADER_LINE)?;
        self.offset += n;
        Ok((n > 0).then_some(truncated))
    }

    /// Reads one record. I/O errors end the file; format errors are reported and the reader
    /// resynchronizes on the next `WARC/` version line.
    fn step(&mut self) -> io::Result<Step> {
        // Skip blank lines (record separators) up to the version line.
        let start = loop {
            if let Some(start) = self.pending.take() {
                break start;
            }
            let start = self.offset;
            let Some(_) = self.next_line()? else {
                self.done = true;
                return Ok(Step::Skip);
            };
            if !self.line.is_empty() {
                break start;
            }
        };
        if !self.line.starts_with(b"WARC/") {
            let err = RecordError::new(
                &self.path,
                Location::Offset(start),
                "expected a WARC/1.x version line",
            );
            self.resync()?;
            return Ok(Step::Error(err));
        }
        let here = Location::Offset(start);
        let mut header = Header::default();
        let mut count = 0;
        loop {
            let Some(truncated) = self.next_line()? else {
                self.done = true;
                return Ok(Step::Error(RecordError::new(
                    &self.path,
                    here,
                    "truncated WARC header",
                )));
            };
            if self.line.is_empty() {
                break;
            }
            count += 1;
            if truncated || count > MAX_HEADERS {
                let err = RecordError::new(&self.path, here, "malformed WARC header");
                self.resync()?;
                return Ok(Step::Error(err));
            }
            let line = String::from_utf8_lossy(&self.line);
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.kind = value.to_ascii_lowercase(),
                "content-type" => header.content_type = value.to_ascii_lowercase(),
                "content-length" => header.length = value.parse().ok(),
                "warc-target-uri" => {
                    header.target = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => header.date = Some(value),
                "warc-record-id" => header.record_id = Some(value),
                _ => {}
            }
        }
        let Some(length) = header.length else {
            let err = RecordError::new(
                &self.path,
                here,
                "WARC record without a valid Content-Length",
            );
            self.resync()?;
            return Ok(Step::Error(err));
        };
        let wanted = match header.kind.as_str() {
            "response" => header.content_type.contains("application/http"),
            "resource" => header.content_type.contains("html"),
            _ => false,
        };
        let max = self.limits.max_record_bytes;
        if length > max {
            let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink())?;
            self.offset += skipped;
            let over = format!(
                "record of {length} bytes, over the {max}-byte record limit (--max-record-mb)"
            );
            if skipped < length {
                self.done = true;
                return Ok(Step::Error(RecordError::new(&self.path, here, over)));
            }
            if !self.separator_follows()? {
                self.resync()?;
            }
            return Ok(if wanted {
                Step::Error(RecordError::new(&self.path, here, over))
            } else {
                Step::Skip
            });
        }
        let mut block = Vec::new();
        let got = (&mut self.reader).take(length).read_to_end(&mut block)? as u64;
        self.offset += got;
        let whole = got == length && self.separator_follows()?;
        if !whole {
            return self.misframed(&block, length, got == length, here);
        }
        if !wanted {
            return Ok(Step::Skip);
        }
        let body = if header.kind == "response" {
            match http_html_body(&block, self.limits.max_record_bytes) {
                Ok(Some(body)) => body,
                Ok(None) => return Ok(Step::Skip),
                Err(msg) => return Ok(Step::Error(RecordError::new(&self.path, here, msg))),
            }
        } else {
            block
        };
        // An empty header value (`WARC-Target-URI: `) names nothing: found by fuzzing, it
        // gave a document an empty id.
        let target = crate::non_empty(header.target.as_deref());
        let id = target
            .clone()
            .or_else(|| crate::non_empty(header.record_id.as_deref()))
            .unwrap_or_else(|| self.ids.record(start));
        Ok(
            match html::parse(&self.path, &body, id, target.as_deref(), here, self.limits) {
                Ok(mut doc) => {
                    // The page's own publication date is better; the crawl date is the fallback.
                    if doc.published.is_none() {
                        doc.published = header.date.as_deref().map(normalize_date);
                    }
                    Step::Doc(doc)
                }
                Err(e) => Step::Error(e),
            },
        )
    }

    /// Reads the `\r\n\r\n` that ends a record (a bare `\n\n` is accepted, and so is the end
    /// of input); anything else is put back for [`Records::resync`] and gives `false`.
    fn separator_follows(&mut self) -> io::Result<bool> {
        let mut sep = Vec::with_capacity(4);
        (&mut self.reader).take(4).read_to_end(&mut sep)?;
        self.offset += sep.len() as u64;
        let kept = if sep.is_empty() || sep == b"\r\n\r\n" {
            0
        } else if sep.starts_with(b"\n\n") {
            2
        } else {
            self.unread(sep);
            return Ok(false);
        };
        self.unread(sep[kept..].to_vec());
        Ok(true)
    }

    /// Puts `bytes` back in front of the stream.
    fn unread(&mut self, bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        self.offset -= bytes.len() as u64;
        let rest = std::mem::replace(&mut self.reader, Box::new(io::empty()));
        self.reader = Box::new(io::Cursor::new(bytes).chain(rest));
    }

    /// A block whose `Content-Length` does not end where the record ends: reports the record
    /// and goes on from the next version line, inside the block when the length was too long.
    fn misframed(
        &mut self,
        block: &[u8],
        length: u64,
        complete: bool,
        here: Location,
    ) -> io::Result<Step> {
        let next = find(block, b"\nWARC/1.").map(|i| i + 1);
        let message = match (next, complete) {
            (Some(_), _) => format!(
                "Content-Length {length} runs into the next record; record skipped, reading on from there"
            ),
            (None, true) => format!(
                "Content-Length {length} does not end at a record separator; record skipped"
            ),
            (None, false) => "truncated WARC record".to_string(),
        };
        match next {
            Some(at) => self.unread(block[at..].to_vec()),
            None if complete => self.resync()?,
            None => self.done = true,
        }
        Ok(Step::Error(RecordError::new(&self.path, here, message)))
    }

    /// Skips lines up to the next `WARC/` version line (left for the next [`Records::step`]).
    /// The version line found is kept in `self.line` and flagged `pending`, so that a version
    /// line split across two reads of the buffer is still seen whole.
    fn resync(&mut self) -> io::Result<()> {
        loop {
            let start = self.offset;
            if self.next_line()?.is_none() {
                return Ok(());
            }
            if self.line.starts_with(b"WARC/") {
                self.pending = Some(start);
                return Ok(());
            }
        }
    }
}

/// Splits an HTTP response into headers and body; returns the (de-chunked, decompressed) body
/// when the status is 2xx and the content is HTML, `None` for other responses.
fn http_html_body(block: &[u8], max_body: u64) -> Result<Option<Vec<u8>>, String> {
    let (head, body) = match find(block, b"\r\n\r\n") {
        Some(i) => (&block[..i], &block[i + 4..]),
        None => match find(block, b"\n\n") {
            Some(i) => (&block[..i], &block[i + 2..]),
            None => return Err("HTTP response without a header end".into()),
        },
    };
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok());
    if !matches!(code, Some(200..=299)) {
        return Ok(None);
    }
    let (mut html_type, mut chunked, mut encoding) = (None, false, String::new());
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => html_type = Some(value.contains("html")),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    let mut body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    if encoding.contains("gzip") || encoding.contains("deflate") {
        let mut out = Vec::new();
        let limit = max_body.saturating_add(1);
        let res = if encoding.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
        } else {
            flate2::read::ZlibDecoder::new(&body[..])
                .take(limit)
                .read_to_end(&mut out)
        };
        res.map_err(|e| format!("cannot decode {encoding} body: {e}"))?;
        if out.len() as u64 > max_body {
            return Err(format!(
                "{encoding} body over the {max_body}-byte record limit once decoded (--max-record-mb)"
            ));
        }
        body = out;
    }
    let is_html = html_type.unwrap_or_else(|| {
        let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
        head.contains("<html") || head.contains("<!doctype html")
    });
    Ok(is_html.then_some(body))
}

/// Undoes HTTP/1.1 chunked transfer coding.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let Some(eol) = find(data, b"\r\n") else {
            return Err("malformed chunked body".into());
        };
        let size_field = String::from_utf8_lossy(&data[..eol]);
        let size_hex = size_field.split(';').next().unwrap_or("").trim();
        let size =
            usize::from_str_radix(size_hex, 16).map_err(|_| "malformed chunk size".to_string())?;
        data = &data[eol + 2..];
        if size == 0 {
            return Ok(out);
        }
        let chunk = data.get(..size).ok_or("truncated chunk")?;
        out.extend_from_slice(chunk);
        data = data.get(size..).unwrap_or(&[]);
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dechunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=1\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\n").is_err());
        assert!(dechunk(b"ff\r\nab").is_err());
    }

    #[test]
    fn http_filters_non_html_and_errors() {
        let ok = http_html_body(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
            1 << 20,
        )
        .unwrap();
        assert_eq!(ok.as_deref(), Some(&b"<p>x</p>"[..]));
        let img = http_html_body(
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            1 << 20,
        )
        .unwrap();
        assert!(img.is_none());
        let redirect = http_html_body(
            b"HTTP/1.1 301 Moved\r\nContent-Type: text/html\r\n\r\n<p>x</p>",
            1 << 20,
        )
        .unwrap();
        assert!(redirect.is_none());
    }
}
