//! One line per request on standard output: method, path, status, time taken.
//!
//! No member id and no token is ever written: the member id in a points path is replaced by a
//! short keyed hash (`/v2/users/~3fa9c1d2/points`), the same for one member while the process
//! runs and unlinkable across restarts (the key is random per process). The query string and the
//! headers are never written. A failed write (a closed or full log pipe) is ignored: logging never
//! takes the server down.

use std::fmt::Write as _;
use std::io::Write as _;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::percent::percent_decode;

/// The longest path written, in bytes; the rest is cut.
const MAX_LOGGED_PATH: usize = 200;

/// Where the lines go.
#[derive(Debug, Clone, Default)]
pub enum LogTo {
    /// Standard output.
    #[default]
    Stdout,
    /// A list in memory (tests read it).
    Lines(Arc<Mutex<Vec<String>>>),
}

impl LogTo {
    fn write(&self, line: String) {
        match self {
            // A closed or broken stdout must not panic the server (println! would).
            LogTo::Stdout => {
                let _ = writeln!(std::io::stdout().lock(), "{line}");
            }
            LogTo::Lines(lines) => lines
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(line),
        }
    }
}

/// What the log needs to know: where the API lives, the key of the member hash, where to write.
#[derive(Clone)]
pub struct AccessLog {
    users_prefix: String,
    key: Hmac<Sha256>,
    to: LogTo,
}

impl AccessLog {
    /// A log for the API under `path_prefix` (`""` or `/loyalty`), with a fresh random key.
    pub fn new(path_prefix: &str, to: LogTo) -> Result<Self, String> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)
            .map_err(|e| format!("cannot read random bytes for the log's key: {e}"))?;
        let key = Hmac::<Sha256>::new_from_slice(&secret)
            .map_err(|_| "cannot key the log's member hash".to_owned())?;
        Ok(AccessLog {
            users_prefix: format!("{path_prefix}/v2/users/"),
            key,
            to,
        })
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
        to: log.to.clone(),
        method: request.method().to_string(),
        path: log.loggable_path(request.uri().path()),
        started: Instant::now(),
        status: None,
    };
    let response = next.run(request).await;
    entry.status = Some(response.status().as_u16());
    response
}

/// Writes the line when dropped: when a client disconnects mid-request, the handler future is
/// dropped without a response, and the line says the request was cancelled.
struct Entry {
    to: LogTo,
    method: String,
    path: String,
    started: Instant,
    status: Option<u16>,
}

impl Drop for Entry {
    fn drop(&mut self) {
        let ms = self.started.elapsed().as_secs_f64() * 1000.0;
        let outcome = match self.status {
            Some(status) => status.to_string(),
            None => "cancelled".to_owned(),
        };
        self.to
            .write(format!("{} {} {outcome} {ms:.1}ms", self.method, self.path));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_ids_are_hashed_and_the_rest_is_kept() {
        let log = AccessLog::new("/loyalty", LogTo::Stdout).unwrap();
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
        let other = AccessLog::new("/loyalty", LogTo::Stdout).unwrap();
        assert_ne!(
            plain,
            other.loggable_path("/loyalty/v2/users/alice@crowdtwist.com/points"),
            "another process, another key"
        );
    }

    #[test]
    fn long_paths_are_cut() {
        let log = AccessLog::new("", LogTo::Stdout).unwrap();
        let long = format!("/{}", "é".repeat(300));
        let cut = log.loggable_path(&long);
        assert!(
            cut.len() <= MAX_LOGGED_PATH + '…'.len_utf8(),
            "{}",
            cut.len()
        );
    }
}
