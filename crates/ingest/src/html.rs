//! `.html`: the main article text of a page, with navigation, menus, footers, scripts and
//! related-link blocks dropped by `dom_smoothie` (a port of Mozilla's Readability).

use crate::{
    non_empty, normalize_date, read_bounded, DocReader, Ids, IngestError, Limits, Location, Origin,
    RawDoc, RecordError,
};
use dom_smoothie::{Config, Readability, TextMode};
use std::path::Path;

/// What [`extract_html`] finds in a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlDoc {
    /// The article text, one paragraph per line.
    pub text: String,
    /// `og:title`, else `<title>` (as Readability cleans it).
    pub title: Option<String>,
    /// Publication date (`article:published_time`, `date`, JSON-LD...), normalized when parseable.
    pub published: Option<String>,
    /// `og:site_name`, else the host of the canonical URL (or of `url`).
    pub outlet: Option<String>,
    /// The canonical URL, else `url`.
    pub url: Option<String>,
}

/// Extracts the main article of an HTML page. `url` is where the page was fetched from (WARC
/// target URI), used when the page names no canonical URL.
///
/// Returns `None` when no readable text is found.
///
/// # Examples
/// ```
/// let html = r#"<html><head><title>خبر</title><meta property="og:site_name" content="صحيفة المثال"></head>
/// <body><nav>الرئيسية | رياضة</nav><article><p>افتتح الوزير المعرض السنوي للكتاب في المدينة صباح اليوم بحضور عدد كبير من الزوار والناشرين.</p>
/// <p>وقال الوزير إن المعرض يضم أكثر من ألف دار نشر من عشرين دولة عربية وأجنبية هذا العام.</p></article>
/// <footer>جميع الحقوق محفوظة</footer></body></html>"#;
/// let doc = isnad_ingest::extract_html(html, None).unwrap();
/// assert!(doc.text.contains("افتتح الوزير"));
/// assert!(!doc.text.contains("جميع الحقوق"));
/// assert_eq!(doc.outlet.as_deref(), Some("صحيفة المثال"));
/// ```
pub fn extract_html(html: &str, url: Option<&str>) -> Option<HtmlDoc> {
    // Readability is a large heuristic DOM walk in a third-party crate; a panic there on some
    // odd page must not take a whole batch ingest down, so it is contained and reported as
    // "no readable text".
    std::panic::catch_unwind(|| extract_inner(html, url))
        .ok()
        .flatten()
}

fn extract_inner(html: &str, url: Option<&str>) -> Option<HtmlDoc> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        // Short news items (agency flashes) are articles too.
        char_threshold: 100,
        ..Config::default()
    };
    // A relative or malformed URL is only a hint; parse without it rather than fail.
    let absolute = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut reader = Readability::new(html, absolute, Some(cfg.clone()))
        .or_else(|_| Readability::new(html, None, Some(cfg)))
        .ok()?;
    let meta = |selector: &str, attr: &str| -> Option<String> {
        let sel = reader.doc.select(selector);
        let value = sel.attr(attr)?;
        non_empty(Some(&value))
    };
    let canonical = meta("link[rel=canonical]", "href")
        .or_else(|| meta("meta[property='og:url']", "content"))
        .filter(|u| u.starts_with("http"));
    let og_title = meta("meta[property='og:title']", "content");
    let extra_date = meta("meta[property='article:published_time']", "content")
        .or_else(|| meta("meta[name=date]", "content"))
        .or_else(|| meta("meta[name=pubdate]", "content"))
        .or_else(|| meta("meta[itemprop=datePublished]", "content"))
        .or_else(|| meta("time[datetime]", "datetime"));
    let site = meta("meta[property='og:site_name']", "content");
    let article = reader.parse().ok()?;
    let text = tidy(&article.text_content);
    if text.is_empty() {
        return None;
    }
    let url = canonical.or_else(|| absolute.map(str::to_string));
    let outlet = site
        .or_else(|| non_empty(article.site_name.as_deref()))
        .or_else(|| url.as_deref().and_then(host));
    let published = extra_date
        .or_else(|| non_empty(article.published_time.as_deref()))
        .map(|d| normalize_date(&d));
    Some(HtmlDoc {
        text,
        title: og_title.or_else(|| non_empty(Some(&article.title))),
        published,
        outlet,
        url,
    })
}

/// One paragraph per line: trims each line and collapses runs of blank lines.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

/// `https://www.example.com/a/b` → `example.com`.
fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

pub(crate) fn read(path: &Path, ids: Ids, limits: Limits) -> Result<DocReader, IngestError> {
    let record =
        read_bounded(path, limits.max_record_bytes, "--max-record-mb")?.and_then(|bytes| {
            let mut doc = parse(path, &bytes, ids.whole(), None, Location::Whole, limits)?;
            if doc.title.is_none() && !ids.stem.is_empty() {
                doc.title = Some(ids.stem.clone());
            }
            Ok(doc)
        });
    Ok(DocReader::new(std::iter::once(record)))
}

/// Shared by `.html` files and WARC records.
pub(crate) fn parse(
    path: &Path,
    bytes: &[u8],
    id: String,
    url: Option<&str>,
    location: Location,
    limits: Limits,
) -> Result<RawDoc, RecordError> {
    // In a file, the offset of the bad byte; in a WARC, the record's own offset.
    let html = crate::decode(path, bytes, location)
        .map_err(|e| RecordError::new(path, e.location, format!("HTML: {}", e.message)))?;
    let depth = crate::depth::max_depth(&html);
    if depth > limits.max_html_depth {
        return Err(RecordError::new(
            path,
            location,
            format!(
                "HTML nested {depth} elements deep, over the limit of {} (--max-html-depth)",
                limits.max_html_depth
            ),
        ));
    }
    let doc = extract_html(&html, url).ok_or_else(|| {
        RecordError::new(path, location, "empty document (no readable text in HTML)")
    })?;
    Ok(RawDoc {
        id,
        text: doc.text,
        title: doc.title,
        url: doc.url,
        published: doc.published,
        outlet: doc.outlet,
        origin: Origin {
            file: path.to_path_buf(),
            location,
        },
    })
}
