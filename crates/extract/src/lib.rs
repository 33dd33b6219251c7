//! Extraction: quotations with their chain of sources, relations between actors, and dates.
