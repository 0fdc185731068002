//! Lambda function `support-reset`. Like the aws-lambda-rust-runtime examples: tracing
//! and the SDK clients are set up once at cold start, in the router's state;
//! the router serves only this function's routes (`http::api::function_routes`).

use lambda_http::{Error, service_fn};
use latchkey_shared::http::Function;
use latchkey_shared::lambda::{app_from_env, handle, router};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::tracing::init_default_subscriber();
    let router = router(app_from_env().await?, Function::SupportReset);
    let router = &router;
    lambda_http::run(service_fn(move |req| {
        handle(router, Function::SupportReset, req)
    }))
    .await
}
