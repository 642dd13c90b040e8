//! Member tokens: who may see whose points.
//!
//! The site's own server, which knows who is logged in, mints a short-lived token for that member
//! and puts it in the page; the badge sends it as `X-Member-Token`; this module checks it before
//! anything else looks at the member (`DESIGN.md`, "Member tokens"):
//!
//! ```text
//! token = "{exp}.{sig}"
//! exp   = expiry, Unix seconds, decimal
//! sig   = base64url without padding of HMAC-SHA256(secret, "v1\n{id_type}\n{user_id}\n{exp}")
//! ```
//!
//! The signature is compared in constant time (`hmac`'s `verify_slice`), and every refusal
//! says nothing about whether the member exists.

use std::fmt;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use loyalty_badge::IdType;
use sha2::Sha256;

use crate::error::AppError;
use crate::member_query::MemberQuery;

/// The request header carrying the token.
pub const TOKEN_HEADER: &str = "x-member-token";

/// The shortest secret accepted, in bytes: a short one could be found from a single token.
pub const MIN_SECRET_BYTES: usize = 32;

/// How far past its expiry a token is still accepted, for clocks that disagree a little.
pub const CLOCK_SKEW_SECONDS: u64 = 10;

/// The longest `exp` accepted, in digits (`u64::MAX` has 20).
const MAX_EXP_DIGITS: usize = 20;

/// The length of an HMAC-SHA256 in base64url without padding.
const SIGNATURE_CHARS: usize = 43;

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// No token where one is required: 401 `token_required`.
    Required,
    /// Malformed, wrong signature, or for another member or id type: 403 `token_invalid`.
    Invalid,
    /// Signed correctly but past its expiry: 403 `token_expired`.
    Expired,
}

impl From<TokenError> for AppError {
    fn from(error: TokenError) -> Self {
        match error {
            TokenError::Required => AppError::new(
                StatusCode::UNAUTHORIZED,
                "token_required",
                "A member token is required to see these points.",
            ),
            TokenError::Invalid => AppError::new(
                StatusCode::FORBIDDEN,
                "token_invalid",
                "The member token is not valid for this member.",
            ),
            TokenError::Expired => AppError::new(
                StatusCode::FORBIDDEN,
                "token_expired",
                "The member token has expired.",
            ),
        }
    }
}

/// The key that signs and checks member tokens.
#[derive(Clone)]
pub struct MemberTokens {
    /// Keyed once; each check works on a clone.
    mac: Hmac<Sha256>,
}

impl fmt::Debug for MemberTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MemberTokens(<secret>)")
    }
}

impl MemberTokens {
    /// A key from the secret's bytes, at least [`MIN_SECRET_BYTES`] long.
    pub fn new(secret: &[u8]) -> Result<Self, String> {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(format!(
                "a member-token secret needs at least {MIN_SECRET_BYTES} bytes, this one has {} \
                 (make one with: openssl rand -base64 32)",
                secret.len()
            ));
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|_| "the member-token secret cannot be used as an HMAC key".to_owned())?;
        Ok(MemberTokens { mac })
    }

    /// The key from the environment variable `var` (the secret never goes on a command line).
    pub fn from_env(var: &str) -> Result<Self, String> {
        let secret = std::env::var(var)
            .ok()
            .filter(|secret| !secret.is_empty())
            .ok_or_else(|| format!("the environment variable {var} is not set"))?;
        MemberTokens::new(secret.as_bytes()).map_err(|e| format!("{var}: {e}"))
    }

    /// A token for `user_id` read as `id_type`, valid until `expires` (Unix seconds).
    pub fn mint(&self, id_type: IdType, user_id: &str, expires: u64) -> String {
        let exp = expires.to_string();
        let signature = self
            .signature(id_type, user_id, &exp)
            .finalize()
            .into_bytes();
        format!("{exp}.{}", URL_SAFE_NO_PAD.encode(signature))
    }

    /// Checks `token` for this member at `now` (Unix seconds).
    pub fn verify(
        &self,
        token: &str,
        id_type: IdType,
        user_id: &str,
        now: u64,
    ) -> Result<(), TokenError> {
        let (exp, sig) = token.split_once('.').ok_or(TokenError::Invalid)?;
        if exp.is_empty()
            || exp.len() > MAX_EXP_DIGITS
            || !exp.bytes().all(|b| b.is_ascii_digit())
            || sig.len() != SIGNATURE_CHARS
        {
            return Err(TokenError::Invalid);
        }
        let expires: u64 = exp.parse().map_err(|_| TokenError::Invalid)?;
        // Only the canonical encoding decodes (no padding, no stray trailing bits).
        let signature = URL_SAFE_NO_PAD
            .decode(sig)
            .map_err(|_| TokenError::Invalid)?;
        // The signature covers `exp` as the minter wrote it.
        self.signature(id_type, user_id, exp)
            .verify_slice(&signature)
            .map_err(|_| TokenError::Invalid)?;
        if now > expires.saturating_add(CLOCK_SKEW_SECONDS) {
            return Err(TokenError::Expired);
        }
        Ok(())
    }

    /// Checks the request's `X-Member-Token` header for `query`.
    pub fn check_headers(
        &self,
        headers: &HeaderMap,
        query: &MemberQuery,
    ) -> Result<(), TokenError> {
        let mut values = headers.get_all(TOKEN_HEADER).iter();
        let value = values.next().ok_or(TokenError::Required)?;
        if values.next().is_some() {
            return Err(TokenError::Invalid);
        }
        let token = value.to_str().map_err(|_| TokenError::Invalid)?.trim();
        if token.is_empty() {
            return Err(TokenError::Required);
        }
        self.verify(token, query.id_type, query.member_id.as_str(), unix_now())
    }

    fn signature(&self, id_type: IdType, user_id: &str, exp: &str) -> Hmac<Sha256> {
        let mut mac = self.mac.clone();
        mac.update(b"v1\n");
        mac.update(id_type.as_str().as_bytes());
        mac.update(b"\n");
        mac.update(user_id.as_bytes());
        mac.update(b"\n");
        mac.update(exp.as_bytes());
        mac
    }
}

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}

/// Who may read a member's points.
#[derive(Debug, Clone)]
pub enum MemberAccess {
    /// Anyone who can reach the server, for any member (said on purpose: `--public-members`, or
    /// sample mode without a secret).
    Public,
    /// Only requests carrying a valid token for that member.
    Tokens(Arc<MemberTokens>),
}

impl MemberAccess {
    /// Checks a request for `query`.
    pub fn check(&self, headers: &HeaderMap, query: &MemberQuery) -> Result<(), TokenError> {
        match self {
            MemberAccess::Public => Ok(()),
            MemberAccess::Tokens(tokens) => tokens.check_headers(headers, query),
        }
    }
}

/// A points request whose member token has been checked (or is not required). Handlers take
/// this instead of a bare [`MemberQuery`], so nothing reaches the cache, the upstream or the
/// sample program before the check.
#[derive(Debug, Clone)]
pub struct AuthorizedMember(pub MemberQuery);

impl<S> FromRequestParts<S> for AuthorizedMember
where
    S: Send + Sync,
    MemberAccess: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let query = MemberQuery::from_request_parts(parts, state).await?;
        MemberAccess::from_ref(state).check(&parts.headers, &query)?;
        Ok(AuthorizedMember(query))
    }
}
