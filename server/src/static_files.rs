//! `--static DIR`: a build's files, and nothing else from the machine; compressed when the
//! build wrote compressed copies, and cached by browsers as long as their names allow.
//!
//! tower-http's `ServeDir` refuses `..`, but serves dotfiles (`.env`, `.git/config`) and follows
//! symbolic links out of the folder. Here a path with any segment starting with `.` (after
//! percent-decoding) is a 404, and so is a file (or compressed copy) whose real location is
//! outside the folder.
//!
//! Compression: a file's precompressed siblings (`app.wasm.br`, `app.wasm.gz`, written by the
//! build) are served when the client accepts them, with `Content-Encoding`, the original's
//! `Content-Type` and `Vary: Accept-Encoding`; otherwise the file as it is.
//!
//! Caching: a versioned file never changes under its name, so it is cached for a year as
//! `immutable`; every other file (`index.html`, the embed bundle's stable names) is `no-cache`:
//! browsers keep it but ask each time, with its `ETag` (or `Last-Modified`), and get a `304`
//! while it is unchanged. A file is versioned when its name carries a content hash the way
//! trunk writes them (`-` then 12 to 16 lowercase hex digits with a letter among them, before a
//! `.` or `_`: `demo-a5063ad376a6c3e_bg.wasm`, `app-2b98c95ccacf0a47.css`), or when it sits under
//! a version folder (`v` then numbers with dots: `/embed/v1.4.0/loyalty-badge.js`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::AppError;
use crate::percent::percent_decode;

/// `Cache-Control` of a versioned file.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` of every other file.
pub const REVALIDATE: &str = "no-cache";

/// The folder served.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    root: PathBuf,
}

impl StaticFiles {
    /// Serves `dir`, which must be a folder.
    pub fn new(dir: &Path) -> Result<Self, String> {
        let root = dir
            .canonicalize()
            .map_err(|e| format!("--static {}: {e}", dir.display()))?;
        if !root.is_dir() {
            return Err(format!("--static {}: not a folder", dir.display()));
        }
        Ok(StaticFiles { root })
    }

    /// The file a request path (below the path prefix) names, if it may be served: not when it
    /// has a dot segment or a dotfile, a separator or NUL smuggled in an escape, or leads out of
    /// the folder through a link. A folder's path names its `index.html`.
    async fn file_for(&self, path: &str) -> Option<PathBuf> {
        let mut candidate = self.root.clone();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let decoded = String::from_utf8(percent_decode(segment)).ok()?;
            if decoded.starts_with('.') || decoded.contains(['/', '\\', '\0']) {
                return None;
            }
            candidate.push(decoded);
        }
        if !self.inside(&candidate).await {
            return None;
        }
        if tokio::fs::metadata(&candidate)
            .await
            .is_ok_and(|meta| meta.is_dir())
        {
            candidate.push("index.html");
        }
        Some(candidate)
    }

    /// Whether `path`, links resolved, is in the folder (a missing file is: ServeDir answers
    /// 404 itself).
    async fn inside(&self, path: &Path) -> bool {
        match tokio::fs::canonicalize(path).await {
            Ok(real) => real.starts_with(&self.root),
            Err(_) => true,
        }
    }
}

/// Serves a file of the folder, or the JSON 404 for anything refused or missing.
pub async fn serve(State(files): State<Arc<StaticFiles>>, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let Some(file) = files.file_for(&path).await else {
        return AppError::page_not_found().into_response();
    };
    // The validators are checked here, against the variant actually served: ServeDir knows no
    // ETag, and If-None-Match takes precedence over If-Modified-Since (RFC 9110, 13.2.2).
    let if_none_match = request.headers_mut().remove(header::IF_NONE_MATCH);
    let if_modified_since = request.headers_mut().remove(header::IF_MODIFIED_SINCE);
    let conditional = matches!(*request.method(), Method::GET | Method::HEAD);
    let service = ServeDir::new(&files.root)
        .precompressed_br()
        .precompressed_gzip();
    let response = match service.oneshot(request).await {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    };
    let status = response.status();
    if status == StatusCode::NOT_FOUND {
        return AppError::page_not_found().into_response();
    }
    if !(status == StatusCode::OK || status == StatusCode::PARTIAL_CONTENT) {
        return response;
    }
    let served = match response.headers().get(header::CONTENT_ENCODING) {
        Some(encoding) if encoding == "br" => with_suffix(&file, ".br"),
        Some(encoding) if encoding == "gzip" => with_suffix(&file, ".gz"),
        _ => file,
    };
    // A compressed copy is checked like the file itself.
    if !files.inside(&served).await {
        return AppError::page_not_found().into_response();
    }
    let etag = match tokio::fs::metadata(&served).await {
        Ok(meta) => etag(&meta, response.headers()),
        Err(_) => None,
    };
    let (mut parts, body) = response.into_parts();
    let headers = &mut parts.headers;
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if is_versioned(&path) {
            IMMUTABLE
        } else {
            REVALIDATE
        }),
    );
    if let Some(etag) = &etag {
        headers.insert(header::ETAG, etag.clone());
    }
    let unchanged = match (&if_none_match, &if_modified_since) {
        (Some(wanted), _) => etag.as_ref().is_some_and(|etag| matches_any(wanted, etag)),
        (None, Some(since)) => not_modified_since(headers, since),
        (None, None) => false,
    };
    if conditional && unchanged {
        return not_modified(parts.headers);
    }
    Response::from_parts(parts, body)
}

/// `304 Not Modified` with the headers a `200` would carry, save the body's own.
fn not_modified(mut headers: HeaderMap) -> Response {
    for name in [
        header::CONTENT_LENGTH,
        header::CONTENT_TYPE,
        header::CONTENT_RANGE,
        header::ACCEPT_RANGES,
    ] {
        headers.remove(name);
    }
    let mut response = Response::new(Body::empty());
    *response.status_mut() = StatusCode::NOT_MODIFIED;
    *response.headers_mut() = headers;
    response
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A strong validator from the served file's size and modification time, and its encoding (each
/// variant is its own representation).
fn etag(meta: &std::fs::Metadata, headers: &HeaderMap) -> Option<HeaderValue> {
    let modified = meta
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let encoding = headers
        .get(header::CONTENT_ENCODING)
        .and_then(|value| value.to_str().ok())
        .map(|value| format!("-{value}"))
        .unwrap_or_default();
    HeaderValue::from_str(&format!("\"{:x}-{modified:x}{encoding}\"", meta.len())).ok()
}

/// `If-None-Match`: `*`, or a list of tags, compared weakly (a `W/` prefix is ignored).
fn matches_any(wanted: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(wanted) = wanted.to_str() else {
        return false;
    };
    let etag = etag.to_str().unwrap_or_default();
    wanted.trim() == "*"
        || wanted
            .split(',')
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == etag.trim_start_matches("W/"))
}

/// `If-Modified-Since`: unchanged when `Last-Modified` is not later than the date given.
fn not_modified_since(headers: &HeaderMap, since: &HeaderValue) -> bool {
    let parse = |value: &HeaderValue| -> Option<SystemTime> {
        httpdate::parse_http_date(value.to_str().ok()?).ok()
    };
    match (
        headers.get(header::LAST_MODIFIED).and_then(parse),
        parse(since),
    ) {
        (Some(modified), Some(since)) => modified <= since,
        _ => false,
    }
}

/// Whether a request path names a versioned file (see the module's documentation).
pub fn is_versioned(path: &str) -> bool {
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let file = if path.ends_with('/') {
        None
    } else {
        segments.pop()
    };
    segments.iter().any(|s| is_version_folder(s)) || file.is_some_and(has_content_hash)
}

/// `v1`, `v1.4`, `v1.4.0`: numbers with dots.
fn is_version_folder(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|numbers| {
        numbers
            .split('.')
            .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `-` then 12 to 16 lowercase hex digits with a letter among them, then `.` or `_`.
fn has_content_hash(name: &str) -> bool {
    name.match_indices('-').any(|(at, _)| {
        let rest = &name[at + 1..];
        let digits = rest
            .bytes()
            .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
            .count();
        (12..=16).contains(&digits)
            && rest[..digits].bytes().any(|b| b.is_ascii_alphabetic())
            && matches!(rest.as_bytes().get(digits), Some(b'.' | b'_'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versioned_names_are_content_hashes_or_version_folders() {
        for versioned in [
            "/demo-a5063ad376a6c3e_bg.wasm",
            "/demo-a5063ad376a6c3e.js",
            "/demo-2b98c95ccacf0a47.css",
            "/favicon-87a2b265d93aa3f2.svg",
            "/loyalty/assets/app-0123456789ab.js",
            "/embed/v1.4.0/loyalty-badge.js",
            "/embed/v2/loyalty-badge_bg.wasm",
            "/v1/",
        ] {
            assert!(is_versioned(versioned), "{versioned}");
        }
        for revalidated in [
            "/",
            "/index.html",
            "/favicon.svg",
            "/embed/loyalty-badge.js",
            "/embed/loyalty-badge_bg.wasm",
            "/embed-example.html",
            "/report-2024-11-25.html",
            "/build-123456789012.js",
            "/app-a5063ad376a6c3e",
            "/app-A5063AD376A6C3E.js",
            "/app-a5063ad376a6c3e0123.js",
            "/embed/v1.x/loyalty-badge.js",
            "/embed/version/loyalty-badge.js",
            "/v1.4.0",
        ] {
            assert!(!is_versioned(revalidated), "{revalidated}");
        }
    }
}
