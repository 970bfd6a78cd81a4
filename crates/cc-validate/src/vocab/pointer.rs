//! RFC 6901 JSON pointers: reference tokens split and escaped.

/// The unescaped reference tokens of an RFC 6901 pointer (`""` has none).
pub fn pointer_tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
}

/// Escapes one reference token for a JSON pointer.
#[must_use]
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
