//! Lambda function `pages`. Like the aws-lambda-rust-runtime examples: tracing
//! and the SDK clients are set up once at cold start and shared by every event;
//! the shared handlers serve only this function's routes.

use lambda_http::{Error, service_fn};
use latchkey_shared::http::Function;
use latchkey_shared::lambda::{app_from_env, handle};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let app = app_from_env().await?;
    let app = &app;
    lambda_http::run(service_fn(move |req| handle(app, Function::Pages, req))).await
}
