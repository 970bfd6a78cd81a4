//! `create_service_template`: a service template in a business and category.

use super::Call;
use crate::http::ApiError;
use crate::store::{service_templates, world};
use cc_model::endpoints::CreateServiceTemplateRequest;
use rusqlite::Transaction;
use serde_json::Value;

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
