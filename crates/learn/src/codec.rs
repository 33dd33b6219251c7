//! The one container of isnad's model files: an 8-byte magic, a `u32` format version and a
//! zstd-compressed payload, read back through a bounds-checked [`Reader`].
//!
//! Layout (little-endian): `magic[8]`, `version: u32`, `payload length: u64`, zstd frame of
//! the payload. The magic and version sit outside the compressed frame so that a file of
//! another kind or an older format is rejected before anything is decompressed, with a
//! message that says which. Every model (segmenter, tagger, NER, clusters) uses this one
//! container, so there is one place where a corrupt or stale file is caught.
//!
//! Bump a model's version constant whenever its payload layout or its feature templates
//! change: the embedded loader checks it, so a stale model fails loudly instead of
//! tagging garbage.

/// zstd level of every model file: files are written once and read at every start, so the
/// slowest level that still trains in seconds pays.
const LEVEL: i32 = 19;
/// A payload larger than this is refused before allocating (a corrupt length field).
const MAX_PAYLOAD: usize = 1 << 30;
/// Bytes before the compressed frame: magic, version, length.
const HEADER: usize = 8 + 4 + 8;

/// Why a model file could not be written or read.
#[derive(Debug, thiserror::Error)]
#[error("invalid {what} model: {problem}")]
pub struct CodecError {
    /// The kind of model (`"segmenter"`, `"tagger"`, `"NER"`, `"clusters"`, or `"model"` when
    /// writing).
    pub what: &'static str,
    /// What was wrong.
    pub problem: Problem,
}

/// What was wrong with a model file.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// The file does not start with the expected magic.
    #[error("bad magic (not an isnad model of this kind)")]
    BadMagic,
    /// The file is of another format version.
    #[error("format version {found}, this build reads {expected}; retrain the model")]
    Version {
        /// Version in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// The length field is larger than any model.
    #[error("implausible payload size")]
    Size,
    /// zstd failed to compress.
    #[error("compression failed: {0}")]
    Compress(std::io::Error),
    /// zstd failed to decompress (a corrupt frame, or longer than the length field says).
    #[error("decompression failed: {0}")]
    Decompress(std::io::Error),
    /// A read went past the end of the payload.
    #[error("truncated payload")]
    Truncated,
    /// A string of the payload is not UTF-8.
    #[error("invalid UTF-8 string")]
    Utf8,
    /// A value of the payload is out of its range (said by the model's own reader).
    #[error("{0}")]
    Invalid(String),
}

/// Little-endian writer of a model payload.
#[derive(Default)]
pub struct Writer {
    /// The uncompressed payload written so far.
    pub buf: Vec<u8>,
}

impl Writer {
    /// Appends one byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    /// Appends a `u16`.
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends a `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends an `f32` (its bits, so it reads back exactly).
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    /// Appends raw bytes (no length).
    pub fn bytes(&mut self, v: &[u8]) {
        self.buf.extend_from_slice(v);
    }
    /// Appends a string with a `u32` length.
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Appends a string of at most 255 bytes with a `u8` length (the compact form of word
    /// tables). Returns false, writing nothing, for a longer string.
    pub fn short_str(&mut self, s: &str) -> bool {
        let Ok(n) = u8::try_from(s.len()) else {
            return false;
        };
        self.u8(n);
        self.buf.extend_from_slice(s.as_bytes());
        true
    }
    /// Appends dense `i16` weights with a `u32` count; zstd takes care of the many zeros.
    pub fn i16s(&mut self, v: &[i16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Wraps the payload: `magic`, `version`, the payload length, then the zstd frame.
    ///
    /// # Errors
    ///
    /// [`Problem::Compress`] when zstd fails.
    pub fn finish(self, magic: &[u8; 8], version: u32) -> Result<Vec<u8>, CodecError> {
        let z = zstd::bulk::compress(&self.buf, LEVEL).map_err(|e| CodecError {
            what: "model",
            problem: Problem::Compress(e),
        })?;
        let mut out = Vec::with_capacity(HEADER + z.len());
        out.extend_from_slice(magic);
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(&(self.buf.len() as u64).to_le_bytes());
        out.extend_from_slice(&z);
        Ok(out)
    }
}

/// Reader over a decompressed payload; every read is bounds-checked.
pub struct Reader {
    buf: Vec<u8>,
    pos: usize,
    what: &'static str,
}

impl Reader {
    /// Checks magic and version, then decompresses the payload. `what` names the model in
    /// errors.
    ///
    /// # Errors
    ///
    /// [`Problem::BadMagic`], [`Problem::Version`], [`Problem::Size`] or
    /// [`Problem::Decompress`].
    pub fn open(
        bytes: &[u8],
        magic: &[u8; 8],
        version: u32,
        what: &'static str,
    ) -> Result<Reader, CodecError> {
        let bad = |problem| CodecError { what, problem };
        if bytes.len() < HEADER || &bytes[..8] != magic {
            return Err(bad(Problem::BadMagic));
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[8..12]);
        let found = u32::from_le_bytes(v);
        if found != version {
            return Err(bad(Problem::Version {
                found,
                expected: version,
            }));
        }
        let mut l = [0u8; 8];
        l.copy_from_slice(&bytes[12..HEADER]);
        let len = usize::try_from(u64::from_le_bytes(l)).unwrap_or(usize::MAX);
        if len > MAX_PAYLOAD {
            return Err(bad(Problem::Size));
        }
        let buf = zstd::bulk::decompress(&bytes[HEADER..], len)
            .map_err(|e| bad(Problem::Decompress(e)))?;
        Ok(Reader { buf, pos: 0, what })
    }

    /// An error of this reader's model (for checks the model's own reader makes).
    pub fn invalid(&self, reason: impl Into<String>) -> CodecError {
        self.error(Problem::Invalid(reason.into()))
    }

    fn error(&self, problem: Problem) -> CodecError {
        CodecError {
            what: self.what,
            problem,
        }
    }

    /// Bytes left to read.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// The next `n` raw bytes.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn take(&mut self, n: usize) -> Result<&[u8], CodecError> {
        if n > self.remaining() {
            return Err(self.error(Problem::Truncated));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], CodecError> {
        let mut b = [0u8; N];
        b.copy_from_slice(self.take(N)?);
        Ok(b)
    }
    /// Reads one byte.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn u8(&mut self) -> Result<u8, CodecError> {
        Ok(self.take(1)?[0])
    }
    /// Reads a `u16`.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn u16(&mut self) -> Result<u16, CodecError> {
        self.array().map(u16::from_le_bytes)
    }
    /// Reads a `u32`.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn u32(&mut self) -> Result<u32, CodecError> {
        self.array().map(u32::from_le_bytes)
    }
    /// Reads a `u64`.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn u64(&mut self) -> Result<u64, CodecError> {
        self.array().map(u64::from_le_bytes)
    }
    /// Reads an `f32`.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn f32(&mut self) -> Result<f32, CodecError> {
        self.array().map(f32::from_le_bytes)
    }
    /// Reads a string with a `u32` length.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] or [`Problem::Utf8`].
    pub fn str(&mut self) -> Result<String, CodecError> {
        self.str_ref().map(str::to_string)
    }
    /// A string with a `u32` length, borrowed from the payload (no allocation).
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] or [`Problem::Utf8`].
    pub fn str_ref(&mut self) -> Result<&str, CodecError> {
        let n = self.u32()? as usize;
        self.utf8(n)
    }
    /// A string with a `u8` length (written by [`Writer::short_str`]), borrowed.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] or [`Problem::Utf8`].
    pub fn short_str(&mut self) -> Result<&str, CodecError> {
        let n = self.u8()? as usize;
        self.utf8(n)
    }
    fn utf8(&mut self, n: usize) -> Result<&str, CodecError> {
        let what = self.what;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| CodecError {
            what,
            problem: Problem::Utf8,
        })
    }
    /// Reads dense `i16` weights with a `u32` count.
    ///
    /// # Errors
    ///
    /// [`Problem::Truncated`] past the end.
    pub fn i16s(&mut self) -> Result<Vec<i16>, CodecError> {
        let n = self.u32()? as usize;
        let b = self.take(n.saturating_mul(2))?;
        Ok(b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_and_rejections() {
        let mut w = Writer::default();
        w.u8(7);
        w.u16(300);
        w.u32(1 << 20);
        w.u64(u64::MAX - 1);
        w.f32(-0.125);
        w.str("كتاب");
        assert!(w.short_str("قلم"));
        assert!(!w.short_str(&"x".repeat(256)));
        w.i16s(&[-3, 0, 32_000]);
        let bytes = w.finish(b"ISNADTST", 3).expect("compress");
        let mut r = Reader::open(&bytes, b"ISNADTST", 3, "test").expect("open");
        assert_eq!(r.u8().unwrap(), 7);
        assert_eq!(r.u16().unwrap(), 300);
        assert_eq!(r.u32().unwrap(), 1 << 20);
        assert_eq!(r.u64().unwrap(), u64::MAX - 1);
        assert_eq!(r.f32().unwrap(), -0.125);
        assert_eq!(r.str().unwrap(), "كتاب");
        assert_eq!(r.short_str().unwrap(), "قلم");
        assert_eq!(r.i16s().unwrap(), [-3, 0, 32_000]);
        assert_eq!(r.remaining(), 0);
        assert!(matches!(r.u8().unwrap_err().problem, Problem::Truncated));
        let e = Reader::open(&bytes, b"ISNADTST", 4, "test")
            .err()
            .expect("version");
        assert!(matches!(
            e.problem,
            Problem::Version {
                found: 3,
                expected: 4
            }
        ));
        let e = Reader::open(&bytes, b"ISNADXXX", 3, "test")
            .err()
            .expect("magic");
        assert!(matches!(e.problem, Problem::BadMagic));
        assert_eq!(
            e.to_string(),
            "invalid test model: bad magic (not an isnad model of this kind)"
        );
        let e = Reader::open(&bytes[..bytes.len() - 3], b"ISNADTST", 3, "test")
            .err()
            .expect("cut");
        assert!(matches!(e.problem, Problem::Decompress(_)));
    }
}
