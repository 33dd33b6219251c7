//! Which syntactic words of a segmented surface word are proclitics, the stem
//! and enclitics (PADT's clitic inventory).

use crate::SegmentKind;

use std::sync::OnceLock;

/// The forms of a PADT clitic list (`lexicons/padt_proclitics.tsv`, `padt_enclitics.tsv`),
/// exactly as PADT writes them, looked up once: `kinds` runs for every segmented word.
fn forms(cell: &'static OnceLock<Vec<String>>, list: &str) -> &'static [String] {
    cell.get_or_init(|| {
        isnad_doc::Lexicon::embedded(list)
            .entries()
            .iter()
            .map(|e| e.text.clone())
            .collect()
    })
}

fn is_proclitic(form: &str) -> bool {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    forms(&CELL, "padt_proclitics").iter().any(|f| f == form)
}

fn is_enclitic(form: &str) -> bool {
    static CELL: OnceLock<Vec<String>> = OnceLock::new();
    forms(&CELL, "padt_enclitics").iter().any(|f| f == form)
}

/// Assigns proclitic/stem/enclitic to the forms of one surface word.
///
/// The stem is the first form that is not a proclitic, unless everything
/// after the proclitics is a pronoun clitic, in which case the last
/// proclitic-looking form is the stem (`لي` = stem ل + enclitic ي).
pub(crate) fn kinds<S: AsRef<str>>(forms: &[S]) -> Vec<SegmentKind> {
    let n = forms.len();
    let mut stem = forms
        .iter()
        .position(|f| !is_proclitic(f.as_ref()))
        .unwrap_or(n.saturating_sub(1));
    if stem > 0 && stem < n && forms[stem..].iter().all(|f| is_enclitic(f.as_ref())) {
        stem -= 1;
    }
    if stem >= n {
        stem = n.saturating_sub(1);
    }
    (0..n)
        .map(|i| match i.cmp(&stem) {
            std::cmp::Ordering::Less => SegmentKind::Proclitic,
            std::cmp::Ordering::Equal => SegmentKind::Stem,
            std::cmp::Ordering::Greater => SegmentKind::Enclitic,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigns_kinds() {
        use SegmentKind::*;
        assert_eq!(
            kinds(&["و", "ب", "السلاح"]),
            vec![Proclitic, Proclitic, Stem]
        );
        assert_eq!(kinds(&["ل", "ي"]), vec![Stem, Enclitic]);
        assert_eq!(kinds(&["كتائب", "ها"]), vec![Stem, Enclitic]);
        assert_eq!(kinds(&["و", "ل", "ه"]), vec![Proclitic, Stem, Enclitic]);
    }
}
