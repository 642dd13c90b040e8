//! The call to CrowdTwist: the base address, the HTTP client, and reading its answer.

use std::net::IpAddr;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use loyalty_badge::{Endpoint, PointsRequest};
use reqwest::Url;
use serde_json::Value;

use super::answer::Answer;
use super::contract::{error_fields, points_body, Redactor};
use crate::error::AppError;
use crate::member_query::MemberQuery;

/// The default time limit for the upstream's whole answer.
pub const UPSTREAM_TIMEOUT: Duration = Duration::from_secs(5);

/// The largest upstream body accepted.
const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;

/// How the proxy may reach the upstream.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpstreamPolicy {
    /// Accept `http://` to a host that is not loopback (`--insecure-upstream`).
    pub insecure: bool,
    /// Go through `HTTP_PROXY`/`HTTPS_PROXY` from the environment (`--upstream-via-env-proxy`).
    pub via_env_proxy: bool,
}

/// CrowdTwist (or anything serving `/v2/...` the same way), with the api_key.
pub struct Upstream {
    endpoint: Endpoint,
    client: reqwest::Client,
    redactor: Redactor,
}

impl Upstream {
    /// Checks `base` and builds the client.
    pub fn new(
        base: &str,
        api_key: &str,
        policy: UpstreamPolicy,
        timeout: Duration,
    ) -> Result<Self, String> {
        let base = check_base(base, policy.insecure)?;
        if api_key.trim().is_empty() {
            return Err("the api_key is empty".to_owned());
        }
        let endpoint = Endpoint::proxy(base.as_str()).with_api_key(api_key);
        // The widget's own URL rules must accept the base too.
        PointsRequest::new("16", None, endpoint.clone())
            .map_err(|e| format!("--upstream {base}: {e}"))?;
        let builder = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout)
            // A redirect could carry the request, and the key, to another host.
            .redirect(reqwest::redirect::Policy::none());
        // An HTTP_PROXY left in the environment would see every request, and the key.
        let builder = if policy.via_env_proxy {
            builder
        } else {
            builder.no_proxy()
        };
        let client = builder
            .build()
            .map_err(|_| "cannot build the HTTP client".to_owned())?;
        Ok(Upstream {
            endpoint,
            client,
            redactor: Redactor::new(api_key),
        })
    }

    /// The base, for messages (never the key).
    pub fn base(&self) -> &str {
        self.endpoint.base()
    }

    /// Asks for one member's points. Whatever happens, the result is an answer to pass on: the
    /// contract's fields, or an error in the API's shape, with the key removed.
    pub async fn fetch(&self, query: &MemberQuery) -> Answer {
        let Ok(request) = PointsRequest::new(
            query.member_id.as_str(),
            Some(query.id_type),
            self.endpoint.clone(),
        ) else {
            return AppError::internal().into();
        };
        // reqwest's errors can hold the URL, and with it the key: only their kind is used.
        let response = match self
            .client
            .get(request.url())
            .header(header::ACCEPT, "application/json")
            .send()
            .await
        {
            Ok(response) => response,
            Err(error) => return failure(&error).into(),
        };
        let status =
            StatusCode::from_u16(response.status().as_u16()).unwrap_or(StatusCode::BAD_GATEWAY);
        let retry_after = response
            .headers()
            .get(header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .filter(|value| is_retry_after(value) && !self.redactor.finds_key_in(value))
            .and_then(|value| HeaderValue::from_str(value).ok());
        let body = match read_body(response).await {
            Ok(body) => body,
            Err(error) => return error.into(),
        };
        let mut answer = self.read(status, &body);
        if !status.is_success() {
            answer.retry_after = retry_after;
        }
        answer
    }

    /// The answer to pass on for an upstream status and body.
    fn read(&self, status: StatusCode, body: &[u8]) -> Answer {
        let json = serde_json::from_slice::<Value>(body).ok();
        let is_error = status.is_client_error() || status.is_server_error();
        // What is not an error status is passed on only as points; the rest is a gateway fault.
        let error_status = if is_error {
            status
        } else {
            StatusCode::BAD_GATEWAY
        };
        if let Some((code, message)) = json.as_ref().and_then(|j| error_fields(j, &self.redactor)) {
            let message = message.unwrap_or_else(|| answered(status, "no message"));
            return AppError::new(error_status, code, message).into();
        }
        if status.is_success() {
            if let Some(body) = json.as_ref().and_then(|j| points_body(j, &self.redactor)) {
                return Answer::ok(status, body);
            }
        }
        let what = match &json {
            Some(_) if status.is_success() => "a body that is not a points object",
            Some(_) => "a body that is not an API error",
            None if body.trim_ascii_start().starts_with(b"<") => "an HTML page",
            None => "a body that is not JSON",
        };
        AppError::new(error_status, "upstream_error", answered(status, what)).into()
    }
}

fn answered(status: StatusCode, what: &str) -> String {
    format!(
        "The loyalty service answered {} with {what}.",
        status.as_u16()
    )
}

/// `Retry-After` as seconds or an HTTP date; anything else is not passed on.
fn is_retry_after(value: &str) -> bool {
    let seconds =
        !value.is_empty() && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit());
    let date = value.len() <= 40
        && value.ends_with(" GMT")
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" ,:-".contains(&b));
    seconds || date
}

/// An https base, or http to a loopback host unless `insecure`; no user, query or fragment.
pub fn check_base(base: &str, insecure: bool) -> Result<String, String> {
    let trimmed = base.trim_end_matches('/');
    let url = Url::parse(trimmed).map_err(|e| format!("--upstream {base}: {e}"))?;
    let problem = match url.scheme() {
        "https" => None,
        "http" if insecure || is_loopback(&url) => None,
        "http" => Some(
            "http:// sends the api_key in clear text; use https://, or add --insecure-upstream \
             if the network between here and there is yours",
        ),
        _ => Some("use an https:// address"),
    };
    if let Some(problem) = problem {
        return Err(format!("--upstream {base}: {problem}"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "--upstream {base}: no user or password in the address"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("--upstream {base}: no query string or fragment"));
    }
    Ok(trimmed.to_owned())
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Reads the body up to [`MAX_BODY_BYTES`].
async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, AppError> {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Err(AppError::new(
                        StatusCode::BAD_GATEWAY,
                        "upstream_error",
                        "The loyalty service's answer is too large.",
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(error) => return Err(failure(&error)),
        }
    }
}

fn failure(error: &reqwest::Error) -> AppError {
    if error.is_timeout() {
        AppError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "upstream_timeout",
            "The loyalty service did not answer in time.",
        )
    } else {
        AppError::new(
            StatusCode::BAD_GATEWAY,
            "upstream_unavailable",
            "The loyalty service could not be reached.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_only_to_loopback_unless_insecure() {
        for ok in [
            "https://sb-api123.crowdtwist.com",
            "https://sb-api123.crowdtwist.com/",
            "http://127.0.0.1:9000",
            "http://127.8.9.10",
            "http://localhost:9000",
            "http://[::1]:9000",
        ] {
            assert!(check_base(ok, false).is_ok(), "{ok}");
        }
        for remote in [
            "http://sb-api123.crowdtwist.com",
            "http://10.0.0.5",
            "http://[2001:db8::1]",
        ] {
            let error = check_base(remote, false).unwrap_err();
            assert!(error.contains("--insecure-upstream"), "{error}");
            assert!(check_base(remote, true).is_ok(), "{remote}");
        }
        for bad in [
            "ftp://example.com",
            "example.com",
            "https://user:pw@example.com",
            "https://example.com/?x=1",
            "https://example.com/#x",
        ] {
            assert!(check_base(bad, true).is_err(), "{bad}");
        }
    }

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert!(is_retry_after("7"));
        assert!(is_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert!(!is_retry_after(""));
        assert!(!is_retry_after("soon"));
        assert!(!is_retry_after("12345678901"));
    }
}
