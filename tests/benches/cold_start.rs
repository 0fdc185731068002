//! Cold init of each function binary: process start to its first
//! `GET /2018-06-01/runtime/invocation/next` on a minimal local Lambda Runtime
//! API. Build the release binaries first:
//!   cargo build --release -p sign-in -p forgot-password -p reset-password \
//!     -p change-password -p users -p admin-reset -p support-reset -p pages -p mailer \
//!     -p ses-events
//!   cargo bench -p latchkey-tests --bench cold_start
//! (x86_64 binaries of the same code as the arm64 zips; the target is 15 ms.)
//! The `latency` bench reports the same figures when the binaries are there.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/cold_init.rs"]
mod cold_init;

fn main() {
    let release = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    println!("cold init: process start -> first /runtime/invocation/next (median of 15 runs)");
    for f in cold_init::FUNCTIONS {
        let bin = release.join(f);
        if !bin.exists() {
            println!("  {f:<16} missing: build it with cargo build --release -p {f}");
            continue;
        }
        match cold_init::measure(&bin, f, 15) {
            Ok(runs) => println!(
                "  {f:<16} {:7.2} ms   (min {:.2}, max {:.2})",
                runs[runs.len() / 2].as_secs_f64() * 1e3,
                runs[0].as_secs_f64() * 1e3,
                runs[runs.len() - 1].as_secs_f64() * 1e3
            ),
            Err(why) => println!("  {f:<16} {why}"),
        }
    }
}
