//! The expiry index on both stores: due accounts are found by one query per
//! (tenant, day) shard, never a scan; every password change, reset and set
//! moves an account in it; a tenant is listed while its passwords expire;
//! reminders go out once per (account, reminder) even from passes at once.

use secrecy::SecretString;
use std::sync::Arc;

use latchkey_shared::domain::permissions::Actor;
use latchkey_shared::domain::{DUMMY_HASH, MailKind, Role, Status, TenantId, User, expiry};
use latchkey_shared::ports::{Clock, Write};
use latchkey_shared::usecases::RequestMeta;
use latchkey_shared::usecases::account::ChangePassword;
use latchkey_shared::usecases::admin::AdminReset;
use latchkey_shared::usecases::expiry::ExpiryReminders;
use latchkey_shared::usecases::sessions::{Authenticate, SignIn};
use latchkey_tests::capacity::CapacityMeter;
use latchkey_tests::{AnyStore, Mode, dynamo_store_recorded, table_name, test_now, unique};

use crate::conformance::{NoBreaches, OLD_PASSWORD, World};

/// A world on a table of its own whose DynamoDB client records its calls'
/// actions (the memory store has none to record).
async fn world(mode: Mode) -> (World, Option<CapacityMeter>) {
    let (any, dynamo) = match mode {
        Mode::Memory => (AnyStore::new(mode).await, None),
        Mode::Dynamo => {
            let table = format!("{}-{}", table_name(), unique("exp"));
            let (store, meter) = dynamo_store_recorded(&table).await;
            (AnyStore::Dynamo(Arc::new(store)), Some(meter))
        }
    };
    let mut w = World::on(any).await;
    w.tenant.settings.password_max_age_days = Some(30);
    w.tenant.settings.expiry_reminder_days = vec![14, 3, 1];
    w.store
        .commit(vec![Write::PutTenant(w.tenant.clone())])
        .await
        .unwrap();
    (w, dynamo)
}

/// An active account whose password was set `days_ago` days before now
/// (a hash nobody signs in with: these accounts are only looked up).
fn set_days_ago(w: &World, name: &str, days_ago: i64) -> User {
    let mut u = w.user(name, Status::Active);
    u.password_hash = Some(DUMMY_HASH.to_owned());
    u.password_changed_at = Some(w.clock.now() - time::Duration::days(days_ago));
    u
}

async fn ids_on(w: &World, tenant: &TenantId, day: time::Date, limit: usize) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = w
            .store
            .passwords_set_on(tenant, day, cursor.as_deref(), limit)
            .await
            .unwrap();
        assert!(page.items.len() <= limit);
        ids.extend(page.items.into_iter().map(|u| u.id.to_string()));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => return ids,
        }
    }
}

pub async fn due_accounts_are_found_through_the_index(mode: Mode) {
    // GIVEN 9 accounts whose password was set 16 days ago (14 days left of
    // 30) and 30 set on other days, a disabled one and one whose owner may
    // not change it
    let (w, dynamo) = world(mode).await;
    let mut due: Vec<String> = Vec::new();
    let mut writes = Vec::new();
    for i in 0..9 {
        let u = set_days_ago(&w, &format!("due{i}"), 16);
        due.push(u.id.to_string());
        writes.push(Write::CreateUser(u));
    }
    for i in 0..30 {
        writes.push(Write::CreateUser(set_days_ago(
            &w,
            &format!("other{i}"),
            i % 15,
        )));
    }
    let mut disabled = set_days_ago(&w, "disabled", 16);
    disabled.status = Status::Disabled;
    let mut fixed = set_days_ago(&w, "fixed", 16);
    fixed.can_change_password = false;
    writes.extend([Write::CreateUser(disabled), Write::CreateUser(fixed)]);
    for unit in writes.chunks(10) {
        w.store.commit(unit.to_vec()).await.unwrap();
    }
    due.sort();
    let day = expiry::set_day_of_expiry(w.clock.now().date(), 14, 30).unwrap();
    assert_eq!(day, (w.clock.now() - time::Duration::days(16)).date());
    if let Some(d) = &dynamo {
        d.take_recorded();
    }
    let trips = dynamo.as_ref().map(|d| d.requests());
    // WHEN the tenant's accounts set that day are read in one page
    let mut found = ids_on(&w, &w.tenant.id, day, 100).await;
    found.sort();
    // THEN they are exactly the due ones
    assert_eq!(found, due);
    if let (Some(d), Some(before)) = (&dynamo, trips) {
        // AND DynamoDB answered from the index: a query per shard and one
        // batch read of the accounts, whatever the tenant's other accounts
        let actions = d.take_recorded();
        assert_eq!(
            actions.into_iter().collect::<Vec<_>>(),
            ["dynamodb:BatchGetItem", "dynamodb:Query:gsi2"]
        );
        assert_eq!(d.requests() - before, 4 + 1);
    }
    // AND read two at a time, each comes once
    let mut paged = ids_on(&w, &w.tenant.id, day, 2).await;
    paged.sort();
    assert_eq!(paged, due);
    // AND the tenant is listed as one whose passwords expire
    let tenants = w.store.expiring_tenants(None, 100).await.unwrap();
    assert!(tenants.items.contains(&w.tenant.id));
}

pub async fn the_index_follows_every_password_change(mode: Mode) {
    let (w, _) = world(mode).await;
    let meta = RequestMeta::default();
    let day_of = |at: time::OffsetDateTime| at.date();
    let on = |day: time::Date| {
        let w = &w;
        async move { ids_on(w, &w.tenant.id, day, 100).await }
    };
    // GIVEN alice, whose password was set now, and an owner who sets passwords
    let alice = w.user("alice", Status::Active);
    let alice = User {
        password_changed_at: Some(w.clock.now()),
        ..alice
    };
    let mut owner = w.user("olivia", Status::Active);
    owner.role = Role::Owner;
    owner.mfa_enabled = true;
    w.store
        .commit(vec![
            Write::CreateUser(alice.clone()),
            Write::CreateUser(owner.clone()),
        ])
        .await
        .unwrap();
    let first = day_of(w.clock.now());
    assert!(on(first).await.contains(&alice.id.to_string()));
    // WHEN she changes it two days later THEN she moves to that day
    w.clock.advance(time::Duration::days(2));
    let signed = SignIn {
        tenants: &*w.store,
        users: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        &w.tenant.id,
        "alice",
        SecretString::from(OLD_PASSWORD),
        None,
        &meta,
    )
    .await
    .unwrap();
    let auth = Authenticate {
        sessions: &*w.store,
        users: &*w.store,
        tenants: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
    }
    .execute(&signed.token)
    .await
    .unwrap();
    ChangePassword {
        breached: &NoBreaches,
        tenants: &*w.store,
        counters: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .execute(
        &auth,
        SecretString::from(OLD_PASSWORD),
        SecretString::from("Changed-Password-Walnut-2"),
        &meta,
    )
    .await
    .unwrap();
    let second = day_of(w.clock.now());
    assert!(!on(first).await.contains(&alice.id.to_string()));
    assert!(on(second).await.contains(&alice.id.to_string()));
    // WHEN a reset link sets it on the next day THEN she moves again
    w.clock.advance(time::Duration::days(1));
    let token = w
        .issue(
            &w.store
                .get_user(&w.tenant.id, &alice.id)
                .await
                .unwrap()
                .unwrap(),
            latchkey_shared::domain::ResetPurpose::SelfService,
        )
        .await;
    w.confirm()
        .confirm(
            &w.tenant.id,
            &token,
            SecretString::from("Reset-Password-Chestnut-3"),
            &meta,
        )
        .await
        .unwrap();
    let third = day_of(w.clock.now());
    assert!(!on(second).await.contains(&alice.id.to_string()));
    assert!(on(third).await.contains(&alice.id.to_string()));
    // WHEN the owner sets one the day after THEN again
    w.clock.advance(time::Duration::days(1));
    AdminReset {
        breached: &NoBreaches,
        tenants: &*w.store,
        users: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    }
    .set_password(
        &Actor::User(&owner),
        &w.tenant.id,
        &alice.id,
        SecretString::from("Set-Password-Hazelnut-4"),
        true,
        false,
        &[],
        &meta,
    )
    .await
    .unwrap();
    let fourth = day_of(w.clock.now());
    assert!(!on(third).await.contains(&alice.id.to_string()));
    assert!(on(fourth).await.contains(&alice.id.to_string()));
    // WHEN she is disabled THEN she leaves the index
    let mut stored = w
        .store
        .get_user(&w.tenant.id, &alice.id)
        .await
        .unwrap()
        .unwrap();
    stored.status = Status::Disabled;
    w.store.commit(vec![Write::SaveUser(stored)]).await.unwrap();
    assert!(!on(fourth).await.contains(&alice.id.to_string()));
    // AND a tenant leaves the tenant list when its passwords stop expiring
    let mut tenant = w.tenant.clone();
    tenant.settings.password_max_age_days = None;
    w.store
        .commit(vec![Write::PutTenant(tenant)])
        .await
        .unwrap();
    let listed = w.store.expiring_tenants(None, 100).await.unwrap();
    assert!(!listed.items.contains(&w.tenant.id));
}

pub async fn reminders_go_out_once_from_passes_at_once(mode: Mode) {
    // GIVEN three accounts 14 days from expiry
    let (w, _) = world(mode).await;
    let mut to = Vec::new();
    for name in ["ann", "ben", "cat"] {
        let u = set_days_ago(&w, name, 16);
        to.push(u.email.clone().unwrap());
        w.store.commit(vec![Write::CreateUser(u)]).await.unwrap();
    }
    let reminders = || ExpiryReminders {
        tenants: &*w.store,
        index: &*w.store,
        users: &*w.store,
        committer: &*w.store,
        clock: &*w.clock,
        links: &w.links,
    };
    // WHEN two passes run at once, then a third the same day
    let (first, second) = (reminders(), reminders());
    let (a, b) = tokio::join!(first.run(), second.run());
    let sent = a.unwrap().sent + b.unwrap().sent;
    assert_eq!(reminders().run().await.unwrap().sent, 0);
    // THEN each account got its reminder once
    assert_eq!(sent, 3);
    let queued: Vec<_> = w
        .store
        .pending(100)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| {
            i.email.tenant_id == w.tenant.id && i.email.kind == MailKind::PasswordExpiryReminder
        })
        .collect();
    let mut got: Vec<String> = queued.iter().map(|i| i.email.to.clone()).collect();
    got.sort();
    to.sort();
    assert_eq!(got, to);
    assert!(
        queued
            .iter()
            .all(|i| i.email.text.contains("/t/") && i.email.created_at == test_now())
    );
}

macro_rules! expiry_suite {
    ($module:ident, $mode:expr) => {
        mod $module {
            use super::*;
            #[tokio::test]
            async fn due_accounts_are_found_through_the_index() {
                super::due_accounts_are_found_through_the_index($mode).await
            }
            #[tokio::test]
            async fn the_index_follows_every_password_change() {
                super::the_index_follows_every_password_change($mode).await
            }
            #[tokio::test]
            async fn reminders_go_out_once_from_passes_at_once() {
                super::reminders_go_out_once_from_passes_at_once($mode).await
            }
        }
    };
}

expiry_suite!(memory, Mode::Memory);
expiry_suite!(dynamodb, Mode::Dynamo);
