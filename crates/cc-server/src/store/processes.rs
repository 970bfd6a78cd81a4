//! Process instances: rows of `processes`, each holding its cc-model `Process`
//! as JSON text, with the ids and the unique names in their own columns.

use crate::http::ApiError;
use rusqlite::Transaction;

/// Makes the processes created from `template_ids` raw processes (what the
/// server does when their template is deleted).
pub fn unbind_template(tx: &Transaction<'_>, template_ids: &[i64]) -> Result<(), ApiError> {
    for id in template_ids {
        tx.execute(
            "UPDATE processes SET process_template_id = 0 WHERE process_template_id = ?1",
            [id],
        )?;
    }
    Ok(())
}
