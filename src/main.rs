//! The `isnad` command line: glue between the pipeline crates and the user.
fn main() {}
