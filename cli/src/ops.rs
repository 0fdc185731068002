//! Operator commands for bootstrapping a deployment on DynamoDB, run by support
//! and infrastructure teams with their own AWS credentials (standard chain).

use latchkey_shared::adapters::aws;
use latchkey_shared::adapters::dynamodb::DynamoStore;
use latchkey_shared::app::env;
use latchkey_shared::domain::{
    AuditEvent, NewAccount, Permission, ResetPurpose, Role, Settings, Source, Tenant, TenantId,
    User,
};
use latchkey_shared::ports::{Clock, Committer, StoreError, SystemClock, TenantStore, Write};
use latchkey_shared::usecases::reset::{LinkConfig, issue_reset_token};

#[derive(Clone, Debug, clap::Args)]
pub struct TableArgs {
    /// DynamoDB table.
    #[arg(long, env = env::TABLE)]
    pub table: String,
    #[arg(long)]
    pub dynamodb_endpoint: Option<String>,
    /// Create the table (with TTL) if it does not exist.
    #[arg(long)]
    pub create_table: bool,
}

impl TableArgs {
    async fn store(&self) -> Result<DynamoStore, crate::Error> {
        let config = aws::load_config().await;
        let store = DynamoStore::new(
            aws::dynamodb_client(&config, self.dynamodb_endpoint.as_deref()),
            self.table.clone(),
        );
        if self.create_table {
            store.create_table().await?;
        }
        Ok(store)
    }
}

#[derive(Clone, Debug, clap::Args)]
pub struct TenantCreate {
    #[command(flatten)]
    pub table: TableArgs,
    /// Tenant id: [a-z0-9][a-z0-9-]{0,62}.
    #[arg(long, value_parser = parse_tenant)]
    pub id: TenantId,
    #[arg(long)]
    pub name: String,
    /// A JSON file with any subset of the settings object.
    #[arg(long)]
    pub settings: Option<std::path::PathBuf>,
}

#[derive(Clone, Debug, clap::Args)]
pub struct UserCreate {
    #[command(flatten)]
    pub table: TableArgs,
    #[arg(long, value_parser = parse_tenant)]
    pub tenant: TenantId,
    #[arg(long)]
    pub username: String,
    #[arg(long)]
    pub email: Option<String>,
    #[arg(long, value_parser = parse_role, default_value = "owner")]
    pub role: Role,
    /// Where the hosted pages live; the activation link starts with it.
    #[arg(long, env = env::PUBLIC_BASE_URL)]
    pub public_base_url: String,
}

fn parse_tenant(s: &str) -> Result<TenantId, String> {
    TenantId::parse(s).ok_or_else(|| "a tenant id is [a-z0-9][a-z0-9-]{0,62}".to_owned())
}

fn parse_role(s: &str) -> Result<Role, String> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| "user, admin or owner".to_owned())
}

#[derive(Clone, Debug, clap::Args)]
pub struct UserImport {
    #[command(flatten)]
    pub table: TableArgs,
    #[arg(long, value_parser = parse_tenant)]
    pub tenant: TenantId,
    /// JSON Lines: one `{"username", "email"?, "role"?}` per line (role: user by default).
    #[arg(long)]
    pub file: std::path::PathBuf,
    #[arg(long, env = env::PUBLIC_BASE_URL)]
    pub public_base_url: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportLine {
    username: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    role: Option<Role>,
    /// One of the shipped locales (anything else refuses that line).
    #[serde(default)]
    locale: Option<latchkey_shared::domain::Locale>,
}

pub async fn tenant_create(args: TenantCreate) -> Result<(), crate::Error> {
    let store = args.table.store().await?;
    if store.get_tenant(&args.id).await?.is_some() {
        return Err(format!("tenant {} exists already", args.id).into());
    }
    let settings: Settings = match &args.settings {
        Some(path) => serde_json::from_str(&std::fs::read_to_string(path)?)
            .map_err(|e| format!("invalid settings: {e}"))?,
        None => Settings::default(),
    };
    settings
        .validate()
        .map_err(|e| format!("invalid settings: {e}"))?;
    let now = SystemClock.now();
    store
        .commit(vec![
            Write::PutTenant(Tenant {
                id: args.id.clone(),
                name: args.name.clone(),
                settings,
                logo: None,
            }),
            Write::Audit(AuditEvent::new(
                &args.id,
                now,
                "tenant.created",
                "operator",
                "success",
            )),
        ])
        .await?;
    println!("created tenant {} ({})", args.id, args.name);
    Ok(())
}

/// Creates a pending account and prints its activation link (valid for the
/// tenant's `admin_reset_link_ttl_seconds`). Printing, not mailing, because a
/// first owner often has no working mailbox yet; hand the link over securely.
pub async fn user_create(args: UserCreate) -> Result<(), crate::Error> {
    let store = args.table.store().await?;
    let tenant = store
        .get_tenant(&args.tenant)
        .await?
        .ok_or_else(|| format!("no tenant {}", args.tenant))?;
    match create_pending(
        &store,
        &tenant,
        &args.username,
        args.email.clone(),
        args.role,
        None,
        &args.public_base_url,
    )
    .await?
    {
        Ok(Created::New {
            user,
            link,
            expires,
        }) => {
            println!(
                "created {:?} {} ({}) in {}",
                user.role, user.username, user.id, tenant.id
            );
            println!(
                "activation link (valid until {}):",
                latchkey_shared::domain::rfc3339(expires)
            );
            println!("{link}");
            Ok(())
        }
        Ok(Created::Taken) => {
            Err(format!("username {} is taken in {}", args.username, tenant.id).into())
        }
        Err(refused) => Err(refused.into()),
    }
}

/// Creates many pending accounts from a JSON Lines file, showing progress on
/// stderr and printing `username<TAB>activation link` lines on stdout. Existing
/// usernames are skipped (so a run can be repeated after an interruption). A
/// line the API would refuse (not JSON, a name or address that is not one, an
/// unshipped locale) is reported as `line N: reason` and nothing of it is
/// stored; the other lines are still imported, and the command then fails so
/// that a script notices. Fix those lines and run the same file again.
pub async fn user_import(args: UserImport) -> Result<(), crate::Error> {
    let store = args.table.store().await?;
    let tenant = store
        .get_tenant(&args.tenant)
        .await?
        .ok_or_else(|| format!("no tenant {}", args.tenant))?;
    let text = std::fs::read_to_string(&args.file)?;
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let total = lines.len();
    let (mut created, mut skipped, mut refused) = (0, 0, 0);
    for (done, (number, line)) in lines.into_iter().enumerate() {
        let outcome = match serde_json::from_str::<ImportLine>(line) {
            Ok(entry) => {
                let role = entry.role.unwrap_or(Role::User);
                create_pending(
                    &store,
                    &tenant,
                    &entry.username,
                    entry.email,
                    role,
                    entry.locale,
                    &args.public_base_url,
                )
                .await?
            }
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(Created::New { user, link, .. }) => {
                created += 1;
                println!("{}\t{link}", user.username);
            }
            Ok(Created::Taken) => skipped += 1,
            Err(why) => {
                refused += 1;
                // On a line of its own, over the progress line.
                eprintln!("\r{:<60}", format!("line {}: {why}", number + 1));
            }
        }
        eprint!(
            "\r[{}/{total}] created {created}, skipped {skipped} (existing), refused {refused}",
            done + 1
        );
    }
    eprintln!();
    if refused > 0 {
        return Err(format!(
            "{refused} of {total} lines refused (nothing of them stored); fix them and run the \
             import again (existing usernames are skipped)"
        )
        .into());
    }
    Ok(())
}

enum Created {
    New {
        user: Box<User>,
        link: String,
        expires: latchkey_shared::domain::Instant,
    },
    Taken,
}

/// The operator's way to make an account: the same checks as the API's
/// `Users::create` (`User::new_pending`), then an activation link printed
/// instead of mailed (a first owner often has no working mailbox yet). The
/// inner `Err` is why the account was refused (`field: reason`), the outer one
/// a store that failed.
async fn create_pending(
    store: &DynamoStore,
    tenant: &Tenant,
    username: &str,
    email: Option<String>,
    role: Role,
    locale: Option<latchkey_shared::domain::Locale>,
    public_base_url: &str,
) -> Result<Result<Created, String>, crate::Error> {
    let now = SystemClock.now();
    let account = NewAccount {
        username: username.to_owned(),
        email,
        role,
        // An operator-made admin can manage users and send reset links; its
        // owner widens or narrows that later.
        permissions: if role == Role::Admin {
            [
                Permission::UsersRead,
                Permission::UsersManage,
                Permission::PasswordsReset,
                Permission::AuditRead,
            ]
            .into_iter()
            .collect()
        } else {
            Default::default()
        },
        source: Source::Local,
        can_change_password: true,
        locale,
    };
    let mut user = match User::new_pending(&tenant.id, account, now) {
        Ok(user) => user,
        Err(refused) => return Ok(Err(refused.to_string())),
    };
    let (token, record) = issue_reset_token(
        &mut user,
        now,
        tenant.settings.admin_reset_link_ttl_seconds,
        ResetPurpose::Activation,
        "operator",
    );
    let links = LinkConfig {
        public_base_url: public_base_url.to_owned(),
        mail_from: String::new(),
    };
    let link = links.reset_link(&tenant.id, &token);
    let expires = record.expires_at;
    let result = store
        .commit(vec![
            Write::CreateUser(user.clone()),
            Write::PutResetToken(record),
            Write::Audit(
                AuditEvent::new(&tenant.id, now, "user.created", "operator", "success")
                    .target(user.id.as_str())
                    .detail("role", serde_json::to_value(user.role).unwrap_or_default())
                    .detail("activation_link_printed", true),
            ),
        ])
        .await;
    match result {
        Ok(()) => Ok(Ok(Created::New {
            user: Box::new(user),
            link,
            expires,
        })),
        Err(StoreError::UsernameTaken) => Ok(Ok(Created::Taken)),
        Err(e) => Err(e.into()),
    }
}

#[derive(Clone, Debug, clap::Args)]
pub struct RedriveMail {
    #[command(flatten)]
    pub table: TableArgs,
    /// The mailer's dead-letter queue (the stack output `MailDeadLetterQueueUrl`).
    #[arg(long, env = "LATCHKEY_MAIL_DLQ_URL")]
    pub queue_url: String,
    #[arg(long)]
    pub sqs_endpoint: Option<String>,
    /// Messages to handle at most.
    #[arg(long, default_value_t = 100)]
    pub max: usize,
}

/// Fix the cause first (SES identity, sandbox, quota): a redriven mail that is
/// refused again lands in the queue again.
pub async fn redrive_mail(args: RedriveMail) -> Result<(), crate::Error> {
    let config = aws::load_config().await;
    let store = args.table.store().await?;
    let sqs = aws::sqs_client(&config, args.sqs_endpoint.as_deref());
    let report = latchkey_shared::adapters::sqs::redrive(
        &sqs,
        &args.queue_url,
        &store,
        &SystemClock,
        args.max,
    )
    .await?;
    for key in &report.requeued {
        println!("requeued\t{key}");
    }
    eprintln!(
        "{} requeued, {} already gone, {} unreadable (left in the queue)",
        report.requeued.len(),
        report.gone,
        report.unreadable
    );
    Ok(())
}

#[derive(Clone, Debug, clap::Args)]
pub struct RedriveJobs {
    #[command(flatten)]
    pub table: TableArgs,
    /// The jobs' dead-letter queue (the stack output `JobDeadLetterQueueUrl`).
    #[arg(long, env = env::JOB_DLQ_URL)]
    pub dlq_url: String,
    /// The jobs queue (the stack output `JobQueueUrl`).
    #[arg(long, env = env::JOB_QUEUE_URL)]
    pub queue_url: String,
    #[arg(long)]
    pub sqs_endpoint: Option<String>,
    /// Messages to handle at most.
    #[arg(long, default_value_t = 100)]
    pub max: usize,
}

/// Fix the cause first (the failing page's error is in the worker's log): a
/// job restarted on the same fault fails its page again and lands here again.
/// Each job still running is queued again at the page it stands at.
pub async fn redrive_jobs(args: RedriveJobs) -> Result<(), crate::Error> {
    let config = aws::load_config().await;
    let store = args.table.store().await?;
    let sqs = aws::sqs_client(&config, args.sqs_endpoint.as_deref());
    let pages =
        latchkey_shared::adapters::job_queue::SqsJobPages::new(sqs.clone(), &args.queue_url);
    let report = latchkey_shared::adapters::job_queue::redrive(
        &sqs,
        &args.dlq_url,
        &store,
        &pages,
        args.max,
    )
    .await?;
    for job in &report.restarted {
        println!("restarted\t{job}");
    }
    eprintln!(
        "{} jobs restarted, {} messages of jobs no longer running dropped, {} unreadable (left in the queue)",
        report.restarted.len(),
        report.idle,
        report.unreadable
    );
    Ok(())
}
