//! Property tests that try hard to break the widget's pure layer: the decoder (any JSON, and the
//! API documentation's sample mutated every way an answer can go wrong), the URL builder (any
//! member id is refused or reaches the server as exactly that id), the retry policy, the
//! HTTP-date reader and the history's order. Never a panic; always points or a typed error.
//!
//! A plain `main` (`harness = false` in Cargo.toml) so the cases run are printed in every test
//! log, `make test`'s included. Native only: proptest does not build for wasm32.

#[cfg(not(target_arch = "wasm32"))]
mod decoder;
#[cfg(not(target_arch = "wasm32"))]
mod http_dates;
#[cfg(not(target_arch = "wasm32"))]
mod ordering;
#[cfg(not(target_arch = "wasm32"))]
mod retries;
#[cfg(not(target_arch = "wasm32"))]
mod strategies;
#[cfg(not(target_arch = "wasm32"))]
mod url_builder;

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
use native::main;

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::process::ExitCode;
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::time::Instant;

    use proptest::strategy::Strategy;
    use proptest::test_runner::{Config, TestCaseError, TestRunner};

    use crate::{decoder, http_dates, ordering, retries, url_builder};

    static CASES: AtomicU64 = AtomicU64::new(0);
    static PLANNED: AtomicU64 = AtomicU64::new(0);

    pub fn main() -> ExitCode {
        let started = Instant::now();
        // Two cores: the properties run on two threads of about the same length.
        let passed = std::thread::scope(|scope| {
            let decoding = scope.spawn(|| {
                decoder::any_json_is_points_or_a_typed_error()
                    & decoder::points_shaped_answers_decode_or_say_why()
                    & decoder::the_reader_reads_json_as_serde_json_does()
            });
            let rest = decoder::the_seed_mutated_decodes_or_says_why()
                & decoder::the_seed_as_text_cut_or_garbled_never_panics()
                & url_builder::any_member_id_is_refused_or_sent_exactly()
                & retries::retry_policy()
                & http_dates::http_dates_read_right()
                & ordering::the_history_sorts_as_a_stable_sort_does();
            decoding.join().unwrap_or(false) & rest
        });
        let planned = PLANNED.load(Ordering::Relaxed);
        let generated = CASES.load(Ordering::Relaxed);
        let seconds = started.elapsed().as_secs_f64();
        if passed {
            println!(
                "widget properties: {planned} cases passed in total in {seconds:.0} s \
                 ({generated} generated, some set aside by assumptions)"
            );
            ExitCode::SUCCESS
        } else {
            println!("widget properties: FAILED ({generated} cases generated)");
            ExitCode::FAILURE
        }
    }

    /// Runs one property for `cases` cases and prints how it went.
    pub fn run<S: Strategy>(
        name: &str,
        cases: u32,
        strategy: S,
        test: impl Fn(S::Value) -> Result<(), TestCaseError>,
    ) -> bool {
        PLANNED.fetch_add(u64::from(cases), Ordering::Relaxed);
        let mut runner = TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        });
        let started = Instant::now();
        let counted = |value| {
            CASES.fetch_add(1, Ordering::Relaxed);
            test(value)
        };
        match runner.run(&strategy, counted) {
            Ok(()) => {
                println!(
                    "widget property: {name}: {cases} cases passed ({:.1} s)",
                    started.elapsed().as_secs_f64()
                );
                true
            }
            Err(error) => {
                println!("widget property: {name}: FAILED: {error}");
                false
            }
        }
    }
}
