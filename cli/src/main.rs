//! `latchkey`: local mode and operator commands.

use clap::{Parser, Subcommand};
use std::sync::Arc;

use latchkey::seed::{self, SeedFile};
use latchkey::serve::{self, MailKind, ServeArgs, StoreKind};
use latchkey_shared::ports::SystemClock;

#[derive(Parser)]
#[command(
    name = "latchkey",
    version,
    about = "Password lifecycle service: local mode and operator commands"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the whole API and the hosted pages locally.
    Serve(ServeArgs),
    /// Tenants on a DynamoDB deployment.
    #[command(subcommand)]
    Tenant(TenantCommand),
    /// Users on a DynamoDB deployment.
    #[command(subcommand)]
    User(UserCommand),
    /// On-call tasks on a DynamoDB deployment.
    #[command(subcommand)]
    Ops(OpsCommand),
    /// Platform support: find a tenant's owner and reset it (SigV4 or --support-token).
    #[command(subcommand)]
    Support(SupportCommand),
}

#[derive(Subcommand)]
enum SupportCommand {
    /// List a tenant's owners and admins (id, username, status, email, MFA).
    Users(latchkey::support::UsersArgs),
    /// Reset an owner or admin: mail a link (default) or set a temporary password.
    Reset(latchkey::support::ResetArgs),
}

#[derive(Subcommand)]
enum OpsCommand {
    /// Queue again the mail the mailer gave up on (from its dead-letter queue).
    RedriveMail(latchkey::ops::RedriveMail),
    /// Restart the jobs whose pages kept failing (from the jobs' dead-letter queue).
    RedriveJobs(latchkey::ops::RedriveJobs),
}

#[derive(Subcommand)]
enum TenantCommand {
    /// Create a tenant (default settings unless --settings FILE).
    Create(latchkey::ops::TenantCreate),
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create a pending account (default: the tenant's owner) and print its activation link.
    Create(latchkey::ops::UserCreate),
    /// Create many pending accounts from a JSON Lines file, with progress.
    Import(latchkey::ops::UserImport),
}

#[tokio::main]
async fn main() -> Result<(), latchkey::Error> {
    let cli = Cli::parse();
    // Support's commands talk to one person at a terminal: only warnings by
    // default, and never the AWS SDK's own log lines (credential-chain probing
    // reads like a failure even when it is not one).
    let support = matches!(cli.command, Command::Support(_));
    let mut filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(if support { "warn" } else { "info" })
    });
    if support {
        for quiet in [
            "aws_config=off",
            "aws_smithy_runtime=off",
            "aws_smithy_runtime_api=off",
            "aws_sdk_sts=off",
            "aws_sdk_sso=off",
            "aws_sdk_ssooidc=off",
            "hyper_util=off",
        ] {
            if let Ok(directive) = quiet.parse() {
                filter = filter.add_directive(directive);
            }
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Serve(args) => run_serve(args).await,
        Command::Tenant(TenantCommand::Create(args)) => latchkey::ops::tenant_create(args).await,
        Command::User(UserCommand::Create(args)) => latchkey::ops::user_create(args).await,
        Command::User(UserCommand::Import(args)) => latchkey::ops::user_import(args).await,
        Command::Ops(OpsCommand::RedriveMail(args)) => latchkey::ops::redrive_mail(args).await,
        Command::Ops(OpsCommand::RedriveJobs(args)) => latchkey::ops::redrive_jobs(args).await,
        Command::Support(SupportCommand::Users(args)) => {
            print!("{}", latchkey::support::users(&args).await?);
            Ok(())
        }
        Command::Support(SupportCommand::Reset(args)) => {
            use std::io::{IsTerminal, Read};
            let piped = if args.mode == "set" && !std::io::stdin().is_terminal() {
                let mut s = String::new();
                std::io::stdin().read_to_string(&mut s)?;
                Some(s)
            } else {
                None
            };
            print!("{}", latchkey::support::reset(&args, piped).await?);
            Ok(())
        }
    }
}

async fn run_serve(args: ServeArgs) -> Result<(), latchkey::Error> {
    let (mut seed, demo) = match &args.seed {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read seed file {}: {e}", path.display()))?;
            (SeedFile::from_json(&text)?, false)
        }
        None => (seed::demo(), true),
    };
    // The demo's support token, fresh at each start, printed below so that
    // support's commands can be tried against it.
    let demo_support_token = demo.then(seed::demo_support_token);
    if let Some(token) = &demo_support_token {
        seed.support_token = Some(token.clone().into());
    }
    let server = serve::start(&args, seed, Arc::new(SystemClock)).await?;

    println!("Latchkey is running at {}", server.url);
    for t in server.seeded.tenants() {
        println!("  sign in:         {}/t/{t}/sign-in", server.url);
        println!("  forgot password: {}/t/{t}/forgot", server.url);
    }
    // What the seed created and what it found (a persistent store keeps what
    // its owners changed: nothing found is written again). A seed file's
    // passwords are never printed or logged.
    println!();
    for event in &server.seeded.events {
        println!("{event}");
    }
    if demo {
        println!("\nDemo tenant \"demo\" accounts (username / role / password):");
        for (name, role, password) in seed::DEMO_ACCOUNTS {
            println!("  {name:<8} {role:<16} {password}");
        }
        // adam has two-step sign-in: a fixed demo TOTP secret, and a set of recovery
        // codes made when this start stored him (not printed when he was already in
        // a persistent store: those codes were never kept). Each code works once.
        if let Some(adam) = server
            .seeded
            .created_users()
            .find(|u| u.username == "adam" && !u.recovery_codes.is_empty())
        {
            println!(
                "\n  adam has two-step sign-in: TOTP secret {} (any authenticator app),",
                seed::DEMO_ADAM_TOTP_SECRET
            );
            println!(
                "  or a one-time recovery code: {} (\"Use a recovery code\" on the code step)",
                adam.recovery_codes[0]
            );
        }
    }
    if let Some(token) = &demo_support_token {
        println!("\nPlatform support (a token for this demo only, new at each start):");
        println!(
            "  latchkey support users --api-url {} --tenant demo --support-token {token}",
            server.url
        );
    }
    match args.mail {
        MailKind::Outbox => println!("\nEmails are written to {}", args.outbox.display()),
        MailKind::Ses => println!("\nEmails are sent with SES from {}", args.mail_from),
    }
    if args.store == StoreKind::Memory {
        println!("State is in memory and is lost when you stop the server (Ctrl-C).");
    }
    tokio::signal::ctrl_c().await?;
    drop(server);
    Ok(())
}
