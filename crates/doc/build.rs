//! Embeds every word list of `lexicons/` (at the repository root) so the binary needs no files
//! at run time and a new list needs no code change to be found.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let dir = manifest.join("../../lexicons");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("lexicons/ folder at the repository root")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_string(), p)))
        .collect();
    names.sort();
    let mut out = String::from("&[\n");
    for (name, path) in &names {
        println!("cargo:rerun-if-changed={}", path.display());
        let abs = path.canonicalize().expect("list path");
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            abs.display().to_string()
        );
    }
    out.push(']');
    let dest =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it")).join("lexicons.rs");
    std::fs::write(dest, out).expect("write the list table");
}
