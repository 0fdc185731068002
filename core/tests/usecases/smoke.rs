use crate::world::*;

#[tokio::test]
async fn the_world_signs_a_user_in() {
    // GIVEN alice with a password WHEN she signs in THEN her session authenticates
    let w = World::new().await;
    let alice = w.user_named("alice").await;
    let (_, auth) = w.session_of("alice", PASSWORD).await;
    assert_eq!(auth.user.id, alice.id);
}
