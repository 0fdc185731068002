//! Local-mode mailer: one JSON file per email in a directory (API.md's format).

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
            "sent_at": rfc3339(sent_at),
        });
        let bytes =
            serde_json::to_vec_pretty(&body).map_err(|e| MailError::Failed(e.to_string()))?;
        tokio::fs::create_dir_all(&self.dir)
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
        tokio::fs::write(&tmp, bytes)
            .await
            .map_err(|e| MailError::Failed(format!("write outbox file: {e}")))?;
        tokio::fs::rename(&tmp, self.dir.join(&name))
            .await
            .map_err(|e| MailError::Failed(format!("rename outbox file: {e}")))?;
        Ok(())
    }
}
