//! The floors of `src/` (docs `design/architecture.md`): no import cycle between top-level
//! modules, nothing below `app` imports `app`, and the pure floors (`state`, `content`) import
//! nothing that draws. Reads every `src/**/*.rs` and collects its `crate::<module>` paths, in
//! `use` lines and in code alike; comments do not count. `lib.rs` and `main.rs` are exempt.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level module → the other top-level modules it refers to.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// Modules that never import `app`.
const BELOW_APP: [&str; 6] = ["ui", "map", "a11y", "usage", "state", "content"];

/// Modules that draw or glue drawing to the system: the pure floors never import them.
const DRAWING: [&str; 4] = ["ui", "map", "platform", "app"];

/// What `state` may import besides itself.
const STATE_MAY_IMPORT: [&str; 2] = ["content", "tokens"];

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The top-level module a file under `src` belongs to (`None`: `lib.rs`, `main.rs`).
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).expect("the file is under src/");
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The code of a line, without its `//` comment. A `//` inside a string literal ends the
/// code early, which can only hide a reference, never invent one.
fn code_of(line: &str) -> &str {
    line.find("//").map_or(line, |at| &line[..at])
}

/// Identifier characters.
fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level modules `text` names through `crate::`, including `crate::{a, b::c}` groups.
fn crate_references(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code: String = text.lines().map(code_of).collect::<Vec<_>>().join("\n");
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        // `foo_crate::x` is another path.
        let before = rest[..at].chars().next_back();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(is_ident) {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The first segment of each item at depth 0 of the group.
            let mut depth = 0_u32;
            let mut at_item_start = true;
            let mut word = String::new();
            for c in group.chars() {
                if depth == 0 && at_item_start && is_ident(c) {
                    word.push(c);
                    continue;
                }
                if !word.is_empty() {
                    found.insert(std::mem::take(&mut word));
                    at_item_start = false;
                }
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => at_item_start = true,
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|&c| is_ident(c)).collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

/// The graph of `src`: each top-level module and the other top-level modules it refers to.
fn module_graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    for file in rust_files(src) {
        let Some(module) = top_module(src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("a source file is readable");
        let targets = graph.entry(module.clone()).or_default();
        targets.extend(
            crate_references(&text)
                .into_iter()
                .filter(|target| *target != module),
        );
    }
    graph
}

/// A cycle of `graph` as a path that returns to its start (`a → b → a`), if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    /// Depth-first search; `path` is the current chain, `done` the nodes fully explored.
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|on_path| on_path == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

/// Imports that break a floor rule, one line each.
fn floor_violations(graph: &Graph) -> Vec<String> {
    let mut violations = Vec::new();
    for (module, targets) in graph {
        for target in targets {
            let target = target.as_str();
            if target == "app" && BELOW_APP.contains(&module.as_str()) {
                violations.push(format!("{module} imports app (it sits below app)"));
            }
            if matches!(module.as_str(), "state" | "content") && DRAWING.contains(&target) {
                violations.push(format!("{module} is pure but imports {target}"));
            }
            if module == "state" && !STATE_MAY_IMPORT.contains(&target) {
                violations.push(format!(
                    "state may import only content and tokens, not {target}"
                ));
            }
            // The design tokens are plain numbers at the very bottom.
            if module == "tokens" {
                violations.push(format!("tokens are constants but import {target}"));
            }
            if module == "app" && matches!(target, "cli" | "preview") {
                violations.push(format!(
                    "app imports {target} (launch code builds a launch description for app)"
                ));
            }
        }
    }
    violations
}

/// The graph, one module a line.
fn describe(graph: &Graph) -> String {
    graph
        .iter()
        .map(|(module, targets)| {
            let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
            format!("{module} → {}", targets.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The crate's `src/`.
fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// A graph from `(from, to)` pairs.
fn graph_of(edges: &[(&str, &str)]) -> Graph {
    let mut graph = Graph::new();
    for (from, to) in edges {
        graph
            .entry((*from).to_owned())
            .or_default()
            .insert((*to).to_owned());
        graph.entry((*to).to_owned()).or_default();
    }
    graph
}

#[test]
fn no_two_top_level_modules_import_each_other_even_through_others() {
    let graph = module_graph(&src_dir());
    assert!(
        graph.contains_key("app") && graph.contains_key("state"),
        "the graph was read from src/:\n{}",
        describe(&graph)
    );
    #[expect(clippy::print_stderr, reason = "the graph, for `--nocapture` readers")]
    {
        eprintln!("module graph:\n{}", describe(&graph));
    }
    let cycle = find_cycle(&graph);
    assert!(
        cycle.is_none(),
        "an import cycle between top-level modules: {}\nthe graph:\n{}",
        cycle.unwrap_or_default().join(" → "),
        describe(&graph)
    );
}

#[test]
fn each_floor_imports_only_the_floors_below_it() {
    let graph = module_graph(&src_dir());
    let violations = floor_violations(&graph);
    assert!(
        violations.is_empty(),
        "floor rules broken:\n{}\nthe graph:\n{}",
        violations.join("\n"),
        describe(&graph)
    );
}

#[test]
fn the_cycle_finder_names_a_cycle_through_three_modules() {
    let graph = graph_of(&[
        ("ui", "state"),
        ("state", "app"),
        ("app", "ui"),
        ("app", "content"),
    ]);
    let cycle = find_cycle(&graph).expect("ui → state → app → ui is a cycle");
    assert_eq!(
        cycle.first(),
        cycle.last(),
        "the cycle returns to its start"
    );
    assert_eq!(cycle.len(), 4, "three modules and the return: {cycle:?}");
    for module in ["ui", "state", "app"] {
        assert!(
            cycle.iter().any(|m| m == module),
            "{module} is on {cycle:?}"
        );
    }
}

#[test]
fn the_cycle_finder_accepts_a_graph_without_cycles() {
    let graph = graph_of(&[
        ("app", "ui"),
        ("app", "state"),
        ("ui", "state"),
        ("state", "content"),
    ]);
    assert_eq!(find_cycle(&graph), None, "a diamond is no cycle");
}

#[test]
fn the_floor_rules_catch_a_view_importing_app_and_state_importing_a_drawing_module() {
    let graph = graph_of(&[("map", "app"), ("state", "ui"), ("app", "cli")]);
    let violations = floor_violations(&graph);
    assert_eq!(violations.len(), 4, "four broken rules: {violations:?}");
}

#[test]
fn references_are_read_from_use_lines_groups_and_code_but_not_comments() {
    let text = "use crate::state::{Intent, Screen};\n\
                use crate::{content::Text, ui::{theme, view}};\n\
                let x = crate::app::VitrinaApp::new();\n\
                /// See [`crate::platform`].\n\
                // crate::map is only mentioned\n\
                let y = other_crate::usage::f();\n";
    let found: Vec<String> = crate_references(text).into_iter().collect();
    assert_eq!(
        found,
        ["app", "content", "state", "ui"],
        "paths in code and groups count; comments and other crates do not"
    );
}
