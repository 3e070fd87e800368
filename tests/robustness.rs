//! No input makes loading panic or hang: arbitrary bytes, mutations of the shipped
//! file, very deep nesting and very long lines. Bounded case counts keep CI short.

use std::path::Path;

use proptest::prelude::*;
use vitrina::content::{SourceMap, check_content, parse_content};

fn shipped_source() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content.ron"))
        .expect("the shipped content.ron is readable")
}

/// Parses and, when that works, validates and locates every problem.
fn load_text(source: &str) {
    let file = Path::new("fuzz.ron");
    let _ = SourceMap::new(source);
    if let Ok(content) = parse_content(source, file) {
        let _ = check_content(&content, source, file, &|_| Ok(()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        load_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn arbitrary_ron_like_text_never_panics(text in "[\\[\\](){}:,\"a-z0-9 /*#!.\n-]{0,2000}") {
        load_text(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn mutations_of_the_shipped_file_never_panic(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<u8>()), 1..8)
    ) {
        let mut bytes = shipped_source().into_bytes();
        for (at, kind, byte) in edits {
            let i = at.index(bytes.len().max(1));
            match kind {
                0 if !bytes.is_empty() => { bytes.remove(i.min(bytes.len() - 1)); }
                1 => bytes.insert(i.min(bytes.len()), byte),
                _ if !bytes.is_empty() => { let j = i.min(bytes.len() - 1); bytes[j] = byte; }
                _ => {}
            }
        }
        load_text(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn very_deep_nesting_is_refused_without_overflowing_the_stack() {
    for open in ["[", "(", "{", "(a:", "Some("] {
        let text = open.repeat(200_000);
        load_text(&text);
        let err = parse_content(&text, Path::new("deep.ron")).unwrap_err();
        assert!(err.to_string().starts_with("deep.ron:1:"), "{err}");
    }
}

#[test]
fn very_long_lines_are_handled() {
    let long_text = format!("({})", "a".repeat(2_000_000));
    load_text(&long_text);
    let long_string = shipped_source().replacen(
        "\"en\": \"",
        &format!("\"en\": \"{}", "x".repeat(1_000_000)),
        1,
    );
    load_text(&long_string);
}

#[test]
fn every_problem_of_a_mutated_shipped_file_has_a_position() {
    // Renaming a section id breaks the slides that point at it: each error is placed.
    let source = shipped_source().replacen("id: \"energy\"", "id: \"energy2\"", 1);
    let content = parse_content(&source, Path::new("c.ron")).unwrap();
    let problems = check_content(&content, &source, Path::new("c.ron"), &|_| Ok(())).unwrap_err();
    assert!(!problems.is_empty(), "the rename breaks references");
    for problem in problems {
        let position = problem.position.expect("placed");
        assert!(position.line > 1, "{problem}");
    }
}
