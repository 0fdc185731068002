//! Local-mode mailer: one JSON file per email in a directory (the format of docs/api.md, "Mail").

use async_trait::async_trait;
use serde_json::json;
use std::path::PathBuf;

use crate::domain::{Email, rfc3339};
use crate::ports::{Clock, MailError, Mailer};

pub struct OutboxDirMailer {
    dir: PathBuf,
    /// Orders files sent within the same instant (file names sort as sent).
    seq: std::sync::atomic::AtomicU64,
    clock: std::sync::Arc<dyn Clock>,
}

impl OutboxDirMailer {
    pub fn new(dir: impl Into<PathBuf>, clock: std::sync::Arc<dyn Clock>) -> Self {
        Self {
            dir: dir.into(),
            seq: Default::default(),
            clock,
        }
    }
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }
}

#[async_trait]
impl Mailer for OutboxDirMailer {
    async fn send(&self, email: &Email) -> Result<(), MailError> {
        let sent_at = self.clock.now();
        let body = json!({
            "to": email.to,
            "from": email.from,
            "subject": email.subject,
            "text": email.text,
            "html": email.html,
            "kind": email.kind,
            "locale": email.locale,
            "sent_at": rfc3339(sent_at),
        });
        let bytes =
            serde_json::to_vec_pretty(&body).map_err(|e| MailError::Failed(e.to_string()))?;
        // The outbox holds live reset links: readable by this user only.
        create_private_dir(&self.dir)
            .await
            .map_err(|e| MailError::Failed(format!("create outbox dir: {e}")))?;
        let kind = serde_json::to_value(email.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let seq = self.seq.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!(
            "{}-{seq:06}-{}-{}.json",
            sent_at.unix_timestamp_nanos(),
            kind,
            email.id
        );
        // Write then rename, so a reader never sees a half-written file.
        let tmp = self.dir.join(format!(".{name}.tmp"));
        write_private(&tmp, &bytes)
            .await
            .map_err(|e| MailError::Failed(format!("write outbox file: {e}")))?;
        tokio::fs::rename(&tmp, self.dir.join(&name))
            .await
            .map_err(|e| MailError::Failed(format!("rename outbox file: {e}")))?;
        Ok(())
    }
}

async fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = tokio::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    builder.mode(0o700);
    builder.create(dir).await?;
    // An existing directory keeps its mode; tighten it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tokio::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).await?;
    }
    Ok(())
}

async fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut file = options.open(path).await?;
    file.write_all(bytes).await?;
    file.flush().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[tokio::test]
    async fn the_outbox_is_private_to_its_user() {
        use std::os::unix::fs::PermissionsExt;
        let dir = std::env::temp_dir().join(format!(
            "lk-outbox-{}",
            hex::encode(crate::domain::random_bytes::<6>())
        ));
        let clock = std::sync::Arc::new(crate::ports::FakeClock::new(
            time::OffsetDateTime::UNIX_EPOCH,
        ));
        let mailer = OutboxDirMailer::new(&dir, clock);
        let tenant = crate::domain::Tenant {
            id: crate::domain::TenantId::parse("t").unwrap(),
            name: "T".into(),
            settings: Default::default(),
            logo: None,
        };
        let mail = crate::domain::MailContext {
            tenant: &tenant,
            from: "a@b.test",
            logo_url: None,
            now: time::OffsetDateTime::UNIX_EPOCH,
            locale: Default::default(),
        }
        .password_changed("x@y.test", "x");
        mailer.send(&mail).await.unwrap();
        let mode = std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        for entry in std::fs::read_dir(&dir).unwrap() {
            let mode = entry.unwrap().metadata().unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
