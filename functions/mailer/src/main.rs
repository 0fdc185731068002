//! Lambda function `mailer`: fed by the table's stream (new `OUTBOX#` items), it
//! sends each queued email through SES once and reports partial batch failures.
//! Mail it gives up on (refused for good, or out of attempts) goes to the
//! dead-letter queue named by `LATCHKEY_MAIL_DLQ_URL`, with its outbox key and
//! the reason, for `latchkey ops redrive-mail`. Clients are built once at cold
//! start, as in the runtime's examples.

use lambda_http::lambda_runtime::{self, Error, LambdaEvent, service_fn};
use latchkey_shared::adapters::sqs::{LogDeadLetters, SqsDeadLetters};
use latchkey_shared::adapters::{aws, dynamodb::DynamoStore, ses::SesMailer, stream_mailer};
use latchkey_shared::app::env;
use latchkey_shared::ports::{DeadLetters, SystemClock};
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let config = aws::load_config().await;
    let table = std::env::var(env::TABLE).map_err(|_| format!("{} is not set", env::TABLE))?;
    let store = DynamoStore::new(aws::dynamodb_client(&config, None), table)
        .with_sealer(latchkey_shared::lambda::sealer_from_env(&config)?);
    let mailer = SesMailer::new(
        aws::ses_client(&config, None),
        std::env::var(env::SES_CONFIGURATION_SET).ok(),
    );
    let dead_letters: Box<dyn DeadLetters> = match std::env::var(env::MAIL_DLQ_URL) {
        Ok(url) if !url.is_empty() => {
            Box::new(SqsDeadLetters::new(aws::sqs_client(&config, None), url))
        }
        _ => Box::new(LogDeadLetters),
    };
    let (store, mailer, dead_letters) = (&store, &mailer, &*dead_letters);
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        Ok::<Value, Error>(
            stream_mailer::handle_batch(store, mailer, dead_letters, &SystemClock, &event.payload)
                .await,
        )
    }))
    .await
}
