//! A small JSON reader for the API's answers, in place of serde_json (which cost the bundle
//! 12 KB of brotli, float parsing and formatting included).
//!
//! It reads RFC 8259 JSON into a tree that borrows from the text: strings without escapes and
//! numbers stay slices of it (numbers are kept as written: the widget only wants whole numbers,
//! read exactly by [`whole_number`], never through a float). Anything that is not JSON, and
//! nesting deeper than [`MAX_DEPTH`], is `None`: never a panic, never unbounded recursion.

use std::borrow::Cow;

/// How deep arrays and objects may nest (as in serde_json): the reader recurses once per
/// level, and a hostile answer could otherwise exhaust the stack.
pub const MAX_DEPTH: u32 = 127;

/// A JSON value.
#[derive(Debug, PartialEq)]
pub enum Json<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, exactly as written (`-12`, `1.0e3`).
    Number(&'a str),
    /// A string, unescaped.
    String(Cow<'a, str>),
    /// An array.
    Array(Vec<Json<'a>>),
    /// An object's members in the order written, duplicates included.
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// Reads `text`, which must be one JSON value with nothing but whitespace around it.
    pub fn parse(text: &'a str) -> Option<Json<'a>> {
        let mut reader = Reader {
            text,
            at: 0,
            depth: 0,
        };
        let value = reader.value()?;
        reader.space();
        (reader.at == text.len()).then_some(value)
    }

    /// An object's member `key`; the last one when the key is repeated, as a JSON object built
    /// member by member would hold. `None` for a missing key and for anything but an object.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        match self {
            Json::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(text) => Some(text),
            _ => None,
        }
    }

    /// What kind of value this is, for error messages: "null", "a number", "an object", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// A reader that can stop and resume: it reads `text` from byte `at`, as if already `depth`
/// levels deep, one piece at a time (for [`crate::api::wire::Decoding`], which reads a long
/// history in slices). Its `at` is where it stopped.
pub(crate) struct Reader<'a> {
    text: &'a str,
    pub(crate) at: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    /// A reader of `text` from `at`, inside `depth` open arrays or objects.
    pub(crate) fn resume(text: &'a str, at: usize, depth: u32) -> Reader<'a> {
        Reader { text, at, depth }
    }

    /// The next byte after any whitespace, not consumed.
    pub(crate) fn next_byte(&mut self) -> Option<u8> {
        self.space();
        self.peek()
    }

    /// An object member's key and its `:`, at the key's opening quote (after any whitespace).
    pub(crate) fn key(&mut self) -> Option<Cow<'a, str>> {
        if self.next_byte() != Some(b'"') {
            return None;
        }
        let key = self.string()?;
        self.eat(b':').then_some(key)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    pub(crate) fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Skips whitespace, then `byte` if it comes next.
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn word(&mut self, word: &str, value: Json<'a>) -> Option<Json<'a>> {
        let found = self
            .text
            .as_bytes()
            .get(self.at..)?
            .starts_with(word.as_bytes());
        self.at += word.len();
        found.then_some(value)
    }

    /// One value (after any whitespace).
    pub(crate) fn value(&mut self) -> Option<Json<'a>> {
        self.space();
        match self.peek()? {
            b'n' => self.word("null", Json::Null),
            b't' => self.word("true", Json::Bool(true)),
            b'f' => self.word("false", Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'-' | b'0'..=b'9' => self.number(),
            open @ (b'[' | b'{') => {
                self.at += 1;
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return None;
                }
                let value = if open == b'[' {
                    self.array()
                } else {
                    self.object()
                };
                self.depth -= 1;
                value
            }
            _ => None,
        }
    }

    /// After `[`.
    fn array(&mut self) -> Option<Json<'a>> {
        let mut items = Vec::new();
        if !self.eat(b']') {
            loop {
                items.push(self.value()?);
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        Some(Json::Array(items))
    }

    /// After `{`.
    fn object(&mut self) -> Option<Json<'a>> {
        let mut members = Vec::new();
        if !self.eat(b'}') {
            loop {
                members.push((self.key()?, self.value()?));
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        Some(Json::Object(members))
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        self.at - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Option<Json<'a>> {
        let start = self.at;
        self.at += usize::from(self.peek() == Some(b'-'));
        let leading_zero = self.peek() == Some(b'0');
        let int = self.digits();
        if int == 0 || (leading_zero && int > 1) {
            return None;
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(Json::Number(&self.text[start..self.at]))
    }

    /// At `"`: the string, borrowed when it holds no escape.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.at += 1;
        let mut owned: Option<String> = None;
        let mut run = self.at;
        loop {
            match self.peek()? {
                b'"' => {
                    let last = &self.text[run..self.at];
                    self.at += 1;
                    return Some(match owned {
                        Some(mut text) => {
                            text.push_str(last);
                            Cow::Owned(text)
                        }
                        None => Cow::Borrowed(last),
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    let escaped = match self.peek()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            self.at += 1;
                            let unit = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&unit) {
                                // A high surrogate must be followed by an escaped low one.
                                if self.text.as_bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                                    return None;
                                }
                                self.at += 2;
                                let low = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return None;
                                }
                                0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                unit
                            };
                            // A lone low surrogate is no character: refused here.
                            text.push(char::from_u32(code)?);
                            run = self.at;
                            continue;
                        }
                        _ => return None,
                    };
                    text.push(escaped);
                    self.at += 1;
                    run = self.at;
                }
                // Control characters must be escaped.
                0..=0x1f => return None,
                _ => self.at += 1,
            }
        }
    }

    /// Four hex digits.
    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.at..self.at + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).ok()
    }
}

/// The whole number a JSON number stands for, exactly (`1000`, `1000.0`, `1e3`, `-0`), if it
/// is one and fits in an `i64`; `None` for a fraction (`1.5`), anything out of range, and text
/// that is not a JSON number.
pub fn whole_number(number: &str) -> Option<i64> {
    let (negative, unsigned) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number),
    };
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
            (mantissa, exponent.parse::<i64>().ok()?)
        }
        None => (unsigned, 0),
    };
    let (int, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty()
        || !int
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // The value is `digits` (int and fraction run together, without their trailing zeros)
    // times ten to the power `scale`.
    let digits = [int, fraction].concat();
    let significant = digits.trim_end_matches('0');
    let scale = i64::try_from(digits.len() - significant.len())
        .ok()?
        .checked_sub(i64::try_from(fraction.len()).ok()?)?
        .checked_add(exponent)?;
    let significant = significant.trim_start_matches('0');
    let magnitude: u128 = if significant.is_empty() {
        0
    } else if scale < 0 || significant.len() + usize::try_from(scale).ok()? > 20 {
        return None;
    } else {
        significant
            .parse::<u128>()
            .ok()?
            .checked_mul(10u128.checked_pow(u32::try_from(scale).ok()?)?)?
    };
    if negative {
        0i128.checked_sub_unsigned(magnitude)?.try_into().ok()
    } else {
        magnitude.try_into().ok()
    }
}
