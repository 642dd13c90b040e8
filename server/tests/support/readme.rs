//! The README's examples, as the tests run them: the fenced block after a
//! `<!-- tested: NAME -->` line.

/// The README's text.
pub fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap()
}

/// The code of the fenced block that follows `<!-- tested: NAME -->`.
pub fn example(name: &str) -> String {
    let readme = readme();
    let marker = format!("<!-- tested: {name} -->");
    let after = readme
        .split_once(&marker)
        .unwrap_or_else(|| panic!("README.md has no {marker}"))
        .1;
    let fence_start = after
        .find("```")
        .expect("a fenced block follows the marker");
    let block = &after[fence_start + 3..];
    let code_start = block.find('\n').unwrap() + 1;
    let code_end = block[code_start..].find("```").unwrap();
    block[code_start..code_start + code_end].to_owned()
}
