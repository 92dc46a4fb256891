//! What a running fake holds, shared by every request: its configuration,
//! the record store, the sessions and the tokens issued, the pending faults,
//! the seeded generator and the counters; with the lock and the clock they
//! are read through, and who the session check found a request to be from.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::config::FakeConfig;
use crate::faults::{Fault, Faults};
use crate::records;

/// The state every handler gets from the router.
pub(crate) type AppState = Arc<Shared>;

pub(crate) struct Shared {
    pub(crate) config: FakeConfig,
    pub(crate) db: Mutex<Db>,
    pub(crate) sessions: Mutex<HashMap<String, SessionInfo>>,
    pub(crate) issued: Mutex<Vec<String>>,
    pub(crate) faults: Mutex<Faults>,
    pub(crate) rng: Mutex<fastrand::Rng>,
    pub(crate) counters: Counters,
}

impl Shared {
    /// A fake seeded with `config.records` archival objects, ids from 1.
    pub(crate) fn new(config: FakeConfig) -> Shared {
        let now = records::iso8601(unix_now());
        let records: BTreeMap<i64, String> = (1..=i64::try_from(config.records)
            .unwrap_or(i64::MAX))
            .map(|id| {
                let record = records::archival_object(config.seed, id, &now);
                (id, record.to_string())
            })
            .collect();
        let next_id = records.keys().next_back().copied().unwrap_or(0) + 1;
        Shared {
            rng: Mutex::new(fastrand::Rng::with_seed(config.seed)),
            config,
            db: Mutex::new(Db { records, next_id }),
            sessions: Mutex::new(HashMap::new()),
            issued: Mutex::new(Vec::new()),
            faults: Mutex::new(Faults::default()),
            counters: Counters::default(),
        }
    }

    /// The delay and the fault for one request; logins are spared unless
    /// the configuration says otherwise.
    pub(crate) fn take_fault(&self, is_login: bool) -> (Duration, Option<Fault>) {
        if is_login && !self.config.faults_affect_login {
            return (Duration::ZERO, None);
        }
        lock(&self.faults).take(|| lock(&self.rng).f64())
    }

    pub(crate) fn new_token(&self) -> String {
        let mut rng = lock(&self.rng);
        (0..64)
            .map(|_| char::from(b"0123456789abcdef"[rng.usize(..16)]))
            .collect()
    }
}

/// The records, each kept as the JSON text it is served as: listings are
/// then a concatenation of stored texts rather than a clone and a
/// serialization of every record, so that the fake keeps up with a client
/// harvesting tens of thousands of records a second (the benchmarks run it
/// on the same cores as the clients they measure).
pub(crate) struct Db {
    pub(crate) records: BTreeMap<i64, String>,
    pub(crate) next_id: i64,
}

impl Db {
    pub(crate) fn insert(&mut self, id: i64, record: &Value) {
        self.records.insert(id, record.to_string());
    }

    pub(crate) fn get(&self, id: i64) -> Option<Value> {
        let text = self.records.get(&id)?;
        // Every stored text was written from a `Value`.
        serde_json::from_str(text).ok()
    }
}

pub(crate) struct SessionInfo {
    pub(crate) created: Instant,
    pub(crate) requests: u64,
}

/// Who a request is from, as decided by the session check.
#[derive(Clone)]
pub(crate) enum Caller {
    Anonymous,
    User,
}

#[derive(Default)]
pub(crate) struct Counters {
    pub(crate) logins: AtomicU64,
    pub(crate) failed_logins: AtomicU64,
    pub(crate) password_in_url: AtomicU64,
    pub(crate) requests: AtomicU64,
    pub(crate) injected_faults: AtomicU64,
    pub(crate) session_rejections: AtomicU64,
    pub(crate) in_flight: AtomicU64,
    pub(crate) max_in_flight: AtomicU64,
    pub(crate) updates: AtomicU64,
    pub(crate) conflicts: AtomicU64,
}

pub(crate) fn bump(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// Locks a mutex, carrying on if a panicking handler poisoned it: every
/// critical section leaves the data consistent.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The wall clock in seconds, for the records' timestamps.
pub(crate) fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}
