//! The store conformance suite of `backspace-core`, unchanged, over PostgreSQL: each case gets
//! a fresh schema with one branch on the server of `BACKSPACE_PG_URL`.

backspace_core::conformance_tests!(backspace_postgres::testing::fresh_store());
