//! One line per request in the log (method, path, status, time taken), and the request metrics.
//!
//! No member id and no token is ever written: the member id in a points path is replaced by a
//! short keyed hash (`/v2/users/~3fa9c1d2/points`), the same for one member while the process
//! runs and unlinkable across restarts (the key is random per process). The query string and the
//! headers are never written.

use std::fmt::Write as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::error::ErrorCode;
use crate::logging::ACCESS_TARGET;
use crate::metrics::{Metrics, Route};
use crate::percent::percent_decode;

/// The longest path written, in bytes; the rest is cut.
const MAX_LOGGED_PATH: usize = 200;

/// Where the lines go.
#[derive(Debug, Clone, Default)]
pub enum LogTo {
    /// The process's log ([`crate::logging`]), as events with the target
    /// [`ACCESS_TARGET`].
    #[default]
    Log,
    /// A list in memory (tests read it).
    Lines(Arc<Mutex<Vec<String>>>),
}

/// One answered (or cancelled) request, as logged.
struct Line<'a> {
    method: &'a str,
    path: &'a str,
    status: Option<u16>,
    ms: f64,
}

impl std::fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} ", self.method, self.path)?;
        match self.status {
            Some(status) => write!(f, "{status}")?,
            None => f.write_str("cancelled")?,
        }
        write!(f, " {:.1}ms", self.ms)
    }
}

impl LogTo {
    fn write(&self, line: &Line<'_>) {
        match self {
            LogTo::Log => {
                let duration_ms = (line.ms * 10.0).round() / 10.0;
                match line.status {
                    Some(status) => tracing::info!(
                        target: ACCESS_TARGET,
                        method = line.method,
                        path = line.path,
                        status,
                        duration_ms,
                        "{line}"
                    ),
                    None => tracing::info!(
                        target: ACCESS_TARGET,
                        method = line.method,
                        path = line.path,
                        cancelled = true,
                        duration_ms,
                        "{line}"
                    ),
                }
            }
            LogTo::Lines(lines) => lines
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(line.to_string()),
        }
    }
}

/// What the log needs to know: where the API lives, the key of the member hash, where to write,
/// and where to count.
#[derive(Clone)]
pub struct AccessLog {
    users_prefix: String,
    health_path: String,
    serves_static: bool,
    key: Hmac<Sha256>,
    to: LogTo,
    metrics: Arc<Metrics>,
}

impl AccessLog {
    /// A log for the API under `path_prefix` (`""` or `/loyalty`), with a fresh random key;
    /// `serves_static` says whether other paths are files of `--static`.
    pub fn new(
        path_prefix: &str,
        serves_static: bool,
        to: LogTo,
        metrics: Arc<Metrics>,
    ) -> Result<Self, String> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| format!("cannot read random bytes for the log's key: {e}"))?;
        let key = Hmac::<Sha256>::new_from_slice(&secret)
            .map_err(|_| "cannot key the log's member hash".to_owned())?;
        Ok(AccessLog {
            users_prefix: format!("{path_prefix}/v2/users/"),
            health_path: format!("{path_prefix}/healthz"),
            serves_static,
            key,
            to,
            metrics,
        })
    }

    /// Which route a request path is, for the metrics.
    pub fn route(&self, path: &str) -> Route {
        let points = path
            .strip_prefix(&self.users_prefix)
            .and_then(|rest| rest.strip_suffix("/points"))
            .is_some_and(|member| !member.is_empty() && !member.contains('/'));
        if points {
            Route::Points
        } else if path == "/healthz" || path == self.health_path {
            Route::Health
        } else if self.serves_static {
            Route::Static
        } else {
            Route::Other
        }
    }

    /// `path` as written to the log: the member id segment replaced by its hash, cut to
    /// 200 bytes.
    pub fn loggable_path(&self, path: &str) -> String {
        let mut line = String::with_capacity(path.len().min(MAX_LOGGED_PATH) + 16);
        match path.strip_prefix(&self.users_prefix) {
            Some(rest) => {
                let (member, tail) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
                line.push_str(&self.users_prefix);
                line.push('~');
                line.push_str(&self.member_hash(member));
                push_cut(&mut line, tail);
            }
            None => push_cut(&mut line, path),
        }
        line
    }

    /// Eight hex digits of HMAC-SHA256(key, the decoded member id).
    fn member_hash(&self, segment: &str) -> String {
        let mut mac = self.key.clone();
        mac.update(&percent_decode(segment));
        let digest = mac.finalize().into_bytes();
        let mut hex = String::with_capacity(8);
        for byte in &digest[..4] {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }
}

fn push_cut(line: &mut String, text: &str) {
    let room = MAX_LOGGED_PATH.saturating_sub(line.len());
    if text.len() <= room {
        line.push_str(text);
    } else {
        let mut end = room;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        line.push_str(&text[..end]);
        line.push('…');
    }
}

/// Logs each request once it is answered, or once the client gives up on it.
pub async fn log_request(
    State(log): State<Arc<AccessLog>>,
    request: Request,
    next: Next,
) -> Response {
    let mut entry = Entry {
        route: log.route(request.uri().path()),
        method: request.method().to_string(),
        path: log.loggable_path(request.uri().path()),
        log,
        started: Instant::now(),
        status: None,
    };
    let response = next.run(request).await;
    entry.status = Some(response.status().as_u16());
    if let Some(ErrorCode(code)) = response.extensions().get::<ErrorCode>() {
        entry.log.metrics.refused(code);
    }
    response
}

/// Writes the line and counts the request when dropped: when a client disconnects mid-request,
/// the handler future is dropped without a response, and the line says the request was
/// cancelled.
struct Entry {
    log: Arc<AccessLog>,
    route: Route,
    method: String,
    path: String,
    started: Instant,
    status: Option<u16>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        self.log.metrics.request(self.route, self.status);
        self.log.to.write(&Line {
            method: &self.method,
            path: &self.path,
            status: self.status,
            ms: self.started.elapsed().as_secs_f64() * 1000.0,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_ids_are_hashed_and_the_rest_is_kept() {
        let log = AccessLog::new("/loyalty", false, LogTo::Log, Arc::default()).unwrap();
        let plain = log.loggable_path("/loyalty/v2/users/alice@crowdtwist.com/points");
        let encoded = log.loggable_path("/loyalty/v2/users/alice%40crowdtwist.com/points");
        assert!(!plain.contains("alice"), "{plain}");
        assert!(plain.starts_with("/loyalty/v2/users/~") && plain.ends_with("/points"));
        assert_eq!(
            plain, encoded,
            "one member, one hash, however it was encoded"
        );
        assert_ne!(plain, log.loggable_path("/loyalty/v2/users/bob/points"));
        assert_eq!(log.loggable_path("/healthz"), "/healthz");
        let other = AccessLog::new("/loyalty", false, LogTo::Log, Arc::default()).unwrap();
        assert_ne!(
            plain,
            other.loggable_path("/loyalty/v2/users/alice@crowdtwist.com/points"),
            "another process, another key"
        );
    }

    #[test]
    fn routes_for_the_metrics() {
        let log = AccessLog::new("/loyalty", false, LogTo::Log, Arc::default()).unwrap();
        assert_eq!(log.route("/loyalty/v2/users/16/points"), Route::Points);
        assert_eq!(log.route("/loyalty/v2/users/a%2Fb/points"), Route::Points);
        assert_eq!(log.route("/loyalty/v2/users/a/b/points"), Route::Other);
        assert_eq!(log.route("/loyalty/v2/users//points"), Route::Other);
        assert_eq!(log.route("/v2/users/16/points"), Route::Other);
        assert_eq!(log.route("/healthz"), Route::Health);
        assert_eq!(log.route("/loyalty/healthz"), Route::Health);
        assert_eq!(log.route("/index.html"), Route::Other);
        let with_files = AccessLog::new("", true, LogTo::Log, Arc::default()).unwrap();
        assert_eq!(with_files.route("/index.html"), Route::Static);
    }

    #[test]
    fn long_paths_are_cut() {
        let log = AccessLog::new("", false, LogTo::Log, Arc::default()).unwrap();
        let long = format!("/{}", "é".repeat(300));
        let cut = log.loggable_path(&long);
        assert!(
            cut.len() <= MAX_LOGGED_PATH + '…'.len_utf8(),
            "{}",
            cut.len()
        );
    }
}
