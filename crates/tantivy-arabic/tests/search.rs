//! Round trips through a real Tantivy index: what the analyzer promises, a search delivers.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED};
use tantivy::{doc, Index, TantivyDocument, Term};
use tantivy_arabic::{ArabicAnalyzer, Mode};
use tantivy_tokenizer_api::{Token, TokenStream, Tokenizer};

fn tokens(analyzer: &mut ArabicAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().clone());
    }
    out
}

fn query_terms(text: &str) -> Vec<String> {
    tokens(&mut ArabicAnalyzer::query(), text)
        .into_iter()
        .map(|t| t.text)
        .collect()
}

struct Fixture {
    index: Index,
    text: tantivy::schema::Field,
    title: tantivy::schema::Field,
}

fn index_of(docs: &[&str]) -> Fixture {
    let mut schema = Schema::builder();
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("arabic")
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text = schema.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(indexing)
            .set_stored(),
    );
    let title = schema.add_text_field("title", STORED);
    let index = Index::create_in_ram(schema.build());
    index.tokenizers().register("arabic", ArabicAnalyzer::new());
    let mut writer = index.writer(15_000_000).expect("writer");
    for (i, body) in docs.iter().enumerate() {
        writer
            .add_document(doc!(text => *body, title => format!("d{i}")))
            .expect("add");
    }
    writer.commit().expect("commit");
    Fixture { index, text, title }
}

/// Titles of the documents matching every word of `query` (as the corpus crate searches).
fn search(fx: &Fixture, query: &str) -> Vec<String> {
    let terms = query_terms(query);
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .map(|t| {
            let q: Box<dyn Query> = Box::new(TermQuery::new(
                Term::from_field_text(fx.text, t),
                IndexRecordOption::WithFreqsAndPositions,
            ));
            (Occur::Must, q)
        })
        .collect();
    run(fx, &BooleanQuery::new(clauses))
}

fn run(fx: &Fixture, query: &dyn Query) -> Vec<String> {
    let searcher = fx.index.reader().expect("reader").searcher();
    let hits = searcher
        .search(query, &TopDocs::with_limit(10).order_by_score())
        .expect("search");
    let mut titles: Vec<String> = hits
        .into_iter()
        .map(|(_, address)| {
            let d: TantivyDocument = searcher.doc(address).expect("doc");
            d.get_first(fx.title)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        })
        .collect();
    titles.sort();
    titles
}

#[test]
fn clitics_article_and_pronoun_are_found_from_the_bare_word() {
    let fx = index_of(&[
        "قرأت الكتاب أمس",
        "وبالكتاب نبدأ",
        "أعاد كتابه إلى الرف",
        "مكتبة المدينة",
    ]);
    assert_eq!(search(&fx, "كتاب"), ["d0", "d1", "d2"]);
}

#[test]
fn hamza_and_spelling_variants_meet() {
    let fx = index_of(&["قال المسؤول إن", "صرح رئيس الوزراء", "على مستشفى المدينة"]);
    assert_eq!(search(&fx, "مسئول"), ["d0"]);
    assert_eq!(search(&fx, "مسؤول"), ["d0"]);
    assert_eq!(
        search(&fx, "ريس"),
        Vec::<String>::new(),
        "a dropped letter is not a variant"
    );
    assert_eq!(search(&fx, "رئيس"), ["d1"]);
    assert_eq!(search(&fx, "مستشفي"), ["d2"]);
    assert_eq!(search(&fx, "إلمدينة"), ["d2"]);
}

#[test]
fn evasion_spellings_are_the_plain_word() {
    let fx = index_of(&["بيان لتنظيم داعـــش اليوم", "خبر عن الطقس"]);
    assert_eq!(search(&fx, "داعش"), ["d0"]);
    assert_eq!(search(&fx, "دَاعِش"), ["d0"]);
}

#[test]
fn latin_names_find_the_arabic_form() {
    let fx = index_of(&[
        "أعلن أبو بكر البغدادي",
        "قالت حركة حماس في بيان",
        "زار الوزير الرياض",
    ]);
    assert_eq!(search(&fx, "Baghdadi"), ["d0"]);
    assert_eq!(search(&fx, "al-Baghdadi"), ["d0"]);
    assert_eq!(search(&fx, "Hamas"), ["d1"]);
    assert_eq!(search(&fx, "Riyadh"), ["d2"]);
}

#[test]
fn phrases_follow_word_positions() {
    let fx = index_of(&["وقال وزير الخارجية السعودي", "الخارجية قال وزير"]);
    let terms = query_terms("وزير الخارجية");
    let phrase = PhraseQuery::new(
        terms
            .iter()
            .map(|t| Term::from_field_text(fx.text, t))
            .collect(),
    );
    assert_eq!(run(&fx, &phrase), ["d0"]);
}

#[test]
fn offsets_are_bytes_of_the_surface_word() {
    let text = "قال «داعـــش» Hamas: وبالكتاب!";
    let toks = tokens(&mut ArabicAnalyzer::new(), text);
    assert!(!toks.is_empty());
    for t in &toks {
        let slice = text.get(t.offset_from..t.offset_to).expect("char boundary");
        assert!(!slice.is_empty());
    }
    let surfaces: Vec<&str> = toks
        .iter()
        .map(|t| &text[t.offset_from..t.offset_to])
        .collect();
    assert!(surfaces.contains(&"داعـــش"));
    assert!(surfaces.contains(&"وبالكتاب"));
    // Positions count words: stacked keys share one.
    let last = toks.last().map(|t| t.position);
    assert_eq!(last, Some(3));
}

#[test]
fn query_mode_gives_one_term_per_word() {
    let mut analyzer = ArabicAnalyzer::query();
    assert_eq!(analyzer.mode(), Mode::Query);
    let toks = tokens(&mut analyzer, "وبالكتاب البغدادي Hamas 2015");
    let positions: Vec<usize> = toks.iter().map(|t| t.position).collect();
    assert_eq!(positions, [0, 1, 2, 3]);
}

#[test]
fn junk_never_panics() {
    let mut analyzer = ArabicAnalyzer::new();
    for text in [
        "",
        " ",
        "\u{0}\u{200B}\u{FEFF}",
        "ـــــ",
        "😀😀",
        "#",
        "@",
        &"ب".repeat(70_000),
    ] {
        for t in tokens(&mut analyzer, text) {
            assert!(text.get(t.offset_from..t.offset_to).is_some());
            assert!(t.text.len() < 65_530);
        }
    }
}
