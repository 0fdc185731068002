//! Cold init of a function binary: process start to its first
//! `GET /2018-06-01/runtime/invocation/next` on a minimal local Lambda Runtime API.
//! Shared by the `cold_start` and `latency` benches.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The functions with a binary of their own (ses-events too: it is one).
pub const FUNCTIONS: [&str; 10] = [
    "sign-in",
    "forgot-password",
    "reset-password",
    "change-password",
    "users",
    "admin-reset",
    "support-reset",
    "pages",
    "mailer",
    "ses-events",
];

/// `runs` cold starts of `bin`, sorted; an error when it does not reach the
/// Runtime API (a binary of another architecture, or one that refuses its
/// configuration: then the last line it wrote says why).
pub fn measure(bin: &Path, function: &str, runs: usize) -> Result<Vec<Duration>, String> {
    let mut out = Vec::new();
    for _ in 0..runs {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        let start = Instant::now();
        let mut command = Command::new(bin);
        command.env_clear();
        // As deployed: the functions that read TOTP secrets get the TOTP key
        // (the client is built at init; no KMS call before the first secret).
        if matches!(function, "sign-in" | "change-password") {
            command.env(
                "LATCHKEY_TOTP_KMS_KEY",
                "arn:aws:kms:eu-west-1:111122223333:key/11111111-1111-1111-1111-111111111111",
            );
        }
        let mut child = command
            .env("AWS_LAMBDA_RUNTIME_API", addr.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", function)
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
            // As deployed: queued mail sealed by KMS (the client is built at
            // init; no KMS call is made before the first mail).
            .env(
                "LATCHKEY_OUTBOX_KMS_KEY",
                "arn:aws:kms:eu-west-1:111122223333:key/00000000-0000-0000-0000-000000000000",
            )
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        // Polled, so that a binary that exits (or hangs) cannot block the bench.
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let accepted = loop {
            match listener.accept() {
                Ok(conn) => break Ok(conn),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if start.elapsed() > Duration::from_secs(5) {
                        break Err(e);
                    }
                    std::thread::sleep(Duration::from_micros(50));
                }
                Err(e) => break Err(e),
            }
        };
        let elapsed = start.elapsed();
        let reached = match accepted {
            Ok((mut conn, _)) => {
                let _ = conn.set_nonblocking(false);
                let mut buf = [0u8; 1024];
                let n = conn.read(&mut buf).unwrap_or(0);
                let _ = conn
                    .write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n");
                String::from_utf8_lossy(&buf[..n]).contains("/runtime/invocation/next")
            }
            Err(_) => false,
        };
        let _ = child.kill();
        let _ = child.wait();
        if !reached {
            let mut said = String::new();
            if let Some(mut err) = child.stderr.take() {
                let _ = err.read_to_string(&mut said);
            }
            let last = said
                .lines()
                .last()
                .unwrap_or("nothing on stderr")
                .to_owned();
            return Err(format!("did not reach the Runtime API: {last}"));
        }
        out.push(elapsed);
    }
    out.sort();
    Ok(out)
}
