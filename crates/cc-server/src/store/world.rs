//! Loading a world into the database, and reading back the objects of the world
//! that requests refer to (apps, businesses, hosts, modules).

use crate::world::World;
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;

/// How many objects of each kind a world load added (the rest were there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Added {
    /// Apps.
    pub apps: usize,
    /// Businesses.
    pub businesses: usize,
    /// Hosts.
    pub hosts: usize,
    /// Service categories.
    pub service_categories: usize,
    /// Service templates.
    pub service_templates: usize,
    /// Modules.
    pub modules: usize,
}

/// Adds every object of `world` the database lacks (by id; apps by code) and
/// changes nothing that is there.
pub fn apply(tx: &Transaction<'_>, world: &World) -> rusqlite::Result<Added> {
    let mut added = Added::default();
    for app in &world.apps {
        added.apps += tx.execute(
            "INSERT OR IGNORE INTO apps (bk_app_code, bk_app_secret) VALUES (?1, ?2)",
            params![app.bk_app_code, app.bk_app_secret],
        )?;
    }
    for business in &world.businesses {
        added.businesses += tx.execute(
            "INSERT OR IGNORE INTO businesses (bk_biz_id, bk_biz_name) VALUES (?1, ?2)",
            params![business.bk_biz_id, business.bk_biz_name],
        )?;
    }
    for host in &world.hosts {
        added.hosts += tx.execute(
            "INSERT OR IGNORE INTO hosts (bk_host_id, bk_biz_id, bk_host_innerip, bk_host_outerip, \
             bk_host_innerip_v6, bk_host_outerip_v6) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                host.bk_host_id,
                host.bk_biz_id,
                host.bk_host_innerip,
                host.bk_host_outerip,
                host.bk_host_innerip_v6,
                host.bk_host_outerip_v6
            ],
        )?;
    }
    for category in &world.service_categories {
        added.service_categories += tx.execute(
            "INSERT OR IGNORE INTO service_categories (id, name) VALUES (?1, ?2)",
            params![category.id, category.name],
        )?;
    }
    let now = super::now();
    for template in &world.service_templates {
        added.service_templates += tx.execute(
            "INSERT OR IGNORE INTO service_templates (id, bk_biz_id, name, service_category_id, \
             creator, modifier, create_time, last_time) VALUES (?1, ?2, ?3, ?4, 'world', 'world', ?5, ?5)",
            params![
                template.id,
                template.bk_biz_id,
                template.name,
                template.service_category_id,
                now
            ],
        )?;
    }
    for module in &world.modules {
        added.modules += tx.execute(
            "INSERT OR IGNORE INTO modules (bk_module_id, bk_biz_id, bk_module_name, service_template_id) \
             VALUES (?1, ?2, ?3, ?4)",
            params![
                module.bk_module_id,
                module.bk_biz_id,
                module.bk_module_name,
                module.service_template_id
            ],
        )?;
    }
    Ok(added)
}

/// Every app's secret, by app code.
pub fn apps(tx: &Transaction<'_>) -> rusqlite::Result<HashMap<String, String>> {
    let mut statement = tx.prepare("SELECT bk_app_code, bk_app_secret FROM apps")?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    rows.collect()
}

/// How many objects of each kind the database holds.
pub fn counts(tx: &Transaction<'_>) -> rusqlite::Result<Added> {
    let count = |table: &str| -> rusqlite::Result<usize> {
        tx.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get::<_, i64>(0)
        })
        .map(|n| usize::try_from(n).unwrap_or(0))
    };
    Ok(Added {
        apps: count("apps")?,
        businesses: count("businesses")?,
        hosts: count("hosts")?,
        service_categories: count("service_categories")?,
        service_templates: count("service_templates")?,
        modules: count("modules")?,
    })
}

/// Whether business `id` exists.
pub fn business_exists(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT 1 FROM businesses WHERE bk_biz_id = ?1",
        [id],
        |_| Ok(()),
    )
    .optional()
    .map(|found| found.is_some())
}

/// A module: its business and service template (0 for none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleRow {
    /// Business.
    pub bk_biz_id: i64,
    /// Name.
    pub bk_module_name: String,
    /// Service template, 0 for none.
    pub service_template_id: i64,
}

/// Module `id`, if it exists.
pub fn module(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<ModuleRow>> {
    tx.query_row(
        "SELECT bk_biz_id, bk_module_name, service_template_id FROM modules WHERE bk_module_id = ?1",
        [id],
        |row| {
            Ok(ModuleRow {
                bk_biz_id: row.get(0)?,
                bk_module_name: row.get(1)?,
                service_template_id: row.get(2)?,
            })
        },
    )
    .optional()
}

/// Host `id`: its business and addresses, if it exists.
pub fn host(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<(i64, cc_model::Host)>> {
    tx.query_row(
        "SELECT bk_biz_id, bk_host_innerip, bk_host_outerip, bk_host_innerip_v6, bk_host_outerip_v6 \
         FROM hosts WHERE bk_host_id = ?1",
        [id],
        |row| {
            let some = |text: String| (!text.is_empty()).then_some(text);
            Ok((
                row.get(0)?,
                cc_model::Host {
                    bk_host_innerip: some(row.get(1)?),
                    bk_host_outerip: some(row.get(2)?),
                    bk_host_innerip_v6: some(row.get(3)?),
                    bk_host_outerip_v6: some(row.get(4)?),
                },
            ))
        },
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Location, Store};

    fn world(text: &str) -> World {
        crate::world::parse(text.as_bytes(), "w.json").expect("valid world")
    }

    #[test]
    fn loading_again_adds_what_is_missing_and_changes_nothing_else() {
        let store = Store::open(Location::Memory).expect("open");
        let first = world(r#"{"businesses": [{"bk_biz_id": 1, "bk_biz_name": "one"}]}"#);
        let added = store.write(|tx| apply(tx, &first)).expect("apply");
        assert_eq!(added.businesses, 1);
        let second = world(
            r#"{"businesses": [{"bk_biz_id": 1, "bk_biz_name": "renamed"}, {"bk_biz_id": 2, "bk_biz_name": "two"}]}"#,
        );
        let added = store.write(|tx| apply(tx, &second)).expect("apply again");
        assert_eq!(added.businesses, 1);
        let names: Vec<String> = store
            .read(|tx| {
                let mut statement =
                    tx.prepare("SELECT bk_biz_name FROM businesses ORDER BY bk_biz_id")?;
                let rows = statement.query_map([], |row| row.get(0))?;
                rows.collect::<rusqlite::Result<Vec<String>>>()
            })
            .expect("names");
        assert_eq!(names, ["one", "two"]);
    }
}
