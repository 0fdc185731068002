//! `latchkey serve`: the whole API and the hosted pages on one port, on the
//! embedded store (default) or DynamoDB, mailing to an outbox directory
//! (default) or SES. Mail leaves through a background dispatcher, never in the
//! request path.

use axum::extract::{ConnectInfo, Request, State};
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use latchkey_shared::adapters::aws;
use latchkey_shared::adapters::dispatch::Dispatcher;
use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::adapters::field_sealing::LocalKeyWrap;
use latchkey_shared::adapters::memory::MemoryStore;
use latchkey_shared::adapters::outbox_dir::OutboxDirMailer;
use latchkey_shared::adapters::ses::SesMailer;
use latchkey_shared::app::{App, env};
use latchkey_shared::http::{ApiError, Client, call};
use latchkey_shared::ports::{Clock, Mailer, Store};
use latchkey_shared::usecases::AppError;
use latchkey_shared::usecases::reset::LinkConfig;

use crate::seed::{SeedFile, SeedReport};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StoreKind {
    Memory,
    Dynamodb,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MailKind {
    Outbox,
    Ses,
}

#[derive(Clone, Debug, clap::Args)]
pub struct ServeArgs {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Address to bind.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Seed file (format: docs/configuration.md). Without it, the built-in demo tenant is loaded.
    #[arg(long)]
    pub seed: Option<PathBuf>,
    /// Where emails are written, one JSON file each (with --mail outbox).
    #[arg(long, default_value = ".latchkey/outbox")]
    pub outbox: PathBuf,
    #[arg(long, value_enum, default_value_t = StoreKind::Memory)]
    pub store: StoreKind,
    /// DynamoDB table (with --store dynamodb).
    #[arg(long, env = env::TABLE)]
    pub table: Option<String>,
    #[arg(long)]
    pub dynamodb_endpoint: Option<String>,
    /// Create the table (with TTL) if it does not exist.
    #[arg(long)]
    pub create_table: bool,
    #[arg(long, value_enum, default_value_t = MailKind::Outbox)]
    pub mail: MailKind,
    #[arg(long, env = env::MAIL_FROM, default_value = "no-reply@latchkey.local")]
    pub mail_from: String,
    #[arg(long)]
    pub ses_endpoint: Option<String>,
    #[arg(long, env = env::SES_CONFIGURATION_SET)]
    pub ses_configuration_set: Option<String>,
    /// With --store dynamodb: the key that seals users' TOTP secrets in the
    /// table (made on first use; keep it with the table, or set
    /// LATCHKEY_TOTP_KEY instead).
    #[arg(long, default_value = ".latchkey/totp.key")]
    pub totp_key_file: PathBuf,
    /// Where the hosted pages live; links in emails start with it.
    /// Default: this server's own URL.
    #[arg(long, env = env::PUBLIC_BASE_URL)]
    pub public_base_url: Option<String>,
}

impl ServeArgs {
    /// Local defaults (memory store, outbox), for tests and embedding.
    pub fn local(outbox: PathBuf) -> Self {
        Self {
            totp_key_file: outbox.with_extension("totp.key"),
            port: 0,
            host: IpAddr::from([127, 0, 0, 1]),
            seed: None,
            outbox,
            store: StoreKind::Memory,
            table: None,
            dynamodb_endpoint: None,
            create_table: false,
            mail: MailKind::Outbox,
            mail_from: "no-reply@latchkey.local".into(),
            ses_endpoint: None,
            ses_configuration_set: None,
            public_base_url: None,
        }
    }
}

/// A running server. Dropping it stops the server and the mail dispatcher.
pub struct Server {
    pub addr: SocketAddr,
    pub url: String,
    pub app: Arc<App>,
    /// What the seed created and what it found and left as it was.
    pub seeded: SeedReport,
    /// The memory store, when that is the store (tests inspect its audit log).
    pub memory: Option<Arc<MemoryStore>>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        for t in &self.tasks {
            t.abort();
        }
    }
}

pub async fn start(
    args: &ServeArgs,
    seed: SeedFile,
    clock: Arc<dyn Clock>,
) -> Result<Server, crate::Error> {
    start_with_mailer(args, seed, clock, None).await
}

/// As [`start`], with the mailer given instead of built from `args.mail`
/// (embedding, and tests that wrap the SES adapter to see what it sent).
pub async fn start_with_mailer(
    args: &ServeArgs,
    seed: SeedFile,
    clock: Arc<dyn Clock>,
    mailer: Option<Arc<dyn Mailer>>,
) -> Result<Server, crate::Error> {
    let listener = tokio::net::TcpListener::bind((args.host, args.port))
        .await
        .map_err(|e| format!("cannot listen on {}:{}: {e}", args.host, args.port))?;
    let addr = listener.local_addr()?;
    let url = format!("http://{addr}");

    let needs_aws = args.store == StoreKind::Dynamodb || args.mail == MailKind::Ses;
    let aws_config = if needs_aws {
        Some(aws::load_config().await)
    } else {
        None
    };

    let (store, memory): (Arc<dyn Store>, Option<Arc<MemoryStore>>) =
        match (args.store, &aws_config) {
            (StoreKind::Dynamodb, Some(config)) => {
                let table = args
                    .table
                    .clone()
                    .ok_or("--store dynamodb needs --table (or LATCHKEY_TABLE)")?;
                let mut store = DynamoStore::new(
                    aws::dynamodb_client(config, args.dynamodb_endpoint.as_deref()),
                    table,
                );
                // This process queues and sends its own mail, so a key only it
                // knows is enough; LATCHKEY_OUTBOX_KEY shares one with others.
                if let Ok(key) = std::env::var(latchkey_shared::app::env::OUTBOX_KEY) {
                    store = store.with_sealer(Arc::new(
                        latchkey_shared::adapters::sealing::LocalKeySealer::from_base64(&key)?,
                    ));
                }
                // The table outlives this process: TOTP secrets are sealed
                // under a key that does too. (The memory store keeps users in
                // this process's memory only, so it seals nothing.)
                let wrap = match std::env::var(latchkey_shared::app::env::TOTP_KEY) {
                    Ok(key) => LocalKeyWrap::from_base64(&key)?,
                    Err(_) => LocalKeyWrap::from_file(&args.totp_key_file)?,
                };
                store = store.with_secret_key(Arc::new(wrap));
                if args.create_table {
                    store.create_table().await?;
                }
                (Arc::new(store), None)
            }
            _ => {
                let store = Arc::new(MemoryStore::new());
                (store.clone(), Some(store))
            }
        };
    let mailer: Arc<dyn Mailer> = match (mailer, args.mail, &aws_config) {
        (Some(given), ..) => given,
        (None, MailKind::Ses, Some(config)) => Arc::new(SesMailer::new(
            aws::ses_client(config, args.ses_endpoint.as_deref()),
            args.ses_configuration_set.clone(),
        )),
        _ => Arc::new(OutboxDirMailer::new(args.outbox.clone(), clock.clone())),
    };

    let seeded = seed.apply(&*store, clock.now()).await?;
    let mut app = App::new(
        store.clone(),
        clock,
        LinkConfig {
            public_base_url: args.public_base_url.clone().unwrap_or_else(|| url.clone()),
            mail_from: args.mail_from.clone(),
        },
    );
    app.support_token = seed.support_token;
    if args.store == StoreKind::Dynamodb {
        // The same per-process tenant cache as the Lambda functions (and the
        // same variable): without it every request pays a DynamoDB read of its
        // tenant. A memory store reads tenants for free.
        app.cache_tenants(latchkey_shared::app::env::tenant_cache_seconds());
    }
    // Jobs run in this process: a task per job, at the configured mail rate.
    app.jobs = Some(Arc::new(
        latchkey_shared::adapters::job_runner::LocalJobs::new(
            app.store.clone(),
            app.clock.clone(),
            app.links.clone(),
            app.job_pace,
        ),
    ));
    let app = Arc::new(app);

    let dispatcher = Dispatcher {
        outbox: store.clone(),
        mailer,
        clock: app.clock.clone(),
        // Both stores wake the dispatcher when this process queues mail; the
        // wait only bounds how late mail queued by another process is seen.
        idle_wait: Duration::from_secs(2),
    };
    let dispatch_task = tokio::spawn(dispatcher.run());
    let expiry_task = tokio::spawn(expiry_reminders(app.clone()));

    // Pages and API alike go through the shared router, exactly as on Lambda
    // (there each function mounts its own routes; here all of them).
    let api = latchkey_shared::http::router((*app).clone(), None);
    let router = axum::Router::new().fallback(serve_one).with_state(api);
    let serve_task = tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        if let Err(e) = axum::serve(listener, service).await {
            tracing::error!(error = %e, "server stopped");
        }
    });
    Ok(Server {
        addr,
        url,
        app,
        seeded,
        memory,
        tasks: vec![serve_task, dispatch_task, expiry_task],
    })
}

/// The expiry reminders' pass, at start and then hourly (on AWS a daily
/// schedule runs the same use case). Each reminder goes out once per account
/// and day whatever runs the pass, so running it often only finds nothing.
async fn expiry_reminders(app: Arc<App>) {
    let mut every = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every.tick().await;
        let pass = latchkey_shared::usecases::expiry::ExpiryReminders {
            tenants: &*app.store,
            index: &*app.store,
            users: &*app.store,
            committer: &*app.store,
            clock: &*app.clock,
            links: &app.links,
        }
        .run()
        .await;
        match pass {
            Ok(run) => tracing::info!(?run, "expiry reminders"),
            Err(e) => tracing::warn!(error = %e, "expiry reminders failed; next pass in an hour"),
        }
    }
}

/// Every request, with the socket peer as its client address, through the
/// shared router.
async fn serve_one(
    State(api): State<axum::Router>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
) -> Response {
    // The socket peer, never X-Forwarded-For: a client-set header would make
    // every per-IP limit trivially bypassable.
    req.extensions_mut().insert(Client {
        source_ip: Some(peer.ip().to_string()),
        ..Client::default()
    });
    isolated(async move { call(&api, req).await }).await
}

/// Runs one request in a task of its own, so that a panic while serving it
/// (a bug, never an input: every input is checked) answers that request `500`
/// and leaves the server up for every other tenant.
async fn isolated<F>(request: F) -> Response
where
    F: std::future::Future<Output = Response> + Send + 'static,
{
    match tokio::spawn(request).await {
        Ok(resp) => resp,
        Err(e) => ApiError(AppError::Internal(if e.is_panic() {
            "a request handler panicked".into()
        } else {
            "a request handler was cancelled".into()
        }))
        .into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_request_answers_500_and_the_next_one_is_served() {
        // GIVEN a request whose handler panics
        let out = isolated(async {
            if std::hint::black_box(true) {
                panic!("a bug");
            }
            "unreachable".into_response()
        })
        .await;
        // THEN it answers 500 as a problem document
        assert_eq!(out.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
        let bytes = axum::body::to_bytes(out.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body["code"], "internal");
        // AND the next request on the same runtime is served
        let next = isolated(async { "ok".into_response() }).await;
        assert_eq!(next.status(), http::StatusCode::OK);
    }
}
