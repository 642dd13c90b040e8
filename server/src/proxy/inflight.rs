//! Calls in flight: concurrent requests for one member share one upstream call.
//!
//! Each call runs on its own task, so a client that goes away takes nothing with it: the call
//! finishes, fills the cache, and removes itself from the table (a guard does it even if the task
//! panics). The table holds only calls in flight, so it stays small, and a look-up is one hash.

use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures::future::{BoxFuture, FutureExt, Shared};

use super::answer::Answer;
use crate::error::AppError;
use crate::member_query::MemberQuery;

/// What an upstream call came to.
#[derive(Debug, Clone)]
pub enum Fetched {
    /// An answer to pass on (points, not found, or an error in the API's shape).
    Answer(Arc<Answer>),
    /// No call was made: the upstream budget or the concurrency cap is spent for this long.
    Busy(Duration),
}

type Call = Shared<BoxFuture<'static, Fetched>>;

/// The table of calls in flight.
#[derive(Default)]
pub struct InFlight {
    calls: Mutex<HashMap<MemberQuery, (u64, Call)>>,
    next_id: AtomicU64,
}

impl InFlight {
    /// Joins the call in flight for `key`, or starts `call` on its own task.
    pub fn join_or_start<F>(self: &Arc<Self>, key: &MemberQuery, call: impl FnOnce() -> F) -> Call
    where
        F: Future<Output = Fetched> + Send + 'static,
    {
        let mut calls = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, running)) = calls.get(key) {
            return running.clone();
        }
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let done = Done {
            table: Arc::clone(self),
            key: key.clone(),
            id,
        };
        let call = call();
        let task = tokio::spawn(async move {
            let fetched = call.await;
            // Removed only once the call (and the cache write inside it) is over.
            drop(done);
            fetched
        });
        let shared = async move {
            task.await
                .unwrap_or_else(|_| Fetched::Answer(Arc::new(AppError::internal().into())))
        }
        .boxed()
        .shared();
        calls.insert(key.clone(), (id, shared.clone()));
        shared
    }

    /// Calls in flight now.
    pub fn len(&self) -> usize {
        self.calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Whether no call is in flight.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Removes its call from the table when dropped: when the call is over, or its task panicked or
/// was cancelled at shutdown.
struct Done {
    table: Arc<InFlight>,
    key: MemberQuery,
    id: u64,
}

impl Drop for Done {
    fn drop(&mut self) {
        let mut calls = self
            .table
            .calls
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if calls.get(&self.key).is_some_and(|(id, _)| *id == self.id) {
            calls.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Bytes;
    use axum::http::StatusCode;
    use loyalty_badge::{IdType, MemberId};

    use super::*;

    fn key(id: &str) -> MemberQuery {
        MemberQuery {
            member_id: MemberId::parse(id).unwrap(),
            id_type: IdType::Id,
        }
    }

    #[tokio::test]
    async fn an_abandoned_call_finishes_and_leaves_the_table() {
        let table = Arc::new(InFlight::default());
        let (release, released) = tokio::sync::oneshot::channel::<()>();
        let (finished, was_finished) = tokio::sync::oneshot::channel::<()>();
        let call = table.join_or_start(&key("16"), || async move {
            let _ = released.await;
            let _ = finished.send(());
            Fetched::Answer(Arc::new(Answer::ok(
                StatusCode::OK,
                Bytes::from_static(b"{}"),
            )))
        });
        let joined = table.join_or_start(&key("16"), || async { unreachable!("shared") });
        assert_eq!(table.len(), 1);
        // Every client goes away.
        drop(call);
        drop(joined);
        release.send(()).unwrap();
        was_finished.await.unwrap();
        for _ in 0..100 {
            if table.is_empty() {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert!(table.is_empty(), "the finished call left the table");
        let again = table.join_or_start(&key("16"), || async { Fetched::Busy(Duration::ZERO) });
        assert!(matches!(again.await, Fetched::Busy(_)), "a new call starts");
    }

    #[tokio::test]
    async fn a_panicking_call_is_an_internal_error_and_leaves_the_table() {
        let table = Arc::new(InFlight::default());
        let call = table.join_or_start(&key("17"), || async { panic!("upstream bug") });
        match call.await {
            Fetched::Answer(answer) => assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR),
            Fetched::Busy(_) => panic!("expected an answer"),
        }
        assert!(table.is_empty());
    }
}
