//! Strict UTF-8 decoding of input bytes.

use std::borrow::Cow;

/// The input was not valid UTF-8 (or, after a UTF-16 byte-order mark, not valid UTF-16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", describe(*.offset, *.utf16))]
pub struct DecodeError {
    /// Byte offset of the first invalid byte in the *original* input (a stripped BOM counts).
    pub offset: usize,
    /// The input starts with a UTF-16 byte-order mark.
    pub utf16: bool,
}

fn describe(offset: usize, utf16: bool) -> String {
    match (utf16, offset) {
        (true, 0) => "UTF-16 text (byte-order mark at byte 0): convert it to UTF-8".into(),
        (true, _) => format!("invalid UTF-16 at byte offset {offset}"),
        (false, _) => format!("invalid UTF-8 at byte offset {offset}"),
    }
}

/// The byte order of a leading UTF-16 byte-order mark.
fn utf16_bom(bytes: &[u8]) -> Option<fn([u8; 2]) -> u16> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(u16::from_le_bytes),
        [0xFE, 0xFF, ..] => Some(u16::from_be_bytes),
        _ => None,
    }
}

/// Decodes UTF-8 as [`decode`] does, and also UTF-16 (either byte order) that starts with a
/// byte-order mark, which Windows tools write. Code points, and so offsets counted in them,
/// are the same whichever encoding carried the text.
///
/// # Errors
/// [`DecodeError`] with the byte offset of the first invalid byte (for UTF-16: of the unit
/// that is an unpaired surrogate, or of a trailing odd byte), `utf16` set for UTF-16.
///
/// # Examples
/// ```
/// assert_eq!(isnad_text::decode_any(b"\xFF\xFEa\x00b\x00").unwrap(), "ab");
/// ```
pub fn decode_any(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    let Some(unit) = utf16_bom(bytes) else {
        return decode(bytes).map(Cow::Borrowed);
    };
    let body = &bytes[2..];
    let units = body.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut out = String::with_capacity(body.len() / 2 * 3);
    let mut at = 2;
    for c in char::decode_utf16(units) {
        let Ok(c) = c else {
            return Err(DecodeError {
                offset: at,
                utf16: true,
            });
        };
        out.push(c);
        at += c.len_utf16() * 2;
    }
    if body.len() % 2 == 1 {
        return Err(DecodeError {
            offset: bytes.len() - 1,
            utf16: true,
        });
    }
    Ok(Cow::Owned(out))
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
        utf16: skip == 0 && utf16_bom(bytes).is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16: a UTF-16 file was reported as "invalid UTF-8 at byte 0".
    #[test]
    fn utf16_with_a_bom_is_decoded_and_a_broken_one_named() {
        let text = "قال الوزير: نعم 😀";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in text.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode_any(&le).unwrap(), text);
        assert_eq!(decode_any(&be).unwrap(), text);
        assert_eq!(decode_any("سلام".as_bytes()).unwrap(), "سلام");
        // An unpaired surrogate, and an odd byte at the end.
        let bad = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x41, 0x00];
        let e = decode_any(&bad).unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(e.to_string().contains("UTF-16"), "{e}");
        let odd = [0xFF, 0xFE, 0x41, 0x00, 0x42];
        assert_eq!(decode_any(&odd).unwrap_err().offset, 4);
        // Plain `decode` says what the bytes are rather than "invalid UTF-8 at byte 0".
        assert!(decode(&le).unwrap_err().to_string().contains("UTF-16"));
    }

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
            Err(DecodeError {
                offset: 5,
                utf16: false
            })
        );
        // Truncated two-byte sequence at the end.
        assert_eq!(decode(b"\xD8").unwrap_err().offset, 0);
        let e = decode(b"ok\xC3\x28").unwrap_err();
        assert_eq!(e.offset, 2);
        assert!(e.to_string().contains("byte offset 2"));
    }
}
