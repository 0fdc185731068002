//! The sessions a person can see and end (`MySessions`), and what
//! authenticating a request records of its session: its last use (at most
//! once a minute) and the tenant's idle timeout.

use async_trait::async_trait;
use latchkey_core::domain::{Session, SessionId, TokenHash, rfc3339};
use latchkey_core::ports::{Committer, SessionLister, SessionReader, StoreError, Write};
use latchkey_core::usecases::sessions::{Authenticate, Authenticated, SignedIn};
use latchkey_core::usecases::{AppError, RequestMeta};
use secrecy::SecretString;
use serde_json::json;

use crate::world::*;

const FIREFOX_WINDOWS: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const HOME: &str = "198.51.100.7";
const PHONE: &str = "203.0.113.20";

/// `username` signs in with [`PASSWORD`] from `ip` with the browser `ua`.
async fn sign_in_from(w: &World, username: &str, ip: &str, ua: Option<&str>) -> SignedIn {
    let meta = RequestMeta {
        ip: Some(ip.to_owned()),
        user_agent: ua.map(str::to_owned),
        ..Default::default()
    };
    w.sign_in()
        .execute(&w.tenant, username, secret(PASSWORD), None, &meta)
        .await
        .expect("signed in")
}

async fn auth(w: &World, token: &SecretString) -> Result<Authenticated, AppError> {
    w.authenticate().execute(token).await
}

/// The session as stored now (`None`: gone).
async fn stored(w: &World, signed: &SignedIn) -> Option<Session> {
    w.store.get_session(&signed.session.hash).await.unwrap()
}

fn ids(list: &[latchkey_core::usecases::my_sessions::SessionView]) -> Vec<SessionId> {
    list.iter().map(|s| s.id.clone()).collect()
}

#[tokio::test]
async fn a_person_sees_their_live_sessions_newest_first_with_their_own_marked() {
    // GIVEN alice signed in at home with Firefox, then 10 s later on her
    // phone; and bob signed in too
    let w = World::new().await;
    w.user_named("alice").await;
    w.user_named("bob").await;
    let home = sign_in_from(&w, "alice", HOME, Some(FIREFOX_WINDOWS)).await;
    w.advance(10);
    let phone = sign_in_from(&w, "alice", PHONE, Some(SAFARI_IPHONE)).await;
    sign_in_from(&w, "bob", HOME, None).await;
    // WHEN she lists her sessions from home
    let me = auth(&w, &home.token).await.unwrap();
    let list = w.my_sessions().list(&me).await.unwrap();
    // THEN both of hers, newest first, home marked as the current one, each
    // with its address and a summary of its browser
    assert_eq!(list.len(), 2, "{list:?}");
    assert_eq!(
        ids(&list),
        [phone.session.id.clone(), home.session.id.clone()]
    );
    assert_eq!(
        serde_json::to_value(&list).unwrap(),
        json!([
            {
                "id": phone.session.id,
                "created_at": rfc3339(at(10)),
                "last_used_at": rfc3339(at(10)),
                "ip": PHONE,
                "user_agent": "Safari on iOS",
                "current": false,
            },
            {
                "id": home.session.id,
                "created_at": rfc3339(at(0)),
                "last_used_at": rfc3339(at(0)),
                "ip": HOME,
                "user_agent": "Firefox on Windows",
                "current": true,
            },
        ])
    );
    // AND no id is a token or the hash of one
    for s in &list {
        use secrecy::ExposeSecret;
        assert_ne!(s.id.as_str(), home.token.expose_secret());
        assert_ne!(s.id.as_str(), home.session.hash.as_str());
        assert_ne!(s.id.as_str(), phone.session.hash.as_str());
    }
}

#[tokio::test]
async fn a_sessions_use_is_recorded_at_most_once_a_minute() {
    // GIVEN alice signed in at 0
    let w = World::new().await;
    w.user_named("alice").await;
    let signed = sign_in_from(&w, "alice", HOME, None).await;
    // WHEN she makes requests at 30 s THEN no use is written
    w.advance(30);
    auth(&w, &signed.token).await.unwrap();
    assert_eq!(stored(&w, &signed).await.unwrap().last_used_at, None);
    // WHEN she makes one at 61 s THEN it is recorded, and the request sees it
    w.advance(31);
    let a = auth(&w, &signed.token).await.unwrap();
    assert_eq!(a.session.last_used_at, Some(at(61)));
    assert_eq!(
        stored(&w, &signed).await.unwrap().last_used_at,
        Some(at(61))
    );
    // WHEN she makes more within the next minute THEN nothing more is written
    for _ in 0..3 {
        w.advance(19);
        auth(&w, &signed.token).await.unwrap();
    }
    assert_eq!(
        stored(&w, &signed).await.unwrap().last_used_at,
        Some(at(61))
    );
    // WHEN a minute has passed since the last record (at 121 s) THEN the
    // use is recorded again, and her list shows it
    w.advance(3);
    let a = auth(&w, &signed.token).await.unwrap();
    assert_eq!(a.session.last_used_at, Some(at(121)));
    let list = w.my_sessions().list(&a).await.unwrap();
    assert_eq!(list[0].last_used_at, at(121));
    assert_eq!(list[0].created_at, at(0));
}

#[tokio::test]
async fn ended_sessions_are_not_listed() {
    // GIVEN alice with one session she keeps, one she signs out of, one
    // that expires, and a tenant whose sessions last an hour
    let w = World::with_settings(|s| s.session_ttl_seconds = 3600).await;
    w.user_named("alice").await;
    let old = sign_in_from(&w, "alice", HOME, None).await;
    w.advance(1800);
    let gone = sign_in_from(&w, "alice", HOME, None).await;
    let kept = sign_in_from(&w, "alice", PHONE, None).await;
    let out = auth(&w, &gone.token).await.unwrap();
    w.sign_out().execute(&out, &from_ip(HOME)).await.unwrap();
    // WHEN the first outlives its hour
    w.advance(1801);
    let me = auth(&w, &kept.token).await.unwrap();
    // THEN only the kept one is listed
    assert_eq!(
        ids(&w.my_sessions().list(&me).await.unwrap()),
        vec![kept.session.id.clone()]
    );
    assert!(auth(&w, &old.token).await.is_err());
}

#[tokio::test]
async fn a_person_ends_one_of_their_sessions_by_its_id() {
    // GIVEN alice signed in at home and on her phone
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let home = sign_in_from(&w, "alice", HOME, None).await;
    let phone = sign_in_from(&w, "alice", PHONE, None).await;
    let me = auth(&w, &home.token).await.unwrap();
    // WHEN she ends the phone's session from home
    w.my_sessions()
        .revoke(&me, phone.session.id.as_str(), &from_ip(HOME))
        .await
        .unwrap();
    // THEN the phone is signed out and gone from the list; home is not
    assert!(matches!(
        auth(&w, &phone.token).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(stored(&w, &phone).await.is_none());
    let me = auth(&w, &home.token).await.unwrap();
    assert_eq!(
        ids(&w.my_sessions().list(&me).await.unwrap()),
        vec![home.session.id.clone()]
    );
    // AND it is audited: who, which session, from where
    let events = w.audited("sessions.revoked");
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(
        (e.actor.as_str(), e.target.as_deref(), e.ip.as_deref()),
        (alice.id.as_str(), Some(alice.id.as_str()), Some(HOME))
    );
    assert_eq!(e.details["scope"], "one");
    assert_eq!(e.details["count"], 1);
    assert_eq!(e.details["session_id"], phone.session.id.as_str());
    // WHEN she ends the current one by its id THEN that signs her out
    w.my_sessions()
        .revoke(&me, home.session.id.as_str(), &from_ip(HOME))
        .await
        .unwrap();
    assert!(auth(&w, &home.token).await.is_err());
}

#[tokio::test]
async fn another_persons_session_or_an_unknown_id_is_not_found() {
    // GIVEN alice and bob signed in
    let w = World::new().await;
    w.user_named("alice").await;
    w.user_named("bob").await;
    let alice = sign_in_from(&w, "alice", HOME, None).await;
    let bob = sign_in_from(&w, "bob", PHONE, None).await;
    let me = auth(&w, &alice.token).await.unwrap();
    // WHEN alice asks to end bob's session by its id, an id nobody has, her
    // own session's hash, or an empty id
    for id in [
        bob.session.id.as_str(),
        SessionId::generate().as_str(),
        alice.session.hash.as_str(),
        "",
    ] {
        let r = w.my_sessions().revoke(&me, id, &from_ip(HOME)).await;
        // THEN each is not found
        assert!(matches!(r, Err(AppError::NotFound)), "{id}: {r:?}");
    }
    // AND bob's session still works, nothing was audited
    assert!(auth(&w, &bob.token).await.is_ok());
    assert!(w.audited("sessions.revoked").is_empty());
}

#[tokio::test]
async fn signing_out_everywhere_else_keeps_this_session() {
    // GIVEN alice with three sessions, and bob with one
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    w.user_named("bob").await;
    let here = sign_in_from(&w, "alice", HOME, None).await;
    let others = [
        sign_in_from(&w, "alice", PHONE, None).await,
        sign_in_from(&w, "alice", PHONE, None).await,
    ];
    let bob = sign_in_from(&w, "bob", PHONE, None).await;
    // WHEN she signs out everywhere but here
    let me = auth(&w, &here.token).await.unwrap();
    w.my_sessions()
        .revoke_others(&me, &from_ip(HOME))
        .await
        .unwrap();
    // THEN the others are signed out, this one and bob's are not
    for s in &others {
        assert!(auth(&w, &s.token).await.is_err());
    }
    assert!(auth(&w, &here.token).await.is_ok());
    assert!(auth(&w, &bob.token).await.is_ok());
    // AND it is audited with how many ended
    let events = w.audited("sessions.revoked");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].details["scope"], "others");
    assert_eq!(events[0].details["count"], 2);
    assert_eq!(events[0].target.as_deref(), Some(alice.id.as_str()));
}

#[tokio::test]
async fn signing_out_everywhere_else_ends_more_sessions_than_one_unit_holds() {
    // GIVEN alice signed in here and in 95 other places (more than two of
    // the units a store commits at once)
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let here = sign_in_from(&w, "alice", HOME, None).await;
    let mut tokens = Vec::new();
    for _ in 0..95 {
        let (token, session) = Session::issue(&alice, w.now(), 3600, None, None);
        w.store
            .commit(vec![Write::PutSession(session)])
            .await
            .unwrap();
        tokens.push(token);
    }
    // WHEN she signs out everywhere else
    let me = auth(&w, &here.token).await.unwrap();
    assert_eq!(w.my_sessions().list(&me).await.unwrap().len(), 96);
    w.my_sessions()
        .revoke_others(&me, &from_ip(HOME))
        .await
        .unwrap();
    // THEN every other session ended, hers did not, and one event says so
    for t in &tokens {
        assert!(auth(&w, t).await.is_err());
    }
    let left = w.store.list_sessions(&w.tenant, &alice.id).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, here.session.id);
    let events = w.audited("sessions.revoked");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].details["count"], 95);
}

#[tokio::test]
async fn with_nothing_else_to_end_signing_out_elsewhere_is_still_audited() {
    // GIVEN alice with this one session WHEN she signs out everywhere else
    let w = World::new().await;
    w.user_named("alice").await;
    let here = sign_in_from(&w, "alice", HOME, None).await;
    let me = auth(&w, &here.token).await.unwrap();
    w.my_sessions()
        .revoke_others(&me, &from_ip(HOME))
        .await
        .unwrap();
    // THEN hers still works and the request is on record, with nothing ended
    assert!(auth(&w, &here.token).await.is_ok());
    let events = w.audited("sessions.revoked");
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].details["count"], 0);
}

#[tokio::test]
async fn a_session_unused_past_the_idle_timeout_is_refused_like_an_expired_one() {
    // GIVEN a tenant whose sessions end after 10 minutes unused, and alice
    // signed in at 0
    let w = World::with_settings(|s| s.session_idle_timeout_seconds = Some(600)).await;
    w.user_named("alice").await;
    let signed = sign_in_from(&w, "alice", HOME, None).await;
    let other = sign_in_from(&w, "alice", PHONE, None).await;
    // WHEN she uses it every 9 minutes for an hour THEN it keeps working
    for _ in 0..7 {
        w.advance(540);
        assert!(auth(&w, &signed.token).await.is_ok());
    }
    // AND the session she left alone meanwhile is refused and no longer listed
    assert!(matches!(
        auth(&w, &other.token).await,
        Err(AppError::Unauthenticated)
    ));
    let me = auth(&w, &signed.token).await.unwrap();
    assert_eq!(
        ids(&w.my_sessions().list(&me).await.unwrap()),
        vec![signed.session.id.clone()]
    );
    // WHEN she then leaves it for 10 minutes THEN it is refused
    w.advance(600);
    assert!(matches!(
        auth(&w, &signed.token).await,
        Err(AppError::Unauthenticated)
    ));
}

#[tokio::test]
async fn the_idle_timeout_is_off_by_default_and_a_new_one_applies_to_open_sessions() {
    // GIVEN alice signed in on a tenant without an idle timeout
    let w = World::new().await;
    w.user_named("alice").await;
    let signed = sign_in_from(&w, "alice", HOME, None).await;
    // WHEN she comes back after 11 hours unused THEN it still works
    w.advance(11 * 3600);
    assert!(auth(&w, &signed.token).await.is_ok());
    // WHEN the owner sets a 5-minute timeout and she is away for 5 minutes
    w.set_settings(|s| s.session_idle_timeout_seconds = Some(300))
        .await;
    w.advance(300);
    // THEN her open session is refused
    assert!(auth(&w, &signed.token).await.is_err());
}

/// A session read before it was revoked: what a request that raced the
/// revocation saw.
struct ReadBefore(Session);

#[async_trait]
impl SessionReader for ReadBefore {
    async fn get_session(&self, _: &TokenHash) -> Result<Option<Session>, StoreError> {
        Ok(Some(self.0.clone()))
    }
}

#[tokio::test]
async fn a_session_revoked_between_its_read_and_the_record_of_its_use_is_refused() {
    // GIVEN alice's session read by a request a minute after sign-in, and
    // revoked before that request records its use
    let w = World::new().await;
    w.user_named("alice").await;
    let signed = sign_in_from(&w, "alice", HOME, None).await;
    let read = stored(&w, &signed).await.unwrap();
    w.store
        .commit(vec![Write::DeleteSession(read.clone())])
        .await
        .unwrap();
    w.advance(60);
    // WHEN the request authenticates with what it read
    let racing = ReadBefore(read);
    let r = Authenticate {
        sessions: &racing,
        users: &w.store,
        tenants: &w.store,
        committer: &w.store,
        clock: &w.clock,
    }
    .execute(&signed.token)
    .await;
    // THEN it is refused, and the session is not brought back
    assert!(matches!(r, Err(AppError::Unauthenticated)));
    assert!(stored(&w, &signed).await.is_none());
}

#[tokio::test]
async fn a_sign_in_records_when_it_happened_on_the_account() {
    // GIVEN alice WHEN she signs in at 0 and again at 100
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    assert_eq!(alice.last_sign_in_at, None);
    sign_in_from(&w, "alice", HOME, None).await;
    w.advance(100);
    let signed = sign_in_from(&w, "alice", HOME, None).await;
    // THEN her account says the last, without a new version
    let after = w.user(&alice.id).await;
    assert_eq!(after.last_sign_in_at, Some(at(100)));
    assert_eq!(after.version, alice.version);
    assert_eq!(signed.user.last_sign_in_at, Some(at(100)));
    // AND a failed attempt records nothing
    w.advance(100);
    let r = w
        .sign_in()
        .execute(&w.tenant, "alice", secret("wrong"), None, &from_ip(HOME))
        .await;
    assert!(r.is_err());
    assert_eq!(w.user(&alice.id).await.last_sign_in_at, Some(at(100)));
}
