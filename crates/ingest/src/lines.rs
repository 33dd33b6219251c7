//! Bounded line reading: a file of binary junk without newlines must not be read into memory
//! as one "line".

use std::io::{self, BufRead};

/// Reads the next line (without its `\n` / `\r\n`) into `buf`, keeping at most `cap` bytes of
/// it; the rest of an over-long line is consumed and dropped. Returns the number of bytes the
/// line took in the stream (0 at end of input) and whether it was truncated.
pub(crate) fn read_line_capped<R: BufRead>(
    reader: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<(u64, bool)> {
    buf.clear();
    let mut consumed = 0u64;
    let mut truncated = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = cap.saturating_sub(buf.len());
        let keep = take.min(room);
        buf.extend_from_slice(&chunk[..keep]);
        truncated |= keep < take && !(done && keep + 1 == take);
        reader.consume(take);
        consumed += take as u64;
        if done {
            break;
        }
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok((consumed, truncated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_and_strips() {
        let mut r = io::Cursor::new(b"abc\r\nabcdefgh\nxy".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut buf, 4).unwrap(), (5, false));
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_capped(&mut r, &mut buf, 4).unwrap(), (9, true));
        assert_eq!(buf, b"abcd");
        assert_eq!(read_line_capped(&mut r, &mut buf, 4).unwrap(), (2, false));
        assert_eq!(buf, b"xy");
        assert_eq!(read_line_capped(&mut r, &mut buf, 4).unwrap(), (0, false));
    }
}
