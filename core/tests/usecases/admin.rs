#[allow(unused_imports)]
use crate::world::*;
