//! The workbench in a real browser: starts a server on an ephemeral loopback port and runs the
//! Playwright tests of `crates/serve/browser/` (playwright-core driving the system's Chromium)
//! against it. Screenshots of each page go to `target/screenshots/`.
//!
//! Needs node, Chromium and `npm ci --prefix crates/serve/browser`; without them the test skips
//! with a message, unless CI is set (`.ci/run` installs all three), where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A server on an ephemeral loopback port (the harness the API tests share): its base URL and
/// write token.
fn serve(data: &Path) -> (String, String) {
    let (addr, token) = common::serve(data, false);
    (format!("http://{addr}"), token.expect("a write token"))
}

fn works(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What the browser tests need, or why they cannot run.
fn prerequisites(dir: &Path) -> Result<PathBuf, String> {
    if !works("node", "--version") {
        return Err("node is missing (apt-get install nodejs npm)".into());
    }
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| works(c, "--version"))
        .ok_or("Chromium is missing (apt-get install chromium)")?;
    if !dir.join("node_modules/playwright-core").is_dir() {
        return Err(format!(
            "playwright-core is not installed (npm ci --prefix {})",
            dir.display()
        ));
    }
    // playwright-core wants the executable's path.
    let out = Command::new("sh")
        .args(["-c", &format!("command -v {chromium}")])
        .output()
        .map_err(|e| e.to_string())?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
}

#[test]
fn workbench_in_chromium_with_playwright() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("browser");
    let chromium = match prerequisites(&browser_dir) {
        Ok(c) => c,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI is set but the browser tests cannot run: {why}"
            );
            eprintln!("skipped: {why}");
            return;
        }
    };
    let screenshots = root.join("../../target/screenshots");
    let data = tempfile::tempdir().unwrap();
    let (url, token) = serve(data.path());
    let out = Command::new("node")
        .arg("workbench.test.mjs")
        .current_dir(&browser_dir)
        .env("ISNAD_URL", &url)
        .env("ISNAD_TOKEN", &token)
        .env("ISNAD_FIXTURE", root.join("tests/fixtures/browser.jsonl"))
        .env("ISNAD_SCREENSHOTS", &screenshots)
        .env("CHROMIUM", &chromium)
        .output()
        .unwrap();
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    eprintln!("{log}");
    assert!(out.status.success(), "browser tests failed:\n{log}");
    for page in [
        "search", "doc", "entity", "claims", "stories", "story", "curation", "ingest", "stats",
    ] {
        assert!(
            screenshots.join(format!("{page}.png")).is_file(),
            "no screenshot of {page}"
        );
    }
}
