//! Reset or expire everyone matching a search, as a job: create (or dry run),
//! follow, pause, resume, cancel (function `admin-reset`).

use std::collections::BTreeMap;

use http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::routes;

use super::Routes;
use super::accounts::with_locks;
use crate::app::App;
use crate::domain::jobs::{Job, JobAction, JobStatus};
use crate::domain::permissions::Actor;
use crate::domain::{Role, Source, Status, rfc3339};
use crate::http::extract::{Ctx, Id, Json, Meta, Query, Session, Tenant};
use crate::http::views::{Account, TenantPath};
use crate::http::{ApiResult, json};
use crate::usecases::jobs::{Created, JobRequest, Jobs};

pub fn routes() -> Routes {
    Routes::new()
        .routes(routes!(create_job, list_jobs))
        .routes(routes!(get_job))
        .routes(routes!(pause_job))
        .routes(routes!(resume_job))
        .routes(routes!(cancel_job))
}

/// The job use cases as every route (and the tests) build them from the app.
pub fn jobs(app: &App) -> Jobs<'_> {
    Jobs {
        tenants: &*app.tenants,
        users: &*app.store,
        directory: &*app.store,
        jobs: &*app.store,
        committer: &*app.store,
        clock: &*app.clock,
        links: &app.links,
        pace: app.job_pace,
        count_entries: crate::domain::jobs::COUNT_ENTRIES,
    }
}

/// Which users; every criterion given must hold, and `all: true` is needed
/// to name no criterion at all.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct JobFilterBody {
    /// A username or email prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<Source>,
    /// Users whose password was last set before this time (RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(format = DateTime)]
    changed_before: Option<String>,
    #[serde(default)]
    all: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JobBody {
    filter: JobFilterBody,
    /// `send_link` mails an admin-style link; `expire` makes the password a
    /// must-change and ends sessions and links; `expire_and_send` both.
    action: JobAction,
    #[serde(default)]
    reset_mfa: bool,
    /// Count and sample only: nothing changes.
    #[serde(default)]
    dry_run: bool,
    /// The incident's ticket (audited); required unless `dry_run`.
    #[serde(default)]
    reason: Option<String>,
}

impl From<JobBody> for JobRequest {
    fn from(b: JobBody) -> Self {
        JobRequest {
            filter: crate::domain::jobs::FilterInput {
                q: b.filter.q,
                role: b.filter.role,
                status: b.filter.status,
                source: b.filter.source,
                changed_before: b.filter.changed_before,
                all: b.filter.all,
            },
            action: b.action,
            reset_mfa: b.reset_mfa,
            dry_run: b.dry_run,
            reason: b.reason,
        }
    }
}

/// A job as it stands.
#[derive(Serialize, ToSchema)]
pub struct JobInfo {
    pub id: String,
    pub status: JobStatus,
    pub action: JobAction,
    pub filter: JobFilterBody,
    pub reset_mfa: bool,
    pub reason: String,
    pub created_by: String,
    pub matched: u64,
    /// False while `matched` is a floor (see `JobStarted`).
    pub matched_exact: bool,
    pub processed: u64,
    pub sent: u64,
    /// Users skipped, by reason (`self_target`, `no_email`, ...).
    pub skipped: BTreeMap<String, u64>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    pub eta_seconds: Option<u64>,
    pub failure: Option<String>,
}

fn info(app: &App, job: &Job) -> JobInfo {
    let v = job.view(app.clock.now(), &app.job_pace);
    let f = &job.filter;
    JobInfo {
        id: v.id,
        status: v.status,
        action: v.action,
        filter: JobFilterBody {
            q: f.q.clone(),
            role: f.role,
            status: f.status,
            source: f.source,
            changed_before: f.changed_before.map(rfc3339),
            all: f.all,
        },
        reset_mfa: v.reset_mfa,
        reason: v.reason,
        created_by: v.created_by,
        matched: v.matched,
        matched_exact: v.matched_exact,
        processed: v.processed,
        sent: v.sent,
        skipped: v.skipped,
        created_at: v.created_at,
        updated_at: v.updated_at,
        eta_seconds: v.eta_seconds,
        failure: v.failure,
    }
}

/// A job started.
#[derive(Serialize, ToSchema)]
pub struct JobStarted {
    pub job_id: String,
    pub matched: u64,
    /// False when the count stopped at 20,000 directory entries: `matched`
    /// is then a floor, made exact by the job as it reads on.
    pub matched_exact: bool,
}

/// A dry run: how many users match, and some of them. Nothing changed.
#[derive(Serialize, ToSchema)]
pub struct DryRun {
    pub matched: u64,
    /// False when the count stopped at 20,000 directory entries: at least
    /// `matched` users match.
    pub matched_exact: bool,
    /// Up to 20 of them.
    pub sample: Vec<Account>,
}

/// Start a job over every user matching a filter (owner, or `passwords.reset`
/// and `users.manage`; MFA as for admin resets). The caller is never a target.
#[utoipa::path(post, path = "/v1/tenants/{tenant}/password-reset-jobs", tag = "jobs",
    security(("session" = [])), params(TenantPath), request_body = JobBody,
    responses(
        (status = 200, description = "A dry run: nothing changed", body = DryRun),
        (status = 202, description = "Started", body = JobStarted),
        (status = 403, description = "forbidden | mfa_required_for_admin"),
        (status = 404, description = "not_found"),
        (status = 409, description = "conflict"),
    ))]
pub async fn create_job(
    ctx: Ctx,
    Meta(meta): Meta,
    Tenant(tenant): Tenant,
    session: Session,
    Json(body): Json<JobBody>,
) -> ApiResult {
    let created = jobs(&ctx)
        .create(&Actor::User(&session.user), &tenant, body.into(), &meta)
        .await?;
    match created {
        Created::DryRun {
            matched,
            exact,
            sample,
        } => json(
            StatusCode::OK,
            &DryRun {
                matched,
                matched_exact: exact,
                sample: with_locks(&ctx, sample).await?,
            },
        ),
        Created::Started(job) => {
            // The job is written: answering an error now would invite a
            // second job over the same users. A job the queue refused shows
            // no progress; resuming it (even while running) queues it again.
            if let Some(launcher) = &ctx.jobs
                && let Err(e) = launcher.launch(&job).await
            {
                tracing::error!(tenant = %tenant, job = %job.id, error = %e, "job not started");
            }
            json(
                StatusCode::ACCEPTED,
                &JobStarted {
                    job_id: job.id.as_str().to_owned(),
                    matched: job.matched,
                    matched_exact: job.matched_exact,
                },
            )
        }
    }
}

/// The tenant's jobs, newest first.
#[derive(Serialize, ToSchema)]
pub struct JobPage {
    pub jobs: Vec<JobInfo>,
    pub next_cursor: Option<String>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct JobListQuery {
    cursor: Option<String>,
    #[param(minimum = 1, maximum = 100)]
    limit: Option<u32>,
}

/// The tenant's jobs, newest first.
#[utoipa::path(get, path = "/v1/tenants/{tenant}/password-reset-jobs", tag = "jobs",
    security(("session" = [])), params(TenantPath, JobListQuery),
    responses(
        (status = 200, description = "A page of jobs", body = JobPage),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn list_jobs(
    ctx: Ctx,
    Tenant(tenant): Tenant,
    query: Query,
    session: Session,
) -> ApiResult {
    let page = jobs(&ctx)
        .list(
            &Actor::User(&session.user),
            &tenant,
            query.text("cursor").as_deref(),
            query.limit()?,
        )
        .await?;
    json(
        StatusCode::OK,
        &JobPage {
            jobs: page.items.iter().map(|j| info(&ctx, j)).collect(),
            next_cursor: page.next_cursor,
        },
    )
}

/// `{tenant}` and a job's `{id}`.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
#[allow(dead_code)]
pub struct JobPath {
    tenant: crate::domain::TenantId,
    /// The job's id.
    id: String,
}

/// A job's progress.
#[utoipa::path(get, path = "/v1/tenants/{tenant}/password-reset-jobs/{id}", tag = "jobs",
    security(("session" = [])), params(JobPath),
    responses(
        (status = 200, description = "The job", body = JobInfo),
        (status = 403, description = "forbidden"),
        (status = 404, description = "not_found"),
    ))]
pub async fn get_job(ctx: Ctx, Tenant(tenant): Tenant, Id(id): Id, session: Session) -> ApiResult {
    let job = jobs(&ctx)
        .get(&Actor::User(&session.user), &tenant, &id)
        .await?;
    json(StatusCode::OK, &info(&ctx, &job))
}

macro_rules! transition {
    ($name:ident, $call:ident, $path:literal, $summary:literal) => {
        #[doc = $summary]
        #[utoipa::path(post, path = $path, tag = "jobs",
                            security(("session" = [])), params(JobPath),
                            responses(
                                (status = 200, description = "The job now", body = JobInfo),
                                (status = 403, description = "forbidden | mfa_required_for_admin"),
                                (status = 404, description = "not_found"),
                                (status = 409, description = "job_finished | conflict"),
                                (status = 503, description = "busy"),
                            ))]
        pub async fn $name(
            ctx: Ctx,
            Meta(meta): Meta,
            Tenant(tenant): Tenant,
            Id(id): Id,
            session: Session,
        ) -> ApiResult {
            let job = jobs(&ctx)
                .$call(&Actor::User(&session.user), &tenant, &id, &meta)
                .await?;
            // Resuming (or resuming a running job, which an owner does
            // when a job shows no progress) queues its current page: a
            // queue that refuses answers 503, and the call can be repeated.
            if job.status == JobStatus::Running
                && let Some(launcher) = &ctx.jobs
                && let Err(e) = launcher.launch(&job).await
            {
                tracing::error!(tenant = %tenant, job = %job.id, error = %e, "job not started");
                return Err(crate::usecases::AppError::Busy { retry_after: 5 }.into());
            }
            json(StatusCode::OK, &info(&ctx, &job))
        }
    };
}

transition!(
    pause_job,
    pause,
    "/v1/tenants/{tenant}/password-reset-jobs/{id}/pause",
    "Pause a job after its current page."
);
transition!(
    resume_job,
    resume,
    "/v1/tenants/{tenant}/password-reset-jobs/{id}/resume",
    "Resume a paused job."
);
transition!(
    cancel_job,
    cancel,
    "/v1/tenants/{tenant}/password-reset-jobs/{id}/cancel",
    "Cancel a job: no more users are acted on."
);
