//! Tenant administration (`Users`), admin resets (`AdminReset`) and support's
//! lookup (`SupportLookup`): who may do what to whom, checked before the target
//! is looked up, and what each action leaves behind (the stored account, its
//! sessions and links, mails, audit events).

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_trait::async_trait;
use latchkey_core::domain::AuditFilter;
use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{
    EmailStatus, Locale, MailKind, Permission, ResetPurpose, ResetToken, Role, Settings, Source,
    Status, TenantId, TokenHash, User, UserId,
};
use latchkey_core::memory::MemoryStore;
use latchkey_core::ports::{Committer, Page, StoreError, TokenReader, UserDirectory, Write};
use latchkey_core::usecases::admin::{BulkResult, NewUser, UserPatch, Users};
use latchkey_core::usecases::support::SupportLookup;
use latchkey_core::usecases::{AppError, RequestMeta};
use secrecy::SecretString;
use serde_json::json;

use crate::world::*;

// ---- the module's own helpers ----

/// Any valid base32 TOTP secret: the accounts below only need MFA *enabled*.
const TOTP: &str = "JBSWY3DPEHPK3PXP";
const ALL: [Permission; 6] = [
    Permission::UsersRead,
    Permission::UsersManage,
    Permission::PasswordsReset,
    Permission::PasswordsSet,
    Permission::AuditRead,
    Permission::MfaReset,
];
const NEW_PASSWORD: &str = "tremendous violet lantern 7";

fn meta() -> RequestMeta {
    from_ip("203.0.113.7")
}

/// GIVEN the tenant's owner, with a second factor (admin resets need one by default).
async fn owner(w: &World, name: &str) -> User {
    w.create(
        w.account(name)
            .role(Role::Owner)
            .mfa_secret(TOTP)
            .password(None),
    )
    .await
}

/// GIVEN an admin with a second factor and exactly `perms`.
async fn admin(w: &World, name: &str, perms: &[Permission]) -> User {
    w.create(
        w.account(name)
            .role(Role::Admin)
            .permissions(perms)
            .mfa_secret(TOTP)
            .password(None),
    )
    .await
}

/// GIVEN a plain user without a password (nothing signs in as it).
async fn plain(w: &World, name: &str) -> User {
    w.create(w.account(name).password(None)).await
}

/// An admin of another tenant, with every permission.
fn foreign_admin(w: &World) -> User {
    let mut u = w.account("mallory").role(Role::Admin).user;
    u.tenant_id = TenantId::parse("globex").unwrap();
    u.permissions = ALL.into_iter().collect();
    u.mfa_enabled = true;
    u
}

fn unknown_id() -> UserId {
    UserId::generate()
}

fn new_user(username: &str) -> NewUser {
    NewUser {
        username: username.to_owned(),
        email: Some(format!("{username}@acme.test")),
        role: Role::User,
        permissions: Default::default(),
        source: Source::Local,
        can_change_password: None,
        send_activation: false,
        locale: None,
    }
}

/// The error a call ended in (it must have failed).
fn refused<T>(r: Result<T, AppError>) -> AppError {
    match r {
        Ok(_) => panic!("expected a refusal, the call succeeded"),
        Err(e) => e,
    }
}

async fn signed_in(w: &World, token: &SecretString) -> bool {
    w.authenticate().execute(token).await.is_ok()
}

async fn signs_in(w: &World, username: &str, password: &str) -> bool {
    w.sign_in()
        .execute(&w.tenant, username, secret(password), None, &meta())
        .await
        .is_ok()
}

async fn link_live(w: &World, token: &SecretString) -> bool {
    w.confirm_reset().inspect(&w.tenant, token).await.is_ok()
}

async fn record_of(w: &World, token: &SecretString) -> ResetToken {
    w.store
        .get_reset_token(&TokenHash::of(token))
        .await
        .unwrap()
        .expect("the link is stored")
}

/// Sends `target` an admin link as `by` and returns the link's token.
async fn link_for(w: &World, by: &User, target: &User) -> SecretString {
    w.admin_reset()
        .send_link(
            &Actor::User(by),
            &w.tenant,
            &target.id,
            None,
            false,
            &[],
            &meta(),
        )
        .await
        .expect("link sent");
    let to = target.email.as_deref().unwrap();
    let links: Vec<_> = w
        .mails_to(to)
        .into_iter()
        .filter(|m| matches!(m.kind, MailKind::PasswordReset | MailKind::Activation))
        .collect();
    assert_eq!(links.len(), 1, "one link mailed to {to}");
    token_in(&links[0])
}

async fn patch(w: &World, by: &User, id: &UserId, p: UserPatch) -> Result<User, AppError> {
    w.users()
        .patch(&Actor::User(by), &w.tenant, id, p, &meta())
        .await
}

fn outcomes(results: &[BulkResult]) -> Vec<(String, &'static str, Option<&'static str>)> {
    results
        .iter()
        .map(|r| (r.user_id.clone(), r.outcome, r.code))
        .collect()
}

/// Stores `user` changed by `f`, as another process would (no use case).
async fn store_change(w: &World, id: &UserId, f: impl FnOnce(&mut User)) {
    let mut u = w.user(id).await;
    f(&mut u);
    w.store.commit(vec![Write::SaveUser(u)]).await.unwrap();
}

/// The store, with the email re-indexing writes it is asked for recorded (the
/// memory store searches users directly; DynamoDB moves an index entry).
struct Recording<'a> {
    store: &'a MemoryStore,
    reindexed: Mutex<Vec<(Option<String>, Option<String>)>>,
}

#[async_trait]
impl Committer for Recording<'_> {
    async fn commit(&self, writes: Vec<Write>) -> Result<(), StoreError> {
        for w in &writes {
            if let Write::ReindexEmail { old, new, .. } = w {
                self.reindexed
                    .lock()
                    .unwrap()
                    .push((old.clone(), new.clone()));
            }
        }
        self.store.commit(writes).await
    }
}

fn users_recording<'a>(w: &'a World, rec: &'a Recording<'a>) -> Users<'a> {
    Users {
        committer: rec,
        ..w.users()
    }
}

/// The directory, counting the pages read from it.
struct Counting<'a> {
    store: &'a MemoryStore,
    pages: AtomicUsize,
}

#[async_trait]
impl UserDirectory for Counting<'_> {
    async fn search_users(
        &self,
        tenant: &TenantId,
        prefix: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Page<User>, StoreError> {
        self.pages.fetch_add(1, Ordering::SeqCst);
        self.store.search_users(tenant, prefix, cursor, limit).await
    }
}

// ---- reading users ----

#[tokio::test]
async fn without_users_read_every_id_is_forbidden_and_with_it_an_unknown_one_is_not_found() {
    // GIVEN bob, and callers with and without users.read
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let carol = plain(&w, "carol").await;
    let no_read = admin(&w, "nora", &[Permission::UsersManage]).await;
    let disabled = w
        .create(
            w.account("dan")
                .role(Role::Admin)
                .permissions(&ALL)
                .status(Status::Disabled)
                .password(None),
        )
        .await;
    let reader = admin(&w, "rita", &[Permission::UsersRead]).await;
    for caller in [&carol, &no_read, &disabled] {
        for id in [&bob.id, &unknown_id()] {
            // WHEN a caller without the permission reads bob or an unknown id
            let r = w.users().get(&Actor::User(caller), &w.tenant, id).await;
            // THEN both answer the same 403
            assert!(
                matches!(refused(r), AppError::Forbidden),
                "{}",
                caller.username
            );
        }
    }
    // WHEN an admin of another tenant reads bob THEN he is not found there
    let mallory = foreign_admin(&w);
    let r = w
        .users()
        .get(&Actor::User(&mallory), &w.tenant, &bob.id)
        .await;
    assert!(matches!(refused(r), AppError::NotFound));
    // WHEN the reader reads an unknown id THEN it is not found; bob is bob
    let r = w
        .users()
        .get(&Actor::User(&reader), &w.tenant, &unknown_id())
        .await;
    assert!(matches!(refused(r), AppError::NotFound));
    let got = w
        .users()
        .get(&Actor::User(&reader), &w.tenant, &bob.id)
        .await
        .unwrap();
    assert_eq!(got, bob);
}

#[tokio::test]
async fn listing_users_needs_users_read_and_finds_them_by_prefix() {
    // GIVEN bob, bobby and alice
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let bobby = plain(&w, "bobby").await;
    plain(&w, "alice").await;
    let reader = admin(&w, "rita", &[Permission::UsersRead]).await;
    let carol = plain(&w, "carol").await;
    // WHEN a plain user lists THEN 403
    let r = w
        .users()
        .list(&Actor::User(&carol), &w.tenant, "", None, 10)
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // WHEN the reader lists "BO" THEN bob and bobby, in order, nobody else
    let page = w
        .users()
        .list(&Actor::User(&reader), &w.tenant, "BO", None, 10)
        .await
        .unwrap();
    let ids: Vec<_> = page.items.iter().map(|u| u.id.clone()).collect();
    assert_eq!(ids, vec![bob.id.clone(), bobby.id.clone()]);
    assert!(page.next_cursor.is_none());
    // WHEN the reader asks for zero THEN one comes, with the next page's cursor
    let page = w
        .users()
        .list(&Actor::User(&reader), &w.tenant, "bo", None, 0)
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let next = page.next_cursor.expect("a next page");
    let page = w
        .users()
        .list(&Actor::User(&reader), &w.tenant, "bo", Some(&next), 1)
        .await
        .unwrap();
    assert_eq!(page.items[0].id, bobby.id);
}

// ---- creating users ----

#[tokio::test]
async fn an_admin_with_users_manage_creates_pending_users_and_it_is_audited() {
    // GIVEN an admin with users.manage
    let w = World::new().await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    // WHEN she creates bob (no activation mail asked)
    let bob = w
        .users()
        .create(&Actor::User(&manager), &w.tenant, new_user("bob"), &meta())
        .await
        .unwrap();
    // THEN bob is stored pending, as returned, and nothing is mailed
    assert_eq!(w.user(&bob.id).await, bob);
    assert_eq!(bob.status, Status::PendingActivation);
    assert_eq!(bob.role, Role::User);
    assert!(bob.can_change_password);
    assert!(w.mails().is_empty());
    // AND the audit names who created whom, and that no activation was sent
    let events = w.audited("user.created");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, manager.id.to_string());
    assert_eq!(events[0].target.as_deref(), Some(bob.id.as_str()));
    assert_eq!(events[0].outcome, "success");
    assert_eq!(events[0].details["role"], json!("user"));
    assert_eq!(events[0].details["activation_sent"], json!(false));
}

#[tokio::test]
async fn only_an_owner_creates_administrators_and_a_plain_user_creates_nobody() {
    // GIVEN an admin with every permission, a plain user and the owner
    let w = World::new().await;
    let strong = admin(&w, "sam", &ALL).await;
    let carol = plain(&w, "carol").await;
    let olivia = owner(&w, "olivia").await;
    // WHEN the admin creates an admin THEN 403
    let mut new_admin = new_user("ada");
    new_admin.role = Role::Admin;
    let r = w
        .users()
        .create(&Actor::User(&strong), &w.tenant, new_admin, &meta())
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // WHEN the plain user creates a user THEN 403
    let r = w
        .users()
        .create(&Actor::User(&carol), &w.tenant, new_user("eve"), &meta())
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    assert!(w.audited("user.created").is_empty());
    // WHEN the owner creates an admin with permissions THEN it is stored so
    let mut new_admin = new_user("ada");
    new_admin.role = Role::Admin;
    new_admin.permissions = [Permission::UsersRead].into();
    let ada = w
        .users()
        .create(&Actor::User(&olivia), &w.tenant, new_admin, &meta())
        .await
        .unwrap();
    let stored = w.user(&ada.id).await;
    assert_eq!(stored.role, Role::Admin);
    assert_eq!(stored.permissions, [Permission::UsersRead].into());
}

#[tokio::test]
async fn a_plain_user_cannot_be_created_with_permissions() {
    // GIVEN the owner
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    // WHEN she creates a plain user holding a permission
    let mut bob = new_user("bob");
    bob.permissions = [Permission::UsersRead].into();
    let r = w
        .users()
        .create(&Actor::User(&olivia), &w.tenant, bob, &meta())
        .await;
    // THEN it is refused and nobody is created
    assert!(
        matches!(refused(r), AppError::InvalidField { ref field, code, .. } if field == "permissions" && code == "admins_only")
    );
    assert!(w.audited("user.created").is_empty());
}

#[tokio::test]
async fn a_new_users_email_must_be_one_mailbox_and_a_name_is_taken_once() {
    // GIVEN the owner and alice
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    plain(&w, "alice").await;
    // WHEN she creates bob with a list of addresses THEN it is refused
    let mut bob = new_user("bob");
    bob.email = Some("bob@acme.test,attacker@evil.test".into());
    let r = w
        .users()
        .create(&Actor::User(&olivia), &w.tenant, bob, &meta())
        .await;
    assert!(
        matches!(refused(r), AppError::InvalidField { ref field, code, .. } if field == "email" && code == "not_a_mailbox")
    );
    // WHEN she creates a second "Alice" THEN the name is taken
    let r = w
        .users()
        .create(&Actor::User(&olivia), &w.tenant, new_user("Alice"), &meta())
        .await;
    assert!(matches!(refused(r), AppError::UsernameTaken));
    assert!(w.audited("user.created").is_empty());
}

#[tokio::test]
async fn an_activation_link_goes_only_to_a_local_account_with_an_email() {
    // GIVEN admin links that last two hours
    let w = World::with_settings(|s| s.admin_reset_link_ttl_seconds = 7200).await;
    let olivia = owner(&w, "olivia").await;
    let create = |mut n: NewUser, activation: bool| {
        n.send_activation = activation;
        let olivia = &olivia;
        let w = &w;
        async move {
            w.users()
                .create(&Actor::User(olivia), &w.tenant, n, &meta())
                .await
                .unwrap()
        }
    };
    // WHEN a local bob is created with an activation mail
    let bob = create(new_user("bob"), true).await;
    // THEN bob gets one activation link, lasting the admin link ttl, issued by the owner
    let mails = w.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "bob@acme.test");
    assert_eq!(mails[0].kind, MailKind::Activation);
    let token = token_in(&mails[0]);
    let record = record_of(&w, &token).await;
    assert_eq!(record.user_id, bob.id);
    assert_eq!(record.purpose, ResetPurpose::Activation);
    assert_eq!(record.issued_by, olivia.id.to_string());
    assert_eq!(record.expires_at, at(7200));
    assert!(link_live(&w, &token).await);
    assert_eq!(
        w.audited("user.created")[0].details["activation_sent"],
        json!(true)
    );
    // WHEN a directory user, a user without email, and a user without the
    // activation asked are created
    let mut ldap = new_user("lena");
    ldap.source = Source::Ldap;
    create(ldap, true).await;
    let mut no_email = new_user("nemo");
    no_email.email = None;
    create(no_email, true).await;
    create(new_user("quiet"), false).await;
    // THEN none of them is mailed, and the audit says so
    assert_eq!(w.mails().len(), 1);
    for e in &w.audited("user.created")[1..] {
        assert_eq!(e.details["activation_sent"], json!(false), "{:?}", e.target);
    }
}

// ---- changing users ----

#[tokio::test]
async fn changing_role_or_permissions_is_for_owners_only() {
    // GIVEN an admin with every permission, bob, and a weaker admin
    let w = World::new().await;
    let strong = admin(&w, "sam", &ALL).await;
    let bob = plain(&w, "bob").await;
    let weak = admin(&w, "wes", &[Permission::UsersRead]).await;
    // WHEN the admin promotes bob, or changes the weaker admin's permissions
    let r = patch(
        &w,
        &strong,
        &bob.id,
        UserPatch {
            role: Some(Role::Admin),
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    let r = patch(
        &w,
        &strong,
        &weak.id,
        UserPatch {
            permissions: Some(ALL.into_iter().collect()),
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // THEN nothing changed
    assert_eq!(w.user(&bob.id).await, bob);
    assert_eq!(w.user(&weak.id).await, weak);
}

#[tokio::test]
async fn without_users_manage_no_patch_and_every_id_is_forbidden() {
    // GIVEN a reader without users.manage, and bob
    let w = World::new().await;
    let reader = admin(&w, "rita", &[Permission::UsersRead]).await;
    let bob = plain(&w, "bob").await;
    for id in [&bob.id, &unknown_id()] {
        // WHEN the reader disables bob or an unknown id THEN the same 403
        let r = patch(
            &w,
            &reader,
            id,
            UserPatch {
                status: Some(Status::Disabled),
                ..Default::default()
            },
        )
        .await;
        assert!(matches!(refused(r), AppError::Forbidden));
    }
    assert_eq!(w.user(&bob.id).await, bob);
    // WHEN a manager patches an unknown id THEN it is not found
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    let r = patch(&w, &manager, &unknown_id(), UserPatch::default()).await;
    assert!(matches!(refused(r), AppError::NotFound));
}

#[tokio::test]
async fn an_admin_cannot_touch_an_owner_and_an_owner_can() {
    // GIVEN a second owner, an admin with every permission, and the owner
    let w = World::with_settings(|s| s.require_mfa_for_admin_resets = false).await;
    let second = owner(&w, "otto").await;
    let strong = admin(&w, "sam", &ALL).await;
    let olivia = owner(&w, "olivia").await;
    let a = Actor::User(&strong);
    let t = &w.tenant;
    // WHEN the admin disables, mails, sets or strips the owner's factor THEN each is 403
    let disable = UserPatch {
        status: Some(Status::Disabled),
        ..Default::default()
    };
    let r = patch(&w, &strong, &second.id, disable).await;
    assert!(matches!(refused(r), AppError::Forbidden));
    let r = w
        .admin_reset()
        .send_link(&a, t, &second.id, None, false, &[], &meta())
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    let r = w
        .admin_reset()
        .set_password(
            &a,
            t,
            &second.id,
            secret(NEW_PASSWORD),
            false,
            false,
            &[],
            &meta(),
        )
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    let r = w
        .admin_reset()
        .reset_mfa(&a, t, &second.id, None, &meta())
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // THEN the owner is untouched and nothing was mailed
    assert_eq!(w.user(&second.id).await, second);
    assert!(w.mails().is_empty());
    // WHEN the owner strips the other owner's factor THEN it goes
    w.admin_reset()
        .reset_mfa(&Actor::User(&olivia), t, &second.id, None, &meta())
        .await
        .unwrap();
    assert!(!w.user(&second.id).await.mfa_enabled);
}

#[tokio::test]
async fn an_admin_acts_only_on_admins_who_can_do_no_more() {
    // GIVEN an admin who reads and resets, one who can also set, one who only reads
    let w = World::new().await;
    let me = admin(
        &w,
        "amy",
        &[Permission::UsersRead, Permission::PasswordsReset],
    )
    .await;
    let stronger = admin(&w, "sid", &[Permission::PasswordsSet]).await;
    let weaker = admin(&w, "wes", &[Permission::UsersRead]).await;
    // WHEN she sends the stronger one a link THEN 403, nothing mailed
    let r = w
        .admin_reset()
        .send_link(
            &Actor::User(&me),
            &w.tenant,
            &stronger.id,
            None,
            false,
            &[],
            &meta(),
        )
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    assert!(w.mails().is_empty());
    // WHEN she sends the weaker one a link THEN it goes
    link_for(&w, &me, &weaker).await;
    assert_eq!(w.mails_to("wes@acme.test").len(), 1);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions() {
    // GIVEN bob signed in
    let w = World::new().await;
    let bob = w.user_named("bob").await;
    let (session, _) = w.session_of("bob", PASSWORD).await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    // WHEN a manager disables him
    let got = patch(
        &w,
        &manager,
        &bob.id,
        UserPatch {
            status: Some(Status::Disabled),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // THEN he is disabled with a new credential generation, as returned
    let stored = w.user(&bob.id).await;
    assert_eq!(got, stored);
    assert_eq!(stored.status, Status::Disabled);
    assert!(stored.cred_gen > bob.cred_gen);
    // AND his session is over even once re-enabled
    patch(
        &w,
        &manager,
        &bob.id,
        UserPatch {
            status: Some(Status::Active),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(!signed_in(&w, &session).await);
    // AND the audit lists the field
    let e = &w.audited("user.updated")[0];
    assert_eq!(e.actor, manager.id.to_string());
    assert_eq!(e.target.as_deref(), Some(bob.id.as_str()));
    assert_eq!(e.details["fields"], json!(["status"]));
}

#[tokio::test]
async fn a_role_change_ends_the_sessions() {
    // GIVEN bob signed in, and the owner
    let w = World::new().await;
    let bob = w.user_named("bob").await;
    let (session, _) = w.session_of("bob", PASSWORD).await;
    let olivia = owner(&w, "olivia").await;
    // WHEN the owner makes him an admin
    patch(
        &w,
        &olivia,
        &bob.id,
        UserPatch {
            role: Some(Role::Admin),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // THEN he is one, and must sign in again to act as one
    assert_eq!(w.user(&bob.id).await.role, Role::Admin);
    assert!(!signed_in(&w, &session).await);
}

#[tokio::test]
async fn a_permission_change_ends_the_sessions() {
    // GIVEN admin bob signed in, and the owner
    let w = World::new().await;
    let bob = w
        .create(
            w.account("bob")
                .role(Role::Admin)
                .permissions(&[Permission::UsersRead]),
        )
        .await;
    let (session, _) = w.session_of("bob", PASSWORD).await;
    let olivia = owner(&w, "olivia").await;
    // WHEN the owner changes his permissions
    let wanted: std::collections::BTreeSet<_> =
        [Permission::UsersRead, Permission::AuditRead].into();
    patch(
        &w,
        &olivia,
        &bob.id,
        UserPatch {
            permissions: Some(wanted.clone()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // THEN they are stored, and his session is over
    assert_eq!(w.user(&bob.id).await.permissions, wanted);
    assert!(!signed_in(&w, &session).await);
}

#[tokio::test]
async fn a_patch_that_changes_no_rights_keeps_the_sessions() {
    // GIVEN bob signed in
    let w = World::new().await;
    let bob = w.user_named("bob").await;
    let (session, _) = w.session_of("bob", PASSWORD).await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    // WHEN his language, his right to change his password and his (same) status change
    let got = patch(
        &w,
        &manager,
        &bob.id,
        UserPatch {
            status: Some(Status::Active),
            can_change_password: Some(false),
            locale: Some(Some(Locale::De)),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // THEN they are stored as returned, and he stays signed in
    let stored = w.user(&bob.id).await;
    assert_eq!(got, stored);
    assert!(!stored.can_change_password);
    assert_eq!(stored.locale, Some(Locale::De));
    assert_eq!(stored.cred_gen, bob.cred_gen);
    assert!(signed_in(&w, &session).await);
    assert_eq!(
        w.audited("user.updated")[0].details["fields"],
        json!(["status", "can_change_password", "locale"])
    );
}

#[tokio::test]
async fn a_demoted_admin_cannot_keep_permissions() {
    // GIVEN an admin with a permission, and the owner
    let w = World::new().await;
    let ada = admin(&w, "ada", &[Permission::UsersRead]).await;
    let olivia = owner(&w, "olivia").await;
    // WHEN the owner makes her a plain user but leaves the permission THEN refused
    let r = patch(
        &w,
        &olivia,
        &ada.id,
        UserPatch {
            role: Some(Role::User),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(refused(r), AppError::InvalidField { ref field, code, .. } if field == "permissions" && code == "admins_only")
    );
    assert_eq!(w.user(&ada.id).await, ada);
    // WHEN the owner grants a plain user a permission THEN refused
    let bob = plain(&w, "bob").await;
    let r = patch(
        &w,
        &olivia,
        &bob.id,
        UserPatch {
            permissions: Some([Permission::UsersRead].into()),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(refused(r), AppError::InvalidField { ref field, code, .. } if field == "permissions" && code == "admins_only")
    );
    // WHEN she demotes and clears in one patch THEN it holds
    patch(
        &w,
        &olivia,
        &ada.id,
        UserPatch {
            role: Some(Role::User),
            permissions: Some(Default::default()),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let stored = w.user(&ada.id).await;
    assert_eq!(stored.role, Role::User);
    assert!(stored.permissions.is_empty());
}

#[tokio::test]
async fn an_email_change_needs_what_a_reset_needs() {
    // GIVEN bob, a manager who cannot reset, and one who can but has no second factor
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    let no_mfa = w
        .create(
            w.account("nick")
                .role(Role::Admin)
                .permissions(&[Permission::UsersManage, Permission::PasswordsReset])
                .password(None),
        )
        .await;
    let to_new = || UserPatch {
        email: Some(Some("bob.new@acme.test".into())),
        ..Default::default()
    };
    // WHEN the manager changes bob's email THEN 403
    let r = patch(&w, &manager, &bob.id, to_new()).await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // WHEN the one without a second factor does THEN she must enrol one first
    let r = patch(&w, &no_mfa, &bob.id, to_new()).await;
    assert!(matches!(refused(r), AppError::MfaRequiredForAdmin));
    assert_eq!(w.user(&bob.id).await, bob);
    // WHEN she changes anything but the email THEN no second factor is asked
    let got = patch(
        &w,
        &no_mfa,
        &bob.id,
        UserPatch {
            must_change_password: Some(true),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(got.must_change_password);
    // WHEN the tenant does not require the factor THEN she changes the email
    w.set_settings(|s| s.require_mfa_for_admin_resets = false)
        .await;
    patch(&w, &no_mfa, &bob.id, to_new()).await.unwrap();
    assert_eq!(
        w.user(&bob.id).await.email.as_deref(),
        Some("bob.new@acme.test")
    );
}

#[tokio::test]
async fn an_email_change_kills_old_links_tells_the_old_address_and_moves_the_index() {
    // GIVEN bob with an outstanding admin link
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let admin = admin(&w, "amy", &ALL).await;
    let old_link = link_for(&w, &admin, &bob).await;
    let before = w.user(&bob.id).await;
    let rec = Recording {
        store: &w.store,
        reindexed: Mutex::new(Vec::new()),
    };
    // WHEN the admin changes his email (with spaces around it)
    let got = users_recording(&w, &rec)
        .patch(
            &Actor::User(&admin),
            &w.tenant,
            &bob.id,
            UserPatch {
                email: Some(Some("  Bob.New@acme.test ".into())),
                ..Default::default()
            },
            &meta(),
        )
        .await
        .unwrap();
    // THEN the new address is stored trimmed, as returned
    let stored = w.user(&bob.id).await;
    assert_eq!(got, stored);
    assert_eq!(stored.email.as_deref(), Some("Bob.New@acme.test"));
    // AND the link mailed to the old address is dead, with its generation
    assert!(!link_live(&w, &old_link).await);
    assert!(stored.token_gen > before.token_gen);
    // AND the old address hears of it, the new one gets nothing
    let told = w.mails_to("bob@acme.test");
    assert_eq!(told.len(), 2);
    assert!(told.iter().any(|m| m.kind == MailKind::EmailChanged));
    assert!(w.mails_to("Bob.New@acme.test").is_empty());
    // AND the audit masks both addresses
    let e = &w.audited("user.updated")[0];
    assert_eq!(e.details["fields"], json!(["email"]));
    assert_eq!(e.details["old_email"], json!("b***@a***.test"));
    assert_eq!(e.details["new_email"], json!("B***@a***.test"));
    // AND the directory moves bob from the old address to the new one
    assert_eq!(
        *rec.reindexed.lock().unwrap(),
        vec![(
            Some("bob@acme.test".to_owned()),
            Some("bob.new@acme.test".to_owned())
        )]
    );
}

#[tokio::test]
async fn the_same_address_in_other_case_is_no_email_change() {
    // GIVEN bob with an outstanding link, and a manager who cannot reset
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let resetter = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let link = link_for(&w, &resetter, &bob).await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    let rec = Recording {
        store: &w.store,
        reindexed: Mutex::new(Vec::new()),
    };
    // WHEN the manager writes bob's address in capitals
    users_recording(&w, &rec)
        .patch(
            &Actor::User(&manager),
            &w.tenant,
            &bob.id,
            UserPatch {
                email: Some(Some("BOB@ACME.TEST".into())),
                ..Default::default()
            },
            &meta(),
        )
        .await
        .unwrap();
    // THEN it is stored so, but the link lives, nobody is told, nothing is re-indexed
    assert_eq!(
        w.user(&bob.id).await.email.as_deref(),
        Some("BOB@ACME.TEST")
    );
    assert!(link_live(&w, &link).await);
    assert_eq!(w.mails().len(), 1);
    assert!(rec.reindexed.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_patch_clears_the_email_with_none_inside_and_leaves_it_when_absent() {
    // GIVEN bob and an admin who may change emails
    let w = World::with_settings(|s| s.require_mfa_for_admin_resets = false).await;
    let bob = plain(&w, "bob").await;
    let amy = admin(&w, "amy", &ALL).await;
    let email = |e: Option<&str>| UserPatch {
        email: Some(e.map(str::to_owned)),
        ..Default::default()
    };
    // WHEN a patch without the email changes the status THEN the email stays
    let status = UserPatch {
        status: Some(latchkey_core::domain::Status::Active),
        ..Default::default()
    };
    patch(&w, &amy, &bob.id, status).await.unwrap();
    assert_eq!(
        w.user(&bob.id).await.email.as_deref(),
        Some("bob@acme.test")
    );
    // WHEN a patch gives a new email THEN it is set
    patch(&w, &amy, &bob.id, email(Some("robert@acme.test")))
        .await
        .unwrap();
    assert_eq!(
        w.user(&bob.id).await.email.as_deref(),
        Some("robert@acme.test")
    );
    // WHEN a patch clears it THEN the email is gone
    patch(&w, &amy, &bob.id, email(None)).await.unwrap();
    assert_eq!(w.user(&bob.id).await.email, None);
}

#[tokio::test]
async fn a_patched_email_must_be_one_mailbox() {
    // GIVEN bob and an admin who may change emails
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let amy = admin(&w, "amy", &ALL).await;
    // WHEN she sets a list of addresses THEN it is refused and nothing changes
    let r = patch(
        &w,
        &amy,
        &bob.id,
        UserPatch {
            email: Some(Some("bob@acme.test, attacker@evil.test".into())),
            ..Default::default()
        },
    )
    .await;
    assert!(
        matches!(refused(r), AppError::InvalidField { ref field, code, .. } if field == "email" && code == "not_a_mailbox")
    );
    assert_eq!(w.user(&bob.id).await, bob);
    assert!(w.mails().is_empty());
}

// ---- settings and audit ----

#[tokio::test]
async fn only_an_owner_reads_and_writes_the_settings() {
    // GIVEN two-hour admin links, an admin with every permission and the owner
    let w = World::with_settings(|s| s.admin_reset_link_ttl_seconds = 7200).await;
    let strong = admin(&w, "sam", &ALL).await;
    let olivia = owner(&w, "olivia").await;
    // WHEN the admin reads or writes them THEN 403, unchanged
    let r = w.users().settings(&Actor::User(&strong), &w.tenant).await;
    assert!(matches!(refused(r), AppError::Forbidden));
    let r = w
        .users()
        .put_settings(
            &Actor::User(&strong),
            &w.tenant,
            Settings::default(),
            &meta(),
        )
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // WHEN the owner reads them THEN they are the tenant's
    let s = w
        .users()
        .settings(&Actor::User(&olivia), &w.tenant)
        .await
        .unwrap();
    assert_eq!(s.admin_reset_link_ttl_seconds, 7200);
    assert!(w.audited("settings.updated").is_empty());
}

/// The owner puts the default settings changed by `f`.
async fn put(w: &World, by: &User, f: impl FnOnce(&mut Settings)) -> Result<Settings, AppError> {
    let mut s = Settings::default();
    f(&mut s);
    w.users()
        .put_settings(&Actor::User(by), &w.tenant, s, &meta())
        .await
}

#[tokio::test]
async fn the_owner_puts_settings_up_to_their_bounds_and_it_is_audited() {
    // GIVEN the owner
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    // WHEN she puts 7-day admin links and 30-day sessions
    let wanted = Settings {
        admin_reset_link_ttl_seconds: 7 * 86_400,
        session_ttl_seconds: 30 * 86_400,
        ..Default::default()
    };
    let got = w
        .users()
        .put_settings(&Actor::User(&olivia), &w.tenant, wanted.clone(), &meta())
        .await
        .unwrap();
    // THEN they are returned and stored
    assert_eq!(got, wanted);
    let stored = w
        .users()
        .settings(&Actor::User(&olivia), &w.tenant)
        .await
        .unwrap();
    assert_eq!(stored, wanted);
    // AND the audit says who
    let e = &w.audited("settings.updated")[0];
    assert_eq!(e.actor, olivia.id.to_string());
    assert_eq!(e.ip.as_deref(), Some("203.0.113.7"));
}

/// What a case is, and how it changes the default settings.
type Case = (&'static str, fn(&mut Settings));

#[tokio::test]
async fn settings_out_of_bounds_are_refused() {
    // GIVEN the tenant with two-hour admin links
    let w = World::with_settings(|s| s.admin_reset_link_ttl_seconds = 7200).await;
    let olivia = owner(&w, "olivia").await;
    let cases: [Case; 7] = [
        ("admin links over 7 days", |s| {
            s.admin_reset_link_ttl_seconds = 7 * 86_400 + 1
        }),
        ("sessions over 30 days", |s| {
            s.session_ttl_seconds = 30 * 86_400 + 1
        }),
        ("no lockout backoff", |s| s.limits.lockout_base_seconds = 0),
        ("backoff above its max", |s| {
            s.limits.lockout_base_seconds = 7200;
            s.limits.lockout_max_seconds = 3600;
        }),
        ("no reset mail per account", |s| {
            s.limits.reset_emails_per_account = 0
        }),
        ("history over 24", |s| s.password_policy.history = 25),
        ("an unreadable brand colour", |s| {
            s.branding.primary_color = Some("#ffffff".into())
        }),
    ];
    for (what, f) in cases {
        // WHEN the owner puts them
        let r = put(&w, &olivia, f).await;
        // THEN they are refused and the tenant keeps its settings
        assert!(
            matches!(
                refused(r),
                AppError::InvalidSettings(_) | AppError::InvalidBranding(_)
            ),
            "{what}"
        );
    }
    assert!(w.audited("settings.updated").is_empty());
    let s = w
        .users()
        .settings(&Actor::User(&olivia), &w.tenant)
        .await
        .unwrap();
    assert_eq!(s.admin_reset_link_ttl_seconds, 7200);
}

#[tokio::test]
async fn the_audit_log_is_for_audit_read_holders_newest_first() {
    // GIVEN two users created, one after the other
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    for name in ["bob", "carol"] {
        w.users()
            .create(&Actor::User(&olivia), &w.tenant, new_user(name), &meta())
            .await
            .unwrap();
        w.advance(1);
    }
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    let auditor = admin(&w, "al", &[Permission::AuditRead]).await;
    // WHEN a manager without audit.read reads the log THEN 403
    let r = w
        .users()
        .audit_events(
            &Actor::User(&manager),
            &w.tenant,
            None,
            10,
            &Default::default(),
        )
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // WHEN the auditor reads one event THEN it is the newest, with a next page
    let page = w
        .users()
        .audit_events(
            &Actor::User(&auditor),
            &w.tenant,
            None,
            0,
            &Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    let newest = &page.items[0];
    assert_eq!(newest.kind, "user.created");
    assert_eq!(newest.at, at(1));
    let page = w
        .users()
        .audit_events(
            &Actor::User(&auditor),
            &w.tenant,
            page.next_cursor.as_deref(),
            10,
            &Default::default(),
        )
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].at, at(0));
}

// ---- admin links ----

#[tokio::test]
async fn an_admin_link_lasts_the_admin_ttl_and_leaves_the_old_password_working() {
    // GIVEN two-hour admin links, bob, and an admin who resets
    let w = World::with_settings(|s| s.admin_reset_link_ttl_seconds = 7200).await;
    let bob = w.user_named("bob").await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    // WHEN she sends bob a link
    let expires = w
        .admin_reset()
        .send_link(
            &Actor::User(&amy),
            &w.tenant,
            &bob.id,
            None,
            false,
            &[],
            &meta(),
        )
        .await
        .unwrap();
    // THEN bob alone gets one reset mail, whose link lasts two hours
    assert_eq!(expires, at(7200));
    let mails = w.mails();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "bob@acme.test");
    assert_eq!(mails[0].kind, MailKind::PasswordReset);
    let token = token_in(&mails[0]);
    let record = record_of(&w, &token).await;
    assert_eq!(record.purpose, ResetPurpose::AdminLink);
    assert_eq!(record.issued_by, amy.id.to_string());
    assert!(!record.reset_mfa);
    // AND the audit says who sent what to whom
    let e = &w.audited("password_reset.link_sent")[0];
    assert_eq!(e.actor, amy.id.to_string());
    assert_eq!(e.target.as_deref(), Some(bob.id.as_str()));
    assert_eq!(e.details["purpose"], json!("admin_link"));
    assert_eq!(e.details["recipient_overridden"], json!(false));
    assert!(!e.details.contains_key("recipient_email"));
    // AND his password still works
    assert!(signs_in(&w, "bob", PASSWORD).await);
    // AND the link works until the two hours are up, not after
    w.advance(7199);
    assert!(link_live(&w, &token).await);
    w.advance(1);
    assert!(!link_live(&w, &token).await);
}

#[tokio::test]
async fn a_pending_account_gets_an_activation_link() {
    // GIVEN bob, created but never activated
    let w = World::new().await;
    let bob = w
        .create(
            w.account("bob")
                .status(Status::PendingActivation)
                .password(None),
        )
        .await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    // WHEN an admin sends him a link
    let token = link_for(&w, &amy, &bob).await;
    // THEN it is an activation mail and link
    assert_eq!(w.mails()[0].kind, MailKind::Activation);
    assert_eq!(
        record_of(&w, &token).await.purpose,
        ResetPurpose::Activation
    );
    assert_eq!(
        w.audited("password_reset.link_sent")[0].details["purpose"],
        json!("activation")
    );
}

#[tokio::test]
async fn a_link_sent_elsewhere_is_audited_and_the_account_told() {
    // GIVEN bob and an admin who resets
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let send = |to: &str| {
        let to = to.to_owned();
        let (w, amy, bob) = (&w, &amy, &bob);
        async move {
            w.admin_reset()
                .send_link(
                    &Actor::User(amy),
                    &w.tenant,
                    &bob.id,
                    Some(to),
                    false,
                    &[],
                    &meta(),
                )
                .await
        }
    };
    // WHEN she sends his link to the helpdesk
    send(" helpdesk@acme.test ").await.unwrap();
    // THEN the helpdesk gets the link and bob is told where it went
    let desk = w.mails_to("helpdesk@acme.test");
    assert_eq!(desk.len(), 1);
    assert_eq!(desk[0].kind, MailKind::PasswordReset);
    let told = w.mails_to("bob@acme.test");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, MailKind::ResetLinkSentElsewhere);
    let e = &w.audited("password_reset.link_sent")[0];
    assert_eq!(e.details["recipient_overridden"], json!(true));
    assert_eq!(e.details["recipient_email"], json!("helpdesk@acme.test"));
    // WHEN she "overrides" with his own address in capitals THEN no notice
    send("BOB@ACME.TEST").await.unwrap();
    assert_eq!(w.mails_to("bob@acme.test").len(), 1);
    assert_eq!(w.mails_to("BOB@ACME.TEST").len(), 1);
    // WHEN the override is a list of addresses THEN refused, nothing sent
    let r = send("a@acme.test,b@evil.test").await;
    assert!(
        matches!(refused(r), AppError::InvalidField { ref field, code, .. } if field == "recipient_email" && code == "not_a_mailbox")
    );
    assert_eq!(w.mails().len(), 3);
}

#[tokio::test]
async fn no_link_without_a_deliverable_address() {
    // GIVEN nemo without email and bob whose mail bounced
    let w = World::new().await;
    let nemo = w.create(w.account("nemo").email(None).password(None)).await;
    let bob = w
        .create(
            w.account("bob")
                .with(|u| u.email_status = EmailStatus::Bounced)
                .password(None),
        )
        .await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    for id in [&nemo.id, &bob.id] {
        // WHEN an admin sends a link without an override THEN refused
        let r = w
            .admin_reset()
            .send_link(&Actor::User(&amy), &w.tenant, id, None, false, &[], &meta())
            .await;
        assert!(matches!(refused(r), AppError::InvalidRequest(_)));
    }
    // THEN nothing was mailed
    assert!(w.mails().is_empty());
    // WHEN the bounced one's link goes to an override THEN it goes there only
    w.admin_reset()
        .send_link(
            &Actor::User(&amy),
            &w.tenant,
            &bob.id,
            Some("desk@acme.test".into()),
            false,
            &[],
            &meta(),
        )
        .await
        .unwrap();
    assert_eq!(w.mails().len(), 1);
    assert_eq!(w.mails()[0].to, "desk@acme.test");
}

#[tokio::test]
async fn sending_a_link_needs_passwords_reset_and_a_second_factor() {
    // GIVEN bob, a plain user, a manager, an admin without a factor, and a resetter
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let carol = plain(&w, "carol").await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    let no_mfa = w
        .create(
            w.account("nick")
                .role(Role::Admin)
                .permissions(&[Permission::PasswordsReset])
                .password(None),
        )
        .await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let send = |by: &User, id: &UserId, reset_mfa: bool| {
        let (by, id, w) = (by.clone(), id.clone(), &w);
        async move {
            w.admin_reset()
                .send_link(
                    &Actor::User(&by),
                    &w.tenant,
                    &id,
                    None,
                    reset_mfa,
                    &[],
                    &meta(),
                )
                .await
        }
    };
    for caller in [&carol, &manager] {
        for id in [&bob.id, &unknown_id()] {
            // WHEN a caller without passwords.reset sends one THEN the same 403
            let r = send(caller, id, false).await;
            assert!(matches!(refused(r), AppError::Forbidden));
        }
    }
    // WHEN an admin without a second factor sends one THEN she must enrol first
    let r = send(&no_mfa, &bob.id, false).await;
    assert!(matches!(refused(r), AppError::MfaRequiredForAdmin));
    // WHEN the resetter names an unknown id THEN it is not found
    let r = send(&amy, &unknown_id(), false).await;
    assert!(matches!(refused(r), AppError::NotFound));
    // WHEN she also asks to remove bob's factor, without mfa.reset THEN 403
    let r = send(&amy, &bob.id, true).await;
    assert!(matches!(refused(r), AppError::Forbidden));
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn no_link_to_a_disabled_or_directory_account() {
    // GIVEN a disabled account and a directory account
    let w = World::new().await;
    let off = w
        .create(w.account("off").status(Status::Disabled).password(None))
        .await;
    let lena = w
        .create(w.account("lena").source(Source::Ldap).password(None))
        .await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let send = |id: &UserId| {
        let (id, w, amy) = (id.clone(), &w, &amy);
        async move {
            w.admin_reset()
                .send_link(&Actor::User(amy), &w.tenant, &id, None, false, &[], &meta())
                .await
        }
    };
    // WHEN an admin sends them links THEN each says why not, and nothing is mailed
    assert!(matches!(
        refused(send(&off.id).await),
        AppError::AccountDisabled
    ));
    assert!(matches!(
        refused(send(&lena.id).await),
        AppError::ExternallyManaged
    ));
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn a_link_that_removes_the_factor_removes_nothing_until_used() {
    // GIVEN bob with a second factor, and an admin who resets links and factors
    let w = World::new().await;
    let bob = w
        .create(w.account("bob").mfa_secret(TOTP).password(None))
        .await;
    let amy = admin(
        &w,
        "amy",
        &[Permission::PasswordsReset, Permission::MfaReset],
    )
    .await;
    // WHEN she sends a link that also removes his factor
    w.admin_reset()
        .send_link(
            &Actor::User(&amy),
            &w.tenant,
            &bob.id,
            None,
            true,
            &[],
            &meta(),
        )
        .await
        .unwrap();
    // THEN the link carries it, the audit says so, and the factor is still there
    let token = token_in(&w.mails()[0]);
    assert!(record_of(&w, &token).await.reset_mfa);
    assert_eq!(
        w.audited("password_reset.link_sent")[0].details["reset_mfa"],
        json!(true)
    );
    assert!(w.user(&bob.id).await.mfa_enabled);
}

// ---- removing a factor ----

/// Gives `id` a second factor and recovery codes behind its sessions' back.
async fn enrol(w: &World, id: &UserId) {
    store_change(w, id, |u| {
        u.mfa_enabled = true;
        u.totp_secret = Some(TOTP.into());
        u.recovery_codes = vec!["hash-of-a-code".into()];
    })
    .await;
}

#[tokio::test]
async fn an_mfa_reset_removes_the_factor_ends_the_sessions_and_tells_the_user() {
    // GIVEN bob signed in, with a factor and recovery codes
    let w = World::new().await;
    let bob = w.user_named("bob").await;
    let (session, _) = w.session_of("bob", PASSWORD).await;
    enrol(&w, &bob.id).await;
    let amy = admin(&w, "amy", &[Permission::MfaReset]).await;
    // WHEN an admin with mfa.reset removes it, giving a reason
    w.admin_reset()
        .reset_mfa(
            &Actor::User(&amy),
            &w.tenant,
            &bob.id,
            Some("  ticket 42 ".into()),
            &meta(),
        )
        .await
        .unwrap();
    // THEN factor and codes are gone, and so is his session
    let stored = w.user(&bob.id).await;
    assert!(!stored.mfa_enabled);
    assert_eq!(stored.totp_secret, None);
    assert!(stored.recovery_codes.is_empty());
    assert!(!signed_in(&w, &session).await);
    // AND he is told, and the audit keeps who and why
    let told = w.mails_to("bob@acme.test");
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, MailKind::MfaChanged);
    let e = &w.audited("mfa.reset")[0];
    assert_eq!(e.actor, amy.id.to_string());
    assert_eq!(e.target.as_deref(), Some(bob.id.as_str()));
    assert_eq!(e.details["had_mfa"], json!(true));
    assert_eq!(e.details["reason"], json!("ticket 42"));
}

#[tokio::test]
async fn a_blank_reason_is_not_recorded() {
    // GIVEN carol with a factor
    let w = World::new().await;
    let carol = plain(&w, "carol").await;
    enrol(&w, &carol.id).await;
    let amy = admin(&w, "amy", &[Permission::MfaReset]).await;
    // WHEN her factor is removed with a blank reason
    w.admin_reset()
        .reset_mfa(
            &Actor::User(&amy),
            &w.tenant,
            &carol.id,
            Some("   ".into()),
            &meta(),
        )
        .await
        .unwrap();
    // THEN the audit holds no reason
    assert!(!w.audited("mfa.reset")[0].details.contains_key("reason"));
}

#[tokio::test]
async fn only_mfa_reset_holders_remove_a_factor_and_never_their_own() {
    // GIVEN bob with a factor, a resetter without mfa.reset, and one with it
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    enrol(&w, &bob.id).await;
    let carol = plain(&w, "carol").await;
    let resetter = admin(&w, "rex", &[Permission::PasswordsReset]).await;
    let amy = admin(&w, "amy", &[Permission::MfaReset]).await;
    let strip = |by: &User, id: &UserId| {
        let (by, id, w) = (by.clone(), id.clone(), &w);
        async move {
            w.admin_reset()
                .reset_mfa(&Actor::User(&by), &w.tenant, &id, None, &meta())
                .await
        }
    };
    for caller in [&carol, &resetter] {
        for id in [&bob.id, &unknown_id()] {
            // WHEN a caller without mfa.reset removes a factor THEN the same 403
            assert!(matches!(
                refused(strip(caller, id).await),
                AppError::Forbidden
            ));
        }
    }
    // WHEN amy removes her own THEN 403 self_target: hers goes through
    // password and code
    assert!(matches!(
        refused(strip(&amy, &amy.id).await),
        AppError::SelfTarget
    ));
    assert!(w.user(&amy.id).await.mfa_enabled);
    assert!(w.user(&bob.id).await.mfa_enabled);
    assert!(w.audited("mfa.reset").is_empty());
}

// ---- setting a password ----

#[tokio::test]
async fn a_set_password_works_at_once_and_ends_sessions_links_and_the_lock() {
    // GIVEN bob signed in, with an outstanding link, his account locked for
    // everyone by failures from ten addresses
    let w = World::with_settings(|s| s.limits.account_failure_ceiling = 10).await;
    let bob = w.user_named("bob").await;
    let (session, _) = w.session_of("bob", PASSWORD).await;
    for i in 1..=10 {
        let ip = format!("198.51.100.{i}");
        let r = w
            .sign_in()
            .execute(&w.tenant, "bob", secret("wrong guess"), None, &from_ip(&ip))
            .await;
        assert!(r.is_err());
    }
    assert!(
        !signs_in(&w, "bob", PASSWORD).await,
        "the account is locked"
    );
    let amy = admin(
        &w,
        "amy",
        &[Permission::PasswordsReset, Permission::PasswordsSet],
    )
    .await;
    let link = link_for(&w, &amy, &bob).await;
    // WHEN she sets his password, not temporary
    w.admin_reset()
        .set_password(
            &Actor::User(&amy),
            &w.tenant,
            &bob.id,
            secret(NEW_PASSWORD),
            false,
            false,
            &[],
            &meta(),
        )
        .await
        .unwrap();
    // THEN only the new password signs in (the lock is lifted), need not be
    // changed, and nothing from before works
    assert!(!signs_in(&w, "bob", PASSWORD).await);
    assert!(signs_in(&w, "bob", NEW_PASSWORD).await);
    assert!(!w.user(&bob.id).await.must_change_password);
    assert!(!signed_in(&w, &session).await);
    assert!(!link_live(&w, &link).await);
    // AND he is told, and it is audited
    assert!(
        w.mails_to("bob@acme.test")
            .iter()
            .any(|m| m.kind == MailKind::PasswordChanged)
    );
    let e = &w.audited("password.set")[0];
    assert_eq!(e.outcome, "success");
    assert_eq!(e.actor, amy.id.to_string());
    assert_eq!(e.details["temporary"], json!(false));
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_at_next_sign_in() {
    // GIVEN bob and an admin who sets passwords
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let amy = admin(&w, "amy", &[Permission::PasswordsSet]).await;
    // WHEN she sets a temporary password
    w.admin_reset()
        .set_password(
            &Actor::User(&amy),
            &w.tenant,
            &bob.id,
            secret(NEW_PASSWORD),
            true,
            false,
            &[],
            &meta(),
        )
        .await
        .unwrap();
    // THEN he must change it
    assert!(w.user(&bob.id).await.must_change_password);
    assert_eq!(
        w.audited("password.set")[0].details["temporary"],
        json!(true)
    );
}

#[tokio::test]
async fn a_set_password_follows_the_policy_and_a_refusal_is_audited() {
    // GIVEN a tenant refusing breached passwords, one such password, and bob
    let mut w = World::with_settings(|s| s.password_policy.block_breached = true).await;
    w.breaches.seen.insert(NEW_PASSWORD.to_owned());
    let bob = w.user_named("bob").await;
    let amy = admin(&w, "amy", &[Permission::PasswordsSet]).await;
    for bad in ["short", NEW_PASSWORD] {
        // WHEN she sets a too short, then a breached password
        let r = w
            .admin_reset()
            .set_password(
                &Actor::User(&amy),
                &w.tenant,
                &bob.id,
                secret(bad),
                false,
                false,
                &[],
                &meta(),
            )
            .await;
        // THEN each is refused by the policy
        assert!(matches!(refused(r), AppError::PasswordPolicy(_)), "{bad}");
    }
    // AND his password is unchanged, and each refusal left a trail
    assert_eq!(w.user(&bob.id).await, bob);
    assert!(signs_in(&w, "bob", PASSWORD).await);
    let refusals = w.audited("password.set");
    assert_eq!(refusals.len(), 2);
    for e in &refusals {
        assert_eq!(e.outcome, "refused");
        assert_eq!(e.target.as_deref(), Some(bob.id.as_str()));
        assert!(!e.details["violations"].as_array().unwrap().is_empty());
    }
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn setting_a_password_needs_passwords_set_and_a_local_account() {
    // GIVEN bob, a directory account, a disabled account, and admins with and
    // without passwords.set
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let lena = w
        .create(w.account("lena").source(Source::Ldap).password(None))
        .await;
    let off = w
        .create(w.account("off").status(Status::Disabled).password(None))
        .await;
    let resetter = admin(&w, "rex", &[Permission::PasswordsReset]).await;
    let setter = admin(&w, "sue", &[Permission::PasswordsSet]).await;
    let set = |by: &User, id: &UserId| {
        let (by, id, w) = (by.clone(), id.clone(), &w);
        async move {
            w.admin_reset()
                .set_password(
                    &Actor::User(&by),
                    &w.tenant,
                    &id,
                    secret(NEW_PASSWORD),
                    false,
                    false,
                    &[],
                    &meta(),
                )
                .await
        }
    };
    // WHEN the resetter sets bob's or an unknown password THEN the same 403
    for id in [&bob.id, &unknown_id()] {
        assert!(matches!(
            refused(set(&resetter, id).await),
            AppError::Forbidden
        ));
    }
    // WHEN the setter sets the directory account's THEN it is not ours to set
    assert!(matches!(
        refused(set(&setter, &lena.id).await),
        AppError::ExternallyManaged
    ));
    assert_eq!(w.user(&bob.id).await, bob);
    // WHEN the setter sets the disabled account's THEN it takes (no link is sent)
    set(&setter, &off.id).await.unwrap();
    assert!(w.user(&off.id).await.password_hash.is_some());
}

#[tokio::test]
async fn a_set_password_that_removes_the_factor_needs_mfa_reset() {
    // GIVEN bob with a factor, a setter without mfa.reset, and one with it
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    enrol(&w, &bob.id).await;
    let setter = admin(&w, "sue", &[Permission::PasswordsSet]).await;
    let both = admin(&w, "bo", &[Permission::PasswordsSet, Permission::MfaReset]).await;
    let set = |by: &User| {
        let (by, w, id) = (by.clone(), &w, bob.id.clone());
        async move {
            w.admin_reset()
                .set_password(
                    &Actor::User(&by),
                    &w.tenant,
                    &id,
                    secret(NEW_PASSWORD),
                    true,
                    true,
                    &[],
                    &meta(),
                )
                .await
        }
    };
    // WHEN the setter sets his password and removes his factor THEN 403, unchanged
    assert!(matches!(refused(set(&setter).await), AppError::Forbidden));
    assert!(w.user(&bob.id).await.password_hash.is_none());
    // WHEN the one with mfa.reset does THEN both happen in one go
    set(&both).await.unwrap();
    let stored = w.user(&bob.id).await;
    assert!(stored.password_hash.is_some());
    assert!(!stored.mfa_enabled);
    assert!(stored.recovery_codes.is_empty());
    assert_eq!(
        w.audited("password.set")[0].details["reset_mfa"],
        json!(true)
    );
}

// ---- bulk links ----

#[tokio::test]
async fn a_bulk_reset_answers_one_outcome_per_id_in_order() {
    // GIVEN accounts of every kind, and an admin who resets (not factors)
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let lena = w
        .create(w.account("lena").source(Source::Ldap).password(None))
        .await;
    let off = w
        .create(w.account("off").status(Status::Disabled).password(None))
        .await;
    let nemo = w.create(w.account("nemo").email(None).password(None)).await;
    let bounced = w
        .create(
            w.account("bea")
                .with(|u| u.email_status = EmailStatus::Complained)
                .password(None),
        )
        .await;
    let olivia = owner(&w, "olivia").await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let unknown = unknown_id();
    let ids: Vec<String> = [
        &bob.id,
        &bob.id,
        &unknown,
        &lena.id,
        &off.id,
        &nemo.id,
        &bounced.id,
        &olivia.id,
        &amy.id,
    ]
    .iter()
    .map(|id| id.0.clone())
    .collect();
    // WHEN she resets them all
    let results = w
        .admin_reset()
        .bulk(&Actor::User(&amy), &w.tenant, &ids, false, &meta())
        .await
        .unwrap();
    // THEN each id has its outcome, in order
    let s = |id: &UserId, outcome, code| (id.0.clone(), outcome, code);
    assert_eq!(
        outcomes(&results),
        vec![
            s(&bob.id, "sent", None),
            s(&bob.id, "skipped", Some("duplicate")),
            s(&unknown, "not_found", None),
            s(&lena.id, "skipped", Some("externally_managed")),
            s(&off.id, "skipped", Some("account_disabled")),
            s(&nemo.id, "skipped", Some("no_email")),
            s(&bounced.id, "skipped", Some("email_undeliverable")),
            s(&olivia.id, "skipped", Some("forbidden")),
            s(&amy.id, "skipped", Some("self_target")),
        ]
    );
    // AND only the sent one got mail, audited as bulk
    assert_eq!(w.mails().len(), 1);
    assert_eq!(w.mails_to("bob@acme.test").len(), 1);
    let events = w.audited("password_reset.link_sent");
    assert_eq!(events.len(), 1);
    assert!(events.iter().all(|e| e.details["bulk"] == json!(true)));
}

#[tokio::test]
async fn a_bulk_reset_that_removes_factors_skips_what_the_caller_may_not_remove() {
    // GIVEN bob, and an admin who resets but does not remove factors
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    // WHEN she bulk-resets bob with his factor
    let results = w
        .admin_reset()
        .bulk(
            &Actor::User(&amy),
            &w.tenant,
            std::slice::from_ref(&bob.id.0),
            true,
            &meta(),
        )
        .await
        .unwrap();
    // THEN he is skipped as forbidden and not mailed
    assert_eq!(
        outcomes(&results),
        vec![(bob.id.0.clone(), "skipped", Some("forbidden"))]
    );
    assert!(w.mails().is_empty());
}

#[tokio::test]
async fn a_bulk_reset_takes_one_to_a_hundred_ids() {
    // GIVEN an admin who resets
    let w = World::new().await;
    let amy = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let ids = |n: usize| -> Vec<String> { (0..n).map(|_| unknown_id().0).collect() };
    for n in [0, 101] {
        // WHEN she sends none, or 101 THEN refused
        let r = w
            .admin_reset()
            .bulk(&Actor::User(&amy), &w.tenant, &ids(n), false, &meta())
            .await;
        assert!(matches!(refused(r), AppError::InvalidRequest(_)), "{n}");
    }
    // WHEN she sends 100 THEN each gets an answer
    let results = w
        .admin_reset()
        .bulk(&Actor::User(&amy), &w.tenant, &ids(100), false, &meta())
        .await
        .unwrap();
    assert_eq!(results.len(), 100);
    assert!(results.iter().all(|r| r.outcome == "not_found"));
}

#[tokio::test]
async fn a_bulk_reset_is_refused_whole_to_a_caller_who_may_not_reset() {
    // GIVEN bob, a plain user, and an admin without a second factor
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let carol = plain(&w, "carol").await;
    let no_mfa = w
        .create(
            w.account("nick")
                .role(Role::Admin)
                .permissions(&[Permission::PasswordsReset])
                .password(None),
        )
        .await;
    let ids = [bob.id.0.clone()];
    // WHEN either bulk-resets bob THEN the whole request is refused
    let r = w
        .admin_reset()
        .bulk(&Actor::User(&carol), &w.tenant, &ids, false, &meta())
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    let r = w
        .admin_reset()
        .bulk(&Actor::User(&no_mfa), &w.tenant, &ids, false, &meta())
        .await;
    assert!(matches!(refused(r), AppError::MfaRequiredForAdmin));
    assert!(w.mails().is_empty());
}

// ---- platform support ----

fn support_lookup_counting<'a>(w: &'a World, dir: &'a Counting<'a>) -> SupportLookup<'a> {
    SupportLookup {
        directory: dir,
        ..w.support_lookup()
    }
}

#[tokio::test]
async fn support_looks_up_owners_and_admins_only_and_it_is_audited() {
    // GIVEN an owner, an admin and a plain user
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    let ada = admin(&w, "ada", &[]).await;
    plain(&w, "bob").await;
    let look = |role| {
        let w = &w;
        async move {
            w.support_lookup()
                .execute(&w.tenant, role, "", "jane@support", &meta())
                .await
        }
    };
    let ids = |users: Vec<User>| users.into_iter().map(|u| u.id).collect::<Vec<_>>();
    // WHEN support looks everyone up THEN owner and admin, no plain user
    assert_eq!(
        ids(look(None).await.unwrap()),
        vec![ada.id.clone(), olivia.id.clone()]
    );
    // WHEN support asks for one role THEN only that role
    assert_eq!(
        ids(look(Some(Role::Admin)).await.unwrap()),
        vec![ada.id.clone()]
    );
    assert_eq!(ids(look(Some(Role::Owner)).await.unwrap()), vec![olivia.id]);
    // WHEN support asks for plain users THEN refused
    assert!(matches!(
        refused(look(Some(Role::User)).await),
        AppError::InvalidRequest(_)
    ));
    // AND each lookup is in the tenant's log, naming the support caller
    let events = w.audited("support.lookup");
    assert_eq!(events.len(), 3);
    assert_eq!(events[0].actor, "support");
    assert_eq!(events[0].details["support_identity"], json!("jane@support"));
    assert_eq!(events[0].details["results"], json!(2));
    assert_eq!(events[1].details["role"], json!("admin"));
}

#[tokio::test]
async fn support_lookup_of_an_unknown_tenant_is_not_found() {
    // GIVEN a tenant that does not exist
    let w = World::new().await;
    let nowhere = TenantId::parse("nowhere").unwrap();
    // WHEN support looks it up THEN not found
    let r = w
        .support_lookup()
        .execute(&nowhere, None, "", "jane@support", &meta())
        .await;
    assert!(matches!(refused(r), AppError::NotFound));
}

#[tokio::test]
async fn support_lookup_reads_on_past_pages_without_administrators() {
    // GIVEN 120 plain users listed before the one admin
    let w = World::new().await;
    for i in 0..120 {
        plain(&w, &format!("a{i:03}")).await;
    }
    let zed = admin(&w, "zed", &[]).await;
    // WHEN support looks admins up
    let found = w
        .support_lookup()
        .execute(&w.tenant, None, "", "jane@support", &meta())
        .await
        .unwrap();
    // THEN the admin on the second page is found
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, zed.id);
}

#[tokio::test]
async fn support_lookup_stops_reading_once_it_has_enough() {
    // GIVEN 150 admins (two pages of the directory)
    let w = World::new().await;
    for i in 0..150 {
        admin(&w, &format!("a{i:03}"), &[]).await;
    }
    let dir = Counting {
        store: &w.store,
        pages: AtomicUsize::new(0),
    };
    // WHEN support looks them up
    let found = support_lookup_counting(&w, &dir)
        .execute(&w.tenant, None, "", "jane@support", &meta())
        .await
        .unwrap();
    // THEN it gets the first 50, from one page read
    assert_eq!(found.len(), 50);
    assert_eq!(found[0].username, "a000");
    assert_eq!(dir.pages.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn support_resets_administrators_only() {
    // GIVEN the owner, and plain bob
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    let bob = plain(&w, "bob").await;
    let details = [("support_identity", json!("jane@support"))];
    // WHEN support sends bob a link THEN 403
    let r = w
        .admin_reset()
        .send_link(
            &Actor::Support,
            &w.tenant,
            &bob.id,
            None,
            false,
            &details,
            &meta(),
        )
        .await;
    assert!(matches!(refused(r), AppError::Forbidden));
    // WHEN support sends the owner a link THEN it is a support link, audited as support's
    w.admin_reset()
        .send_link(
            &Actor::Support,
            &w.tenant,
            &olivia.id,
            None,
            false,
            &details,
            &meta(),
        )
        .await
        .unwrap();
    let token = token_in(&w.mails_to("olivia@acme.test")[0]);
    let record = record_of(&w, &token).await;
    assert_eq!(record.purpose, ResetPurpose::Support);
    assert_eq!(record.issued_by, "support");
    let e = &w.audited("password_reset.link_sent")[0];
    assert_eq!(e.actor, "support");
    assert_eq!(e.details["support_identity"], json!("jane@support"));
    // WHEN support sets the owner's password THEN it takes
    w.admin_reset()
        .set_password(
            &Actor::Support,
            &w.tenant,
            &olivia.id,
            secret(NEW_PASSWORD),
            true,
            false,
            &details,
            &meta(),
        )
        .await
        .unwrap();
    let e = &w.audited("password.set")[0];
    assert_eq!(e.actor, "support");
    assert_eq!(e.details["support_identity"], json!("jane@support"));
    assert!(w.user(&olivia.id).await.must_change_password);
}

/// Every administrative action `by` can attempt on `target`, by name, with
/// the error each ended in (`None`: it succeeded).
async fn every_action(
    w: &World,
    by: &User,
    target: &User,
) -> Vec<(&'static str, Option<AppError>)> {
    let a = Actor::User(by);
    let (t, id, m) = (&w.tenant, &target.id, &meta());
    let users = w.users();
    let resets = w.admin_reset();
    let err = |r: Result<(), AppError>| r.err();
    vec![
        ("get", err(users.get(&a, t, id).await.map(drop))),
        ("list", err(users.list(&a, t, "", None, 10).await.map(drop))),
        (
            "create",
            err(users.create(&a, t, new_user("newbie"), m).await.map(drop)),
        ),
        (
            "patch",
            err(users
                .patch(
                    &a,
                    t,
                    id,
                    UserPatch {
                        status: Some(Status::Disabled),
                        ..Default::default()
                    },
                    m,
                )
                .await
                .map(drop)),
        ),
        ("settings", err(users.settings(&a, t).await.map(drop))),
        (
            "put_settings",
            err(users
                .put_settings(&a, t, Settings::default(), m)
                .await
                .map(drop)),
        ),
        (
            "audit",
            err(users
                .audit_events(&a, t, None, 10, &Default::default())
                .await
                .map(drop)),
        ),
        (
            "send_link",
            err(resets
                .send_link(&a, t, id, None, false, &[], m)
                .await
                .map(drop)),
        ),
        (
            "set_password",
            err(resets
                .set_password(&a, t, id, secret(NEW_PASSWORD), false, false, &[], m)
                .await),
        ),
        ("reset_mfa", err(resets.reset_mfa(&a, t, id, None, m).await)),
        (
            "bulk",
            err(resets
                .bulk(&a, t, std::slice::from_ref(&id.0), false, m)
                .await
                .map(drop)),
        ),
    ]
}

#[tokio::test]
async fn a_disabled_owner_and_another_tenants_admin_may_do_nothing() {
    // GIVEN bob, a disabled owner, and an admin of another tenant
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let disabled = w
        .create(
            w.account("dora")
                .role(Role::Owner)
                .mfa_secret(TOTP)
                .status(Status::Disabled)
                .password(None),
        )
        .await;
    let mallory = foreign_admin(&w);
    // WHEN either attempts every administrative action on bob
    for (who, by, expected) in [
        ("disabled", &disabled, "forbidden"),
        ("foreign", &mallory, "not found"),
    ] {
        for (action, outcome) in every_action(&w, by, &bob).await {
            // THEN each is refused: 403 to the disabled one, 404 across tenants
            let ok = matches!(
                (&outcome, expected),
                (Some(AppError::Forbidden), "forbidden") | (Some(AppError::NotFound), "not found")
            );
            assert!(ok, "{who} {action}: {outcome:?}");
        }
    }
    // AND nothing happened
    assert_eq!(w.user(&bob.id).await, bob);
    assert!(w.mails().is_empty());
    assert!(w.audit().is_empty());
}

#[tokio::test]
async fn an_enabled_owner_may_do_everything() {
    // GIVEN bob with a factor, and the owner (the same calls as above succeed)
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    enrol(&w, &bob.id).await;
    let olivia = owner(&w, "olivia").await;
    // WHEN she attempts every administrative action on bob
    for (action, outcome) in every_action(&w, &olivia, &bob).await {
        // THEN each succeeds, but for the link to bob, disabled by then
        match action {
            "send_link" => assert!(matches!(outcome, Some(AppError::AccountDisabled))),
            _ => assert!(outcome.is_none(), "{action}: {outcome:?}"),
        }
    }
}

#[tokio::test]
async fn an_address_that_only_looks_the_same_is_still_an_email_change() {
    // GIVEN bob with an outstanding link, and a manager who may not reset
    let w = World::new().await;
    let bob = plain(&w, "bob").await;
    let resetter = admin(&w, "amy", &[Permission::PasswordsReset]).await;
    let link = link_for(&w, &resetter, &bob).await;
    let manager = admin(&w, "maya", &[Permission::UsersManage]).await;
    // WHEN the manager sets an address mail servers see as another mailbox
    // (a zero-width space in the local part; full-width letters do the same)
    let r = patch(
        &w,
        &manager,
        &bob.id,
        UserPatch {
            email: Some(Some("b\u{200B}ob@acme.test".into())),
            ..Default::default()
        },
    )
    .await;
    // THEN it is refused as the email change (a reset in disguise) it is
    assert!(matches!(refused(r), AppError::Forbidden));
    assert!(link_live(&w, &link).await);
    assert_eq!(
        w.user(&bob.id).await.email.as_deref(),
        Some("bob@acme.test")
    );
}

// ---- self-targets (issue 22) ----

#[tokio::test]
async fn no_admin_action_takes_over_the_callers_own_account() {
    // GIVEN an owner and an admin holding every permission, both with MFA
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    let adam = admin(&w, "adam", &ALL).await;
    for me in [&olivia, &adam] {
        let actor = Actor::User(me);
        // WHEN the caller sets its own password, mails itself a link (to any
        // address), or moves its own email, status or password flags
        let set = w
            .admin_reset()
            .set_password(
                &actor,
                &w.tenant,
                &me.id,
                secret(NEW_PASSWORD),
                false,
                false,
                &[],
                &meta(),
            )
            .await;
        let link = w
            .admin_reset()
            .send_link(
                &actor,
                &w.tenant,
                &me.id,
                Some("thief@evil.test".into()),
                false,
                &[],
                &meta(),
            )
            .await;
        let mfa = w
            .admin_reset()
            .reset_mfa(&actor, &w.tenant, &me.id, None, &meta())
            .await;
        // THEN each is refused as a self-target
        assert!(matches!(set, Err(AppError::SelfTarget)), "{set:?}");
        assert!(matches!(link, Err(AppError::SelfTarget)), "{link:?}");
        assert!(matches!(mfa, Err(AppError::SelfTarget)), "{mfa:?}");
        let patches = [
            UserPatch {
                email: Some(Some("thief@evil.test".into())),
                ..Default::default()
            },
            UserPatch {
                status: Some(Status::Active),
                ..Default::default()
            },
            UserPatch {
                can_change_password: Some(false),
                ..Default::default()
            },
            UserPatch {
                must_change_password: Some(true),
                ..Default::default()
            },
        ];
        for p in patches {
            let r = patch(&w, me, &me.id, p).await;
            assert!(matches!(r, Err(AppError::SelfTarget)), "{r:?}");
        }
        // AND a change of its own language through the admin route is not one
        let r = patch(
            &w,
            me,
            &me.id,
            UserPatch {
                locale: Some(Some(Locale::De)),
                ..Default::default()
            },
        )
        .await;
        assert!(r.is_ok(), "{r:?}");
    }
    // AND the owner cannot change her own role or permissions either
    let r = patch(
        &w,
        &olivia,
        &olivia.id,
        UserPatch {
            role: Some(Role::Admin),
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(r, Err(AppError::SelfTarget)), "{r:?}");
    // AND nothing went out, nothing changed but the languages
    assert!(w.mails().is_empty());
    let stored = w.user(&olivia.id).await;
    assert_eq!(stored.email, olivia.email);
    assert_eq!(stored.role, Role::Owner);
    assert!(stored.mfa_enabled && stored.can_change_password);
}

#[tokio::test]
async fn a_staff_link_says_who_sent_it_and_not_to_ignore_it() {
    // GIVEN the owner olivia, and bob
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    let bob = plain(&w, "bob").await;
    // WHEN olivia sends bob a link
    link_for(&w, &olivia, &bob).await;
    // THEN bob's mail names olivia, and does not read like a stranger's request
    let mail = &w.mails_to("bob@acme.test")[0];
    assert!(
        mail.text.contains("olivia, an administrator of"),
        "{}",
        mail.text
    );
    assert!(mail.text.contains("sent you this link"), "{}", mail.text);
    assert!(!mail.text.contains("ignore this email"), "{}", mail.text);
    // WHEN she resets carol in a bulk reset
    let carol = plain(&w, "carol").await;
    w.admin_reset()
        .bulk(
            &Actor::User(&olivia),
            &w.tenant,
            &[carol.id.to_string()],
            false,
            &meta(),
        )
        .await
        .unwrap();
    // THEN carol's mail says it was a reset of many, by olivia
    let mail = &w.mails_to("carol@acme.test")[0];
    assert!(mail.text.contains("asked the people of"), "{}", mail.text);
    assert!(!mail.text.contains("sent you this link"), "{}", mail.text);
    // WHEN support sends olivia a link for a ticket
    let details = [("reason", json!("TICKET-7781"))];
    w.admin_reset()
        .send_link(
            &Actor::Support,
            &w.tenant,
            &olivia.id,
            None,
            false,
            &details,
            &meta(),
        )
        .await
        .unwrap();
    // THEN her mail names platform support and the ticket
    let mail = &w.mails_to("olivia@acme.test")[0];
    assert!(mail.text.contains("platform support"), "{}", mail.text);
    assert!(mail.text.contains("TICKET-7781"), "{}", mail.text);
    assert!(!mail.text.contains("ignore this email"), "{}", mail.text);
}

#[tokio::test]
async fn the_audit_log_filters_by_user_type_outcome_and_time_and_says_what_settings_changed() {
    // GIVEN the owner, bob and carol, a link for bob, a settings change, then a
    // link for carol an hour later
    let w = World::new().await;
    let olivia = owner(&w, "olivia").await;
    let bob = plain(&w, "bob").await;
    let carol = plain(&w, "carol").await;
    link_for(&w, &olivia, &bob).await;
    let mut settings = w
        .users()
        .settings(&Actor::User(&olivia), &w.tenant)
        .await
        .unwrap();
    settings.password_policy.min_length = 14;
    w.users()
        .put_settings(&Actor::User(&olivia), &w.tenant, settings, &meta())
        .await
        .unwrap();
    let before_carol = w.now();
    w.advance(3600);
    link_for(&w, &olivia, &carol).await;
    let list = |f: AuditFilter| {
        let (w, olivia) = (&w, &olivia);
        async move {
            w.users()
                .audit_events(&Actor::User(olivia), &w.tenant, None, 100, &f)
                .await
                .unwrap()
                .items
        }
    };
    // WHEN the log is read for bob THEN only bob's events come
    let bobs = list(AuditFilter {
        user_id: Some(bob.id.to_string()),
        ..Default::default()
    })
    .await;
    assert!(!bobs.is_empty());
    assert!(
        bobs.iter()
            .all(|e| e.target.as_deref() == Some(bob.id.as_str()) || e.actor == bob.id.as_str())
    );
    // WHEN it is read by type, before carol's link THEN only bob's link
    let links = list(AuditFilter {
        kind: Some("password_reset.link_sent".into()),
        to: Some(before_carol),
        ..Default::default()
    })
    .await;
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].target.as_deref(), Some(bob.id.as_str()));
    // WHEN it is read from the last hour THEN only carol's link (and what came with it)
    let recent = list(AuditFilter {
        from: Some(w.now()),
        ..Default::default()
    })
    .await;
    assert!(recent.iter().all(|e| e.at >= w.now()));
    assert!(
        recent
            .iter()
            .any(|e| e.target.as_deref() == Some(carol.id.as_str()))
    );
    // AND a failure filter finds none
    assert!(
        list(AuditFilter {
            outcome: Some("failure".into()),
            ..Default::default()
        })
        .await
        .is_empty()
    );
    // AND the settings change says what moved, from and to
    let changed = list(AuditFilter {
        kind: Some("settings.updated".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(
        changed[0].details["changed"],
        json!({"password_policy.min_length": {"from": 12, "to": 14}})
    );
}
