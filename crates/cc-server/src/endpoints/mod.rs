//! The endpoints: what each does with a request that passed the credentials
//! check. [`run`] validates the payload with cc-validate (and the verdict of
//! [`crate::verdict`]) and runs the endpoint in one database transaction.

mod call;
mod catalog;
mod check;
mod early;
mod proc_template;
mod process_detail;
mod process_instance;
mod process_list;
mod service_instance;
mod service_template;
mod sync;

pub use call::Call;
pub use catalog::Endpoint;
pub use process_instance::OVERWRITTEN;

use crate::app::AppState;
use crate::http::ApiError;
use crate::http::envelope::Data;
use crate::verdict;
use cc_validate::PayloadKind;
use rusqlite::Transaction;

/// Whether an endpoint writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Write,
}

/// An endpoint's work inside its transaction.
type Work = fn(&Transaction<'_>, &Call) -> Result<Data, ApiError>;

/// An endpoint answering a [`serde_json::Value`] as [`Work`].
macro_rules! value {
    ($endpoint:path) => {
        |tx: &Transaction<'_>, call: &Call| $endpoint(tx, call).map(Data::Value)
    };
}

/// What serves `endpoint`.
fn work(endpoint: Endpoint) -> (Access, Work) {
    use Access::{Read, Write};
    use Endpoint as E;
    match endpoint {
        E::BatchCreateProcTemplate => (Write, value!(proc_template::batch_create)),
        E::GetProcTemplate => (Read, value!(proc_template::get)),
        E::ListProcTemplate => (Read, value!(proc_template::list)),
        E::UpdateProcTemplate => (Write, value!(proc_template::update)),
        E::DeleteProcTemplate => (Write, value!(proc_template::delete)),
        E::CreateServiceTemplate => (Write, value!(service_template::create)),
        E::CreateServiceInstance => (Write, value!(service_instance::create)),
        E::ListServiceInstance => (Read, value!(service_instance::list)),
        E::DeleteServiceInstance => (Write, value!(service_instance::delete)),
        E::CreateProcessInstance => (Write, value!(process_instance::create)),
        E::UpdateProcessInstance => (Write, value!(process_instance::update)),
        E::DeleteProcessInstance => (Write, value!(process_instance::delete)),
        E::ListProcessInstance => (Read, process_list::list),
        E::ListProcessDetailByIds => (Read, value!(process_detail::detail_by_ids)),
        E::ListProcessRelatedInfo => (Read, value!(process_detail::related_info)),
        E::ListServiceTemplateDifference => (Read, value!(sync::difference)),
        E::SyncServiceTemplateToServiceInstance => (Write, value!(sync::sync)),
    }
}

/// How long a read may run on an async worker before it is stopped and run
/// again on the blocking pool (see [`crate::store::Store::read_within`]).
/// A list of 100 processes takes about a twentieth of it.
pub const READ_BUDGET: std::time::Duration = std::time::Duration::from_millis(1);

/// Validates `call` and runs `endpoint` on it: a read in one transaction on a
/// reader connection, a write through the store's commit queue (in its own
/// savepoint of its group's transaction, answered once that is committed).
pub async fn run(state: &AppState, endpoint: Endpoint, call: Call) -> Result<Data, ApiError> {
    let (access, work) = work(endpoint);
    if let Some(answer) = early::answer(endpoint, call.body()) {
        return answer.map(Data::Value);
    }
    if let Some(validated) = endpoint.validated() {
        let findings = cc_validate::check(validated, PayloadKind::Request, &call.validated_bytes())
            .map_err(|error| ApiError::Internal(format!("validator: {error}")))?;
        if let Some(refusal) = findings
            .iter()
            .filter(|finding| !verdict::deferred_to_entries(validated, finding))
            .find_map(|finding| verdict::refusal(validated, finding, call.body()))
        {
            return Err(refusal);
        }
    }
    if access == Access::Write {
        // No answer: the write panicked (and was rolled back).
        return state
            .store()
            .write_queued(move |tx| work(tx, &call))
            .await
            .unwrap_or_else(|| Err(ApiError::Internal(endpoint.name().to_owned())));
    }
    // Most reads are short: run on this async worker, with no hand-off to
    // another thread and back. One not done within the budget is stopped
    // and run again on the blocking pool, so a worker is never held long.
    let inline = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        state.store().read_within(READ_BUDGET, |tx| work(tx, &call))
    }));
    match inline {
        Ok(Some(answer)) => return answer,
        Ok(None) => {}
        Err(_) => return Err(ApiError::Internal(endpoint.name().to_owned())),
    }
    let slot = state.read_slot().await;
    let state_for_work = state.clone();
    let answer =
        tokio::task::spawn_blocking(move || state_for_work.store().read(|tx| work(tx, &call)))
            .await
            .map_err(|_| ApiError::Internal(endpoint.name().to_owned()))?;
    drop(slot);
    answer
}
