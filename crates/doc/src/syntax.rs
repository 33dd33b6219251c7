//! Dependency trees over an [`crate::AnalyzedText`]: what the parser (`isnad-syntax`) writes and
//! extraction reads. They live here, not in the parser's crate, so that extraction depends on the
//! document model only and the caller decides which parser (if any) fills them.

/// A segment of an analyzed text: `doc.segments[token][segment]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SegmentRef {
    /// Token index.
    pub token: usize,
    /// Segment index within the token.
    pub segment: usize,
}

/// A segment's head and relation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dep {
    /// The head segment; `None` for the root of the sentence.
    pub head: Option<SegmentRef>,
    /// Label id, an index into [`Dependencies::labels`].
    pub label: u8,
}

/// The dependency tree of every sentence of a document, aligned with `doc.segments` (one
/// [`Dep`] per segment), with the label names of the parser that produced it.
#[derive(Clone, Debug, Default)]
pub struct Dependencies {
    /// One entry per token, one [`Dep`] per segment of the token.
    pub deps: Vec<Vec<Dep>>,
    /// The UD v2 name of each label id.
    pub labels: Vec<String>,
}

impl Dependencies {
    /// The dependency of segment `at`, if the tree covers it.
    pub fn get(&self, at: SegmentRef) -> Option<&Dep> {
        self.deps.get(at.token)?.get(at.segment)
    }

    /// The UD v2 name of the relation of segment `at` (`"dep"` where unknown).
    pub fn label(&self, at: SegmentRef) -> &str {
        self.get(at)
            .and_then(|d| self.labels.get(d.label as usize))
            .map_or("dep", String::as_str)
    }

    /// The head of segment `at` (`None` at the root or outside the tree).
    pub fn head(&self, at: SegmentRef) -> Option<SegmentRef> {
        self.get(at)?.head
    }
}
