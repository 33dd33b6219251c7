//! Which syntactic words of a segmented surface word are proclitics, the stem
//! and enclitics (PADT's clitic inventory).

use crate::SegmentKind;

use isnad_doc::Lexicon;

fn is_proclitic(form: &str) -> bool {
    Lexicon::embedded("padt_proclitics").contains_exact(form)
}

fn is_enclitic(form: &str) -> bool {
    Lexicon::embedded("padt_enclitics").contains_exact(form)
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
