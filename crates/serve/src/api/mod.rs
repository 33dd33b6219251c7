//! The JSON API under `/api/`.

pub mod read;
pub mod story;
pub mod write;
