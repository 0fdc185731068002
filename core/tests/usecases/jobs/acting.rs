//! What each action does to the accounts a job reaches, and to whom it
//! does nothing: the caller, accounts the creator may not touch, addresses
//! that cannot be mailed.

use super::*;

#[tokio::test]
async fn expiring_forces_a_change_and_ends_sessions_and_links_of_all_but_the_caller() {
    // GIVEN a user signed in and holding a link, and the owner signed in too
    let w = World::new().await;
    let olivia = owner(&w).await;
    let uma = w.user_named("uma").await;
    let (session, _) = w.session_of("uma", PASSWORD).await;
    w.request_reset()
        .execute(
            &w.tenant,
            ForgotRequest {
                username: None,
                email: Some("uma@acme.test".into()),
            },
            &from_ip("192.0.2.8"),
        )
        .await
        .unwrap();
    let old_link = token_in(&w.mails_to("uma@acme.test")[0]);
    assert!(
        w.confirm_reset()
            .inspect(&w.tenant, &old_link)
            .await
            .is_ok()
    );
    // WHEN the owner expires everyone and the job runs
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"all": true}, "action": "expire", "reason": "INC-2 leak"}),
    )
    .await;
    assert_eq!(job.matched, 2);
    let done = drive(&w, 10.0, &job).await;
    // THEN the user must change, its session and its link are dead
    let after = w.user(&uma.id).await;
    assert!(after.must_change_password);
    assert_eq!(
        after.password_hash, uma.password_hash,
        "the password is kept"
    );
    assert!(w.authenticate().execute(&session).await.is_err());
    assert!(
        w.confirm_reset()
            .inspect(&w.tenant, &old_link)
            .await
            .is_err()
    );
    // AND the caller is untouched, counted as skipped self_target
    assert_eq!(w.user(&olivia.id).await, olivia);
    assert_eq!(done.status, JobStatus::Done);
    assert_eq!((done.counts.processed, done.counts.sent), (2, 0));
    assert_eq!(done.counts.skipped.get("self_target"), Some(&1));
    let finished = &with_job(&w, "job.done", &job.id)[0];
    assert_eq!(finished.details["skipped"], json!({"self_target": 1}));
    // AND no mail was sent by the job (only the earlier forgot-password one)
    assert_eq!(w.mails().len(), 1);
    // AND the user's expiry is audited with the job, by the owner
    let expired = with_job(&w, "password.expired", &job.id);
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0].target.as_deref(), Some(uma.id.as_str()));
    assert_eq!(expired[0].actor, olivia.id.as_str());
}

#[tokio::test]
async fn send_link_mails_a_link_that_says_an_administrator_asked_many() {
    // GIVEN an owner and two users, one of whom cannot be mailed
    let w = World::new().await;
    let olivia = owner(&w).await;
    let uma = w.user_named("uma").await;
    let nemo = w.create(w.account("nemo").email(None).password(None)).await;
    // WHEN the owner sends everyone a link
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"all": true}, "action": "send_link", "reason": "INC-3"}),
    )
    .await;
    let done = drive(&w, 10.0, &job).await;
    // THEN the user gets a reset link naming the owner, and it works
    let mails = w.mails_to("uma@acme.test");
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].kind, MailKind::PasswordReset);
    assert!(
        mails[0]
            .text
            .contains("olivia, an administrator of Acme, asked the people")
    );
    let link = token_in(&mails[0]);
    assert!(w.confirm_reset().inspect(&w.tenant, &link).await.is_ok());
    // AND a link is not an expiry: the password still signs in
    let after = w.user(&uma.id).await;
    assert!(!after.must_change_password);
    assert!(w.session_of("uma", PASSWORD).await.1.user.id == uma.id);
    // AND the one without an address is skipped, untouched
    assert_eq!(w.user(&nemo.id).await, nemo);
    assert_eq!(done.counts.sent, 1);
    assert_eq!(done.counts.skipped.get("no_email"), Some(&1));
    assert_eq!(done.counts.skipped.get("self_target"), Some(&1));
    // AND the link is audited with the job
    let sent = with_job(&w, "password_reset.link_sent", &job.id);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].target.as_deref(), Some(uma.id.as_str()));
}

#[tokio::test]
async fn expire_and_send_expires_even_those_it_cannot_mail() {
    // GIVEN a user without an address and one with
    let w = World::new().await;
    let olivia = owner(&w).await;
    let nemo = w.create(w.account("nemo").email(None).password(None)).await;
    let uma = w.create(w.account("uma").password(None)).await;
    // WHEN everyone named by the prefix is expired and sent a link
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "NE"}, "action": "expire_and_send", "reason": "INC-4"}),
    )
    .await;
    assert_eq!(job.matched, 1, "the prefix matches nemo only");
    let done = drive(&w, 10.0, &job).await;
    // THEN nemo is expired, no mail, counted under no_email; uma untouched
    assert!(w.user(&nemo.id).await.must_change_password);
    assert_eq!(w.user(&uma.id).await, uma);
    assert!(w.mails().is_empty());
    assert_eq!((done.counts.processed, done.counts.sent), (1, 0));
    assert_eq!(done.counts.skipped.get("no_email"), Some(&1));
}

#[tokio::test]
async fn the_link_of_expire_and_send_outlives_the_expiry() {
    // GIVEN a user with a session
    let w = World::new().await;
    let olivia = owner(&w).await;
    w.user_named("uma").await;
    let (session, _) = w.session_of("uma", PASSWORD).await;
    // WHEN it is expired and sent a link
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"q": "uma"}, "action": "expire_and_send", "reason": "INC-5"}),
    )
    .await;
    drive(&w, 10.0, &job).await;
    // THEN the session is dead but the new link works
    assert!(w.authenticate().execute(&session).await.is_err());
    let link = token_in(&w.mails_to("uma@acme.test")[0]);
    assert!(w.confirm_reset().inspect(&w.tenant, &link).await.is_ok());
    assert_eq!(with_job(&w, "password.expired", &job.id).len(), 1);
    assert_eq!(with_job(&w, "password_reset.link_sent", &job.id).len(), 1);
}

#[tokio::test]
async fn changed_before_picks_the_passwords_older_than_the_date() {
    // GIVEN one password set before the date and one after
    let w = World::new().await;
    let olivia = owner(&w).await;
    let old = w
        .create(
            w.account("old")
                .password(None)
                .with(|u| u.password_changed_at = Some(at(-100))),
        )
        .await;
    let new = w
        .create(
            w.account("new")
                .password(None)
                .with(|u| u.password_changed_at = Some(at(100))),
        )
        .await;
    // WHEN every password older than now is expired
    let job = start(
        &w,
        &olivia,
        json!({"filter": {"changed_before": "2023-11-14T22:13:20Z"}, "action": "expire",
               "reason": "INC-6"}),
    )
    .await;
    drive(&w, 10.0, &job).await;
    // THEN only the old one must change (the owner, made now, is not older)
    assert!(w.user(&old.id).await.must_change_password);
    assert_eq!(w.user(&new.id).await, new);
    assert_eq!(job.matched, 1);
    assert_eq!(w.user(&olivia.id).await, olivia);
}

#[tokio::test]
async fn an_admin_job_skips_owners_it_may_not_touch() {
    let w = World::new().await;
    owner(&w).await;
    let both = [Permission::PasswordsReset, Permission::UsersManage];
    let adam = w
        .create(
            w.account("adam")
                .role(Role::Admin)
                .permissions(&both)
                .mfa_secret(TOTP)
                .password(None),
        )
        .await;
    users(&w, 3).await;
    let job = start(
        &w,
        &adam,
        json!({"filter": {"all": true}, "action": "expire", "reason": "INC-7"}),
    )
    .await;
    let done = drive(&w, 10.0, &job).await;
    assert_eq!(done.counts.processed, 5);
    assert_eq!(done.counts.skipped.get("forbidden"), Some(&1), "the owner");
    assert_eq!(done.counts.skipped.get("self_target"), Some(&1), "adam");
    assert_eq!(with_job(&w, "password.expired", &job.id).len(), 3);
}
