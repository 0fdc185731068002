//! "This wasn't me": every mail about a credential change carries a report
//! link; using it stops sign-in until a new password is set, signs the
//! account out everywhere, kills its links and tells the owners and admins.

use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{MailKind, Role, Status, User, totp};
use latchkey_core::usecases::AppError;
use latchkey_core::usecases::admin::UserPatch;
use latchkey_core::usecases::reset::ForgotRequest;
use latchkey_core::usecases::sessions::SecondFactor;
use secrecy::SecretString;
use serde_json::json;

use crate::world::*;

/// New passwords the default policy accepts for the accounts of Acme.
const NEW: &str = "violet tuesday orbit quarry";
const NEWER: &str = "copper meadow falcon nine";
const TOTP: &str = "JBSWY3DPEHPK3PXP";
const HOME: &str = "192.0.2.1";
const REPORTER: &str = "198.51.100.9";

/// GIVEN Acme with an owner (olga), an admin (adam), a plain user (bob) and
/// alice, each with an address of their own.
async fn acme() -> (World, User, User) {
    let w = World::new().await;
    let olga = w
        .create(w.account("olga").role(Role::Owner).mfa_secret(TOTP))
        .await;
    w.create(w.account("adam").role(Role::Admin)).await;
    w.user_named("bob").await;
    let alice = w.user_named("alice").await;
    (w, alice, olga)
}

/// The report link of the newest mail of `kind` to `to`.
fn report_link(w: &World, to: &str, kind: MailKind) -> SecretString {
    let mail = w
        .mails_to(to)
        .into_iter()
        .rev()
        .find(|m| m.kind == kind)
        .unwrap_or_else(|| panic!("no {kind:?} mail to {to}"));
    assert!(
        mail.text
            .contains("https://login.example.test/t/acme/report#token="),
        "{}",
        mail.text
    );
    token_in(&mail)
}

async fn report(w: &World, token: &SecretString) -> Result<(), AppError> {
    w.report()
        .execute(&w.tenant, token, &from_ip(REPORTER))
        .await
}

async fn sign_in(w: &World, username: &str, password: &str) -> Result<(), AppError> {
    w.sign_in()
        .execute(&w.tenant, username, secret(password), None, &from_ip(HOME))
        .await
        .map(|_| ())
}

/// alice changes her own password from `PASSWORD` to `NEW`, keeping her session.
async fn alice_changes_her_password(w: &World) -> SecretString {
    let (bearer, auth) = w.session_of("alice", PASSWORD).await;
    w.change_password()
        .execute(&auth, secret(PASSWORD), secret(NEW), &from_ip(HOME))
        .await
        .unwrap();
    bearer
}

// ---- using the link ----

#[tokio::test]
async fn this_wasnt_me_stops_sign_in_signs_out_and_tells_the_owners_and_admins() {
    // GIVEN alice's password was changed, from a session that stays signed in
    let (w, alice, _) = acme().await;
    let bearer = alice_changes_her_password(&w).await;
    let token = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    // WHEN the mailbox holder says it was not them
    report(&w, &token).await.unwrap();
    // THEN nobody signs in, with the new password or the old
    for (password, reason) in [(NEW, "reported"), (PASSWORD, "wrong_password")] {
        assert!(matches!(
            sign_in(&w, "alice", password).await,
            Err(AppError::InvalidCredentials)
        ));
        // (told apart only in the audit)
        let refused = w.audited("sign_in").pop().unwrap();
        assert_eq!(refused.details["reason"], json!(reason));
    }
    // AND the session that made the change is signed out
    assert!(matches!(
        w.authenticate().execute(&bearer).await,
        Err(AppError::Unauthenticated)
    ));
    // AND the account must change its password, its status unchanged
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.reported_at, Some(w.now()));
    assert!(stored.must_change_password);
    assert_eq!(stored.status, Status::Active);
    // AND the owner and the admin are told (not the plain user, not alice)
    let mut told: Vec<String> = w
        .mails()
        .into_iter()
        .filter(|m| m.kind == MailKind::AccountReported)
        .map(|m| m.to)
        .collect();
    told.sort();
    assert_eq!(told, ["adam@acme.test", "olga@acme.test"]);
    let to_olga = w.mails_to("olga@acme.test");
    assert!(to_olga[0].text.contains("alice"), "{}", to_olga[0].text);
    assert!(to_olga[0].text.contains("password"), "{}", to_olga[0].text);
    // AND it is audited: who, from where, what change, how many were told
    let audited = w.audited("account.reported");
    assert_eq!(audited.len(), 1);
    let e = &audited[0];
    assert_eq!(
        (e.actor.as_str(), e.target.as_deref()),
        (alice.id.as_str(), Some(alice.id.as_str()))
    );
    assert_eq!(e.ip.as_deref(), Some(REPORTER));
    assert_eq!(e.details["change"], json!("password_changed"));
    assert_eq!(e.details["changed_by"], json!(alice.id.as_str()));
    assert_eq!(e.details["notified"], json!(2));
}

#[tokio::test]
async fn a_report_link_works_once() {
    // GIVEN a report that was made
    let (w, _, _) = acme().await;
    alice_changes_her_password(&w).await;
    let token = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    report(&w, &token).await.unwrap();
    let mails = w.mails().len();
    // WHEN the same link is used again THEN it is refused and nobody is mailed again
    assert!(matches!(
        report(&w, &token).await,
        Err(AppError::InvalidToken)
    ));
    assert_eq!(w.mails().len(), mails);
    assert_eq!(w.audited("account.reported").len(), 1);
}

#[tokio::test]
async fn of_two_uses_at_once_one_reports() {
    // GIVEN a report link
    let (w, _, _) = acme().await;
    alice_changes_her_password(&w).await;
    let token = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    // WHEN it is used twice at the same moment
    let (a, b) = tokio::join!(report(&w, &token), report(&w, &token));
    // THEN one reports and the other is refused
    let ok = [&a, &b].iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 1, "{a:?} {b:?}");
    assert!(
        [a, b]
            .into_iter()
            .any(|r| matches!(r, Err(AppError::InvalidToken)))
    );
    assert_eq!(w.audited("account.reported").len(), 1);
}

#[tokio::test]
async fn a_report_link_works_for_seven_days() {
    // GIVEN two accounts whose passwords changed at the same moment
    let (w, alice, _) = acme().await;
    let carol = w.user_named("carol").await;
    alice_changes_her_password(&w).await;
    let (_, auth) = w.session_of("carol", PASSWORD).await;
    w.change_password()
        .execute(&auth, secret(PASSWORD), secret(NEWER), &from_ip(HOME))
        .await
        .unwrap();
    let alices = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    let carols = report_link(&w, "carol@acme.test", MailKind::PasswordChanged);
    // WHEN one is used a second before seven days are up THEN it works
    w.advance(7 * 86_400 - 1);
    report(&w, &alices).await.unwrap();
    assert!(w.user(&alice.id).await.reported_at.is_some());
    // WHEN the other is used at seven days THEN it has expired
    w.advance(1);
    assert!(matches!(
        report(&w, &carols).await,
        Err(AppError::InvalidToken)
    ));
    assert_eq!(w.user(&carol.id).await.reported_at, None);
}

#[tokio::test]
async fn a_report_link_is_not_a_reset_link_and_a_reset_link_is_not_a_report_link() {
    // GIVEN a report link and a reset link of the same account
    let (w, alice, _) = acme().await;
    alice_changes_her_password(&w).await;
    let report_token = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    w.request_reset()
        .execute(
            &w.tenant,
            ForgotRequest {
                username: None,
                email: Some("alice@acme.test".into()),
            },
            &from_ip(HOME),
        )
        .await
        .unwrap();
    let reset_mail = w
        .mails_to("alice@acme.test")
        .into_iter()
        .find(|m| m.kind == MailKind::PasswordReset)
        .unwrap();
    let reset_token = token_in(&reset_mail);
    // WHEN the report link is offered to the reset pages THEN it is refused
    assert!(matches!(
        w.confirm_reset().inspect(&w.tenant, &report_token).await,
        Err(AppError::InvalidToken)
    ));
    assert!(matches!(
        w.confirm_reset()
            .confirm(&w.tenant, &report_token, secret(NEWER), &from_ip(HOME))
            .await,
        Err(AppError::InvalidToken)
    ));
    // WHEN the reset link is offered as a report THEN it is refused, and nothing is reported
    assert!(matches!(
        report(&w, &reset_token).await,
        Err(AppError::InvalidToken)
    ));
    assert_eq!(w.user(&alice.id).await.reported_at, None);
    // AND each still works for what it is
    w.confirm_reset()
        .confirm(&w.tenant, &reset_token, secret(NEWER), &from_ip(HOME))
        .await
        .unwrap();
    report(&w, &report_token).await.unwrap();
}

#[tokio::test]
async fn a_link_of_another_tenant_or_a_made_up_one_reports_nothing() {
    let (w, alice, _) = acme().await;
    alice_changes_her_password(&w).await;
    let token = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    let globex = latchkey_core::domain::TenantId::parse("globex").unwrap();
    let r = w
        .report()
        .execute(&globex, &token, &from_ip(REPORTER))
        .await;
    assert!(matches!(r, Err(AppError::InvalidToken)));
    assert!(matches!(
        report(&w, &secret("made-up")).await,
        Err(AppError::InvalidToken)
    ));
    assert_eq!(w.user(&alice.id).await.reported_at, None);
}

#[tokio::test]
async fn a_thiefs_second_change_does_not_cancel_the_owners_report() {
    // GIVEN a thief who changed alice's password, then changed it again
    let (w, alice, _) = acme().await;
    alice_changes_her_password(&w).await;
    let first = report_link(&w, "alice@acme.test", MailKind::PasswordChanged);
    let (_, auth) = w.session_of("alice", NEW).await;
    w.change_password()
        .execute(&auth, secret(NEW), secret(NEWER), &from_ip(HOME))
        .await
        .unwrap();
    // WHEN the owner uses the first mail's link THEN it still reports
    report(&w, &first).await.unwrap();
    assert!(w.user(&alice.id).await.reported_at.is_some());
}

// ---- restoring ----

#[tokio::test]
async fn a_report_kills_older_reset_links_and_a_new_reset_restores_sign_in() {
    // GIVEN a reset link sent before the report
    let (w, alice, _) = acme().await;
    let forgot = || async {
        w.request_reset()
            .execute(
                &w.tenant,
                ForgotRequest {
                    username: None,
                    email: Some("alice@acme.test".into()),
                },
                &from_ip(HOME),
            )
            .await
            .unwrap();
        token_in(
            &w.mails_to("alice@acme.test")
                .into_iter()
                .rev()
                .find(|m| m.kind == MailKind::PasswordReset)
                .unwrap(),
        )
    };
    let before = forgot().await;
    alice_changes_her_password(&w).await;
    report(
        &w,
        &report_link(&w, "alice@acme.test", MailKind::PasswordChanged),
    )
    .await
    .unwrap();
    // THEN that link no longer works
    assert!(matches!(
        w.confirm_reset()
            .confirm(&w.tenant, &before, secret(NEWER), &from_ip(HOME))
            .await,
        Err(AppError::InvalidToken)
    ));
    // WHEN the owner asks for a new one and uses it
    w.advance(1);
    let after = forgot().await;
    w.confirm_reset()
        .confirm(&w.tenant, &after, secret(NEWER), &from_ip(HOME))
        .await
        .unwrap();
    // THEN she signs in again, with nothing left to change
    sign_in(&w, "alice", NEWER).await.unwrap();
    let stored = w.user(&alice.id).await;
    assert_eq!(stored.reported_at, None);
    assert!(!stored.must_change_password);
}

#[tokio::test]
async fn an_administrator_restores_a_reported_account_with_a_temporary_password() {
    // GIVEN a reported account
    let (w, alice, olga) = acme().await;
    alice_changes_her_password(&w).await;
    report(
        &w,
        &report_link(&w, "alice@acme.test", MailKind::PasswordChanged),
    )
    .await
    .unwrap();
    // WHEN the owner sets a temporary password
    w.admin_reset()
        .set_password(
            &Actor::User(&olga),
            &w.tenant,
            &alice.id,
            secret(NEWER),
            true,
            false,
            &[],
            &from_ip(HOME),
        )
        .await
        .unwrap();
    // THEN alice signs in with it, and must change it first
    let signed = w
        .sign_in()
        .execute(&w.tenant, "alice", secret(NEWER), None, &from_ip(HOME))
        .await
        .unwrap();
    assert_eq!(signed.user.reported_at, None);
    assert!(signed.user.must_change_password);
}

// ---- every credential-change mail carries a link that works ----

/// Reports with the newest `kind` mail to `to` and checks what was reported.
async fn reports(w: &World, to: &str, kind: MailKind, user: &User) {
    let token = report_link(w, to, kind);
    report(w, &token).await.unwrap();
    assert!(w.user(&user.id).await.reported_at.is_some(), "{kind:?}");
    let e = w.audited("account.reported").pop().unwrap();
    assert_eq!(e.details["change"], serde_json::to_value(kind).unwrap());
}

#[tokio::test]
async fn a_completed_reset_mails_a_report_link() {
    let (w, alice, _) = acme().await;
    w.request_reset()
        .execute(
            &w.tenant,
            ForgotRequest {
                username: None,
                email: Some("alice@acme.test".into()),
            },
            &from_ip(HOME),
        )
        .await
        .unwrap();
    let token = token_in(&w.mails_to("alice@acme.test")[0]);
    w.confirm_reset()
        .confirm(&w.tenant, &token, secret(NEW), &from_ip(HOME))
        .await
        .unwrap();
    reports(&w, "alice@acme.test", MailKind::PasswordChanged, &alice).await;
}

#[tokio::test]
async fn an_administrator_s_change_names_them_and_carries_a_report_link() {
    // GIVEN the owner set alice's password
    let (w, alice, olga) = acme().await;
    w.admin_reset()
        .set_password(
            &Actor::User(&olga),
            &w.tenant,
            &alice.id,
            secret(NEW),
            false,
            false,
            &[],
            &from_ip(HOME),
        )
        .await
        .unwrap();
    // THEN the mail names her
    let mail = w.mails_to("alice@acme.test").pop().unwrap();
    assert!(
        mail.text.contains("made by olga, an administrator"),
        "{}",
        mail.text
    );
    reports(&w, "alice@acme.test", MailKind::PasswordChanged, &alice).await;
    let e = w.audited("account.reported").pop().unwrap();
    assert_eq!(e.details["changed_by"], json!(olga.id.as_str()));
}

#[tokio::test]
async fn support_s_change_names_the_ticket() {
    // GIVEN support set the owner's password, for a ticket
    let (w, _, olga) = acme().await;
    w.admin_reset()
        .set_password(
            &Actor::Support,
            &w.tenant,
            &olga.id,
            secret(NEW),
            false,
            false,
            &[("reason", json!("TICKET-77"))],
            &from_ip(HOME),
        )
        .await
        .unwrap();
    let mail = w.mails_to("olga@acme.test").pop().unwrap();
    assert!(mail.text.contains("request TICKET-77"), "{}", mail.text);
    reports(&w, "olga@acme.test", MailKind::PasswordChanged, &olga).await;
}

#[tokio::test]
async fn turning_two_step_sign_in_on_or_off_mails_a_report_link() {
    // GIVEN alice turns two-step sign-in on
    let (w, alice, _) = acme().await;
    let (bearer, auth) = w.session_of("alice", PASSWORD).await;
    let enrollment = w
        .mfa()
        .enroll(&auth, secret(PASSWORD), &from_ip(HOME))
        .await
        .unwrap();
    let auth = w.authenticate().execute(&bearer).await.unwrap();
    let code = totp::code_at(&enrollment.secret, totp::step_of(w.now())).unwrap();
    w.mfa().confirm(&auth, &code, &from_ip(HOME)).await.unwrap();
    let on = report_link(&w, "alice@acme.test", MailKind::MfaChanged);
    // AND turns it off again, a minute later
    w.advance(60);
    let auth = w.authenticate().execute(&bearer).await.unwrap();
    let code = totp::code_at(&enrollment.secret, totp::step_of(w.now())).unwrap();
    w.mfa()
        .remove(
            &auth,
            secret(PASSWORD),
            SecondFactor::Totp(&code),
            &from_ip(HOME),
        )
        .await
        .unwrap();
    let off = report_link(&w, "alice@acme.test", MailKind::MfaChanged);
    assert_ne!(
        secrecy::ExposeSecret::expose_secret(&on),
        secrecy::ExposeSecret::expose_secret(&off)
    );
    // THEN the first mail's link reports (the later change did not cancel it)
    report(&w, &on).await.unwrap();
    assert!(w.user(&alice.id).await.reported_at.is_some());
}

#[tokio::test]
async fn an_administrator_removing_a_factor_mails_a_report_link_naming_them() {
    let (w, _, olga) = acme().await;
    let dora = w.create(w.account("dora").mfa_secret(TOTP)).await;
    w.admin_reset()
        .reset_mfa(
            &Actor::User(&olga),
            &w.tenant,
            &dora.id,
            Some("lost phone".into()),
            &from_ip(HOME),
        )
        .await
        .unwrap();
    let mail = w.mails_to("dora@acme.test").pop().unwrap();
    assert!(mail.text.contains("made by olga"), "{}", mail.text);
    reports(&w, "dora@acme.test", MailKind::MfaChanged, &dora).await;
}

#[tokio::test]
async fn an_email_change_mails_the_old_address_a_report_link() {
    // GIVEN the owner changes alice's address
    let (w, alice, olga) = acme().await;
    let patch = UserPatch {
        email: Some(Some("alice@elsewhere.test".into())),
        ..Default::default()
    };
    w.users()
        .patch(
            &Actor::User(&olga),
            &w.tenant,
            &alice.id,
            patch,
            &from_ip(HOME),
        )
        .await
        .unwrap();
    // THEN the old address can report it
    reports(&w, "alice@acme.test", MailKind::EmailChanged, &alice).await;
}

#[tokio::test]
async fn a_sign_in_with_a_recovery_code_mails_a_report_link() {
    // GIVEN alice with two-step sign-in and its recovery codes
    let (w, alice, _) = acme().await;
    let (bearer, auth) = w.session_of("alice", PASSWORD).await;
    let enrollment = w
        .mfa()
        .enroll(&auth, secret(PASSWORD), &from_ip(HOME))
        .await
        .unwrap();
    let auth = w.authenticate().execute(&bearer).await.unwrap();
    let code = totp::code_at(&enrollment.secret, totp::step_of(w.now())).unwrap();
    let codes = w.mfa().confirm(&auth, &code, &from_ip(HOME)).await.unwrap();
    // WHEN someone signs in with one of the codes
    w.sign_in()
        .execute_with(
            &w.tenant,
            "alice",
            secret(PASSWORD),
            Some(SecondFactor::Recovery(&codes[0])),
            &from_ip(HOME),
        )
        .await
        .unwrap();
    // THEN its mail can report it
    reports(&w, "alice@acme.test", MailKind::RecoveryCodeUsed, &alice).await;
}
