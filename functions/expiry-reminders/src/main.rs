//! Lambda function `expiry-reminders`: an EventBridge Scheduler schedule
//! invokes it once a day; it runs one pass of the expiry reminders
//! (`usecases::expiry::ExpiryReminders`, the pass `latchkey serve` runs
//! hourly). The event carries nothing the pass needs: it reads everything
//! from the table, and a reminder goes out once per account and day, so a
//! retried or repeated invocation only finds nothing to send. The app (its
//! clients, the outbox key) is built once at cold start.

use lambda_http::lambda_runtime::{self, Error, LambdaEvent, service_fn};
use lambda_http::tracing;
use latchkey_shared::lambda::app_from_env;
use latchkey_shared::usecases::expiry::ExpiryReminders;
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let app = app_from_env().await?;
    let app = &app;
    lambda_runtime::run(service_fn(move |_: LambdaEvent<Value>| async move {
        let pass = ExpiryReminders {
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
            Ok(run) => {
                tracing::info!(?run, "expiry reminders");
                Ok(serde_json::to_value(run)?)
            }
            // A failed pass fails the invocation: Lambda retries it, and the
            // function's Errors alarm tells the operator.
            Err(e) => Err(Error::from(format!("expiry reminders failed: {e}"))),
        }
    }))
    .await
}
