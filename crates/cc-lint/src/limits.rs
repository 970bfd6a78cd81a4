//! The input size limit: `--max-file-size`, its parsing and how sizes are shown.

/// The default `--max-file-size`: 64 MiB, far above any real payload.
pub(crate) const DEFAULT_MAX_FILE_SIZE: &str = "64MiB";

const UNITS: [(&str, u64); 4] = [
    ("GiB", 1 << 30),
    ("MiB", 1 << 20),
    ("KiB", 1 << 10),
    ("bytes", 1),
];

/// A size in bytes: a whole number, optionally followed by `K`, `M` or `G`
/// (powers of 1024; `KiB`, `MB` and `k` are accepted too), at least 1 byte.
pub(crate) fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|ch: char| !ch.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "unknown unit in `{text}`: use K, M or G (powers of 1024)"
            ));
        }
    };
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size such as 64M or 1048576, got `{text}`"))?;
    match number.checked_mul(multiplier) {
        Some(0) => Err("the size must be at least 1 byte".to_owned()),
        Some(bytes) => Ok(bytes),
        None => Err(format!("`{text}` is too large")),
    }
}

/// `64 MiB`, `200.0 MiB`, `1.5 GiB`, `512 bytes`.
pub(crate) fn format_size(bytes: u64) -> String {
    for (name, size) in UNITS {
        if bytes >= size && size > 1 {
            return if bytes.is_multiple_of(size) {
                format!("{} {name}", bytes / size)
            } else {
                // Shown to one decimal: precision loss is irrelevant here.
                #[allow(clippy::cast_precision_loss)]
                let value = bytes as f64 / size as f64;
                format!("{value:.1} {name}")
            };
        }
    }
    if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("1"), Ok(1));
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size(DEFAULT_MAX_FILE_SIZE), Ok(64 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("2 GB"), Ok(2 << 30));
        assert!(parse_size("0").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("1.5M").is_err());
        assert!(parse_size("10X").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }

    #[test]
    fn sizes_are_shown_in_the_largest_unit() {
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(512), "512 bytes");
        assert_eq!(format_size(64 << 20), "64 MiB");
        assert_eq!(format_size(200 * 1_000_000), "190.7 MiB");
        assert_eq!(format_size(3 << 29), "1.5 GiB");
    }
}
