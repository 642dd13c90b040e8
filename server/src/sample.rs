//! Sample mode: a built-in loyalty program, answered the way CrowdTwist answers.
//!
//! The program is a JSON file (`data/sample-program.json`, compiled in; `--data` swaps it). Each
//! member lists the ids it can be found by and the answer to give, optionally after a delay or
//! failing every other request, so every state of the widget can be seen on demand.

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{FromRef, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use loyalty_badge::{IdType, MemberId};
use serde::Deserialize;
use serde_json::Value;

use crate::error::AppError;
use crate::token::{AuthorizedMember, MemberAccess};

/// The program compiled into the binary.
pub const BUILT_IN_PROGRAM: &str = include_str!("../data/sample-program.json");

/// A loyalty program of sample members, validated and indexed by id.
#[derive(Debug)]
pub struct SampleProgram {
    members: Vec<SampleMember>,
    index: HashMap<(IdType, String), usize>,
}

/// One member of the sample program.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleMember {
    /// What this member demonstrates.
    pub about: String,
    /// The ids the member can be found by, per id type.
    pub ids: BTreeMap<IdType, String>,
    /// Wait this long before answering.
    #[serde(default)]
    pub delay_ms: u64,
    /// Answer 500 `internal_error` on the 1st, 3rd, 5th... request.
    #[serde(default)]
    pub fail_every_other_request: bool,
    /// The answer.
    pub response: SampleResponse,
}

/// The answer a sample member gets: a JSON `body`, or a `raw_body` sent as is (for malformed
/// JSON and HTML error pages).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleResponse {
    #[serde(default = "ok")]
    status: u16,
    #[serde(default)]
    body: Option<Value>,
    #[serde(default)]
    raw_body: Option<String>,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
}

fn ok() -> u16 {
    200
}

impl SampleProgram {
    /// The program compiled into the binary.
    pub fn built_in() -> Self {
        // The built-in file is checked by this crate's tests; failing here is a build defect.
        SampleProgram::from_json(BUILT_IN_PROGRAM).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Reads and checks a program file's text.
    pub fn from_json(text: &str) -> Result<Self, String> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct ProgramFile {
            members: Vec<SampleMember>,
        }
        let file: ProgramFile =
            serde_json::from_str(text).map_err(|e| format!("not a sample program: {e}"))?;
        let mut index = HashMap::new();
        for (position, member) in file.members.iter().enumerate() {
            let which = format!("member {} ({})", position + 1, member.about);
            member
                .response
                .check()
                .map_err(|e| format!("{which}: {e}"))?;
            if member.ids.is_empty() {
                return Err(format!("{which}: has no ids"));
            }
            for (&id_type, id) in &member.ids {
                MemberId::parse(id).map_err(|e| format!("{which}: {id_type} {id:?}: {e}"))?;
                if index.insert(lookup_key(id_type, id), position).is_some() {
                    return Err(format!("{which}: {id_type} {id:?} is used twice"));
                }
            }
        }
        Ok(SampleProgram {
            members: file.members,
            index,
        })
    }

    /// The members, in file order.
    pub fn members(&self) -> &[SampleMember] {
        &self.members
    }

    /// The member with this id, read as `id_type`.
    pub fn find(&self, id_type: IdType, id: &str) -> Option<(usize, &SampleMember)> {
        let position = *self.index.get(&lookup_key(id_type, id))?;
        Some((position, &self.members[position]))
    }
}

/// E-mail addresses match whatever their case; every other id exactly.
fn lookup_key(id_type: IdType, id: &str) -> (IdType, String) {
    match id_type {
        IdType::Email => (id_type, id.to_lowercase()),
        _ => (id_type, id.to_owned()),
    }
}

impl SampleResponse {
    fn check(&self) -> Result<(), String> {
        StatusCode::from_u16(self.status).map_err(|_| format!("bad status {}", self.status))?;
        if self.body.is_some() == self.raw_body.is_some() {
            return Err("give exactly one of body and raw_body".to_owned());
        }
        for (name, value) in &self.headers {
            HeaderName::try_from(name.as_str()).map_err(|_| format!("bad header name {name:?}"))?;
            HeaderValue::try_from(value.as_str())
                .map_err(|_| format!("bad value for header {name}"))?;
        }
        if let Some(content_type) = &self.content_type {
            HeaderValue::try_from(content_type.as_str())
                .map_err(|_| format!("bad content type {content_type:?}"))?;
        }
        Ok(())
    }

    fn to_response(&self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::OK);
        let (default_type, body) = match (&self.body, &self.raw_body) {
            (Some(json), _) => ("application/json", Body::from(json.to_string())),
            (None, Some(raw)) => ("text/plain; charset=utf-8", Body::from(raw.clone())),
            (None, None) => ("text/plain; charset=utf-8", Body::empty()),
        };
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        let content_type = self.content_type.as_deref().unwrap_or(default_type);
        if let Ok(value) = HeaderValue::try_from(content_type) {
            headers.insert(header::CONTENT_TYPE, value);
        }
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                headers.insert(name, value);
            }
        }
        response
    }
}

/// The program, its per-member request counters, and who may read whom.
pub struct SampleState {
    program: SampleProgram,
    requests: Vec<AtomicU64>,
    access: MemberAccess,
}

impl SampleState {
    /// Serves `program` to whom `access` allows.
    pub fn new(program: SampleProgram, access: MemberAccess) -> Self {
        let requests = program.members.iter().map(|_| AtomicU64::new(0)).collect();
        SampleState {
            program,
            requests,
            access,
        }
    }
}

impl FromRef<Arc<SampleState>> for MemberAccess {
    fn from_ref(state: &Arc<SampleState>) -> Self {
        state.access.clone()
    }
}

/// `GET /v2/users/{user_id}/points` over the sample program.
pub async fn points(
    State(state): State<Arc<SampleState>>,
    AuthorizedMember(request): AuthorizedMember,
) -> Result<Response, AppError> {
    let (position, member) = state
        .program
        .find(request.id_type, request.member_id.as_str())
        .ok_or_else(AppError::user_not_found)?;
    if member.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(member.delay_ms)).await;
    }
    let count = state.requests[position].fetch_add(1, Ordering::Relaxed) + 1;
    if member.fail_every_other_request && count % 2 == 1 {
        return Err(AppError::internal());
    }
    Ok(member.response.to_response())
}
