//! `--static DIR`: a build's files, and nothing else from the machine.
//!
//! tower-http's `ServeDir` refuses `..`, but serves dotfiles (`.env`, `.git/config`) and follows
//! symbolic links out of the folder. Here a path with any segment starting with `.` (after
//! percent-decoding) is a 404, and so is a file whose real location is outside the folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use crate::error::AppError;
use crate::percent::percent_decode;

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

    /// Whether a request path (below the path prefix) may be served: not when it has a dot
    /// segment or a dotfile, a separator or NUL smuggled in an escape, or leads out of the folder
    /// through a link.
    async fn allowed(&self, path: &str) -> bool {
        let mut candidate = self.root.clone();
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            let Ok(decoded) = String::from_utf8(percent_decode(segment)) else {
                return false;
            };
            if decoded.starts_with('.') || decoded.contains(['/', '\\', '\0']) {
                return false;
            }
            candidate.push(decoded);
        }
        match tokio::fs::canonicalize(&candidate).await {
            Ok(real) => real.starts_with(&self.root),
            // Missing: ServeDir answers 404 itself.
            Err(_) => true,
        }
    }
}

/// Serves a file of the folder, or the JSON 404 for anything refused or missing.
pub async fn serve(State(files): State<Arc<StaticFiles>>, request: Request) -> Response {
    if !files.allowed(request.uri().path()).await {
        return AppError::page_not_found().into_response();
    }
    let service = ServeDir::new(&files.root);
    match service.oneshot(request).await {
        Ok(response) if response.status() == StatusCode::NOT_FOUND => {
            AppError::page_not_found().into_response()
        }
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    }
}
