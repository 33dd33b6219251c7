//! Entities: Arabic name grammar on top of the NER tagger, in-document grouping and knowledge-base linking.
