//! `create_service_template`: a service template in a business and category.

use super::Call;
use crate::http::ApiError;
use crate::store::{service_templates, world};
use rusqlite::Transaction;
use serde::Deserialize;
use serde_json::Value;

/// The fields of a `create_service_template` request the server reads.
#[derive(Debug, Deserialize)]
struct CreateServiceTemplateRequest {
    bk_biz_id: i64,
    name: String,
    service_category_id: i64,
}

/// `create_service_template`.
pub(super) fn create(tx: &Transaction<'_>, call: &Call) -> Result<Value, ApiError> {
    let request: CreateServiceTemplateRequest = call.parse()?;
    if request.name.trim().is_empty() || request.name.chars().count() > 256 {
        return Err(ApiError::invalid("name"));
    }
    if !world::business_exists(tx, request.bk_biz_id)? {
        return Err(ApiError::invalid("bk_biz_id"));
    }
    let template = service_templates::insert(
        tx,
        request.bk_biz_id,
        &request.name,
        request.service_category_id,
        call.user(),
    )?;
    serde_json::to_value(template).map_err(|_| ApiError::Internal("serialising".to_owned()))
}
