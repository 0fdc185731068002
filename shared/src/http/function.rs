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
    /// Not an HTTP function: the daily pass of password expiry reminders, on
    /// an EventBridge Scheduler schedule.
    ExpiryReminders,
    /// Not an HTTP function: the pages of reset-or-expire jobs, from the
    /// jobs queue (SQS FIFO).
    JobWorker,
}

impl Function {
    pub const ALL: [Function; 12] = [
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
        Function::ExpiryReminders,
        Function::JobWorker,
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
            Function::ExpiryReminders => "expiry-reminders",
            Function::JobWorker => "job-worker",
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
            Function::ExpiryReminders => "ExpiryRemindersFunction",
            Function::JobWorker => "JobWorkerFunction",
        }
    }

    /// The DynamoDB actions (on the table) this function's code performs; its IAM
    /// policy grants exactly these, each on the partition-key families
    /// (`dynamodb:LeadingKeys`) the calls touch (checked by tests against the
    /// template and against the calls, and their keys, recorded while the
    /// function's events run).
    pub fn table_actions(self) -> &'static [&'static str] {
        match self {
            // Sign-in reads its counters and the username's claim in one
            // BatchGetItem. A session is written and deleted with its entry in
            // the user's list (USESS#); the caller's sessions are one Query on
            // that list, then one BatchGetItem of the sessions.
            Function::SignIn => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
            ],
            // A wrong current password whose count moved reads the counters. The
            // session a change issues is written with its USESS# entry.
            Function::ChangePassword => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
            ],
            // An unlock link reads the account's counter (one BatchGetItem); a
            // report looks up the tenant's owners and admins (a Query on the
            // directory, UIDX#, then one BatchGetItem of the accounts).
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
            // A session's last use is an UpdateItem at most once a minute. A
            // user's sessions are a Query on its USESS# list, revoked (or the
            // user deleted) with DeleteItems of the sessions and their entries.
            Function::Users => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
                "dynamodb:UpdateItem",
            ],
            // A session's last use is an UpdateItem at most once a minute.
            // A job counts its users through the user search and lists jobs.
            Function::AdminReset => &[
                "dynamodb:BatchGetItem",
                "dynamodb:DeleteItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
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
            // The expiry index names tenants (GetItem) and accounts (one
            // BatchGetItem a page); each reminder is one unit of the account,
            // its mail and its audit event (PutItems); an account changed under
            // the pass is read again (GetItem).
            Function::ExpiryReminders => &[
                "dynamodb:BatchGetItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
            ],
            // A page reads the job, its tenant and creator (GetItem), the
            // directory (a Query on UIDX#, one BatchGetItem of the accounts)
            // and the job's marks of them (BatchGetItem); each user is one
            // unit of PutItems (the account, whose generations end its
            // sessions and links, its mark, link, mail and audit events); the
            // job's progress is a PutItem under its version.
            Function::JobWorker => &[
                "dynamodb:BatchGetItem",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:Query",
            ],
        }
    }

    /// DynamoDB actions on the table's indexes, as `action:index` (the form
    /// a recording store records them in): the email index `gsi1`, the
    /// expiry index `gsi2`.
    pub fn index_actions(self) -> &'static [&'static str] {
        match self {
            Function::ForgotPassword | Function::SesEvents => &["dynamodb:Query:gsi1"],
            Function::ExpiryReminders => &["dynamodb:Query:gsi2"],
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
