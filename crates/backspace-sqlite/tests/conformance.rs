//! The store conformance suite of `backspace-core`, over an in-memory and a file database.

backspace_core::conformance_tests!(backspace_sqlite::SqliteStore::in_memory().expect("open"));

/// The same suite over a fresh temp file per test, removed when the test's store drops.
mod file {
    use backspace_core::{Result, Store, StoreTx};
    use backspace_sqlite::SqliteStore;

    /// A store over its own temp file.
    pub struct TempFileStore {
        store: Option<SqliteStore>,
        path: std::path::PathBuf,
    }

    impl TempFileStore {
        fn store(&self) -> &SqliteStore {
            self.store.as_ref().expect("store is open until drop")
        }
    }

    impl Store for TempFileStore {
        fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
            self.store().write(f)
        }
        fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
            self.store().read(f)
        }
    }

    impl Drop for TempFileStore {
        fn drop(&mut self) {
            drop(self.store.take());
            for suffix in ["", "-wal", "-shm"] {
                let mut p = self.path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(p);
            }
        }
    }

    /// A store over a new temp file.
    pub fn fresh() -> TempFileStore {
        let name = format!("backspace-conformance-{}.sqlite", uuid::Uuid::new_v4());
        let path = std::env::temp_dir().join(name);
        let store = SqliteStore::open(&path).expect("open");
        TempFileStore {
            store: Some(store),
            path,
        }
    }

    backspace_core::conformance_tests!(fresh());
}

/// The suite once more over a store that aborts every write once before letting it commit, as
/// a server database aborts a transaction for serialization: each operation must run again from
/// scratch and do exactly what it does the first time (the store port's retry contract).
mod retried {
    use backspace_core::{Error, Result, Store, StoreTx};
    use backspace_sqlite::SqliteStore;

    /// Runs each write twice: the first attempt rolled back, the second committed.
    pub struct AbortsOnce(SqliteStore);

    impl Store for AbortsOnce {
        fn write<T>(&self, f: impl Fn(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
            let aborted = self.0.write(|tx| {
                let _ = f(tx);
                Err::<(), _>(Error::Storage {
                    message: "could not serialize access (simulated)".into(),
                    retryable: true,
                    source: None,
                })
            });
            assert!(aborted.is_err());
            self.0.write(f)
        }
        fn read<T>(&self, f: impl FnOnce(&mut dyn StoreTx) -> Result<T>) -> Result<T> {
            self.0.read(f)
        }
    }

    pub fn fresh() -> AbortsOnce {
        AbortsOnce(SqliteStore::in_memory().expect("open"))
    }

    backspace_core::conformance_tests!(fresh());
}
