//! Percent-encoding for the request URL: the member id as one path segment, the api_key as a
//! query value. Written out here (a dozen lines) instead of the `percent-encoding` crate, whose
//! 256-entry table and `Display` machinery cost the embeddable bundle more than this does.

/// `text` with every byte escaped as `%XX` (upper-case hex) but RFC 3986's unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) and, when `keep_at`, `@` (allowed in a path segment).
/// Each byte of a multi-byte UTF-8 character is escaped, so the result is ASCII and decodes back
/// to `text` exactly.
pub(crate) fn encode(text: &str, keep_at: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~')
            || (keep_at && byte == b'@')
        {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex_digit(byte >> 4));
            out.push(hex_digit(byte & 0x0f));
        }
    }
    out
}

/// The upper-case hex digit of a nibble (0 to 15).
fn hex_digit(nibble: u8) -> char {
    char::from(if nibble < 10 {
        b'0' + nibble
    } else {
        b'A' - 10 + nibble
    })
}

// Native only: proptest does not build for wasm32.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    use proptest::prelude::*;

    use super::encode;

    /// The sets the crate's encoder used before, as the reference.
    const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    const PATH_SEGMENT: &AsciiSet = &UNRESERVED.remove(b'@');

    #[test]
    fn hostile_text_is_escaped_byte_by_byte() {
        assert_eq!(
            encode("a/b?c#d%e f+g@h~i.j_k-l", true),
            "a%2Fb%3Fc%23d%25e%20f%2Bg@h~i.j_k-l"
        );
        assert_eq!(encode("x@y", false), "x%40y");
        assert_eq!(
            encode("Zoë 東\u{202e}\u{0}", true),
            "Zo%C3%AB%20%E6%9D%B1%E2%80%AE%00"
        );
        assert_eq!(encode("\u{7f}\u{ff}", false), "%7F%C3%BF");
        assert_eq!(encode("", true), "");
        assert_eq!(encode("%25", false), "%2525");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]

        /// Byte for byte what the `percent-encoding` crate writes, for any text, both sets.
        #[test]
        fn encodes_as_the_percent_encoding_crate(text in any::<String>()) {
            prop_assert_eq!(encode(&text, true), utf8_percent_encode(&text, PATH_SEGMENT).to_string());
            prop_assert_eq!(encode(&text, false), utf8_percent_encode(&text, UNRESERVED).to_string());
        }
    }
}
