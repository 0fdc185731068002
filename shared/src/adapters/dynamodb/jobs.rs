//! Reset-or-expire jobs: the job (`JOB#{t}` / its id, newest first by id) and
//! one mark per user a job acted on (`JOBMARK#{t}#{job}#{user}` / `M`). A mark
//! is keyed per user on purpose: under one partition per job, a job over a
//! million users would write every mark to one hot key.

use aws_sdk_dynamodb::types::TransactWriteItem;

use super::*;
use crate::domain::jobs::{Job, JobId, JobMark};
use crate::ports::{JobStore, JobWrite};

/// How long a job's marks outlive it: a redelivered page is never that late.
const MARK_RETENTION_SECONDS: i64 = 30 * 86_400;

pub(super) fn job_item(t: &str, w: &JobWrite) -> Result<TransactWriteItem, StoreError> {
    Ok(match w {
        JobWrite::Create(job) => put(
            t,
            Item::from([
                ("pk".into(), s(job_pk(&job.tenant_id))),
                ("sk".into(), s(job.id.as_str())),
                ("doc".into(), doc(job)?),
                ("version".into(), n(job.version)),
            ]),
            Some("attribute_not_exists(pk)"),
        )?,
        JobWrite::Save(job) => {
            let put = aws_sdk_dynamodb::types::Put::builder()
                .table_name(t)
                .set_item(Some(Item::from([
                    ("pk".into(), s(job_pk(&job.tenant_id))),
                    ("sk".into(), s(job.id.as_str())),
                    (
                        "doc".into(),
                        doc(&Job {
                            version: job.version + 1,
                            ..job.clone()
                        })?,
                    ),
                    ("version".into(), n(job.version + 1)),
                ])))
                .condition_expression("version = :v")
                .expression_attribute_values(":v", n(job.version))
                .build()
                .map_err(unavailable)?;
            TransactWriteItem::builder().put(put).build()
        }
        JobWrite::Mark {
            tenant,
            job,
            user,
            mark,
        } => put(
            t,
            Item::from([
                ("pk".into(), s(job_mark_pk(tenant, job, user))),
                ("sk".into(), s("M")),
                ("doc".into(), doc(mark)?),
                (
                    "ttl".into(),
                    n(mark.at.unix_timestamp() + MARK_RETENTION_SECONDS),
                ),
            ]),
            Some("attribute_not_exists(pk)"),
        )?,
    })
}

pub(super) fn job_condition_failed(w: &JobWrite) -> StoreError {
    match w {
        JobWrite::Create(_) => StoreError::Conflict("job exists"),
        JobWrite::Save(_) => StoreError::Conflict("job changed"),
        JobWrite::Mark { .. } => StoreError::Conflict("job already acted on the user"),
    }
}

#[async_trait]
impl JobStore for DynamoStore {
    async fn get_job(&self, tenant: &TenantId, id: &JobId) -> Result<Option<Job>, StoreError> {
        self.get(job_pk(tenant), id.as_str())
            .await?
            .map(|i| job_of(&i))
            .transpose()
    }

    async fn list_jobs(
        &self,
        tenant: &TenantId,
        cursor: Option<&JobId>,
        limit: usize,
    ) -> Result<Page<Job>, StoreError> {
        let limit = limit.clamp(1, 100);
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .expression_attribute_values(":pk", s(job_pk(tenant)))
            .scan_index_forward(false)
            .consistent_read(true)
            .limit((limit + 1) as i32);
        query = match cursor {
            Some(c) => query
                .key_condition_expression("pk = :pk AND sk < :c")
                .expression_attribute_values(":c", s(c.as_str())),
            None => query.key_condition_expression("pk = :pk"),
        };
        let out = query.send().await.map_err(unavailable)?;
        let mut items: Vec<Job> = out
            .items
            .unwrap_or_default()
            .iter()
            .map(job_of)
            .collect::<Result<_, _>>()?;
        let more = items.len() > limit;
        items.truncate(limit);
        let next_cursor = more
            .then(|| items.last().map(|j| j.id.as_str().to_owned()))
            .flatten();
        Ok(Page { items, next_cursor })
    }

    async fn job_marks(
        &self,
        tenant: &TenantId,
        job: &JobId,
        users: &[UserId],
    ) -> Result<Vec<Option<JobMark>>, StoreError> {
        let keys: Vec<(String, &str)> = users
            .iter()
            .map(|u| (job_mark_pk(tenant, job, u), "M"))
            .collect();
        let found = self.batch_get(&keys).await?;
        keys.iter()
            .map(|(pk, _)| found.get(pk).map(from_doc).transpose())
            .collect()
    }
}

/// The stored job, its `version` from the item (the document holds it too,
/// written together).
fn job_of(item: &Item) -> Result<Job, StoreError> {
    let mut job: Job = from_doc(item)?;
    if let Some(v) = number(item, "version") {
        job.version = u64::try_from(v).unwrap_or_default();
    }
    Ok(job)
}
