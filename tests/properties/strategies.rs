//! What the properties generate: text with the characters that matter, and JSON of every shape.
//!
//! JSON values come from [`Generated`], a strategy that builds a value straight from the test
//! runner's random numbers: proptest's own recursive strategies cost about 1.6 ms a value in a
//! debug build (they keep every alternative for shrinking), this a few microseconds, which is
//! what lets the suite run its 100,000 cases in every `make test`. Such values do not shrink;
//! a failure prints the value as it was generated.

use std::fmt;

use proptest::prelude::*;
use proptest::strategy::NewTree;
use proptest::test_runner::TestRunner;
use serde_json::{json, Map, Number, Value};

/// The fields the decoder knows, at any level: most generated keys are these, so the
/// generated objects reach past the first check.
const FIELDS: &[&str] = &[
    "id",
    "total_points",
    "redeemable_points",
    "num_points_purchased",
    "fan_level",
    "activities",
    "name",
    "num_points",
    "notes",
    "date_created",
    "error",
    "message",
];

/// Characters that matter beyond ASCII: right-to-left, zero-width and direction marks, a BOM,
/// non-characters, line separators, scripts of several widths.
const TRICKY: &[char] = &[
    '\u{200b}', '\u{200d}', '\u{200e}', '\u{200f}', '\u{202e}', '\u{2066}', '\u{feff}', '\u{fffd}',
    'é', 'ß', 'ع', 'ש', '東', '👍', '\u{7f}', '\u{85}', '\u{2028}',
];

/// Strings that dates and numbers arrive as.
const DATE_LIKE: &[&str] = &[
    "2016-04-16",
    "2016-04-16T08:00:00Z",
    "2016-02-30",
    "2016-04-16T25:00",
    "",
    " ",
    "1460793600",
    "-1",
    "1e9",
    "NaN",
    "null",
];

// ---- Proptest strategies, for the properties whose values are cheap ---------------------------

// Strings are built from small vectors rather than regexes: in a debug build a regex strategy
// is several times slower.

/// Text of `len` characters from `chars`.
pub fn text(
    chars: impl Strategy<Value = char>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = String> {
    prop::collection::vec(chars, len).prop_map(|chars| chars.into_iter().collect())
}

/// Characters that matter: ASCII (quotes, `<`, `/`, `%`), controls, right-to-left and
/// zero-width marks, and anything else.
pub fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range(' ', '~'),
        1 => prop::char::range('\0', '\u{1f}'),
        1 => prop::sample::select(TRICKY),
        2 => any::<char>(),
    ]
}

// ---- Generated values ----------------------------------------------------------------------

/// A strategy whose values `make` builds from the runner's random numbers (see the module's
/// documentation).
pub struct Generated<F>(pub F);

impl<T, F> Strategy for Generated<F>
where
    T: Clone + fmt::Debug,
    F: Fn(&mut Gen) -> T,
{
    type Tree = Just<T>;
    type Value = T;

    fn new_tree(&self, runner: &mut TestRunner) -> NewTree<Self> {
        let mut gen = Gen(runner.rng().next_u64());
        Ok(Just((self.0)(&mut gen)))
    }
}

impl<F> fmt::Debug for Generated<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Generated")
    }
}

/// The random source of a [`Generated`] value, with what the properties need: SplitMix64,
/// seeded by the runner (whose own generator costs microseconds a number in a debug build).
pub struct Gen(u64);

impl Gen {
    fn bits(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Any index (to be taken modulo a length).
    pub fn bits_index(&mut self) -> usize {
        self.bits() as usize
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        if n == 0 {
            0
        } else {
            (self.bits() % n) as usize
        }
    }

    /// True one time in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    /// One of `items`.
    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// Any `i64` of any size: small ones more often.
    pub fn integer(&mut self) -> i64 {
        let bits = self.bits() as i64;
        match self.below(3) {
            0 => bits,
            1 => bits % 2_000_000_000,
            _ => bits % 1000,
        }
    }

    /// As [`tricky_char`].
    pub fn char(&mut self) -> char {
        match self.below(8) {
            0..=3 => char::from(b' ' + self.below(95) as u8),
            4 => char::from(self.below(32) as u8),
            5 => self.pick(TRICKY),
            _ => loop {
                if let Some(c) = char::from_u32((self.bits() % 0x11_0000) as u32) {
                    break c;
                }
            },
        }
    }

    /// Up to `max` characters from [`Gen::char`].
    pub fn text(&mut self, max: usize) -> String {
        let len = self.below(max + 1);
        (0..len).map(|_| self.char()).collect()
    }

    /// Numbers as JSON carries them: integers of every size, floats whole or not, huge ones.
    pub fn number(&mut self) -> Value {
        match self.below(6) {
            0 => Value::from(self.integer()),
            1 => Value::from(self.bits()),
            2 => Number::from_f64(f64::from_bits(self.bits())).map_or(Value::Null, Value::Number),
            3 => json!((self.integer() % 1_000_000) as f64),
            4 => json!((self.integer() % 1_000_000) as f64 + 0.5),
            _ => self.pick(&[
                json!(9_223_372_036_854_775_807i64),
                json!(-9_223_372_036_854_775_808i64),
                json!(18_446_744_073_709_551_615u64),
                json!(9.223_372_036_854_776e18),
                json!(-9.223_372_036_854_776e18),
                json!(1.0e308),
                json!(-0.0),
                json!(0.5),
                json!(1000.0),
            ]),
        }
    }

    /// A JSON value that is not an array or an object.
    pub fn leaf(&mut self) -> Value {
        match self.below(7) {
            0 => Value::Null,
            1 => Value::Bool(self.one_in(2)),
            2 | 3 => self.number(),
            4 => Value::String(self.text(24)),
            // Epoch seconds and ISO dates as strings, as the API sends them.
            5 => Value::String((self.integer() % 100_000_000_000).to_string()),
            _ => Value::String(self.pick(DATE_LIKE).to_owned()),
        }
    }

    /// An object key: mostly one the decoder knows.
    pub fn key(&mut self) -> String {
        if self.one_in(5) {
            self.text(8)
        } else {
            self.pick(FIELDS).to_owned()
        }
    }

    /// Any JSON value, nested at most `depth` deep.
    pub fn json(&mut self, depth: u32) -> Value {
        if depth == 0 || self.one_in(3) {
            return self.leaf();
        }
        let len = self.below(7);
        if self.one_in(2) {
            Value::Array((0..len).map(|_| self.json(depth - 1)).collect())
        } else {
            Value::Object(
                (0..len)
                    .map(|_| (self.key(), self.json(depth - 1)))
                    .collect::<Map<_, _>>(),
            )
        }
    }

    /// `value` most of the time, else nothing.
    pub fn maybe(&mut self, value: impl FnOnce(&mut Self) -> Value) -> Option<Value> {
        (!self.one_in(5)).then(|| value(self))
    }

    /// An HTTP status: the usual ones, and any.
    pub fn status(&mut self) -> u16 {
        match self.below(6) {
            0..=2 => self.pick(&[200, 201, 204, 206, 299]),
            3 | 4 => self.pick(&[400, 401, 403, 404, 408, 418, 422, 429, 500, 502, 503, 504]),
            _ => self.below(1000) as u16,
        }
    }

    /// A `Retry-After` header, or none.
    pub fn retry_after(&mut self) -> Option<String> {
        match self.below(6) {
            0 | 1 => None,
            2 => Some(self.below(100_000).to_string()),
            3 => Some(self.text(12)),
            4 => Some("Sun, 06 Nov 1994 08:49:37 GMT".to_owned()),
            _ => Some("99999999999999999999999999".to_owned()),
        }
    }
}
