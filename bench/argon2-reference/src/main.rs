//! Times N Argon2id verifies on one thread and prints one JSON line.
//!
//!   cargo run --release --manifest-path bench/argon2-reference/Cargo.toml \
//!     --target-dir target/argon2-reference -- [--n 40] [--m 19456] [--t 2] [--p 1]
//!
//! Output: median/min/p90/mean wall nanoseconds per verify, the thread's CPU
//! nanoseconds per verify (from /proc/thread-self/schedstat, when readable) and
//! every sample, so a caller can pool several runs.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::time::Instant;

const PASSWORD: &[u8] = b"Reference-Password-Narwhal-11";
const WARMUP: usize = 3;

fn arg(args: &[String], name: &str, default: u32) -> u32 {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// CPU time of the calling thread in ns (first field of schedstat), if readable.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n = arg(&args, "--n", 40).max(1) as usize;
    let (m, t, p) = (
        arg(&args, "--m", 19_456),
        arg(&args, "--t", 2),
        arg(&args, "--p", 1),
    );
    let Ok(params) = Params::new(m, t, p, None) else {
        eprintln!("invalid Argon2 parameters m={m} t={t} p={p}");
        std::process::exit(2);
    };
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let Ok(salt) = SaltString::from_b64("K0ZyK0ZnUEd6ZDc2d2FYa20") else {
        std::process::exit(2);
    };
    let Ok(phc) = argon.hash_password(PASSWORD, &salt).map(|h| h.to_string()) else {
        eprintln!("hashing failed");
        std::process::exit(1);
    };
    let Ok(parsed) = PasswordHash::new(&phc) else {
        std::process::exit(1);
    };
    // As the service verifies: parameters read from the PHC string.
    let verifier = Argon2::default();
    for _ in 0..WARMUP {
        let _ = verifier.verify_password(PASSWORD, &parsed);
    }
    let cpu0 = thread_cpu_ns();
    let mut samples = Vec::with_capacity(n);
    for _ in 0..n {
        let start = Instant::now();
        let ok = verifier.verify_password(PASSWORD, &parsed).is_ok();
        samples.push(start.elapsed().as_nanos() as u64);
        if !ok {
            eprintln!("reference verify failed");
            std::process::exit(1);
        }
    }
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) => format!("{}", (b - a) / n as u64),
        _ => "null".into(),
    };
    let mut sorted = samples.clone();
    sorted.sort_unstable();
    let pick = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
    let mean = sorted.iter().sum::<u64>() / n as u64;
    let list: Vec<String> = samples.iter().map(u64::to_string).collect();
    println!(
        "{{\"crate\":\"argon2 0.5.3\",\"profile\":\"{}\",\"m_kib\":{m},\"t\":{t},\"p\":{p},\"n\":{n},\
         \"median_ns\":{},\"min_ns\":{},\"p90_ns\":{},\"mean_ns\":{mean},\"cpu_ns_per_verify\":{cpu},\
         \"samples_ns\":[{}]}}",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
        pick(0.5),
        sorted[0],
        pick(0.9),
        list.join(",")
    );
}
