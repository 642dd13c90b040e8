//! The server's log, through `tracing`, on standard output: `--log-format text` (the default) or
//! `json`.
//!
//! Text is one plain line per event, as a person reads it: `loyalty-server: ...` for the server's
//! own events, `GET /v2/users/~3fa9c1d2/points 200 0.4ms` for requests. JSON is one object per
//! line with a timestamp, the level, the target and every field (`method`, `path`, `status`,
//! `duration_ms` for requests), for a log pipeline. What reaches the log never holds a member id
//! (the access log writes a keyed hash), a token, the api_key or a Redis password. A failed write
//! (a closed or full standard output) is dropped: logging never takes the server down.

use std::fmt;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::field::Visit;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::Layer as _;

/// The target of the access log's events.
pub const ACCESS_TARGET: &str = "loyalty_server::access";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Plain lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// Sends this crate's events at INFO and above to standard output in `format`, for the rest of
/// the process. Does nothing if a subscriber is already installed.
pub fn init(format: LogFormat) {
    let only_ours = Targets::new().with_target("loyalty_server", Level::INFO);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stdout)
        .log_internal_errors(false);
    let installed = match format {
        LogFormat::Text => tracing_subscriber::registry()
            .with(layer.event_format(PlainLines).with_filter(only_ours))
            .try_init(),
        LogFormat::Json => tracing_subscriber::registry()
            .with(
                layer
                    .json()
                    .flatten_event(true)
                    .with_current_span(false)
                    .with_span_list(false)
                    .with_filter(only_ours),
            )
            .try_init(),
    };
    // Already installed (a second server in one process): its format stays.
    drop(installed);
}

/// The text format: the message alone for a request; `loyalty-server: ` (and `warning: ` or
/// `error: `) before the server's own events.
struct PlainLines;

impl<S, N> FormatEvent<S, N> for PlainLines
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        _ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut message = Message(String::new());
        event.record(&mut message);
        let metadata = event.metadata();
        if metadata.target() != ACCESS_TARGET {
            writer.write_str("loyalty-server: ")?;
            match *metadata.level() {
                Level::ERROR => writer.write_str("error: ")?,
                Level::WARN => writer.write_str("warning: ")?,
                _ => {}
            }
        }
        writeln!(writer, "{}", message.0)
    }
}

/// The `message` field of an event.
struct Message(String);

impl Visit for Message {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "message" {
            self.0.push_str(value);
        }
    }

    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn fmt::Debug) {
        if field.name() == "message" {
            use fmt::Write as _;
            let _ = write!(self.0, "{value:?}");
        }
    }
}
