//! Models passed in: a folder of model files replaces the embedded ones, and a bad folder or
//! file is an error that names it.

use isnad_analysis::{Analyzer, DocMeta, ModelError, Models, Options};
use std::path::Path;

const MODELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models");
const SAMPLE: &str = include_str!("../../../examples/sample.txt");

fn analysis_json(analyzer: &Analyzer<'_>) -> String {
    let a = analyzer.analyze(
        SAMPLE,
        DocMeta::new("sample", "sample.txt"),
        &Options { tokens: true },
    );
    serde_json::to_string(&a).expect("serializable")
}

#[test]
fn the_shipped_models_loaded_from_files_equal_the_embedded_ones() {
    let models = Models::from_dir(Path::new(MODELS)).expect("models/ loads");
    assert!(models.morphology.is_some() && models.ner.is_some() && models.clusters.is_some());
    let loaded = models.builder().build();
    assert_eq!(analysis_json(&loaded), analysis_json(&Analyzer::new()));
}

#[test]
fn explicit_defaults_equal_the_default_analyzer() {
    let explicit = Analyzer::builder()
        .morphology(isnad_morph::Morphology::global())
        .ner(isnad_ner::NerTagger::global())
        .clusters(isnad_ner::Clusters::global())
        .kb(isnad_kb::Kb::builtin())
        .build();
    assert_eq!(
        analysis_json(&explicit),
        analysis_json(&Analyzer::default())
    );
}

#[test]
fn a_folder_without_models_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let err = Models::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ModelError::NoModels { .. }), "{err}");
    assert!(err.to_string().contains(&dir.path().display().to_string()));
}

#[test]
fn a_corrupt_model_file_is_an_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ner.bin.zst"), b"not a model").unwrap();
    let err = Models::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ModelError::Load { .. }), "{err}");
    assert!(err.to_string().contains("ner.bin.zst"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("clusters.bin.zst"), b"junk").unwrap();
    let err = Models::from_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("clusters.bin.zst"), "{err}");
}

#[test]
fn a_corrupt_morphology_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(MODELS).join("segmenter.bin"),
        dir.path().join("segmenter.bin"),
    )
    .unwrap();
    std::fs::write(dir.path().join("tagger.bin"), b"junk").unwrap();
    let err = Models::from_dir(dir.path()).unwrap_err();
    assert!(err.to_string().contains("tagger.bin"), "{err}");
}

#[test]
fn half_a_morphology_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("segmenter.bin"), b"x").unwrap();
    let err = Models::from_dir(dir.path()).unwrap_err();
    assert!(matches!(err, ModelError::Unpaired { .. }), "{err}");
    assert!(err.to_string().contains("tagger.bin"), "{err}");
}
