//! Store conformance for the sessions a person can see (issue 25): a user's
//! list of sessions, their recorded use, the recorded sign-in and the
//! deletion of a user, the same on the memory store and on DynamoDB (moto).

use secrecy::SecretString;
use std::collections::BTreeSet;

use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::domain::{
    Role, Session, SessionId, Status, User, normalize_identifier, rfc3339,
};
use latchkey_shared::ports::{Clock, StoreError, Write};
use latchkey_shared::usecases::AppError;
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::admin::Accounts;
use latchkey_shared::usecases::my_sessions::MySessions;
use latchkey_shared::usecases::sessions::{Authenticate, Authenticated};
use latchkey_tests::Mode;

use crate::conformance::World;

impl World {
    /// A session of `user` issued now, stored (`id`: with one; else as a
    /// session from before ids).
    async fn put_session(&self, user: &User, id: bool) -> (SecretString, Session) {
        let (token, mut session) =
            Session::issue(user, self.clock.now(), 3600, Some("192.0.2.9".into()), None);
        if !id {
            session.id = SessionId::default();
        }
        self.store
            .commit(vec![Write::PutSession(session.clone())])
            .await
            .unwrap();
        (token, session)
    }

    async fn ids(&self, user: &User) -> BTreeSet<SessionId> {
        self.store
            .list_sessions(&self.tenant.id, &user.id)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect()
    }

    fn authenticate(&self) -> Authenticate<'_> {
        Authenticate {
            sessions: &*self.store,
            users: &*self.store,
            tenants: &*self.store,
            committer: &*self.store,
            clock: &*self.clock,
        }
    }

    fn accounts(&self) -> Accounts<'_> {
        Accounts {
            tenants: &*self.store,
            users: &*self.store,
            sessions: &*self.store,
            counters: &*self.store,
            committer: &*self.store,
            clock: &*self.clock,
        }
    }

    async fn owner(&self, username: &str) -> User {
        let mut owner = self.user(username, Status::Active);
        owner.role = Role::Owner;
        self.store
            .commit(vec![Write::CreateUser(owner.clone())])
            .await
            .unwrap();
        self.fresh(&owner).await
    }
}

pub async fn a_users_sessions_are_listed_with_their_recorded_use(mode: Mode) {
    // GIVEN alice with two sessions and one from before sessions had ids,
    // and bob with one
    let w = World::new(mode).await;
    let alice = w.add_user("alice", Status::Active).await;
    let bob = w.add_user("bob", Status::Active).await;
    let (_, first) = w.put_session(&alice, true).await;
    let (_, second) = w.put_session(&alice, true).await;
    let (_, legacy) = w.put_session(&alice, false).await;
    let (_, his) = w.put_session(&bob, true).await;
    // THEN each user's list holds exactly their sessions with ids
    assert_eq!(
        w.ids(&alice).await,
        [first.id.clone(), second.id.clone()].into()
    );
    assert_eq!(w.ids(&bob).await, [his.id.clone()].into());
    // AND a listed session is the one stored, and the legacy one is still
    // found by its token's hash
    let listed = w
        .store
        .list_sessions(&w.tenant.id, &alice.id)
        .await
        .unwrap();
    assert!(listed.contains(&first) && listed.contains(&second));
    assert_eq!(
        w.store.get_session(&legacy.hash).await.unwrap(),
        Some(legacy.clone())
    );
    // WHEN a use of the first is recorded
    let used = w.clock.now() + time::Duration::seconds(61);
    w.store
        .commit(vec![Write::TouchSession {
            hash: first.hash.clone(),
            at: used,
        }])
        .await
        .unwrap();
    // THEN reading it by hash and listing it both show the use
    let read = w.store.get_session(&first.hash).await.unwrap().unwrap();
    assert_eq!(read.last_used_at, Some(used));
    let listed = w
        .store
        .list_sessions(&w.tenant.id, &alice.id)
        .await
        .unwrap();
    let again = listed.iter().find(|s| s.id == first.id).unwrap();
    assert_eq!(again.last_used_at, Some(used));
    // WHEN the session is stored again at a new generation (a password
    // change keeps the caller's session) THEN it keeps its recorded use
    let mut moved = read.clone();
    moved.cred_gen += 1;
    w.store
        .commit(vec![Write::PutSession(moved.clone())])
        .await
        .unwrap();
    assert_eq!(
        w.store.get_session(&first.hash).await.unwrap(),
        Some(moved.clone())
    );
    assert_eq!(
        w.ids(&alice).await,
        [first.id.clone(), second.id.clone()].into()
    );
    // WHEN sessions are deleted THEN they are gone by hash and from the list
    w.store
        .commit(vec![
            Write::DeleteSession(moved),
            Write::DeleteSession(legacy.clone()),
        ])
        .await
        .unwrap();
    assert!(w.store.get_session(&first.hash).await.unwrap().is_none());
    assert!(w.store.get_session(&legacy.hash).await.unwrap().is_none());
    assert_eq!(w.ids(&alice).await, [second.id.clone()].into());
    assert_eq!(w.ids(&bob).await, [his.id].into());
}

pub async fn recording_the_use_of_something_gone_conflicts_and_creates_nothing(mode: Mode) {
    // GIVEN a session deleted, and a user id nobody has
    let w = World::new(mode).await;
    let alice = w.add_user("alice", Status::Active).await;
    let (_, session) = w.put_session(&alice, true).await;
    w.store
        .commit(vec![Write::DeleteSession(session.clone())])
        .await
        .unwrap();
    let ghost = w.user("ghost", Status::Active);
    // WHEN a use of the session, or a sign-in of the nobody, is recorded
    let touch = w
        .store
        .commit(vec![Write::TouchSession {
            hash: session.hash.clone(),
            at: w.clock.now(),
        }])
        .await;
    let record = w
        .store
        .commit(vec![Write::RecordSignIn {
            tenant: w.tenant.id.clone(),
            user_id: ghost.id.clone(),
            at: w.clock.now(),
        }])
        .await;
    // THEN both conflict, and neither item appears
    assert!(matches!(touch, Err(StoreError::Conflict(_))), "{touch:?}");
    assert!(matches!(record, Err(StoreError::Conflict(_))), "{record:?}");
    assert!(w.store.get_session(&session.hash).await.unwrap().is_none());
    assert!(
        w.store
            .get_user(&w.tenant.id, &ghost.id)
            .await
            .unwrap()
            .is_none()
    );
}

pub async fn a_recorded_sign_in_keeps_the_version_and_a_save_carries_it(mode: Mode) {
    // GIVEN alice
    let w = World::new(mode).await;
    let alice = w.add_user("alice", Status::Active).await;
    // WHEN her sign-in is recorded
    let at = w.clock.now();
    w.store
        .commit(vec![Write::RecordSignIn {
            tenant: w.tenant.id.clone(),
            user_id: alice.id.clone(),
            at,
        }])
        .await
        .unwrap();
    // THEN it is read back, and her version did not move
    let read = w.fresh(&alice).await;
    assert_eq!(read.last_sign_in_at, Some(at));
    assert_eq!(read.version, alice.version);
    // AND a save from a read after it keeps it
    let mut fresh = read.clone();
    fresh.must_change_password = true;
    w.store.commit(vec![Write::SaveUser(fresh)]).await.unwrap();
    let saved = w.fresh(&alice).await;
    assert_eq!(saved.last_sign_in_at, Some(at));
    assert!(saved.must_change_password);
    assert_eq!(saved.version, alice.version + 1);
    // AND a sign-in recorded after that read does not make it stale: an
    // admin's change never conflicts with a sign-in (the save writes back
    // the sign-in it read, on both stores alike)
    let later = at + time::Duration::seconds(30);
    w.store
        .commit(vec![Write::RecordSignIn {
            tenant: w.tenant.id.clone(),
            user_id: alice.id.clone(),
            at: later,
        }])
        .await
        .unwrap();
    let mut admin_change = saved.clone();
    admin_change.must_change_password = false;
    w.store
        .commit(vec![Write::SaveUser(admin_change)])
        .await
        .unwrap();
    let after = w.fresh(&alice).await;
    assert!(!after.must_change_password);
    assert_eq!(after.last_sign_in_at, Some(at));
}

pub async fn a_deleted_user_frees_its_username_and_leaves_no_entry(mode: Mode) {
    // GIVEN alice, with an email, and a save of her since
    let w = World::new(mode).await;
    let alice = w.add_user("Alice", Status::Active).await;
    let email = alice.email.clone().unwrap();
    let mut changed = alice.clone();
    changed.must_change_password = true;
    w.store
        .commit(vec![Write::SaveUser(changed)])
        .await
        .unwrap();
    // WHEN a delete from the read before that save is committed
    let r = w.store.commit(vec![Write::DeleteUser(alice.clone())]).await;
    // THEN it conflicts and she is still there
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    let current = w.fresh(&alice).await;
    // WHEN a delete from a fresh read is committed
    w.store
        .commit(vec![Write::DeleteUser(current)])
        .await
        .unwrap();
    // THEN she is gone by id, name, email and search
    let t = &w.tenant.id;
    assert!(w.store.get_user(t, &alice.id).await.unwrap().is_none());
    assert!(
        w.store
            .find_by_username(t, "alice")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        w.store
            .find_by_email(t, &normalize_identifier(&email), 10)
            .await
            .unwrap()
            .is_empty()
    );
    for q in ["", "ali", "alice@"] {
        let page = w.store.search_users(t, q, None, 100).await.unwrap();
        assert!(page.items.is_empty(), "{q}: {:?}", page.items);
    }
    // AND a new account takes her name (in any case)
    let next = w.user("aLICE", Status::Active);
    w.store
        .commit(vec![Write::CreateUser(next.clone())])
        .await
        .unwrap();
    let found = w.store.find_by_username(t, "alice").await.unwrap().unwrap();
    assert_eq!(found.id, next.id);
    let page = w.store.search_users(t, "alice", None, 100).await.unwrap();
    assert_eq!(
        page.items.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        [next.id]
    );
}

pub async fn deleting_a_user_ends_its_sessions_and_keeps_the_audit(mode: Mode) {
    // GIVEN an owner and alice, signed in, with a session in use
    let w = World::new(mode).await;
    let boss = w.owner("olivia").await;
    let alice = w.add_user("alice", Status::Active).await;
    let signed = w.sign_in("alice").await;
    w.clock.advance(time::Duration::seconds(60));
    let auth = w.authenticate().execute(&signed.token).await.unwrap();
    assert_eq!(auth.session.last_used_at, Some(w.clock.now()));
    // WHEN the owner deletes her
    w.accounts()
        .delete(
            &Actor::User(&boss),
            &w.tenant.id,
            &alice.id,
            &RequestMeta::default(),
        )
        .await
        .unwrap();
    // THEN her session neither works nor is stored or listed
    assert!(matches!(
        w.authenticate().execute(&signed.token).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(
        w.store
            .get_session(&signed.session.hash)
            .await
            .unwrap()
            .is_none()
    );
    assert!(w.ids(&alice).await.is_empty());
    // AND the audit holds her sign-in and her deletion
    let page = w
        .store
        .list_audit(&w.tenant.id, w.clock.now(), None, 100)
        .await
        .unwrap();
    let kinds: Vec<(&str, Option<&str>)> = page
        .items
        .iter()
        .map(|e| (e.kind.as_str(), e.target.as_deref()))
        .collect();
    assert!(kinds.contains(&("user.deleted", Some(alice.id.as_str()))));
    assert!(kinds.contains(&("sign_in", Some(alice.id.as_str()))));
}

pub async fn signing_out_elsewhere_ends_more_sessions_than_one_transaction_holds(mode: Mode) {
    // GIVEN alice signed in here and in 45 other places: more sessions than
    // one unit ends (each is two items on DynamoDB, at most 100 a unit)
    let w = World::isolated(mode).await;
    let alice = w.add_user("alice", Status::Active).await;
    let here = w.sign_in("alice").await;
    let mut others = Vec::new();
    for _ in 0..45 {
        others.push(w.put_session(&alice, true).await.0);
    }
    let me: Authenticated = w.authenticate().execute(&here.token).await.unwrap();
    let mine = MySessions {
        tenants: &*w.store,
        sessions: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
    };
    let list = mine.list(&me).await.unwrap();
    assert_eq!(list.len(), 46);
    let current: Vec<_> = list.iter().filter(|s| s.current).collect();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, here.session.id);
    assert_eq!(current[0].created_at, here.session.created_at);
    assert!(rfc3339(current[0].last_used_at).ends_with('Z'));
    // WHEN she signs out everywhere else
    mine.revoke_others(&me, &RequestMeta::default())
        .await
        .unwrap();
    // THEN only her session is left, and it works
    assert_eq!(w.ids(&alice).await, [here.session.id.clone()].into());
    for token in &others {
        assert!(w.authenticate().execute(token).await.is_err());
    }
    assert!(w.authenticate().execute(&here.token).await.is_ok());
}

pub async fn a_lock_shows_on_the_record_until_an_admin_lifts_it(mode: Mode) {
    use latchkey_shared::domain::{CounterChange, CounterState, sign_in_account_key};
    // GIVEN an owner, alice signed in, then locked for an hour, and bob
    let w = World::new(mode).await;
    let boss = w.owner("olivia").await;
    let alice = w.add_user("alice", Status::Active).await;
    let bob = w.add_user("bob", Status::Active).await;
    w.sign_in("alice").await;
    let signed_in_at = w.clock.now();
    let until = signed_in_at + time::Duration::hours(1);
    w.store
        .commit(vec![Write::Counter {
            key: sign_in_account_key(&w.tenant.id, "alice"),
            change: CounterChange::Set {
                state: CounterState {
                    count: 100,
                    locked_until: Some(until),
                    expires_at: Some(until),
                },
                version: None,
            },
        }])
        .await
        .unwrap();
    // WHEN their records are read
    let records = vec![w.fresh(&alice).await, w.fresh(&bob).await];
    let views = w.accounts().views(records).await.unwrap();
    // THEN alice's shows her lock and her sign-in, bob's neither
    assert_eq!(views[0].locked_until, Some(until));
    assert_eq!(views[0].user.last_sign_in_at, Some(signed_in_at));
    assert_eq!(
        (views[1].locked_until, views[1].user.last_sign_in_at),
        (None, None)
    );
    // WHEN the owner lifts her lock THEN her record shows none
    w.accounts()
        .lift_lock(
            &Actor::User(&boss),
            &w.tenant.id,
            &alice.id,
            &RequestMeta::default(),
        )
        .await
        .unwrap();
    let views = w
        .accounts()
        .views(vec![w.fresh(&alice).await])
        .await
        .unwrap();
    assert_eq!(views[0].locked_until, None);
}

macro_rules! sessions_conformance {
    ($module:ident, $mode:expr) => {
        mod $module {
            use super::*;
            #[tokio::test]
            async fn a_users_sessions_are_listed_with_their_recorded_use() {
                super::a_users_sessions_are_listed_with_their_recorded_use($mode).await
            }
            #[tokio::test]
            async fn recording_the_use_of_something_gone_conflicts_and_creates_nothing() {
                super::recording_the_use_of_something_gone_conflicts_and_creates_nothing($mode)
                    .await
            }
            #[tokio::test]
            async fn a_recorded_sign_in_keeps_the_version_and_a_save_carries_it() {
                super::a_recorded_sign_in_keeps_the_version_and_a_save_carries_it($mode).await
            }
            #[tokio::test]
            async fn a_deleted_user_frees_its_username_and_leaves_no_entry() {
                super::a_deleted_user_frees_its_username_and_leaves_no_entry($mode).await
            }
            #[tokio::test]
            async fn deleting_a_user_ends_its_sessions_and_keeps_the_audit() {
                super::deleting_a_user_ends_its_sessions_and_keeps_the_audit($mode).await
            }
            #[tokio::test]
            async fn a_lock_shows_on_the_record_until_an_admin_lifts_it() {
                super::a_lock_shows_on_the_record_until_an_admin_lifts_it($mode).await
            }
            #[tokio::test]
            async fn signing_out_elsewhere_ends_more_sessions_than_one_transaction_holds() {
                super::signing_out_elsewhere_ends_more_sessions_than_one_transaction_holds($mode)
                    .await
            }
        }
    };
}

sessions_conformance!(memory, Mode::Memory);
sessions_conformance!(dynamodb, Mode::Dynamo);
