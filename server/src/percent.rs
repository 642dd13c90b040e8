//! Percent-decoding of a URL path, as the static files service and the log need it.

/// `%XX` sequences decoded; anything else (including a `%` without two hex digits) kept as is.
pub fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                // Two hex digits make at most 255.
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn decodes_escapes_and_keeps_the_rest() {
        assert_eq!(percent_decode("a%40b%2Fc%2e"), b"a@b/c.");
        assert_eq!(percent_decode("a%4"), b"a%4");
        assert_eq!(percent_decode("%zz%41%"), b"%zzA%");
        assert_eq!(percent_decode("Zo%C3%AB"), "Zoë".as_bytes());
    }
}
