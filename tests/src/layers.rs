//! A reader of a crate's `use crate::...` imports that checks them against a
//! layered layout: each top-level folder of `src/` is a layer, a layer may use
//! only the layers it is allowed, and no module imports another in a loop.
//!
//! It reads source text, not a syntax tree: `use` statements (with their braces,
//! over several lines), `super::` paths, and `crate::` paths written inline in
//! code. Comments and `#[cfg(test)] mod` blocks are passed over (a test module
//! may use anything). A path through a re-export of the crate root
//! (`crate::Validator`) is followed to the module that defines it, so the root
//! is no back door.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// The layers of a crate, bottom first: each with the layers it may use.
#[derive(Debug, Clone)]
pub struct Layers {
    /// Layer name (a top-level folder of `src/`) and the layers it may use.
    pub rules: Vec<(&'static str, Vec<&'static str>)>,
}

/// One import of one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The importing module (`schema::normalise`; `""` for the crate root).
    pub from: String,
    /// The imported module.
    pub to: String,
    /// The file and line of the import.
    pub at: String,
    /// The path as written, braces expanded.
    pub path: String,
}

/// Something the layout forbids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A module imports a layer its layer may not use.
    Upward {
        /// The import.
        import: Import,
        /// The importing layer.
        layer: String,
        /// The imported layer.
        used: String,
        /// What the importing layer may use.
        allowed: Vec<String>,
    },
    /// A module of `src/` is in no declared layer.
    NoLayer {
        /// The module.
        module: String,
    },
    /// Modules that import each other in a loop, each import named.
    Cycle {
        /// The imports that make the loop, in order.
        imports: Vec<Import>,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Upward {
                import,
                layer,
                used,
                allowed,
            } => write!(
                f,
                "{}: `{}` imports layer `{used}` from layer `{layer}`, which may use only: {}",
                import.at,
                import.path,
                if allowed.is_empty() {
                    "nothing".to_owned()
                } else {
                    allowed.join(", ")
                }
            ),
            Self::NoLayer { module } => {
                write!(f, "module `{module}` is in no declared layer")
            }
            Self::Cycle { imports } => {
                writeln!(f, "modules import each other in a loop:")?;
                for import in imports {
                    writeln!(f, "  {}: `{}` -> `{}`", import.at, import.from, import.to)?;
                }
                Ok(())
            }
        }
    }
}

/// A crate's modules: module path (`payload::views`) -> (file name, text).
pub type Sources = BTreeMap<String, (String, String)>;

/// Reads every `.rs` file under `src` as a module.
pub fn read_sources(src: &Path) -> std::io::Result<Sources> {
    let mut sources = Sources::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path.strip_prefix(src).unwrap_or(&path);
                let mut segments: Vec<String> = relative
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                let last = segments.pop().unwrap_or_default();
                let stem = last.trim_end_matches(".rs");
                if stem != "mod" && stem != "lib" {
                    segments.push(stem.to_owned());
                }
                let text = std::fs::read_to_string(&path)?;
                sources.insert(segments.join("::"), (path.display().to_string(), text));
            }
        }
    }
    Ok(sources)
}

/// Every import between modules of `sources`.
#[must_use]
pub fn imports(sources: &Sources) -> Vec<Import> {
    let reexports = root_reexports(sources);
    let mut out = Vec::new();
    for (module, (file, text)) in sources {
        let parent = parent_of(module);
        for (line, path) in paths(text) {
            let absolute = if let Some(rest) = path.strip_prefix("crate::") {
                rest.to_owned()
            } else if let Some(rest) = path.strip_prefix("super::") {
                join(&parent, rest)
            } else {
                continue;
            };
            if let Some(to) = resolve(sources, &reexports, &absolute)
                && to != *module
            {
                out.push(Import {
                    from: module.clone(),
                    to,
                    at: format!("{file}:{line}"),
                    path,
                });
            }
        }
    }
    out
}

/// Checks `imports` against `layers`: every upward import, every module
/// outside the layers (the crate root excepted), every loop.
#[must_use]
pub fn check(layers: &Layers, sources: &Sources, imports: &[Import]) -> Vec<Violation> {
    let mut violations = Vec::new();
    let layer_of = |module: &str| module.split("::").next().unwrap_or_default().to_owned();
    let declared: BTreeMap<&str, &Vec<&str>> = layers
        .rules
        .iter()
        .map(|(name, uses)| (*name, uses))
        .collect();
    for module in sources.keys().filter(|module| !module.is_empty()) {
        if !declared.contains_key(layer_of(module).as_str()) {
            violations.push(Violation::NoLayer {
                module: module.clone(),
            });
        }
    }
    for import in imports.iter().filter(|import| !import.from.is_empty()) {
        let (layer, used) = (layer_of(&import.from), layer_of(&import.to));
        if layer == used || used.is_empty() {
            continue;
        }
        if let Some(allowed) = declared.get(layer.as_str())
            && !allowed.contains(&used.as_str())
        {
            violations.push(Violation::Upward {
                import: import.clone(),
                layer,
                used,
                allowed: allowed.iter().map(|name| (*name).to_owned()).collect(),
            });
        }
    }
    violations.extend(
        cycles(imports)
            .into_iter()
            .map(|imports| Violation::Cycle { imports }),
    );
    violations
}

/// The loops of the import graph (the crate root's re-exports left out: the
/// root declares every module, and its `pub use` lines are the API). A
/// depth-first walk: an import back to a module still on the walk's trail
/// closes a loop, reported with the imports along it.
fn cycles(imports: &[Import]) -> Vec<Vec<Import>> {
    let mut graph: BTreeMap<&str, Vec<&Import>> = BTreeMap::new();
    for import in imports.iter().filter(|import| !import.from.is_empty()) {
        graph.entry(import.from.as_str()).or_default().push(import);
    }
    let mut walk = Walk {
        graph: &graph,
        finished: BTreeSet::new(),
        trail: Vec::new(),
        found: Vec::new(),
    };
    for start in graph.keys().copied() {
        walk.visit(start);
    }
    walk.found
}

struct Walk<'a> {
    graph: &'a BTreeMap<&'a str, Vec<&'a Import>>,
    finished: BTreeSet<&'a str>,
    trail: Vec<&'a Import>,
    found: Vec<Vec<Import>>,
}

impl<'a> Walk<'a> {
    fn visit(&mut self, module: &'a str) {
        if self.finished.contains(module) {
            return;
        }
        if let Some(position) = self.trail.iter().position(|import| import.from == module) {
            let ring = self.trail[position..]
                .iter()
                .map(|import| (*import).clone())
                .collect();
            self.found.push(ring);
            return;
        }
        let graph = self.graph;
        for import in graph.get(module).into_iter().flatten() {
            self.trail.push(import);
            self.visit(&import.to);
            self.trail.pop();
        }
        self.finished.insert(module);
    }
}

/// The parent module of `module` (what `super` names in it).
fn parent_of(module: &str) -> String {
    match module.rsplit_once("::") {
        Some((parent, _)) => parent.to_owned(),
        None => String::new(),
    }
}

fn join(parent: &str, rest: &str) -> String {
    if parent.is_empty() {
        rest.to_owned()
    } else {
        format!("{parent}::{rest}")
    }
}

/// The module a path (after `crate::`) names: its longest prefix that is a
/// module, or for an item of the root, the module the root re-exports it from.
fn resolve(sources: &Sources, reexports: &BTreeMap<String, String>, path: &str) -> Option<String> {
    let segments: Vec<&str> = path
        .split("::")
        .filter(|segment| !segment.is_empty() && *segment != "self" && *segment != "*")
        .collect();
    for end in (1..=segments.len()).rev() {
        let candidate = segments[..end].join("::");
        if sources.contains_key(&candidate) {
            return Some(candidate);
        }
    }
    let first = segments.first()?;
    reexports.get(*first).cloned()
}

/// What the crate root re-exports: item name -> the module it comes from.
fn root_reexports(sources: &Sources) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    let Some((_, text)) = sources.get("") else {
        return map;
    };
    for (_, path) in paths(text) {
        let Some(rest) = path.strip_prefix("crate::") else {
            continue;
        };
        if let Some((module, item)) = rest.rsplit_once("::")
            && sources.contains_key(module)
        {
            map.insert(item.to_owned(), module.to_owned());
        }
    }
    // `pub use engine::validator::Validator;` names its module without `crate::`.
    for statement in use_statements(text) {
        for path in expand(&statement.1) {
            if let Some((module, item)) = path.rsplit_once("::")
                && sources.contains_key(module)
            {
                map.insert(item.to_owned(), module.to_owned());
            }
        }
    }
    map
}

/// Every path of `text` that may name a module of the crate, with its line:
/// the expanded paths of `use` statements, and `crate::` paths written inline.
fn paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (line, statement) in use_statements(text) {
        for path in expand(&statement) {
            out.push((line, path));
        }
    }
    for (index, line) in code_lines(text) {
        let trimmed = line.trim_start();
        if is_use(trimmed) {
            continue;
        }
        let mut rest = line;
        while let Some(start) = rest.find("crate::") {
            let before = rest[..start].chars().last();
            let tail = &rest[start..];
            let end = tail
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == ':'))
                .unwrap_or(tail.len());
            if !before.is_some_and(|ch| ch.is_alphanumeric() || ch == '_') {
                out.push((index, tail[..end].trim_end_matches(':').to_owned()));
            }
            rest = &tail[end.max(1)..];
        }
    }
    out
}

fn is_use(trimmed: &str) -> bool {
    trimmed.starts_with("use ") || (trimmed.starts_with("pub") && trimmed.contains(" use "))
}

/// The `use` statements of `text` (joined over their lines), each with the line
/// it starts on, the leading `pub ... use` removed.
fn use_statements(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (index, line) in code_lines(text) {
        let trimmed = line.trim();
        if let Some((start, mut statement)) = open.take() {
            statement.push(' ');
            statement.push_str(trimmed);
            if trimmed.ends_with(';') {
                out.push((start, statement.trim_end_matches(';').to_owned()));
            } else {
                open = Some((start, statement));
            }
            continue;
        }
        if !is_use(trimmed) {
            continue;
        }
        let Some(body) = trimmed.split_once("use ").map(|(_, body)| body) else {
            continue;
        };
        if body.ends_with(';') {
            out.push((index, body.trim_end_matches(';').to_owned()));
        } else {
            open = Some((index, body.to_owned()));
        }
    }
    out
}

/// `a::{b::C, d::{E, F}}` as `a::b::C`, `a::d::E`, `a::d::F`.
fn expand(tree: &str) -> Vec<String> {
    let tree = without_aliases(tree);
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = tree[open + 1..]
        .strip_suffix('}')
        .unwrap_or(&tree[open + 1..]);
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|part| !part.is_empty())
        .flat_map(|part| {
            expand(part)
                .into_iter()
                .map(move |path| format!("{prefix}{path}"))
        })
        .collect()
}

/// `tree` without white space and without its `as` renames (`a::B as C` is `a::B`).
fn without_aliases(tree: &str) -> String {
    let mut out = String::new();
    let mut words = tree.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if word == "as" {
            // The alias: drop its name, keep what follows it in the word.
            let alias = words.next().unwrap_or_default();
            let name_end = alias
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(alias.len());
            out.push_str(&alias[name_end..]);
        } else {
            out.push_str(word);
        }
    }
    out
}

/// The lines of `text` that are code, numbered from 1: comment lines and
/// `#[cfg(test)] mod` blocks left out, trailing `//` comments cut.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let trimmed = lines[index].trim();
        if trimmed == "#[cfg(test)]" {
            // Other attributes may stand between it and the module.
            let mut next = index + 1;
            while lines
                .get(next)
                .is_some_and(|line| line.trim_start().starts_with("#["))
            {
                next += 1;
            }
            if lines
                .get(next)
                .is_some_and(|line| line.trim_start().starts_with("mod "))
            {
                index = skip_block(&lines, next);
                continue;
            }
        }
        if !trimmed.starts_with("//") {
            let code = lines[index].split(" //").next().unwrap_or_default();
            out.push((index + 1, code));
        }
        index += 1;
    }
    out
}

/// The index after the block that opens on line `start` (braces counted).
fn skip_block(lines: &[&str], start: usize) -> usize {
    let mut depth = 0i64;
    let mut index = start;
    while index < lines.len() {
        for ch in lines[index].chars() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        index += 1;
        if depth <= 0 && lines[index - 1].contains('}') {
            break;
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[(&str, &str)]) -> Sources {
        files
            .iter()
            .map(|(module, text)| {
                let file = if module.is_empty() {
                    "lib.rs".to_owned()
                } else {
                    format!("{}.rs", module.replace("::", "/"))
                };
                ((*module).to_owned(), (file, (*text).to_owned()))
            })
            .collect()
    }

    fn layers() -> Layers {
        Layers {
            rules: vec![("low", vec![]), ("high", vec!["low"])],
        }
    }

    fn run(files: &[(&str, &str)]) -> Vec<Violation> {
        let sources = tree(files);
        check(&layers(), &sources, &imports(&sources))
    }

    #[test]
    fn a_downward_import_is_allowed() {
        let found = run(&[
            ("", "mod low;\nmod high;\n"),
            ("low", ""),
            ("low::a", "pub struct A;\n"),
            ("high", ""),
            ("high::b", "use crate::low::a::A;\n"),
        ]);
        assert_eq!(found, vec![]);
    }

    #[test]
    fn an_upward_import_is_named_with_its_file_and_line() {
        let found = run(&[
            ("low", ""),
            ("low::a", "//! Docs.\n\nuse crate::{\n    high::b::B,\n};\n"),
            ("high", ""),
            ("high::b", "pub struct B;\n"),
        ]);
        assert_eq!(found.len(), 1, "{found:?}");
        let text = found[0].to_string();
        assert!(
            text.starts_with(
                "low/a.rs:3: `crate::high::b::B` imports layer `high` from layer `low`"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_root_reexport_is_followed_to_its_module() {
        let found = run(&[
            ("", "pub use high::b::B;\n"),
            ("low", ""),
            ("low::a", "fn f() { let _ = crate::B::new(); }\n"),
            ("high", ""),
            ("high::b", "pub struct B;\n"),
        ]);
        assert!(
            matches!(&found[..], [Violation::Upward { used, .. }] if used == "high"),
            "{found:?}"
        );
    }

    #[test]
    fn a_loop_inside_one_layer_is_found_and_test_modules_are_not() {
        let found = run(&[
            ("low", ""),
            ("low::a", "use crate::low::b::B;\npub struct A;\n"),
            ("low::b", "use super::a::A;\npub struct B;\n"),
            (
                "low::c",
                "pub struct C;\n#[cfg(test)]\nmod tests {\n    use crate::high::d;\n}\n",
            ),
            ("high", ""),
            ("high::d", "use crate::low::c::C;\n"),
        ]);
        assert!(
            matches!(&found[..], [Violation::Cycle { imports }] if imports.len() == 2),
            "{found:?}"
        );
    }

    #[test]
    fn renamed_and_grouped_imports_name_their_modules() {
        let sources = tree(&[
            ("low", ""),
            ("low::a", "pub struct A;\n"),
            ("low::b", "pub struct B;\n"),
            ("high", ""),
            (
                "high::c",
                "pub(crate) use crate::low::{\n    a::A as Renamed,\n    b::{self, B},\n};\n",
            ),
        ]);
        let found: Vec<(String, String)> = imports(&sources)
            .into_iter()
            .map(|import| (import.to, import.path))
            .collect();
        assert_eq!(
            found,
            vec![
                ("low::a".to_owned(), "crate::low::a::A".to_owned()),
                ("low::b".to_owned(), "crate::low::b::self".to_owned()),
                ("low::b".to_owned(), "crate::low::b::B".to_owned()),
            ]
        );
    }

    #[test]
    fn a_module_outside_the_layers_is_reported() {
        let found = run(&[("", "mod stray;\n"), ("stray", "")]);
        assert_eq!(
            found,
            vec![Violation::NoLayer {
                module: "stray".to_owned()
            }]
        );
    }
}
