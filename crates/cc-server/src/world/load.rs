//! Reading a world file: JSON syntax, then the generated schema (every problem
//! with its JSON pointer), then the references between the lists.

use super::{World, schema};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

/// One problem of a world file: where and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// RFC 6901 JSON pointer to the offending value (empty for the whole file).
    pub pointer: String,
    /// What was expected there.
    pub expected: String,
}

/// Why a world file was refused. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum WorldError {
    /// The file could not be read.
    #[error("{file}: cannot read the world file: {source}")]
    Read {
        /// The file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not JSON.
    #[error("{file}: the world file is not valid JSON: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// The parser's message, with line and column.
        message: String,
    },
    /// The file is JSON but not a valid world.
    #[error("{file}: the world file is not valid:{}", Lines(problems))]
    Invalid {
        /// The file.
        file: String,
        /// Every problem, in document order.
        problems: Vec<Problem>,
    },
}

/// Formats problems one per line, each `at <pointer>: <expected>`.
struct Lines<'a>(&'a [Problem]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for problem in self.0 {
            let pointer = if problem.pointer.is_empty() {
                "the top level"
            } else {
                &problem.pointer
            };
            write!(f, "\n  at {pointer}: {}", problem.expected)?;
        }
        Ok(())
    }
}

/// Reads and checks the world file at `path`.
pub fn load(path: &Path) -> Result<World, WorldError> {
    let file = path.display().to_string();
    let text = std::fs::read(path).map_err(|source| WorldError::Read {
        file: file.clone(),
        source,
    })?;
    parse(&text, &file)
}

/// Checks a world file's bytes; `file` names it in errors.
pub fn parse(text: &[u8], file: &str) -> Result<World, WorldError> {
    let value: serde_json::Value =
        serde_json::from_slice(text).map_err(|error| WorldError::Syntax {
            file: file.to_owned(),
            message: error.to_string(),
        })?;
    let invalid = |problems| WorldError::Invalid {
        file: file.to_owned(),
        problems,
    };
    let schema = schema();
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(schema.as_value())
        .map_err(|error| {
            invalid(vec![Problem {
                pointer: String::new(),
                expected: format!("internal error: the world schema did not compile: {error}"),
            }])
        })?;
    let mut problems: Vec<Problem> = validator
        .iter_errors(&value)
        .map(|error| Problem {
            pointer: error.instance_path().as_str().to_owned(),
            expected: error.to_string(),
        })
        .collect();
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        return Err(invalid(problems));
    }
    let world: World = serde_json::from_value(value).map_err(|error| {
        invalid(vec![Problem {
            pointer: String::new(),
            expected: error.to_string(),
        }])
    })?;
    let problems = references(&world);
    if problems.is_empty() {
        Ok(world)
    } else {
        Err(invalid(problems))
    }
}

/// The problems of ids used twice and of references to objects the file does
/// not declare.
fn references(world: &World) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut problem = |pointer: String, expected: String| {
        problems.push(Problem { pointer, expected });
    };
    unique(
        world.apps.iter().map(|app| app.bk_app_code.clone()),
        "/apps",
        "bk_app_code",
        &mut problem,
    );
    let businesses = unique(
        world.businesses.iter().map(|business| business.bk_biz_id),
        "/businesses",
        "bk_biz_id",
        &mut problem,
    );
    unique(
        world.hosts.iter().map(|host| host.bk_host_id),
        "/hosts",
        "bk_host_id",
        &mut problem,
    );
    let categories = unique(
        world.service_categories.iter().map(|category| category.id),
        "/service_categories",
        "id",
        &mut problem,
    );
    unique(
        world.service_templates.iter().map(|template| template.id),
        "/service_templates",
        "id",
        &mut problem,
    );
    unique(
        world.modules.iter().map(|module| module.bk_module_id),
        "/modules",
        "bk_module_id",
        &mut problem,
    );
    let missing_business = |id: i64| format!("a bk_biz_id of /businesses, got {id}");
    for (index, host) in world.hosts.iter().enumerate() {
        if !businesses.contains_key(&host.bk_biz_id) {
            problem(
                format!("/hosts/{index}/bk_biz_id"),
                missing_business(host.bk_biz_id),
            );
        }
    }
    let mut template_business = BTreeMap::new();
    for (index, template) in world.service_templates.iter().enumerate() {
        template_business.insert(template.id, template.bk_biz_id);
        if !businesses.contains_key(&template.bk_biz_id) {
            problem(
                format!("/service_templates/{index}/bk_biz_id"),
                missing_business(template.bk_biz_id),
            );
        }
        if !categories.contains_key(&template.service_category_id) {
            problem(
                format!("/service_templates/{index}/service_category_id"),
                format!(
                    "an id of /service_categories, got {}",
                    template.service_category_id
                ),
            );
        }
    }
    for (index, module) in world.modules.iter().enumerate() {
        if !businesses.contains_key(&module.bk_biz_id) {
            problem(
                format!("/modules/{index}/bk_biz_id"),
                missing_business(module.bk_biz_id),
            );
        }
        if module.service_template_id != 0 {
            match template_business.get(&module.service_template_id) {
                None => problem(
                    format!("/modules/{index}/service_template_id"),
                    format!(
                        "0 or an id of /service_templates, got {}",
                        module.service_template_id
                    ),
                ),
                Some(&business) if business != module.bk_biz_id => problem(
                    format!("/modules/{index}/service_template_id"),
                    format!(
                        "a service template of business {}, got one of business {business}",
                        module.bk_biz_id
                    ),
                ),
                Some(_) => {}
            }
        }
    }
    problems
}

/// Reports every id used twice in a list; returns each id's first index.
fn unique<K: Ord + Clone + fmt::Debug>(
    keys: impl Iterator<Item = K>,
    list: &str,
    field: &str,
    problem: &mut impl FnMut(String, String),
) -> BTreeMap<K, usize> {
    let mut first = BTreeMap::new();
    let mut reported = BTreeSet::new();
    for (index, key) in keys.enumerate() {
        if let Some(&earlier) = first.get(&key) {
            reported.insert(index);
            problem(
                format!("{list}/{index}/{field}"),
                format!(
                    "a {field} not used before, got {key:?} (also at {list}/{earlier}/{field})"
                ),
            );
        } else {
            first.insert(key, index);
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<Problem> {
        match parse(text.as_bytes(), "w.json") {
            Err(WorldError::Invalid { problems, .. }) => problems,
            other => panic!("expected an invalid world, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_object_is_an_empty_world() {
        assert_eq!(parse(b"{}", "w.json").ok(), Some(World::default()));
    }

    #[test]
    fn a_wrong_type_is_reported_at_its_pointer() {
        let found = problems(r#"{"businesses": [{"bk_biz_id": "1", "bk_biz_name": "b"}]}"#);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].pointer, "/businesses/0/bk_biz_id");
        assert!(found[0].expected.contains("integer"), "{found:?}");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let found = problems(r#"{"hostz": []}"#);
        assert_eq!(found[0].pointer, "");
        assert!(found[0].expected.contains("hostz"), "{found:?}");
    }

    #[test]
    fn references_must_resolve() {
        let found = problems(
            r#"{
            "businesses": [{"bk_biz_id": 1, "bk_biz_name": "b"}, {"bk_biz_id": 1, "bk_biz_name": "c"}],
            "hosts": [{"bk_host_id": 1, "bk_biz_id": 2}],
            "service_templates": [{"id": 5, "bk_biz_id": 1, "name": "t", "service_category_id": 9}],
            "modules": [{"bk_module_id": 3, "bk_biz_id": 1, "bk_module_name": "m", "service_template_id": 6}]
        }"#,
        );
        let pointers: Vec<&str> = found.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/businesses/1/bk_biz_id",
                "/hosts/0/bk_biz_id",
                "/service_templates/0/service_category_id",
                "/modules/0/service_template_id"
            ]
        );
    }

    #[test]
    fn the_error_names_the_file_and_the_pointer() {
        let error =
            parse(br#"{"apps": [{"bk_app_code": 1}]}"#, "conf/world.json").expect_err("invalid");
        let text = error.to_string();
        assert!(
            text.starts_with("conf/world.json: the world file is not valid:"),
            "{text}"
        );
        assert!(text.contains("at /apps/0/bk_app_code:"), "{text}");
        let error = parse(b"{", "conf/world.json").expect_err("not JSON");
        assert!(
            error
                .to_string()
                .starts_with("conf/world.json: the world file is not valid JSON")
        );
    }
}
