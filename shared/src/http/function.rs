//! The Lambda functions and what each may touch: the IAM tables the template
//! and the recorded calls are checked against. Which routes each serves is
//! `super::api::routes`.

/// The Lambda functions; each serves a subset of the routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Function {
    SignIn,
    ForgotPassword,
    ResetPassword,
    ChangePassword,
    AdminReset,
    Users,
    SupportReset,
    Pages,
    /// Not an HTTP function: fed by the table's stream.
    Mailer,
    /// Not an HTTP function: SES bounce and complaint events, through SNS.
    SesEvents,
}

impl Function {
    pub const ALL: [Function; 10] = [
        Function::SignIn,
        Function::ForgotPassword,
        Function::ResetPassword,
        Function::ChangePassword,
        Function::AdminReset,
        Function::Users,
        Function::SupportReset,
        Function::Pages,
        Function::Mailer,
        Function::SesEvents,
    ];

    /// The function's directory under `functions/` (and its metric dimension).
    pub fn name(self) -> &'static str {
        match self {
            Function::SignIn => "sign-in",
            Function::ForgotPassword => "forgot-password",
            Function::ResetPassword => "reset-password",
            Function::ChangePassword => "change-password",
            Function::AdminReset => "admin-reset",
            Function::Users => "users",
            Function::SupportReset => "support-reset",
            Function::Pages => "pages",
            Function::Mailer => "mailer",
            Function::SesEvents => "ses-events",
        }
    }

    /// The function's logical id in `infra/template.yaml`.
    pub fn template_resource(self) -> &'static str {
        match self {
            Function::SignIn => "SignInFunction",
            Function::ForgotPassword => "ForgotPasswordFunction",
            Function::ResetPassword => "ResetPasswordFunction",
            Function::ChangePassword => "ChangePasswordFunction",
            Function::AdminReset => "AdminResetFunction",
            Function::Users => "UsersFunction",
            Function::SupportReset => "SupportResetFunction",
            Function::Pages => "PagesFunction",
            Function::Mailer => "MailerFunction",
            Function::SesEvents => "SesEventsFunction",
        }
    }

    /// The DynamoDB actions (on the table) this function's code performs; its IAM
    /// policy grants exactly these (checked by tests against the template and
    /// against the calls recorded while the function's events run).
    pub fn table_actions(self) -> &'static [&'static str] {
        match self {
            // Sign-in reads its counters and the username's claim in one
            // BatchGetItem.
            // The caller's sessions are one Query on their per-user entries.
            Function::SignIn => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
            ],
            // A wrong current password whose count moved reads the counters.
            Function::ChangePassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // An unlock link reads the account's counter (one BatchGetItem); a
            // report looks up the tenant's owners and admins (a Query).
            Function::ResetPassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
            ],
            // The throttle is read (one BatchGetItem) before any account work.
            Function::ForgotPassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // A page of the user search reads its users in one BatchGetItem.
            // A session's last use is an UpdateItem at most once a minute.
            Function::Users => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
            ],
            Function::AdminReset => &[
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // The lookup reads the tenant's user directory (a Query on its key).
            Function::SupportReset => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
            ],
            Function::Pages => &[],
            Function::Mailer => &[
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:UpdateItem",
            ],
            Function::SesEvents => &["dynamodb:GetItem", "dynamodb:PutItem"],
        }
    }

    /// DynamoDB actions on the email index `gsi1`.
    pub fn index_actions(self) -> &'static [&'static str] {
        match self {
            Function::ForgotPassword | Function::SesEvents => &["dynamodb:Query"],
            _ => &[],
        }
    }

    /// SES actions: only the mailer sends; every other function only queues.
    pub fn ses_actions(self) -> &'static [&'static str] {
        match self {
            Function::Mailer => &["ses:SendEmail"],
            _ => &[],
        }
    }
}
