//! `Store` for [`PostgresStore`]: desks of one branch take turns on writes (a session advisory
//! lock per branch, like SQLite's write lock), and each write runs in a `SERIALIZABLE`
//! transaction, so desks of different branches also behave as if they had taken turns (what the
//! core's checks assume, R-TIME-4). When the
//! server aborts one for a concurrent transaction (serialization failure, deadlock) or the
//! connection drops before the commit was sent, the store rolls back, waits a little and runs
//! the operation again: callers never see those. Reads run in `REPEATABLE READ READ ONLY`
//! transactions: one snapshot, never a write.

use std::collections::HashMap;
use std::sync::MutexGuard;
use std::time::Duration;

use backspace_core::{Error, Result, Store, StoreTx};
use postgres::{Client, IsolationLevel, NoTls, Statement};

use crate::PostgresStore;
use crate::db::{Db, count};
use crate::error::{Db as _, is_connection_lost, is_serialization, storage};
use crate::tx::PgTx;

/// How many times an operation runs before a retryable failure is handed to the caller.
const MAX_ATTEMPTS: u32 = 60;

/// The first key of the branches' write-turn advisory locks (the second is the branch id).
const TURN_LOCK: i32 = 0x4273_7063; // "Bspc"

/// One connection and the statements prepared on it.
pub(crate) struct Conn {
    pub(crate) client: Client,
    pub(crate) statements: HashMap<&'static str, Statement>,
}

impl Conn {
    pub(crate) fn connect(config: &postgres::Config) -> Result<Conn> {
        count();
        let client = config.connect(NoTls).db()?;
        Ok(Conn {
            client,
            statements: HashMap::new(),
        })
    }
}

/// What one attempt came to.
enum Attempt<T> {
    Done(Result<T>),
    Again(Error),
}

/// A short, growing, jittered pause before attempt `attempt + 1`: serialization failures clear
/// in milliseconds; a restarting server takes seconds.
fn pause(attempt: u32, connection_lost: bool) {
    let jitter = u64::from(uuid::Uuid::new_v4().as_bytes()[0]);
    let ms = if connection_lost {
        250 + jitter
    } else {
        (1u64 << attempt.min(5)) + jitter % 8
    };
    std::thread::sleep(Duration::from_millis(ms));
}

impl PostgresStore {
    fn lock(&self) -> MutexGuard<'_, Option<Conn>> {
        // A panic inside an operation dropped its transaction (rolled back); the connection is
        // dropped too, so the next call starts on a fresh one.
        self.conn.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            *guard = None;
            self.conn.clear_poison();
            guard
        })
    }

    fn connected<'g>(&self, slot: &'g mut Option<Conn>) -> Result<&'g mut Conn> {
        if slot.as_ref().is_some_and(|c| c.client.is_closed()) {
            *slot = None;
        }
        if slot.is_none() {
            *slot = Some(Conn::connect(&self.config)?);
        }
        slot.as_mut()
            .ok_or_else(|| Error::storage("no connection to PostgreSQL"))
    }

    fn attempt<T>(
        &self,
        slot: &mut Option<Conn>,
        isolation: IsolationLevel,
        read_only: bool,
        f: &mut dyn FnMut(&mut PgTx<'_, '_>) -> Result<T>,
    ) -> Attempt<T> {
        let conn = match self.connected(slot) {
            Ok(conn) => conn,
            Err(e) if e.is_retryable() => return Attempt::Again(e),
            Err(e) => return Attempt::Done(Err(e)),
        };
        // Desks of one branch take turns on its writes (they meet on its counters and trail
        // anyway): a session lock per branch, taken before the transaction begins so that its
        // snapshot is taken after the turn comes. Serializable isolation still guards what
        // branches share (a customer, the chain's counter). The lock and `BEGIN` go in one round
        // trip, as do `COMMIT` and the unlock: the turn lasts no longer than the work.
        let turn = (!read_only).then_some(self.scope.branch).flatten();
        let outcome = Self::attempt_on(conn, &self.scope, isolation, read_only, turn, f);
        if conn.client.is_closed() {
            // The server restarted or the network dropped: the next attempt reconnects.
            *slot = None;
        }
        match outcome {
            Ok(attempt) => attempt,
            Err(lost) => {
                // The turn could not be released: the lock goes with the session.
                *slot = None;
                lost
            }
        }
    }

    /// One run of `f` in a transaction on `conn`. `Err` when the connection must be dropped to
    /// release the branch's turn.
    fn attempt_on<T>(
        conn: &mut Conn,
        scope: &crate::db::Scope,
        isolation: IsolationLevel,
        read_only: bool,
        turn: Option<i32>,
        f: &mut dyn FnMut(&mut PgTx<'_, '_>) -> Result<T>,
    ) -> std::result::Result<Attempt<T>, Attempt<T>> {
        let level = match isolation {
            IsolationLevel::Serializable => "SERIALIZABLE",
            IsolationLevel::RepeatableRead => "REPEATABLE READ",
            _ => "READ COMMITTED",
        };
        let mode = if read_only { "READ ONLY" } else { "READ WRITE" };
        let begin = format!("BEGIN ISOLATION LEVEL {level}, {mode}");
        // The lock in a transaction of its own, so that the snapshot comes after the turn.
        let lock =
            turn.map(|b| format!("BEGIN; SELECT pg_advisory_lock({TURN_LOCK}, {b}); COMMIT;"));
        let unlock = turn.map(|b| format!("SELECT pg_advisory_unlock({TURN_LOCK}, {b});"));
        count();
        let started = conn
            .client
            .batch_execute(&format!("{}{begin}", lock.as_deref().unwrap_or("")));
        match started {
            Ok(()) => {}
            // A server that restarted: the next attempt reconnects.
            Err(e) if is_connection_lost(&e) => return Err(Attempt::Again(storage(e))),
            // The lock was taken and `BEGIN` failed (it does not, short of a lost connection),
            // or the lock itself failed: either way the session lets go of it.
            Err(e) => return Err(Attempt::Done(Err(storage(e)))),
        }
        let out = f(&mut PgTx::new(Db::new(
            &mut conn.client,
            &mut conn.statements,
            scope,
        )));
        // Ends the transaction with `end`, then lets the branch's turn go, in one round trip.
        let mut finish = |end: &str| -> std::result::Result<(), postgres::Error> {
            count();
            conn.client
                .batch_execute(&format!("{end};{}", unlock.as_deref().unwrap_or("")))
        };
        match out {
            Ok(value) if read_only => match finish("ROLLBACK") {
                Ok(()) => Ok(Attempt::Done(Ok(value))),
                // The answer is read; a session that cannot end its snapshot is dropped.
                Err(_) => Err(Attempt::Done(Ok(value))),
            },
            Ok(value) => match finish("COMMIT") {
                Ok(()) => Ok(Attempt::Done(Ok(value))),
                Err(e) if is_connection_lost(&e) => Err(Attempt::Done(Err(Error::storage_from(
                    "the connection to PostgreSQL was lost while committing: the operation \
                         may or may not have been saved; look before doing it again",
                    false,
                    e,
                )))),
                Err(e) => {
                    // A failed COMMIT ended the transaction (rolled back); the unlock after it
                    // in the same round trip did not run.
                    let attempt = if is_serialization(&e) {
                        Attempt::Again(storage(e))
                    } else {
                        Attempt::Done(Err(storage(e)))
                    };
                    let released = match &unlock {
                        Some(unlock) => {
                            count();
                            conn.client.batch_execute(unlock).is_ok()
                        }
                        None => true,
                    };
                    if released { Ok(attempt) } else { Err(attempt) }
                }
            },
            Err(e) => {
                let ended = finish("ROLLBACK");
                let attempt = if e.is_retryable() {
                    Attempt::Again(e)
                } else {
                    Attempt::Done(Err(e))
                };
                match ended {
                    Ok(()) => Ok(attempt),
                    Err(_) => Err(attempt),
                }
            }
        }
    }

    fn run<T>(
        &self,
        isolation: IsolationLevel,
        read_only: bool,
        f: &mut dyn FnMut(&mut PgTx<'_, '_>) -> Result<T>,
    ) -> Result<T> {
        let mut slot = self.lock();
        let mut attempt = 0;
        loop {
            attempt += 1;
            match self.attempt(&mut slot, isolation, read_only, f) {
                Attempt::Done(result) => return result,
                Attempt::Again(e) if attempt >= MAX_ATTEMPTS => return Err(e),
                Attempt::Again(_) => pause(attempt, slot.is_none()),
            }
        }
    }
}

impl PostgresStore {
    /// A write with this store's own transaction type (for what goes beyond `StoreTx`).
    pub(crate) fn write_pg<T>(&self, f: impl Fn(&mut PgTx<'_, '_>) -> Result<T>) -> Result<T> {
        self.run(IsolationLevel::Serializable, false, &mut |tx| f(tx))
    }
}

impl Store for PostgresStore {
    fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        self.run(IsolationLevel::Serializable, false, &mut |tx| f(tx))
    }

    fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
        // A read runs again only when its connection was lost before it returned anything.
        let mut f = Some(f);
        self.run(
            IsolationLevel::RepeatableRead,
            true,
            &mut |tx| match f.take() {
                Some(f) => f(&mut backspace_core::read_only::ReadOnly(tx)),
                None => Err(Error::storage(
                    "the connection to PostgreSQL was lost during a read",
                )),
            },
        )
    }
}
