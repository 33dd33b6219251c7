//! Test support shared by isnad's crates (a dev-dependency only).
//!
//! Some tests read the corpora and the scorer in `../shared`, the folder beside the repository,
//! which a fresh clone does not have. On a developer's machine such a test prints why it is
//! skipped and passes; under CI (the `CI` environment variable set, as every CI service does)
//! a missing `../shared` or `python3` is a failure, because a floor that silently never runs
//! protects nothing.
//!
//! ```no_run
//! let Some(seed) = isnad_testkit::shared("examples/seed.txt") else { return };
//! let text = std::fs::read_to_string(seed).unwrap();
//! # let _ = text;
//! ```
#![deny(missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The shared folder beside the repository (it may not exist).
pub fn shared_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// True when the `CI` environment variable says the tests run in CI (set and not `false`/`0`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// A test cannot run because `what` is missing: panics under CI, otherwise prints a skip
/// message. Returns so that the caller can `return` from the test.
///
/// # Panics
/// When [`in_ci`] is true.
pub fn skip(what: &str) {
    if in_ci() {
        panic!("{what} is missing, and CI is set: this test must run in CI");
    }
    eprintln!("skipped: {what} is missing (CI would fail here)");
}

/// `<shared>/<relative>` when it exists; `None` after [`skip`] otherwise.
///
/// # Panics
/// Under CI when the path is missing.
pub fn shared(relative: &str) -> Option<PathBuf> {
    let path = shared_root().join(relative);
    if path.exists() {
        Some(path)
    } else {
        skip(&format!("{} (../shared)", path.display()));
        None
    }
}

/// True when `python3` runs (the shared scorer needs it); otherwise [`skip`] and false.
///
/// # Panics
/// Under CI when python3 does not run.
pub fn python3() -> bool {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        skip("python3");
    }
    ok
}

/// The PostgreSQL server for team-mode tests: `$ISNAD_TEST_PG` (a `postgres://` URL that
/// `.ci/run` exports after starting one). `None`, after [`skip`], when it is unset.
pub fn pg_url() -> Option<String> {
    match std::env::var("ISNAD_TEST_PG") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            skip("a PostgreSQL server ($ISNAD_TEST_PG)");
            None
        }
    }
}

/// `n` invented news reports as JSON lines (ids `n0`, `n1`, …), in varied Arabic: actors,
/// places, outlets and days rotate, so the analysis finds entities, quotes and relations.
pub fn invented_news_jsonl(n: usize) -> String {
    const SPEAKERS: [&str; 5] = [
        "سالم العتيبي المتحدث باسم الدفاع المدني",
        "وزير الصحة فهد الجلاجل",
        "الناطقة باسم البلدية نورة القحطاني",
        "مدير المرور العميد خالد الزهراني",
        "رئيس الهيئة عبدالله الغامدي",
    ];
    const EVENTS: [&str; 6] = [
        "الأمطار الغزيرة أغلقت ثلاثة طرق رئيسية",
        "فرق الإنقاذ انتشلت ثمانية أشخاص من سيارة جرفتها السيول",
        "المستشفى استقبل أربعين مصابا بضربات الشمس",
        "حريقا اندلع في مستودع للأخشاب دون إصابات",
        "الجسر الجديد سيفتح أمام السيارات بعد أسبوعين",
        "مئات المتطوعين شاركوا في تنظيف الشاطئ",
    ];
    const PLACES: [&str; 4] = ["جدة", "الرياض", "أبها", "الدمام"];
    const OUTLETS: [&str; 3] = ["صحيفة المدينة", "وكالة الأنباء", "صحيفة اليوم"];
    (0..n)
        .map(|i| {
            let (s, e) = (SPEAKERS[i % 5], EVENTS[(i / 5) % 6]);
            let (p, o) = (PLACES[(i / 2) % 4], OUTLETS[i % 3]);
            format!(
                "{{\"id\":\"n{i}\",\"outlet\":\"{o}\",\"published\":\"2024-0{}-{:02}\",\"title\":\"{p}: خبر رقم {i}\",\"text\":\"قال {s} إن {e} في {p} صباح اليوم. وأضاف أن الجهات المعنية تتابع الوضع في {p} وما حولها.\"}}\n",
                1 + i % 9,
                1 + i % 28
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_root_is_beside_the_repository() {
        let root = shared_root();
        assert!(root.ends_with("shared"));
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        assert!(repo.join("Cargo.toml").exists());
    }

    /// The only test here that touches `CI`, so no other test of this crate races with it.
    #[test]
    fn a_missing_input_fails_under_ci_and_skips_otherwise() {
        let saved = std::env::var_os("CI");
        std::env::set_var("CI", "true");
        assert!(std::panic::catch_unwind(|| skip("something")).is_err());
        std::env::set_var("CI", "false");
        skip("something");
        std::env::remove_var("CI");
        skip("something");
        if let Some(v) = saved {
            std::env::set_var("CI", v);
        }
    }

    #[test]
    fn a_present_path_is_returned() {
        if shared_root().exists() {
            assert!(shared(".").is_some());
        }
    }
}
