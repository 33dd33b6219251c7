//! The parser's model file: magic + format version + raw length + zstd payload.
//!
//! Kept in one module so it can be swapped for the shared `isnad_learn` codec without touching
//! the parser: [`Writer`] builds the payload, [`Reader`] checks and reads it.

use crate::SyntaxError;

/// Little-endian payload writer.
#[derive(Default)]
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Dense `i16` weights; zstd takes care of the zeros that quantization leaves.
    pub fn i16s(&mut self, v: &[i16]) {
        self.u32(v.len() as u32);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }
    /// Wraps the payload.
    pub fn finish(self, magic: &[u8; 8], version: u32) -> Result<Vec<u8>, SyntaxError> {
        let z = zstd::bulk::compress(&self.buf, 19)
            .map_err(|e| SyntaxError::InvalidModel(format!("compression failed: {e}")))?;
        let mut out = Vec::with_capacity(z.len() + 20);
        out.extend_from_slice(magic);
        out.extend_from_slice(&version.to_le_bytes());
        out.extend_from_slice(&(self.buf.len() as u64).to_le_bytes());
        out.extend_from_slice(&z);
        Ok(out)
    }
}

/// Bounds-checked reader over a decompressed payload.
pub(crate) struct Reader {
    buf: Vec<u8>,
    pos: usize,
}

/// Payloads above this are refused (the shipped model is a few MB decompressed).
const MAX_PAYLOAD: u64 = 1 << 30;

impl Reader {
    /// Checks magic and version, then decompresses.
    pub fn open(bytes: &[u8], magic: &[u8; 8], version: u32) -> Result<Reader, SyntaxError> {
        let bad = |r: &str| SyntaxError::InvalidModel(r.to_string());
        if bytes.len() < 20 || &bytes[..8] != magic {
            return Err(bad("not a parser model (bad magic)"));
        }
        let v = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if v != version {
            return Err(SyntaxError::InvalidModel(format!(
                "format version {v}, this build reads {version} (retrain with `isnad train parser`)"
            )));
        }
        let mut len = [0u8; 8];
        len.copy_from_slice(&bytes[12..20]);
        let len = u64::from_le_bytes(len);
        if len > MAX_PAYLOAD {
            return Err(bad("payload too large"));
        }
        let buf = zstd::bulk::decompress(&bytes[20..], len as usize)
            .map_err(|e| SyntaxError::InvalidModel(format!("decompression failed: {e}")))?;
        Ok(Reader { buf, pos: 0 })
    }

    fn take(&mut self, n: usize) -> Result<&[u8], SyntaxError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.buf.len())
            .ok_or_else(|| SyntaxError::InvalidModel("truncated payload".into()))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    pub fn u32(&mut self) -> Result<u32, SyntaxError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub fn str(&mut self) -> Result<String, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?.to_vec();
        String::from_utf8(b).map_err(|_| SyntaxError::InvalidModel("label is not UTF-8".into()))
    }
    pub fn i16s(&mut self) -> Result<Vec<i16>, SyntaxError> {
        let n = self.u32()? as usize;
        let b = self.take(n.saturating_mul(2))?;
        Ok(b.chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect())
    }
    /// Fails unless the whole payload was read.
    pub fn done(&self) -> Result<(), SyntaxError> {
        if self.pos == self.buf.len() {
            Ok(())
        } else {
            Err(SyntaxError::InvalidModel(
                "trailing bytes in payload".into(),
            ))
        }
    }
}
