//! Lambda function `ses-events`: SES event publishing (bounce, complaint)
//! arrives through SNS; each permanently bounced or complained-about address
//! is marked undeliverable on the accounts of its tenant, so no more mail goes
//! there until the address changes. Clients are built once at cold start.

use lambda_http::lambda_runtime::{self, Error, LambdaEvent, service_fn};
use lambda_http::tracing;
use latchkey_shared::adapters::{aws, dynamodb::DynamoStore, ses_events};
use latchkey_shared::app::env;
use latchkey_shared::ports::SystemClock;
use latchkey_shared::usecases::mail_events::MarkUndeliverable;
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let config = aws::load_config().await;
    let table = std::env::var(env::TABLE).map_err(|_| format!("{} is not set", env::TABLE))?;
    let store = DynamoStore::new(aws::dynamodb_client(&config, None), table);
    let store = &store;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let mark = MarkUndeliverable {
            users: store,
            committer: store,
            clock: &SystemClock,
        };
        // An error fails the invocation, so SNS retries it (and then the
        // function's dead-letter queue keeps it).
        let mut marked = 0;
        for u in ses_events::from_sns(&event.payload) {
            marked += mark
                .execute(&u.tenant, &u.address, u.status, &u.detail)
                .await
                .map_err(|e| Error::from(e.to_string()))?;
        }
        tracing::info!(marked, "SES events processed");
        Ok::<Value, Error>(serde_json::json!({"marked": marked}))
    }))
    .await
}
