//! Generated blocks inside hand-written Markdown, between `<!-- NAME:start ... -->` and
//! `<!-- NAME:end -->`.

/// `text` with the block `name` (which must be there) holding `content`; `None` without it.
pub fn replace_block(text: &str, name: &str, content: &str) -> Option<String> {
    let start_marker = format!("<!-- {name}:start");
    let end_marker = format!("<!-- {name}:end -->");
    let start = text.find(&start_marker)?;
    let start = start + text[start..].find("-->\n")? + "-->\n".len();
    let end = start + text[start..].find(&end_marker)?;
    Some(format!("{}{content}{}", &text[..start], &text[end..]))
}

/// The first line where `actual` and `expected` differ, for a failing test's message.
pub fn first_difference(actual: &str, expected: &str) -> String {
    let (mut actual_lines, mut expected_lines) = (actual.lines(), expected.lines());
    for number in 1.. {
        match (actual_lines.next(), expected_lines.next()) {
            (None, None) => break,
            (a, e) if a == e => continue,
            (a, e) => {
                return format!(
                    "line {number}:\n  committed: {}\n  generated: {}",
                    a.unwrap_or("(end of file)"),
                    e.unwrap_or("(end of file)")
                )
            }
        }
    }
    "they differ only in line endings".to_owned()
}
