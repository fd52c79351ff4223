//! Overlapping sessions in files written before R-SESS-7: found and listed, never rewritten.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::clock::{END_OF_TIME, START_OF_TIME};
use crate::error::Result;
use crate::model::{Session, SessionOverlap, Shared};
use crate::staff::Permission;
use crate::store::Store;

impl<S: Store> Backspace<S> {
    /// Pairs of sessions of one resource or one customer whose times overlap (R-SESS-7), a
    /// running session reaching to now. Backspace refuses such sessions since 0.2; a file
    /// written before may hold some. Each overlapping session is paired with the earlier session
    /// it overlaps, by resource first, then by customer; an empty list means none.
    pub fn session_overlaps(&self) -> Result<Vec<SessionOverlap>> {
        self.read_at_as(Permission::Reports, "session_overlaps", |tx, now| {
            let sessions = tx.sessions_between(START_OF_TIME, END_OF_TIME)?;
            let mut found = sweep(&sessions, now, Shared::Resource, |s| s.resource_id);
            found.extend(sweep(&sessions, now, Shared::Customer, |s| s.customer_id));
            Ok(found)
        })
    }
}

/// Walks `sessions` (by start) per key, pairing each with the one of longest reach before it.
fn sweep(
    sessions: &[Session],
    now: DateTime<Utc>,
    shared: Shared,
    key: impl Fn(&Session) -> Uuid,
) -> Vec<SessionOverlap> {
    let mut reach: HashMap<Uuid, (DateTime<Utc>, Uuid)> = HashMap::new();
    let mut found = Vec::new();
    for s in sessions {
        let end = s.ended_at.unwrap_or(now.max(s.started_at));
        match reach.get_mut(&key(s)) {
            Some((until, by)) => {
                if s.started_at < *until {
                    found.push(SessionOverlap {
                        first: *by,
                        second: s.id,
                        shared,
                    });
                }
                if end > *until {
                    (*until, *by) = (end, s.id);
                }
            }
            None => {
                reach.insert(key(s), (end, s.id));
            }
        }
    }
    found
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::Duration;

    use crate::testkit::{Fx, t};
    use crate::{MemoryStore, Session, SessionOverlap, Shared, Store};

    /// A session as a file written before R-SESS-7 could hold it.
    fn raw(fx: &Fx<MemoryStore>, c: uuid::Uuid, r: uuid::Uuid, h: (u32, u32)) -> Session {
        let s = Session {
            id: crate::new_id(),
            customer_id: c,
            resource_id: r,
            started_at: t(h.0, 0),
            ended_at: Some(t(h.1, 0)),
            rate_per_hour: rust_decimal::Decimal::new(3000, 2),
            is_active: false,
            duration_minutes: None,
            billed_minutes: None,
            amount: None,
            subscription_id: None,
            invoice_id: None,
            reservation_id: None,
        };
        fx.bs.store().write(|tx| tx.insert_session(&s)).unwrap();
        s
    }

    #[test]
    fn r_sess_7_overlaps_in_old_files_are_listed() {
        let fx = Fx::new(MemoryStore::new());
        let (a, b) = (
            fx.customer("A", "01000000001"),
            fx.customer("B", "01000000002"),
        );
        let (s1, s2) = (fx.seat("Seat 1", "30"), fx.seat("Seat 2", "30"));
        let long = raw(&fx, a.id, s1.id, (8, 12));
        let inside = raw(&fx, b.id, s1.id, (9, 10));
        let after = raw(&fx, b.id, s1.id, (11, 13));
        let elsewhere = raw(&fx, a.id, s2.id, (11, 14));
        let clean = raw(&fx, b.id, s2.id, (15, 16));
        let found = fx.bs.session_overlaps().unwrap();
        let pair = |first: &Session, second: &Session, shared| SessionOverlap {
            first: first.id,
            second: second.id,
            shared,
        };
        assert_eq!(
            found,
            [
                pair(&long, &inside, Shared::Resource),
                pair(&long, &after, Shared::Resource),
                pair(&long, &elsewhere, Shared::Customer),
            ]
        );
        assert!(!found.iter().any(|o| o.second == clean.id));
        // A running session reaches to now (20:00 on the test clock).
        let running = fx.bs.at(t(17, 0)).start_session(a.id, s2.id).unwrap();
        let late = raw(&fx, b.id, s2.id, (18, 19));
        let found = fx
            .bs
            .at(t(20, 0) + Duration::minutes(1))
            .session_overlaps()
            .unwrap();
        assert!(
            found.contains(&pair(&running, &late, Shared::Resource)),
            "{found:?}"
        );
    }
}
