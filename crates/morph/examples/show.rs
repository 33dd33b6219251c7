//! Prints the segmentation and tags of the words given on the command line.
//!
//! `cargo run -p isnad-morph --example show -- وبالسلاح لعائلته`

use isnad_morph::Morphology;

fn main() {
    let words: Vec<String> = std::env::args().skip(1).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let m = Morphology::global();
    for (w, segs) in refs.iter().zip(m.analyze(&refs)) {
        let parts: Vec<String> = segs
            .iter()
            .map(|s| format!("{}[{}..{}]/{:?}/{}", s.form, s.start, s.end, s.kind, s.upos))
            .collect();
        println!("{w}\t{}", parts.join(" "));
    }
}
