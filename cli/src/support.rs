//! `latchkey support users|reset`: platform support's two commands. Requests
//! are signed with AWS SigV4 (service `execute-api`, the standard credential
//! chain: a support engineer's SSO or IAM role is all they need), or carry
//! `--support-token` against a local server. Safe by default: a reset needs a
//! reason before any request is sent, and every error exits non-zero with the
//! server's problem title and code.

use aws_credential_types::Credentials;
use aws_credential_types::provider::ProvideCredentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use secrecy::{ExposeSecret, SecretString};
use serde_json::{Value, json};
use std::time::SystemTime;

use crate::Error;

#[derive(Clone, Debug, clap::Args)]
pub struct Connection {
    /// The API, stage path included, e.g. https://abc.execute-api.eu-central-1.amazonaws.com/prod
    #[arg(long, env = "LATCHKEY_API_URL")]
    pub api_url: String,
    /// Local servers only: the seed file's support token (instead of SigV4).
    #[arg(long, env = "LATCHKEY_SUPPORT_TOKEN", hide_env_values = true)]
    pub support_token: Option<SecretString>,
    /// Region for SigV4 (default: from the execute-api host, else the AWS config).
    #[arg(long)]
    pub region: Option<String>,
}

#[derive(Clone, Debug, clap::Args)]
pub struct UsersArgs {
    #[command(flatten)]
    pub conn: Connection,
    #[arg(long)]
    pub tenant: String,
    /// owner or admin (default: both).
    #[arg(long)]
    pub role: Option<String>,
    /// Username or email prefix.
    #[arg(long)]
    pub query: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Clone, Debug, clap::Args)]
pub struct ResetArgs {
    #[command(flatten)]
    pub conn: Connection,
    #[arg(long)]
    pub tenant: String,
    #[arg(
        long,
        conflicts_with = "username",
        required_unless_present = "username"
    )]
    pub user_id: Option<String>,
    /// Resolved to the id through the lookup (owners and admins only).
    #[arg(long)]
    pub username: Option<String>,
    /// The ticket reference: required, audited in the tenant's log.
    #[arg(long)]
    pub reason: Option<String>,
    /// link (default): mail a reset link; set: set a temporary password now.
    #[arg(long, default_value = "link")]
    pub mode: String,
    /// Where the link goes when the account has no (working) email.
    #[arg(long)]
    pub recipient_email: Option<String>,
    /// With --mode set: force a change at next sign-in (default true).
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub temporary: bool,
    /// Also remove the lost second factor (with the password: at once for set,
    /// when the link is used for link).
    #[arg(long)]
    pub reset_mfa: bool,
}

/// The region of an `execute-api` host (`abc.execute-api.eu-central-1.amazonaws.com`).
fn region_of(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split('/').next()?;
    let mut parts = host.split('.');
    let (_, api, region) = (parts.next()?, parts.next()?, parts.next()?);
    (api == "execute-api").then(|| region.to_owned())
}

/// Builds a request signed with SigV4 for `execute-api` (the maintained
/// `aws-sigv4` crate computes the signature). Headers signed: host,
/// content-type (when there is a body), x-amz-date, x-amz-security-token.
pub fn signed_request(
    credentials: Credentials,
    region: &str,
    at: SystemTime,
    method: &str,
    url: &str,
    body: Option<&[u8]>,
) -> Result<http::Request<Vec<u8>>, Error> {
    let identity: Identity = credentials.into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name("execute-api")
        .time(at)
        .settings(SigningSettings::default())
        .build()?
        .into();
    let mut headers: Vec<(&str, &str)> = Vec::new();
    if body.is_some() {
        headers.push(("content-type", "application/json"));
    }
    let signable = SignableRequest::new(
        method,
        url,
        headers.iter().copied(),
        SignableBody::Bytes(body.unwrap_or_default()),
    )?;
    let (instructions, _) = sign(signable, &params)?.into_parts();
    let mut builder = http::Request::builder().method(method).uri(url);
    for (name, value) in &headers {
        builder = builder.header(*name, *value);
    }
    let mut req = builder.body(body.unwrap_or_default().to_vec())?;
    instructions.apply_to_request_http1x(&mut req);
    Ok(req)
}

/// What support is told when no credentials are found: what to set up, and
/// that nothing reached the server.
pub const NO_CREDENTIALS: &str = "no AWS credentials found: sign in with `aws sso login` (or set AWS_PROFILE, \
or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY); against a local server pass --support-token. Nothing was sent";

/// The credentials and region a support engineer has on their own machine:
/// environment, profile (SSO, assumed roles, `credential_process`) and web
/// identity. Never the instance metadata endpoint: on a laptop it only times
/// out after seconds of SDK noise, and on a shared host it would lend support
/// the host's role instead of their own.
async fn engineer_credentials(
    region: Option<String>,
) -> Result<(Credentials, Option<String>), Error> {
    use aws_config::environment::{
        EnvironmentVariableCredentialsProvider, EnvironmentVariableRegionProvider,
    };
    use aws_config::meta::credentials::CredentialsProviderChain;
    use aws_config::meta::region::RegionProviderChain;
    use aws_config::profile::credentials::ProfileFileCredentialsProvider;
    use aws_config::profile::region::ProfileFileRegionProvider;
    use aws_config::web_identity_token::WebIdentityTokenCredentialsProvider;
    let region = RegionProviderChain::first_try(region.map(aws_config::Region::new))
        .or_else(EnvironmentVariableRegionProvider::new())
        .or_else(ProfileFileRegionProvider::new())
        .region()
        .await
        .map(|r| r.to_string());
    let chain = CredentialsProviderChain::first_try(
        "Environment",
        EnvironmentVariableCredentialsProvider::new(),
    )
    .or_else("Profile", ProfileFileCredentialsProvider::builder().build())
    .or_else(
        "WebIdentityToken",
        WebIdentityTokenCredentialsProvider::builder().build(),
    );
    let credentials = chain
        .provide_credentials()
        .await
        .map_err(|_| NO_CREDENTIALS)?;
    Ok((credentials, region))
}

/// The request fields support's commands fill, and the flag each comes from:
/// an error names what the engineer typed, not the API's field. (Only the
/// fields with an underscore: plain words like "reason" also occur in prose.)
const FLAGS: [(&str, &str); 3] = [
    ("recipient_email", "--recipient-email"),
    ("reset_mfa", "--reset-mfa"),
    ("new_password", "the temporary password"),
];

/// A problem's detail in support's words: API field names become flags.
pub fn in_flags(detail: &str) -> String {
    let mut out = detail.to_owned();
    for (field, flag) in FLAGS {
        out = out.replace(field, flag);
    }
    out
}

/// Every request's `User-Agent`. AWS WAF's common rule set blocks requests
/// without one (`NoUserAgent_HEADER`), and reqwest sends none by default. It is
/// added after signing and is not a signed header.
pub const USER_AGENT: &str = concat!("latchkey/", env!("CARGO_PKG_VERSION"));

fn client() -> Result<reqwest::Client, Error> {
    Ok(reqwest::Client::builder().user_agent(USER_AGENT).build()?)
}

/// Sends one request and returns the JSON answer, or the problem as an error.
async fn call(
    conn: &Connection,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> Result<Value, Error> {
    let url = format!("{}{path}", conn.api_url.trim_end_matches('/'));
    let bytes = body.map(|b| b.to_string().into_bytes());
    let req = match &conn.support_token {
        Some(token) => {
            let mut b = http::Request::builder()
                .method(method)
                .uri(&url)
                .header("authorization", format!("Bearer {}", token.expose_secret()));
            if bytes.is_some() {
                b = b.header("content-type", "application/json");
            }
            b.body(bytes.unwrap_or_default())?
        }
        None => {
            let (credentials, region) =
                engineer_credentials(conn.region.clone().or_else(|| region_of(&url))).await?;
            let region = region.ok_or(
                "no AWS region: pass --region (or set AWS_REGION, or a region in your AWS profile); nothing was sent",
            )?;
            signed_request(
                credentials,
                &region,
                SystemTime::now(),
                method,
                &url,
                bytes.as_deref(),
            )?
        }
    };
    let resp = client()?.execute(reqwest::Request::try_from(req)?).await?;
    let status = resp.status();
    let text = resp.text().await?;
    let value: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    if status.is_success() {
        return Ok(value);
    }
    Err(match (value["title"].as_str(), value["code"].as_str()) {
        (Some(title), Some(code)) => {
            let detail = value["detail"]
                .as_str()
                .map(|d| format!(": {}", in_flags(d)))
                .unwrap_or_default();
            format!("{status}: {title} ({code}){detail}").into()
        }
        _ => format!("{status}: {}", text.chars().take(200).collect::<String>()).into(),
    })
}

fn users_path(tenant: &str, role: Option<&str>, query: Option<&str>) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    let mut params = Vec::new();
    if let Some(r) = role {
        params.push(format!("role={}", enc(r)));
    }
    if let Some(q) = query {
        params.push(format!("q={}", enc(q)));
    }
    let qs = if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    };
    format!("/v1/support/tenants/{}/users{qs}", enc(tenant))
}

/// `latchkey support users`: the text it prints.
pub async fn users(args: &UsersArgs) -> Result<String, Error> {
    let found = call(
        &args.conn,
        "GET",
        &users_path(&args.tenant, args.role.as_deref(), args.query.as_deref()),
        None,
    )
    .await?;
    if args.json {
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&found["users"])?
        ));
    }
    let mut out = format!(
        "{:<36}  {:<24}  {:<6}  {:<19}  {:<5}  {:<3}  {}\n",
        "ID", "USERNAME", "ROLE", "STATUS", "EMAIL", "MFA", "PASSWORD CHANGED"
    );
    for u in found["users"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        let email = match (u["has_email"].as_bool(), u["email_status"].as_str()) {
            (Some(true), Some("deliverable") | None) => "yes",
            (Some(true), Some(_)) => "bad",
            _ => "no",
        };
        out.push_str(&format!(
            "{:<36}  {:<24}  {:<6}  {:<19}  {:<5}  {:<3}  {}\n",
            u["id"].as_str().unwrap_or_default(),
            u["username"].as_str().unwrap_or_default(),
            u["role"].as_str().unwrap_or_default(),
            u["status"].as_str().unwrap_or_default(),
            email,
            if u["mfa_enabled"] == true {
                "on"
            } else {
                "off"
            },
            u["password_changed_at"].as_str().unwrap_or("never"),
        ));
    }
    Ok(out)
}

/// A strong temporary password: 144 random bits, with every character class
/// so any tenant policy's `require_classes` is met.
fn generated_password() -> String {
    use base64::Engine as _;
    let random = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(latchkey_shared::domain::random_bytes::<18>());
    format!("{random}-Aa7")
}

/// `latchkey support reset`. `stdin_password` is the temporary password read
/// from stdin (mode set), if one was piped in.
pub async fn reset(args: &ResetArgs, stdin_password: Option<String>) -> Result<String, Error> {
    // Refused before any request: a support reset without a ticket is not audit-able.
    let reason = args
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or("--reason (the ticket reference) is required; nothing was sent")?;
    if args.mode != "link" && args.mode != "set" {
        return Err("--mode must be link or set; nothing was sent".into());
    }
    let (id, who) = match (&args.user_id, &args.username) {
        (Some(id), _) => (id.clone(), id.clone()),
        (None, Some(name)) => {
            let found = call(
                &args.conn,
                "GET",
                &users_path(&args.tenant, None, Some(name)),
                None,
            )
            .await?;
            let wanted = name.to_lowercase();
            let user = found["users"]
                .as_array()
                .and_then(|a| {
                    a.iter().find(|u| {
                        u["username"].as_str().map(str::to_lowercase) == Some(wanted.clone())
                    })
                })
                .ok_or_else(|| {
                    format!("no owner or admin named {name} in tenant {}", args.tenant)
                })?;
            (
                user["id"].as_str().unwrap_or_default().to_owned(),
                format!("{name} ({})", user["id"].as_str().unwrap_or_default()),
            )
        }
        (None, None) => return Err("give --user-id or --username".into()),
    };
    let path = format!("/v1/support/tenants/{}/users/{}/password", args.tenant, id);
    if args.mode == "link" {
        let mut body = json!({"mode": "link", "reason": reason, "reset_mfa": args.reset_mfa});
        if let Some(to) = &args.recipient_email {
            body["recipient_email"] = json!(to);
        }
        let answer = call(&args.conn, "POST", &path, Some(body)).await?;
        let to = args
            .recipient_email
            .as_deref()
            .map(|e| format!(" to {e}"))
            .unwrap_or_else(|| " to the account's own address".into());
        return Ok(format!(
            "Sent a reset link for {who} in tenant {}{to}; it expires at {}. Audited with reason \"{reason}\".\n",
            args.tenant,
            answer["expires_at"].as_str().unwrap_or("?")
        ));
    }
    let (password, generated) = match stdin_password.filter(|p| !p.trim().is_empty()) {
        Some(p) => (p.trim_end_matches(['\r', '\n']).to_owned(), false),
        None => (generated_password(), true),
    };
    call(
        &args.conn,
        "POST",
        &path,
        Some(
            json!({"mode": "set", "new_password": password, "temporary": args.temporary,
            "reason": reason, "reset_mfa": args.reset_mfa}),
        ),
    )
    .await?;
    let mut out = format!(
        "Set a {} password for {who} in tenant {}. Audited with reason \"{reason}\".\n",
        if args.temporary {
            "temporary"
        } else {
            "permanent"
        },
        args.tenant
    );
    if generated {
        // Printed this once; hand it over out of band.
        out.push_str(&format!("Password (shown once): {password}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_the_flag_support_typed() {
        assert_eq!(
            in_flags("recipient_email is not a valid address"),
            "--recipient-email is not a valid address"
        );
        assert_eq!(
            in_flags("reset_mfa needs the permission mfa.reset"),
            "--reset-mfa needs the permission mfa.reset"
        );
        assert_eq!(in_flags("a temporary reason"), "a temporary reason");
    }

    #[tokio::test]
    async fn every_request_names_latchkey_and_its_version_as_user_agent() {
        // GIVEN a server that answers with the User-Agent it received
        let app = axum::Router::new().fallback(|headers: http::HeaderMap| async move {
            let ua = headers
                .get(http::header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("(none)")
                .to_owned();
            json!({ "user_agent": ua }).to_string()
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        let conn = Connection {
            api_url: format!("http://{addr}"),
            support_token: Some("token".to_owned().into()),
            region: None,
        };
        // WHEN the CLI sends a GET and a POST with a body
        let got = call(&conn, "GET", "/v1/support/tenants/acme/users", None)
            .await
            .unwrap();
        let posted = call(&conn, "POST", "/x", Some(json!({"a": 1})))
            .await
            .unwrap();
        // THEN both carry latchkey/<version>
        let expected = format!("latchkey/{}", env!("CARGO_PKG_VERSION"));
        assert_eq!(got["user_agent"], expected);
        assert_eq!(posted["user_agent"], expected);
    }
}
