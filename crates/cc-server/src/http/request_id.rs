//! Request ids: a fresh one for every request, in the envelope's `request_id`
//! and the `X-Request-Id` header. The middleware in [`super::middleware`] sets it
//! for the task that serves the request; the envelope reads it from there.

use std::fmt;

/// The header that carries the request id.
pub const HEADER: &str = "x-request-id";

/// A request id: 32 lowercase hex digits, as CMDB's `rid`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RequestId(String);

impl RequestId {
    /// A fresh random id (a counter mixed in, should the system's source fail).
    #[must_use]
    pub fn fresh() -> Self {
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut bytes = [0_u8; 16];
        if getrandom::fill(&mut bytes).is_err() {
            let count = COUNTER.fetch_add(1, Ordering::Relaxed);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos());
            bytes[..8].copy_from_slice(&count.to_be_bytes());
            bytes[8..].copy_from_slice(&nanos.to_le_bytes()[..8]);
        }
        let mut text = String::with_capacity(32);
        for byte in bytes {
            use fmt::Write;
            let _ = write!(text, "{byte:02x}");
        }
        Self(text)
    }

    /// The id's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

tokio::task_local! {
    /// The id of the request the current task serves.
    static CURRENT: RequestId;
}

/// Runs `future` with `id` as the current request id.
pub async fn scope<F: Future>(id: RequestId, future: F) -> F::Output {
    CURRENT.scope(id, future).await
}

/// The current request's id; a fresh one outside a request (never happens for
/// responses built by the router).
#[must_use]
pub fn current() -> RequestId {
    CURRENT
        .try_with(Clone::clone)
        .unwrap_or_else(|_| RequestId::fresh())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fresh_32_hex_digits() {
        let a = RequestId::fresh();
        let b = RequestId::fresh();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert!(
            a.as_str()
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }
}
