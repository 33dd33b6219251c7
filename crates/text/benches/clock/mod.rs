//! The clock isnad's throughput benches time with (`isnad-text`'s, and `isnad-ner`'s by path).
//!
//! The targets are per core and the development machine is shared, so by default each sample is
//! timed with the calling thread's CPU clock (the paths are single-threaded), which other tenants
//! do not inflate; `ISNAD_BENCH_WALL=1` times with the wall clock instead. On an idle machine the
//! two agree.

use std::time::{Duration, Instant};

/// CPU time consumed so far by the calling thread (Linux: `CLOCK_THREAD_CPUTIME_ID`).
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock_id: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec with the C layout of 64-bit Linux.
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.sec.max(0) as u64, ts.nsec.clamp(0, 999_999_999) as u32)
}

/// Elsewhere the wall clock stands in for the CPU clock.
#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    wall()
}

fn wall() -> Duration {
    use std::sync::OnceLock;
    static T0: OnceLock<Instant> = OnceLock::new();
    T0.get_or_init(Instant::now).elapsed()
}

/// Times `iters` runs of `f` with the chosen clock.
pub fn timed(iters: u64, mut f: impl FnMut()) -> Duration {
    let clock = if std::env::var_os("ISNAD_BENCH_WALL").is_some() {
        wall
    } else {
        thread_cpu
    };
    let t0 = clock();
    for _ in 0..iters {
        f();
    }
    clock().saturating_sub(t0)
}
