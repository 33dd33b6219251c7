//! The element nesting depth of an HTML page, measured in one linear pass before the page
//! reaches the HTML parser and Readability.
//!
//! Both do work proportional to the depth of the open-element stack for each element, so a
//! page of deeply nested `<div>`s costs depth × size: 100 KB took 18 s and 1 MB did not end.
//! Real news pages nest a few dozen elements; a page over [`crate::Limits::max_html_depth`]
//! is reported instead of parsed.
//!
//! This is an estimate in the parser's spirit, not a parser: comments, doctypes and the
//! contents of `<script>`, `<style>` and the like are skipped; void elements (`<br>`,
//! `<img>`…), self-closed tags and elements whose end tag may be omitted (`<p>`, `<li>`,
//! `<td>`…) do not count, so sloppy but ordinary pages are never refused.

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose end tag may be omitted: the parser closes them implicitly.
const IMPLIED_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot",
    "colgroup", "rb", "rt", "rtc", "rp",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// The deepest nesting of counted elements in `html` (linear in its length).
pub(crate) fn max_depth(html: &str) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max) = (0usize, 0usize, 0usize);
    let mut name = String::new();
    while let Some(lt) = memchr(b'<', b, i) {
        i = lt + 1;
        match b.get(i) {
            Some(b'!') if b[i..].starts_with(b"!--") => {
                i = find(b, b"-->", i + 3).map_or(b.len(), |e| e + 3);
            }
            Some(b'!' | b'?') => i = memchr(b'>', b, i).map_or(b.len(), |e| e + 1),
            Some(b'/') => {
                i = read_name(b, i + 1, &mut name);
                if counts(&name) {
                    depth = depth.saturating_sub(1);
                }
                i = memchr(b'>', b, i).map_or(b.len(), |e| e + 1);
            }
            Some(c) if c.is_ascii_alphabetic() => {
                i = read_name(b, i, &mut name);
                let (end, self_closed) = tag_end(b, i);
                i = end;
                if RAW_TEXT.contains(&name.as_str()) {
                    i = raw_text_end(b, i, &name);
                } else if counts(&name) && !self_closed {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

fn counts(name: &str) -> bool {
    !name.is_empty() && !VOID.contains(&name) && !IMPLIED_END.contains(&name)
}

/// Reads a tag name (lowercased into `name`, at most 16 bytes kept) from `i`.
fn read_name(b: &[u8], mut i: usize, name: &mut String) -> usize {
    name.clear();
    while let Some(&c) = b.get(i) {
        if !(c.is_ascii_alphanumeric() || c == b'-' || c == b':') {
            break;
        }
        if name.len() < 16 {
            name.push(c.to_ascii_lowercase() as char);
        }
        i += 1;
    }
    i
}

/// The end of a start tag (after `>`), skipping quoted attribute values, and whether it
/// ends `/>`.
fn tag_end(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut quote = None;
    while let Some(&c) = b.get(i) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return (i + 1, i > 0 && b[i - 1] == b'/'),
            None => {}
        }
        i += 1;
    }
    (b.len(), false)
}

/// The position after `</name>` from `i`, or the end of input.
fn raw_text_end(b: &[u8], mut i: usize, name: &str) -> usize {
    while let Some(lt) = memchr(b'<', b, i) {
        let tail = &b[lt + 1..];
        if tail.first() == Some(&b'/')
            && tail.len() > name.len()
            && tail[1..=name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return memchr(b'>', b, lt).map_or(b.len(), |e| e + 1);
        }
        i = lt + 1;
    }
    b.len()
}

fn memchr(needle: u8, b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == needle)
        .map(|p| p + from)
}

fn find(b: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_what_the_parser_nests() {
        assert_eq!(max_depth("<div><div><span>x</span></div></div>"), 3);
        // Void, self-closed and implied-end elements do not count.
        assert_eq!(max_depth("<div><br><img src='a>b'/><p>a<p>b<li>c</div>"), 1);
        // Comments and script contents are skipped.
        assert_eq!(
            max_depth("<!-- <div><div> --><script>'<div><div>'</SCRIPT ><b>x</b>"),
            1
        );
        assert_eq!(max_depth(&"<div>".repeat(1000)), 1000);
        assert_eq!(max_depth("plain < text > with <3 signs"), 0);
        assert_eq!(max_depth("<div"), 1);
    }
}
