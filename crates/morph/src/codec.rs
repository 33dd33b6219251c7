//! A tiny binary codec for model files: magic + format version + zstd payload.
//!
//! Bump the version constants in `segmenter.rs`/`tagger.rs` whenever the
//! payload layout or the feature templates change: the embedded loader
//! checks it, so a stale model fails loudly instead of tagging garbage.

use crate::MorphError;

/// Little-endian writer into a growable buffer.
#[derive(Default)]
pub(crate) struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Dense i16 weights; zstd takes care of the many zeros.
    pub fn i16s(&mut self, v: &[i16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Wraps the payload: `magic`, version, then the zstd-compressed bytes.
    pub fn finish(self, magic: &[u8; 8], version: u32) -> Result<Vec<u8>, MorphError> {
        let mut out = Vec::with_capacity(self.buf.len() / 4);
        out.extend_from_slice(magic);
        out.extend_from_slice(&version.to_le_bytes());
        let z = zstd::bulk::compress(&self.buf, 19).map_err(|e| MorphError::InvalidModel {
            what: "model",
            reason: format!("compression failed: {e}"),
        })?;
        out.extend_from_slice(&(self.buf.len() as u64).to_le_bytes());
        out.extend_from_slice(&z);
        Ok(out)
    }
}

/// Reader over a decompressed payload; every read is bounds-checked.
pub(crate) struct Reader {
    buf: Vec<u8>,
    pos: usize,
    what: &'static str,
}

impl Reader {
    /// Checks magic and version, then decompresses the payload.
    pub fn open(
        bytes: &[u8],
        magic: &[u8; 8],
        version: u32,
        what: &'static str,
    ) -> Result<Reader, MorphError> {
        let bad = |reason: String| MorphError::InvalidModel { what, reason };
        if bytes.len() < 20 || &bytes[..8] != magic {
            return Err(bad("bad magic (not an isnad model of this kind)".into()));
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[8..12]);
        let found = u32::from_le_bytes(v);
        if found != version {
            return Err(bad(format!(
                "format version {found}, this build reads {version}; retrain the model"
            )));
        }
        let mut l = [0u8; 8];
        l.copy_from_slice(&bytes[12..20]);
        let len = u64::from_le_bytes(l) as usize;
        if len > 1 << 30 {
            return Err(bad("implausible payload size".into()));
        }
        let buf = zstd::bulk::decompress(&bytes[20..], len)
            .map_err(|e| bad(format!("decompression failed: {e}")))?;
        Ok(Reader { buf, pos: 0, what })
    }

    fn take(&mut self, n: usize) -> Result<&[u8], MorphError> {
        if self.pos + n > self.buf.len() {
            return Err(MorphError::InvalidModel {
                what: self.what,
                reason: "truncated payload".into(),
            });
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u32(&mut self) -> Result<u32, MorphError> {
        let mut b = [0u8; 4];
        b.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(b))
    }
    pub fn u8(&mut self) -> Result<u8, MorphError> {
        Ok(self.take(1)?[0])
    }
    pub fn str(&mut self) -> Result<String, MorphError> {
        let n = self.u32()? as usize;
        let what = self.what;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| MorphError::InvalidModel {
            what,
            reason: "invalid UTF-8 string".into(),
        })
    }
    /// A string borrowed from the payload (no allocation).
    pub fn str_ref(&mut self) -> Result<&str, MorphError> {
        let n = self.u32()? as usize;
        let what = self.what;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| MorphError::InvalidModel {
            what,
            reason: "invalid UTF-8 string".into(),
        })
    }
    pub fn i16s(&mut self) -> Result<Vec<i16>, MorphError> {
        let n = self.u32()? as usize;
        let b = self.take(n * 2)?;
        Ok(b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
}
