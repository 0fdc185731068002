//! Cold init of each function binary: process start to its first
//! `GET /2018-06-01/runtime/invocation/next` on a minimal local Lambda Runtime
//! API. Build the release binaries first:
//!   cargo build --release -p sign-in -p forgot-password -p reset-password \
//!     -p change-password -p users -p admin-reset -p support-reset -p pages -p mailer
//!   cargo bench -p latchkey-tests --bench cold_start
//! (x86_64 binaries of the same code as the arm64 zips; the target is 15 ms.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FUNCTIONS: [&str; 9] = [
    "sign-in",
    "forgot-password",
    "reset-password",
    "change-password",
    "users",
    "admin-reset",
    "support-reset",
    "pages",
    "mailer",
];

fn main() {
    let release = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    println!("cold init: process start -> first /runtime/invocation/next (median of 15 runs)");
    for f in FUNCTIONS {
        let bin = release.join(f);
        if !bin.exists() {
            println!("  {f:<16} missing: build it with cargo build --release -p {f}");
            continue;
        }
        let mut runs = Vec::new();
        for _ in 0..15 {
            let listener = TcpListener::bind("127.0.0.1:0").unwrap();
            let addr = listener.local_addr().unwrap();
            let start = Instant::now();
            let mut child = Command::new(&bin)
                .env_clear()
                .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
                .env("AWS_LAMBDA_FUNCTION_NAME", f)
                .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
                .env("AWS_LAMBDA_LOG_GROUP_NAME", "bench")
                .env("AWS_REGION", "eu-west-1")
                .env("AWS_ACCESS_KEY_ID", "bench")
                .env("AWS_SECRET_ACCESS_KEY", "bench")
                .env("LATCHKEY_TABLE", "latchkey-bench")
                .env("LATCHKEY_MAIL_FROM", "no-reply@example.test")
                .env("LATCHKEY_PUBLIC_BASE_URL", "https://login.example.test")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            listener.set_nonblocking(false).unwrap();
            let (mut conn, _) = listener.accept().unwrap();
            let mut buf = [0u8; 1024];
            let n = conn.read(&mut buf).unwrap_or(0);
            let elapsed = start.elapsed();
            assert!(String::from_utf8_lossy(&buf[..n]).contains("/runtime/invocation/next"));
            runs.push(elapsed);
            let _ =
                conn.write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
            let _ = child.kill();
            let _ = child.wait();
        }
        runs.sort();
        let med: Duration = runs[runs.len() / 2];
        println!(
            "  {f:<16} {:7.2} ms   (min {:.2}, max {:.2})",
            med.as_secs_f64() * 1e3,
            runs[0].as_secs_f64() * 1e3,
            runs[runs.len() - 1].as_secs_f64() * 1e3
        );
    }
}
