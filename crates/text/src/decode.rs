//! Strict UTF-8 decoding of input bytes.

/// The input was not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid UTF-8 at byte offset {offset}")]
pub struct DecodeError {
    /// Byte offset of the first invalid byte in the *original* input (a stripped BOM counts).
    pub offset: usize,
}

/// Decodes `bytes` as UTF-8, stripping one leading UTF-8 byte-order mark.
///
/// Invalid input is an error rather than being replaced: offsets are the contract of the
/// whole pipeline, and silently substituting U+FFFD would shift them relative to the bytes the
/// caller holds.
///
/// # Errors
/// [`DecodeError`] with the byte offset of the first invalid byte.
///
/// # Examples
/// ```
/// assert_eq!(isnad_text::decode(b"\xEF\xBB\xBFabc"), Ok("abc"));
/// assert_eq!(isnad_text::decode(b"ab\xFFc").unwrap_err().offset, 2);
/// ```
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    const BOM: &[u8] = b"\xEF\xBB\xBF";
    let (skip, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    std::str::from_utf8(body).map_err(|e| DecodeError {
        offset: skip + e.valid_up_to(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_strips_bom() {
        assert_eq!(decode("سلام".as_bytes()), Ok("سلام"));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Ok(""));
        assert_eq!(decode(b""), Ok(""));
        // Only one BOM is stripped.
        assert_eq!(decode(b"\xEF\xBB\xBF\xEF\xBB\xBFx"), Ok("\u{FEFF}x"));
    }

    #[test]
    fn reports_offset_of_first_invalid_byte() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\x80"),
            Err(DecodeError { offset: 5 })
        );
        // Truncated two-byte sequence at the end.
        assert_eq!(decode(b"\xD8"), Err(DecodeError { offset: 0 }));
        let e = decode(b"ok\xC3\x28").unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.to_string().contains("byte offset 2"));
    }
}
