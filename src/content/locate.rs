//! Finds where an item of a RON file stands (line and column), so that semantic
//! errors found after parsing can point staff at the right place.
//!
//! RON's own parser gives positions only for syntax errors; this is a small,
//! forgiving scanner of RON's structure (`( )`, `[ ]`, `{ }`, `key: value`,
//! strings and comments) that records where each value starts.

use super::validate::FieldPath;
use super::validate::PathSegment;

/// A line and column, both counting from 1 (columns in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// A value of the file with the position where it starts.
#[derive(Debug)]
struct Node {
    pos: Position,
    /// `key: value` entries of a struct or map (keys without quotes).
    fields: Vec<(String, Self)>,
    /// Unnamed elements of a list or tuple.
    items: Vec<Self>,
    /// The text of a string value.
    string: Option<String>,
}

/// The positions of every value in a RON source.
#[derive(Debug)]
pub struct SourceMap {
    root: Option<Node>,
}

impl SourceMap {
    /// Scans `source`. Never fails: unreadable parts are skipped.
    pub fn new(source: &str) -> Self {
        let mut scanner = Scanner::new(source);
        // Depth guard: hostile input with deep nesting must not overflow the stack.
        let root = scanner.value(0);
        Self { root }
    }

    /// Where `path` starts, or the nearest enclosing item that can be found.
    pub fn locate(&self, path: &FieldPath) -> Option<Position> {
        let mut node = self.root.as_ref()?;
        for segment in &path.0 {
            let next = match segment {
                PathSegment::Field(name) => node
                    .fields
                    .iter()
                    .find(|(key, _)| key == name)
                    .map(|(_, value)| value),
                PathSegment::Index(index) => node.items.get(*index),
                PathSegment::Id(id) => node.items.iter().find(|item| {
                    item.fields.iter().any(|(key, value)| {
                        key == "id" && value.string.as_deref() == Some(id.as_str())
                    })
                }),
            };
            match next {
                Some(next) => node = next,
                None => return Some(node.pos),
            }
        }
        Some(node.pos)
    }
}

const MAX_DEPTH: usize = 128;

/// Most items or fields recorded of one list or struct: above every count limit of
/// [`crate::content::limits`], so every item validation names is found; the rest of a longer
/// list is scanned but not kept.
const MAX_ITEMS: usize = 4096;

/// Most values recorded in all: about 20 MB of positions, several times what the largest
/// valid file needs. A hostile file of millions of tiny values is still scanned to its end,
/// and problems past the budget point at the nearest recorded item.
const MAX_NODES: usize = 250_000;

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    pos: Position,
    /// The identifier read last: the key when a `:` follows it.
    last_word: String,
    /// Values recorded so far (see [`MAX_NODES`]).
    recorded: usize,
    /// Above 0 while reading a value that is not kept: nothing inside it is kept either.
    discarding: usize,
}

impl<'a> Scanner<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            chars: source.chars().peekable(),
            pos: Position { line: 1, column: 1 },
            last_word: String::new(),
            recorded: 0,
            discarding: 0,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.column = 1;
        } else {
            self.pos.column += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    /// Skips whitespace, `//` and (nested) `/* */` comments, and `#![enable(...)]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') => {
                    let mut lookahead = self.chars.clone();
                    lookahead.next();
                    match lookahead.next() {
                        Some('/') => {
                            while let Some(c) = self.bump() {
                                if c == '\n' {
                                    break;
                                }
                            }
                        }
                        Some('*') => {
                            self.bump();
                            self.bump();
                            let mut depth = 1usize;
                            while depth > 0 {
                                match self.bump() {
                                    None => return,
                                    Some('*') if self.peek() == Some('/') => {
                                        self.bump();
                                        depth -= 1;
                                    }
                                    Some('/') if self.peek() == Some('*') => {
                                        self.bump();
                                        depth += 1;
                                    }
                                    Some(_) => {}
                                }
                            }
                        }
                        _ => return,
                    }
                }
                Some('#') => {
                    // `#![enable(...)]`: skip to the closing bracket.
                    while let Some(c) = self.bump() {
                        if c == ']' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    /// Reads one value starting at the current position.
    fn value(&mut self, depth: usize) -> Option<Node> {
        self.skip_trivia();
        let pos = self.pos;
        let mut node = Node {
            pos,
            fields: Vec::new(),
            items: Vec::new(),
            string: None,
        };
        match self.peek()? {
            '"' => node.string = Some(self.string()),
            'r' if self.raw_string_ahead() => node.string = Some(self.raw_string()),
            '(' | '[' | '{' => self.compound(&mut node, depth),
            c if c.is_alphanumeric() || c == '_' => {
                self.word();
                self.skip_trivia();
                // `Name(...)`: an enum variant or named struct; its contents are the value.
                if self.peek() == Some('(') {
                    self.compound(&mut node, depth);
                }
            }
            _ => {
                // Numbers, signs and anything unexpected: a leaf of one token.
                self.word();
                if self.pos == pos {
                    self.bump();
                }
            }
        }
        Some(node)
    }

    fn compound(&mut self, node: &mut Node, depth: usize) {
        let Some(open) = self.bump() else { return };
        let close = match open {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        if depth >= MAX_DEPTH {
            self.skip_balanced(open, close);
            return;
        }
        loop {
            self.skip_trivia();
            match self.peek() {
                None => return,
                Some(c) if c == close => {
                    self.bump();
                    return;
                }
                Some(',') => {
                    self.bump();
                    continue;
                }
                Some(')' | ']' | '}') => {
                    // Mismatched bracket: stop here rather than loop.
                    self.bump();
                    return;
                }
                _ => {}
            }
            let before = self.pos;
            // Decided before the value is read, so a value not kept costs nothing inside.
            let keep = node.items.len().max(node.fields.len()) < MAX_ITEMS
                && self.recorded < MAX_NODES
                && self.discarding == 0;
            if !keep {
                self.discarding += 1;
            }
            let first = self.value(depth + 1);
            let Some(first) = first else {
                if !keep {
                    self.discarding -= 1;
                }
                return;
            };
            self.skip_trivia();
            if self.peek() == Some(':') {
                self.bump();
                let key = first
                    .string
                    .clone()
                    .unwrap_or_else(|| self.last_word.clone());
                if let Some(value) = self.value(depth + 1)
                    && keep
                {
                    self.recorded += 1;
                    node.fields.push((key, value));
                }
            } else if keep {
                self.recorded += 1;
                node.items.push(first);
            }
            if !keep {
                self.discarding -= 1;
            }
            if self.pos == before {
                // No progress: skip one character so the scan always ends.
                self.bump();
            }
        }
    }

    fn skip_balanced(&mut self, open: char, close: char) {
        let mut depth = 1usize;
        while depth > 0 {
            match self.bump() {
                None => return,
                Some('"') => {
                    self.string_rest();
                }
                Some(c) if c == open => depth += 1,
                Some(c) if c == close => depth -= 1,
                Some(_) => {}
            }
        }
    }

    fn word(&mut self) {
        let mut word = String::new();
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '+') {
                word.push(c);
                self.bump();
            } else {
                break;
            }
        }
        self.last_word = word;
    }

    fn string(&mut self) -> String {
        self.bump(); // opening quote
        self.string_rest()
    }

    fn string_rest(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => {
                    if let Some(escaped) = self.bump() {
                        text.push(escaped);
                    }
                }
                c => text.push(c),
            }
        }
        text
    }

    fn raw_string_ahead(&self) -> bool {
        let mut lookahead = self.chars.clone();
        lookahead.next();
        loop {
            match lookahead.next() {
                Some('#') => {}
                Some('"') => return true,
                _ => return false,
            }
        }
    }

    fn raw_string(&mut self) -> String {
        self.bump(); // r
        let mut hashes = 0usize;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // opening quote
        let mut text = String::new();
        while let Some(c) = self.bump() {
            if c == '"' {
                let mut lookahead = self.chars.clone();
                if (0..hashes).all(|_| lookahead.next() == Some('#')) {
                    for _ in 0..hashes {
                        self.bump();
                    }
                    break;
                }
            }
            text.push(c);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = r##"// comment with ( and "quote
(
    sections: [
        (id: "freedom", title: "F"),
        (
            id: "energy", /* a (nested /* comment */) */
            figures: [
                (value: "508", label: "A"),
                (value: r#"1"#, label: "B"),
            ],
        ),
    ],
    map: (routes: [(id: "gipl", waypoints: [Place("a"), At(1.0, -2.5)])]),
)"##;

    fn path(segments: &[PathSegment]) -> FieldPath {
        FieldPath(segments.to_vec())
    }

    fn field(name: &str) -> PathSegment {
        PathSegment::Field(name.to_owned())
    }

    #[test]
    fn a_field_inside_a_section_found_by_id_is_located() {
        let map = SourceMap::new(SOURCE);
        let found = map.locate(&path(&[
            field("sections"),
            PathSegment::Id("energy".to_owned()),
            field("figures"),
            PathSegment::Index(1),
            field("label"),
        ]));
        assert_eq!(
            found,
            Some(Position {
                line: 9,
                column: 40
            }),
            "label of the second figure"
        );
    }

    #[test]
    fn items_inside_enum_variants_are_located() {
        let map = SourceMap::new(SOURCE);
        let found = map.locate(&path(&[
            field("map"),
            field("routes"),
            PathSegment::Id("gipl".to_owned()),
            field("waypoints"),
            PathSegment::Index(1),
        ]));
        assert_eq!(
            found,
            Some(Position {
                line: 13,
                column: 57
            }),
            "At(…)"
        );
    }

    #[test]
    fn a_missing_item_points_at_its_nearest_parent() {
        let map = SourceMap::new(SOURCE);
        let found = map.locate(&path(&[
            field("sections"),
            PathSegment::Id("cyber".to_owned()),
        ]));
        assert_eq!(
            found,
            Some(Position {
                line: 3,
                column: 15
            }),
            "the sections list"
        );
    }

    #[test]
    fn a_huge_list_is_scanned_to_its_end_but_only_its_start_is_kept() {
        let many = "At(0,0), ".repeat(100_000);
        let source = format!("(routes: [(waypoints: [{many}]), (id: \"last\")])");
        let map = SourceMap::new(&source);
        let routes = map.root.as_ref().expect("a root").fields[0].1.items.len();
        assert_eq!(routes, 2, "the list after the huge one is still read");
        let waypoints = path(&[
            field("routes"),
            PathSegment::Index(0),
            field("waypoints"),
            PathSegment::Index(MAX_ITEMS - 1),
        ]);
        assert_eq!(
            map.locate(&waypoints).map(|p| p.column),
            Some(24 + 9 * (MAX_ITEMS - 1)),
            "the last kept item is found"
        );
        let after = path(&[field("routes"), PathSegment::Index(1)]);
        assert!(
            map.locate(&after).is_some_and(|p| p.column > 900_000),
            "the item after the huge list is kept"
        );
        let last = path(&[field("routes"), PathSegment::Id("last".to_owned())]);
        assert!(
            map.locate(&last).is_some_and(|p| p.column > 900_000),
            "found after the huge list"
        );
    }

    #[test]
    fn a_file_of_millions_of_values_keeps_a_bounded_number() {
        let many = "[0], ".repeat(100_000);
        let map = SourceMap::new(&format!("(body: [{many}])"));
        let body = &map.root.as_ref().expect("a root").fields[0].1;
        assert_eq!(
            body.items.len(),
            MAX_ITEMS,
            "one list keeps at most MAX_ITEMS"
        );
        let list = format!("[{}], ", "0,".repeat(4000));
        let source = format!("[{}]", list.repeat(100));
        let mut big = Scanner::new(&source);
        let root = big.value(0).expect("scanned");
        // The lists open when the budget ran out are kept too: at most one per level.
        assert!(
            (MAX_NODES..=MAX_NODES + MAX_DEPTH).contains(&big.recorded),
            "400,100 values, {} kept",
            big.recorded
        );
        assert!(
            root.items.len() < 100,
            "the lists past the budget are not kept"
        );
        assert!(big.chars.peek().is_none(), "scanned to the end");
    }
}
