//! loyalty-server: the server a site runs beside the loyalty badge.
//!
//! Sample mode ([`sample`]) answers the CrowdTwist points route from a built-in program, so the
//! demo and the tests need no CrowdTwist account. Proxy mode ([`proxy`]) forwards the points
//! route to CrowdTwist and adds the api_key on the server. Both check member tokens ([`token`])
//! when given a secret; [`app`] builds the one router, [`serve`] runs it. Several proxy
//! instances share their cache, budget and limits in Redis ([`proxy::shared`]); [`metrics`]
//! counts what the server does, [`logging`] writes it down.

pub mod access_log;
pub mod app;
pub mod cli;
pub mod cors;
pub mod error;
pub mod logging;
pub mod member_query;
pub mod metrics;
mod percent;
pub mod proxy;
pub mod sample;
pub mod serve;
pub mod static_files;
pub mod token;
