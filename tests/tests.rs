//! Integration tests of the isnad binary.
