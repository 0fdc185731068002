//! SES (v2) mailer: text and HTML bodies, optional configuration set.

use async_trait::async_trait;
use aws_sdk_sesv2::Client;
use aws_sdk_sesv2::error::DisplayErrorContext;
use aws_sdk_sesv2::operation::send_email::SendEmailError;
use aws_sdk_sesv2::types::{Body, Content, Destination, EmailContent, Message, MessageTag};

use crate::domain::Email;
use crate::ports::{MailError, Mailer};

/// The SES message tag naming the tenant a mail was sent for.
pub const TENANT_TAG: &str = "latchkey-tenant";

pub struct SesMailer {
    client: Client,
    configuration_set: Option<String>,
}

impl SesMailer {
    pub fn new(client: Client, configuration_set: Option<String>) -> Self {
        Self {
            client,
            configuration_set,
        }
    }
}

fn content(data: &str) -> Result<Content, MailError> {
    Content::builder()
        .data(data)
        .charset("UTF-8")
        .build()
        .map_err(|e| MailError::Failed(e.to_string()))
}

#[async_trait]
impl Mailer for SesMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let message = Message::builder()
            .subject(content(&email.subject)?)
            .body(
                Body::builder()
                    .text(content(&email.text)?)
                    .html(content(&email.html)?)
                    .build(),
            )
            .build();
        let result = self
            .client
            .send_email()
            .from_email_address(&email.from)
            .destination(Destination::builder().to_addresses(&email.to).build())
            .content(EmailContent::builder().simple(message).build())
            .set_configuration_set_name(self.configuration_set.clone())
            // Bounce and complaint events carry the tags back: the tenant says
            // whose account the address belongs to (never the user or the body).
            .email_tags(
                MessageTag::builder()
                    .name(TENANT_TAG)
                    .value(email.tenant_id.as_str())
                    .build()
                    .map_err(|e| MailError::Failed(e.to_string()))?,
            )
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e) => {
                let detail = DisplayErrorContext(&e).to_string();
                match e.into_service_error() {
                    SendEmailError::TooManyRequestsException(_)
                    | SendEmailError::LimitExceededException(_) => {
                        Err(MailError::Throttled(detail))
                    }
                    // This message will never be accepted as it is.
                    SendEmailError::MessageRejected(_)
                    | SendEmailError::MailFromDomainNotVerifiedException(_)
                    | SendEmailError::BadRequestException(_) => Err(MailError::Permanent(detail)),
                    _ => Err(MailError::Failed(detail)),
                }
            }
        }
    }
}
