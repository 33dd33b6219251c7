//! Arabic morphology: a learned clitic segmenter and UPOS tagger, trained on UD Arabic-PADT.
