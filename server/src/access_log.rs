//! One line per request on standard output: method, path, status, time taken.
//!
//! The query string is never written: a client may have put an api_key there.

use std::time::Instant;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

/// Logs each request once it is answered, or once the client gives up on it.
pub async fn log_request(request: Request, next: Next) -> Response {
    let mut entry = Entry {
        method: request.method().to_string(),
        path: request.uri().path().to_owned(),
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
        println!("{} {} {outcome} {ms:.1}ms", self.method, self.path);
    }
}
