//! Lambda function `job-worker`: the jobs queue (SQS FIFO) invokes it with
//! page messages; each runs one page of a reset-or-expire job (at most 100
//! users, mail paced under the job's rate) and queues the next page
//! (`adapters::job_queue::handle_event`). A failed page is reported in the
//! partial batch response: SQS delivers it again, and after three receives
//! moves it to the dead-letter queue (`latchkey ops redrive-jobs`). The app
//! and the queue client are built once at cold start.

use lambda_http::lambda_runtime::{self, Error, LambdaEvent, service_fn};
use latchkey_shared::adapters::job_queue::handle_event;
use latchkey_shared::lambda::{app_from_env, job_pages_from_env};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let app = app_from_env().await?;
    let pages = job_pages_from_env().await?;
    let (app, pages) = (&app, &pages);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        Ok::<Value, Error>(handle_event(app, pages, &event.payload).await)
    }))
    .await
}
