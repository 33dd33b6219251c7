//! The JSON API under `/api/`.

pub mod export;
pub mod read;
pub mod story;
pub mod write;
