//! SDK clients, built once. Endpoints may be overridden per service (moto,
//! DynamoDB Local); otherwise the SDK's standard chain and variables apply.

pub async fn load_config() -> aws_config::SdkConfig {
    aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await
}

pub fn dynamodb_client(
    config: &aws_config::SdkConfig,
    endpoint: Option<&str>,
) -> aws_sdk_dynamodb::Client {
    let mut builder = aws_sdk_dynamodb::config::Builder::from(config);
    if let Some(url) = endpoint {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_dynamodb::Client::from_conf(builder.build())
}

pub fn ses_client(config: &aws_config::SdkConfig, endpoint: Option<&str>) -> aws_sdk_sesv2::Client {
    let mut builder = aws_sdk_sesv2::config::Builder::from(config);
    if let Some(url) = endpoint {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_sesv2::Client::from_conf(builder.build())
}

pub fn kms_client(config: &aws_config::SdkConfig, endpoint: Option<&str>) -> aws_sdk_kms::Client {
    let mut builder = aws_sdk_kms::config::Builder::from(config);
    if let Some(url) = endpoint {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_kms::Client::from_conf(builder.build())
}

pub fn sqs_client(config: &aws_config::SdkConfig, endpoint: Option<&str>) -> aws_sdk_sqs::Client {
    let mut builder = aws_sdk_sqs::config::Builder::from(config);
    if let Some(url) = endpoint {
        builder = builder.endpoint_url(url);
    }
    aws_sdk_sqs::Client::from_conf(builder.build())
}
