//! Latency benchmark of the local server (memory store), per DESIGN.md's targets.
//! Run: `cargo bench -p latchkey-tests --bench latency`. Prints medians; no
//! assertion: a timing goal is measured here, never asserted in a test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

use latchkey::seed::SeedFile;
use latchkey::serve::{self, ServeArgs};
use latchkey_shared::domain::{DUMMY_HASH, SecretString};
use latchkey_shared::ports::SystemClock;
use latchkey_shared::usecases::verify_password;

const PW: &str = "Bench-Password-Narwhal-11";

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}
fn pct(mut v: Vec<Duration>, p: f64) -> Duration {
    v.sort();
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}
fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let unlimited = json!({"lockout_threshold": 1_000_000_000u64, "sign_in_failures_per_ip": 1_000_000_000u64,
        "reset_emails_per_account": 1_000_000_000u64, "reset_requests_per_ip": 1_000_000_000u64});
    let seed: SeedFile = serde_json::from_value(
        json!({"tenants": [{"id": "bench", "name": "Bench", "settings": {
        "limits": unlimited, "password_policy": {"history": 0}},
        "users": [{"username": "uma", "email": "uma@bench.test", "password": PW}]}]}),
    )
    .unwrap();
    let outbox = std::env::temp_dir().join(format!("latchkey-bench-{}", std::process::id()));
    let server = serve::start(
        &ServeArgs::local(outbox.clone()),
        seed,
        Arc::new(SystemClock),
    )
    .await
    .unwrap();
    let url = server.url.clone();
    let http = reqwest::Client::new();
    let post = |path: String, body: Value| {
        let http = http.clone();
        let url = url.clone();
        async move {
            let t = Instant::now();
            let r = http
                .post(format!("{url}{path}"))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let _ = r.bytes().await;
            (t.elapsed(), status)
        }
    };

    // One Argon2id verify, measured the way requests run it (blocking pool), after
    // a few unmeasured ones (first touches of the 19 MiB and the pool's threads).
    for _ in 0..5 {
        verify_password(SecretString::from(PW), DUMMY_HASH.to_owned())
            .await
            .unwrap();
    }
    let mut hash = Vec::new();
    for _ in 0..40 {
        let t = Instant::now();
        verify_password(SecretString::from(PW), DUMMY_HASH.to_owned())
            .await
            .unwrap();
        hash.push(t.elapsed());
    }
    let hash_median = median(hash);

    // Sign-in: unknown user, wrong password, right password (interleaved).
    let (mut unknown, mut wrong, mut right) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..40 {
        let p = "/v1/tenants/bench/sessions".to_owned();
        unknown.push(
            post(
                p.clone(),
                json!({"username": format!("nobody{i}"), "password": PW}),
            )
            .await
            .0,
        );
        wrong.push(
            post(
                p.clone(),
                json!({"username": "uma", "password": "not-the-password"}),
            )
            .await
            .0,
        );
        let (d, s) = post(p, json!({"username": "uma", "password": PW})).await;
        assert_eq!(s, 201);
        right.push(d);
    }

    // forgot-password: existing vs unknown account (interleaved).
    let (mut known, mut missing) = (Vec::new(), Vec::new());
    for i in 0..2000 {
        let p = "/v1/tenants/bench/password-resets".to_owned();
        known.push(post(p.clone(), json!({"email": "uma@bench.test"})).await.0);
        missing.push(
            post(p, json!({"email": format!("nobody{i}@bench.test")}))
                .await
                .0,
        );
    }

    // GET password-policy while sign-ins saturate both cores.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut flood = Vec::new();
    for _ in 0..8 {
        let (http, url, stop) = (http.clone(), url.clone(), stop.clone());
        flood.push(tokio::spawn(async move {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 2000 {
                let _ = http
                    .post(format!("{url}/v1/tenants/bench/sessions"))
                    .json(&json!({"username": "uma", "password": PW}))
                    .send()
                    .await;
                n += 1;
            }
            n
        }));
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let mut policy = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        let r = http
            .get(format!("{url}/v1/tenants/bench/password-policy"))
            .send()
            .await
            .unwrap();
        let _ = r.bytes().await;
        policy.push(t.elapsed());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut flood_sign_ins = 0;
    for f in flood {
        flood_sign_ins += f.await.unwrap();
    }

    println!(
        "latchkey latency benchmark (local server, memory store, {} cores)",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    println!(
        "  one Argon2id verify (blocking pool)   median {}",
        ms(hash_median)
    );
    println!(
        "  sign-in, unknown user                 median {}",
        ms(median(unknown.clone()))
    );
    println!(
        "  sign-in, wrong password               median {}",
        ms(median(wrong.clone()))
    );
    println!(
        "  sign-in, right password               median {}  ({:.2}x one hash)",
        ms(median(right.clone())),
        median(right).as_secs_f64() / hash_median.as_secs_f64()
    );
    let (k, m) = (median(known.clone()), median(missing.clone()));
    println!("  forgot-password, existing account     median {}", ms(k));
    println!("  forgot-password, unknown account      median {}", ms(m));
    println!(
        "  forgot-password median difference            {:.3} ms",
        (k.as_secs_f64() - m.as_secs_f64()).abs() * 1e3
    );
    println!(
        "  GET password-policy under sign-in flood  p50 {}  p99 {}  ({} sign-ins completed meanwhile by 8 concurrent clients)",
        ms(pct(policy.clone(), 0.5)),
        ms(pct(policy, 0.99)),
        flood_sign_ins
    );
    drop(server);
    let _ = std::fs::remove_dir_all(outbox);
}
