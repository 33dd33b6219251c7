//! The knowledge base of well-known actors and places, with user extensions.
