//! An admin over another account (`Accounts`): its sessions, its sign-in
//! lock and its deletion, each under the admin target rules (same tenant,
//! owners only by owners, never the caller, the permission first), and the
//! record view with the lock and the last sign-in.

use latchkey_core::domain::permissions::Actor;
use latchkey_core::domain::{
    Permission, ResetPurpose, Role, TenantId, User, UserId, sign_in_account_key,
};
use latchkey_core::ports::{Committer, SessionLister, UserReader, Write};
use latchkey_core::usecases::admin::NewUser;
use latchkey_core::usecases::reset::issue_reset_token;
use latchkey_core::usecases::sessions::SignedIn;
use latchkey_core::usecases::{AppError, RequestMeta};
use secrecy::SecretString;

use crate::world::*;

const ADMIN_IP: &str = "203.0.113.7";
const GUESSER: &str = "203.0.113.66";
const HOME: &str = "192.0.2.1";

fn meta() -> RequestMeta {
    from_ip(ADMIN_IP)
}

/// GIVEN an owner (no second factor: none of these actions asks for one).
async fn owner(w: &World, name: &str) -> User {
    w.create(w.account(name).role(Role::Owner)).await
}

/// GIVEN an admin with exactly `perms`.
async fn admin(w: &World, name: &str, perms: &[Permission]) -> User {
    w.create(w.account(name).role(Role::Admin).permissions(perms))
        .await
}

/// An admin of another tenant with every permission.
fn foreign_admin(w: &World) -> User {
    let mut u = w.account("mallory").role(Role::Admin).user;
    u.tenant_id = TenantId::parse("globex").unwrap();
    u.permissions = [Permission::UsersRead, Permission::UsersManage].into();
    u
}

async fn sign_in(w: &World, username: &str) -> SignedIn {
    w.sign_in()
        .execute(
            &w.tenant,
            username,
            secret(PASSWORD),
            None,
            &from_ip("192.0.2.1"),
        )
        .await
        .expect("signed in")
}

async fn works(w: &World, token: &SecretString) -> bool {
    w.authenticate().execute(token).await.is_ok()
}

/// Ten wrong guesses at `username` from ten addresses: with the tenant's
/// ceiling at 10, the account locks for everyone.
async fn lock(w: &World, username: &str) {
    for i in 1..=10 {
        let r = w
            .sign_in()
            .execute(
                &w.tenant,
                username,
                secret("wrong guess"),
                None,
                &from_ip(&format!("198.51.100.{i}")),
            )
            .await;
        assert!(r.is_err());
    }
}

/// A tenant whose accounts lock after 10 failures (3 per address).
async fn lockable() -> World {
    World::with_settings(|s| {
        s.limits.lockout_threshold = 3;
        s.limits.account_failure_ceiling = 10;
    })
    .await
}

/// The actions of `Accounts` that change another account.
#[derive(Clone, Copy, Debug)]
enum Change {
    RevokeSessions,
    LiftLock,
    Delete,
}

async fn run(w: &World, change: Change, actor: &User, id: &UserId) -> Result<(), AppError> {
    let (a, actor) = (w.accounts(), Actor::User(actor));
    match change {
        Change::RevokeSessions => a.revoke_sessions(&actor, &w.tenant, id, &meta()).await,
        Change::LiftLock => a.lift_lock(&actor, &w.tenant, id, &meta()).await,
        Change::Delete => a.delete(&actor, &w.tenant, id, &meta()).await,
    }
}

/// Each refusal the admin target rules give for `change`, and the two
/// allowed cases: an owner on another owner, an admin on a user.
async fn target_rules_hold(change: Change) {
    let w = World::new().await;
    let boss = owner(&w, "olivia").await;
    let other_owner = owner(&w, "oscar").await;
    let ada = admin(&w, "ada", &[Permission::UsersRead, Permission::UsersManage]).await;
    let without = admin(
        &w,
        "wanda",
        &[Permission::UsersRead, Permission::PasswordsReset],
    )
    .await;
    let stronger = admin(&w, "sam", &[Permission::UsersManage, Permission::AuditRead]).await;
    let alice = w.user_named("alice").await;
    let cases: Vec<(&str, User, UserId, AppError)> = vec![
        (
            "admin on self",
            ada.clone(),
            ada.id.clone(),
            AppError::SelfTarget,
        ),
        (
            "owner on self",
            boss.clone(),
            boss.id.clone(),
            AppError::SelfTarget,
        ),
        (
            "admin on owner",
            ada.clone(),
            boss.id.clone(),
            AppError::Forbidden,
        ),
        (
            "admin on a stronger admin",
            ada.clone(),
            stronger.id.clone(),
            AppError::Forbidden,
        ),
        (
            "without users.manage",
            without.clone(),
            alice.id.clone(),
            AppError::Forbidden,
        ),
        (
            "without users.manage, unknown id",
            without,
            UserId::generate(),
            AppError::Forbidden,
        ),
        (
            "other tenant",
            foreign_admin(&w),
            alice.id.clone(),
            AppError::NotFound,
        ),
        (
            "unknown id",
            ada.clone(),
            UserId::generate(),
            AppError::NotFound,
        ),
    ];
    for (case, actor, target, want) in cases {
        // WHEN the action is asked THEN it is refused as the rules say
        let got = run(&w, change, &actor, &target).await;
        assert_eq!(
            format!("{got:?}"),
            format!("{:?}", Err::<(), _>(want)),
            "{change:?}: {case}"
        );
    }
    // AND nothing was done (only refusals so far)
    assert!(w.audit().is_empty(), "{:?}", w.audit());
    assert!(w.user(&boss.id).await.id == boss.id && w.user(&ada.id).await.id == ada.id);
    // AND an owner acts on another owner, an admin on a user
    run(&w, change, &boss, &other_owner.id).await.unwrap();
    run(&w, change, &ada, &alice.id).await.unwrap();
    assert_eq!(w.audit().len(), 2);
}

// ---- sessions ----

#[tokio::test]
async fn an_admin_sees_a_users_live_sessions_and_the_look_is_audited() {
    // GIVEN alice signed in twice (one signed out since), and an admin
    // who may read users
    let w = World::new().await;
    let ada = admin(&w, "ada", &[Permission::UsersRead]).await;
    let alice = w.user_named("alice").await;
    let first = sign_in(&w, "alice").await;
    w.advance(5);
    let second = sign_in(&w, "alice").await;
    let gone = sign_in(&w, "alice").await;
    let out = w.authenticate().execute(&gone.token).await.unwrap();
    w.sign_out().execute(&out, &meta()).await.unwrap();
    // WHEN the admin lists them
    let list = w
        .accounts()
        .sessions(&Actor::User(&ada), &w.tenant, &alice.id, None, &meta())
        .await
        .unwrap();
    // THEN her two live ones, newest first, neither the admin's own
    let ids: Vec<_> = list.iter().map(|s| s.id.clone()).collect();
    assert_eq!(ids, [second.session.id.clone(), first.session.id.clone()]);
    assert!(list.iter().all(|s| !s.current));
    assert_eq!(list[0].ip.as_deref(), Some("192.0.2.1"));
    // AND who looked is on record
    let events = w.audited("sessions.listed");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, ada.id.as_str());
    assert_eq!(events[0].target.as_deref(), Some(alice.id.as_str()));
    assert_eq!(events[0].details["count"], 2);
}

#[tokio::test]
async fn an_admin_reading_its_own_sessions_sees_its_current_one_marked() {
    // GIVEN an owner signed in WHEN it lists its own sessions through the
    // admin route, naming its session
    let w = World::new().await;
    let boss = owner(&w, "olivia").await;
    let signed = sign_in(&w, "olivia").await;
    let list = w
        .accounts()
        .sessions(
            &Actor::User(&boss),
            &w.tenant,
            &boss.id,
            Some(&signed.session.id),
            &meta(),
        )
        .await
        .unwrap();
    // THEN reading is allowed on oneself, and the session is the current one
    assert_eq!(list.len(), 1);
    assert!(list[0].current);
}

#[tokio::test]
async fn listing_a_users_sessions_needs_users_read_in_the_same_tenant() {
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let boss = owner(&w, "olivia").await;
    let without = admin(&w, "wanda", &[Permission::UsersManage]).await;
    let list = |actor: User, id: UserId| {
        let w = &w;
        async move {
            w.accounts()
                .sessions(&Actor::User(&actor), &w.tenant, &id, None, &meta())
                .await
                .map(|_| ())
        }
    };
    // GIVEN an admin without users.read THEN forbidden, whatever the id
    for id in [alice.id.clone(), UserId::generate()] {
        assert!(matches!(
            list(without.clone(), id).await,
            Err(AppError::Forbidden)
        ));
    }
    // GIVEN another tenant's admin, or an unknown id THEN not found
    assert!(matches!(
        list(foreign_admin(&w), alice.id.clone()).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        list(boss.clone(), UserId::generate()).await,
        Err(AppError::NotFound)
    ));
    // GIVEN support THEN forbidden (it acts on passwords only)
    let r = w
        .accounts()
        .sessions(&Actor::Support, &w.tenant, &alice.id, None, &meta())
        .await;
    assert!(matches!(r, Err(AppError::Forbidden)));
    // AND nothing was looked at
    assert!(w.audited("sessions.listed").is_empty());
}

#[tokio::test]
async fn an_admin_ends_every_session_of_a_user() {
    // GIVEN alice signed in twice, bob once, and an admin who manages users
    let w = World::new().await;
    let ada = admin(&w, "ada", &[Permission::UsersManage]).await;
    let alice = w.user_named("alice").await;
    w.user_named("bob").await;
    let hers = [sign_in(&w, "alice").await, sign_in(&w, "alice").await];
    let his = sign_in(&w, "bob").await;
    // WHEN the admin ends alice's sessions
    w.accounts()
        .revoke_sessions(&Actor::User(&ada), &w.tenant, &alice.id, &meta())
        .await
        .unwrap();
    // THEN hers are signed out and gone, bob's is not
    for s in &hers {
        assert!(!works(&w, &s.token).await);
    }
    assert!(
        w.store
            .list_sessions(&w.tenant, &alice.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(works(&w, &his.token).await);
    // AND her password still works: a new sign-in opens a session
    assert!(works(&w, &sign_in(&w, "alice").await.token).await);
    // AND it is audited with the admin as actor
    let events = w.audited("sessions.revoked");
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.actor.as_str(), e.target.as_deref(), e.ip.as_deref()),
        (ada.id.as_str(), Some(alice.id.as_str()), Some(ADMIN_IP))
    );
    assert_eq!(e.details["scope"], "all");
    assert_eq!(e.details["count"], 2);
}

#[tokio::test]
async fn ending_a_users_sessions_follows_the_admin_target_rules() {
    target_rules_hold(Change::RevokeSessions).await;
}

#[tokio::test]
async fn an_admin_never_ends_its_own_sessions_through_the_admin_route() {
    // GIVEN an owner signed in WHEN it asks to end its own sessions as an admin
    let w = World::new().await;
    let boss = owner(&w, "olivia").await;
    let signed = sign_in(&w, "olivia").await;
    let r = w
        .accounts()
        .revoke_sessions(&Actor::User(&boss), &w.tenant, &boss.id, &meta())
        .await;
    // THEN refused as a self-target, and its session still works
    assert!(matches!(r, Err(AppError::SelfTarget)));
    assert!(works(&w, &signed.token).await);
    assert!(w.audited("sessions.revoked").is_empty());
}

// ---- the record view and the lock ----

#[tokio::test]
async fn the_record_view_shows_the_last_sign_in_and_the_lock_until_it_ends() {
    // GIVEN alice signed in at 0, bob never, and then alice locked by guesses
    let w = lockable().await;
    let alice = w.user_named("alice").await;
    let bob = w.user_named("bob").await;
    sign_in(&w, "alice").await;
    w.advance(50);
    lock(&w, "alice").await;
    let lock_seconds = 86_400; // the default account_lock_seconds
    // WHEN an admin reads both records
    let views = w
        .accounts()
        .views(vec![w.user(&alice.id).await, w.user(&bob.id).await])
        .await
        .unwrap();
    // THEN alice's says when she last signed in and until when she is
    // locked; bob's says neither
    assert_eq!(views[0].user.id, alice.id);
    assert_eq!(views[0].user.last_sign_in_at, Some(at(0)));
    assert_eq!(views[0].locked_until, Some(at(50 + lock_seconds)));
    assert_eq!(views[1].user.id, bob.id);
    assert_eq!(
        (views[1].user.last_sign_in_at, views[1].locked_until),
        (None, None)
    );
    // WHEN the lock has run out THEN the view shows none
    w.advance(lock_seconds);
    let views = w
        .accounts()
        .views(vec![w.user(&alice.id).await])
        .await
        .unwrap();
    assert_eq!(views[0].locked_until, None);
}

#[tokio::test]
async fn an_admin_lifts_a_users_lock_and_the_guessers_address_stays_locked() {
    // GIVEN alice locked by guesses: three from one address (which locks
    // that address for her name), then one from each of seven more
    let w = lockable().await;
    let ada = admin(&w, "ada", &[Permission::UsersManage]).await;
    let alice = w.user_named("alice").await;
    let attempt = |ip: &'static str, password: &'static str| {
        let w = &w;
        async move {
            w.sign_in()
                .execute(&w.tenant, "alice", secret(password), None, &from_ip(ip))
                .await
                .map(|_| ())
        }
    };
    for _ in 0..3 {
        assert!(attempt(GUESSER, "wrong guess").await.is_err());
    }
    for i in 1..=7 {
        let ip = format!("198.51.100.{i}");
        let r = w
            .sign_in()
            .execute(
                &w.tenant,
                "alice",
                secret("wrong guess"),
                None,
                &from_ip(&ip),
            )
            .await;
        assert!(r.is_err());
    }
    assert!(matches!(
        attempt(HOME, PASSWORD).await,
        Err(AppError::TooManyAttempts { .. })
    ));
    // WHEN the admin lifts the lock
    w.accounts()
        .lift_lock(&Actor::User(&ada), &w.tenant, &alice.id, &meta())
        .await
        .unwrap();
    // THEN her record shows none and she signs in from home
    let view = w
        .accounts()
        .views(vec![w.user(&alice.id).await])
        .await
        .unwrap();
    assert_eq!(view[0].locked_until, None);
    assert!(attempt(HOME, PASSWORD).await.is_ok());
    // AND the guesser's address is still locked, even with her password
    assert!(matches!(
        attempt(GUESSER, PASSWORD).await,
        Err(AppError::TooManyAttempts { .. })
    ));
    // AND it is audited as an unlock by the admin, saying it was locked
    let events = w.audited("account.unlocked");
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.actor.as_str(), e.target.as_deref()),
        (ada.id.as_str(), Some(alice.id.as_str()))
    );
    assert_eq!(e.details["was_locked"], true);
    assert_eq!(e.details["by"], "admin");
}

#[tokio::test]
async fn lifting_a_lock_on_an_unlocked_account_is_audited_as_such() {
    // GIVEN alice, not locked WHEN an owner lifts her lock
    let w = World::new().await;
    let boss = owner(&w, "olivia").await;
    let alice = w.user_named("alice").await;
    w.accounts()
        .lift_lock(&Actor::User(&boss), &w.tenant, &alice.id, &meta())
        .await
        .unwrap();
    // THEN it is recorded as lifting nothing
    let events = w.audited("account.unlocked");
    assert_eq!(events[0].details["was_locked"], false);
}

#[tokio::test]
async fn lifting_a_lock_follows_the_admin_target_rules() {
    target_rules_hold(Change::LiftLock).await;
}

// ---- deletion ----

#[tokio::test]
async fn a_deleted_user_is_gone_with_its_sessions_links_and_name_and_its_audit_stays() {
    // GIVEN alice signed in, with a live reset link, recovery codes, a lock
    // on her name, and events on record; and an admin
    let w = lockable().await;
    let ada = admin(&w, "ada", &[Permission::UsersManage]).await;
    let alice = w
        .create(
            w.account("Alice")
                .with(|u| u.recovery_codes = vec!["h1".into(), "h2".into()]),
        )
        .await;
    let signed = sign_in(&w, "alice").await;
    let mut holder = w.user(&alice.id).await;
    let (link, record) =
        issue_reset_token(&mut holder, w.now(), 3600, ResetPurpose::AdminLink, "t");
    w.store
        .commit(vec![Write::PutResetToken(record), Write::SaveUser(holder)])
        .await
        .unwrap();
    assert!(w.confirm_reset().inspect(&w.tenant, &link).await.is_ok());
    lock(&w, "alice").await;
    let before = w.audit().len();
    // WHEN the admin deletes her
    w.accounts()
        .delete(&Actor::User(&ada), &w.tenant, &alice.id, &meta())
        .await
        .unwrap();
    // THEN the account is gone, by id and by name
    assert!(
        w.store
            .get_user(&w.tenant, &alice.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        w.store
            .find_by_username(&w.tenant, "alice")
            .await
            .unwrap()
            .is_none()
    );
    // AND her session no longer works and is gone from her list
    assert!(!works(&w, &signed.token).await);
    assert!(
        w.store
            .list_sessions(&w.tenant, &alice.id)
            .await
            .unwrap()
            .is_empty()
    );
    // AND her link no longer works
    assert!(w.confirm_reset().inspect(&w.tenant, &link).await.is_err());
    // AND the audit kept every event and says who deleted whom
    let audit = w.audit();
    assert_eq!(audit.len(), before + 1);
    let e = audit.last().unwrap();
    assert_eq!(e.kind, "user.deleted");
    assert_eq!(
        (e.actor.as_str(), e.target.as_deref()),
        (ada.id.as_str(), Some(alice.id.as_str()))
    );
    assert_eq!(e.details["username"], "Alice");
    // WHEN a new account takes the name
    let new = w
        .users()
        .create(
            &Actor::User(&ada),
            &w.tenant,
            NewUser {
                username: "alice".into(),
                email: None,
                role: Role::User,
                permissions: Default::default(),
                source: Default::default(),
                can_change_password: None,
                send_activation: false,
                locale: None,
            },
            &meta(),
        )
        .await
        .expect("the name is free again");
    // THEN it is another account, without the old one's lock
    assert_ne!(new.id, alice.id);
    let view = w.accounts().views(vec![new]).await.unwrap();
    assert_eq!(view[0].locked_until, None);
    let key = sign_in_account_key(&w.tenant, "alice");
    use latchkey_core::ports::Counters;
    assert!(w.store.read_counters(&[key], None).await.unwrap().counters[0].is_none());
}

#[tokio::test]
async fn deleting_a_user_follows_the_admin_target_rules() {
    target_rules_hold(Change::Delete).await;
}

#[tokio::test]
async fn an_owner_is_deleted_only_by_another_owner_and_support_deletes_nobody() {
    // GIVEN two owners and an admin who manages users
    let w = World::new().await;
    let boss = owner(&w, "olivia").await;
    let other = owner(&w, "oscar").await;
    let ada = admin(&w, "ada", &[Permission::UsersRead, Permission::UsersManage]).await;
    // WHEN support deletes anyone THEN forbidden
    let r = w
        .accounts()
        .delete(&Actor::Support, &w.tenant, &ada.id, &meta())
        .await;
    assert!(matches!(r, Err(AppError::Forbidden)));
    // WHEN the admin deletes an owner THEN forbidden; the owner stays
    let r = run(&w, Change::Delete, &ada, &other.id).await;
    assert!(matches!(r, Err(AppError::Forbidden)));
    assert!(
        w.store
            .get_user(&w.tenant, &other.id)
            .await
            .unwrap()
            .is_some()
    );
    // WHEN an owner deletes the other THEN it is gone; the deleting owner stays
    run(&w, Change::Delete, &boss, &other.id).await.unwrap();
    assert!(
        w.store
            .get_user(&w.tenant, &other.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        w.store
            .get_user(&w.tenant, &boss.id)
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(w.audited("user.deleted").len(), 1);
}
