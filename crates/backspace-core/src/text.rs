//! Names, emails and search keys (R-CUST-3, R-CUST-6, R-CUST-8).

use crate::error::{Error, Result};

/// Longest name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest free text (notes, reasons), in characters.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Trims a name and checks it is 1–100 characters of any script, without control characters.
pub fn normalize_name(field: &str, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::validation(field, "must not be blank"));
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(Error::validation(
            field,
            format!("must be at most {MAX_NAME_CHARS} characters, got {chars}"),
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::validation(
            field,
            "must not contain control characters",
        ));
    }
    Ok(name.to_string())
}

/// Optional free text: trimmed, empty means none, at most 2,000 characters.
pub fn normalize_text(field: &str, text: Option<&str>) -> Result<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(Error::validation(
            field,
            format!("must be at most {MAX_TEXT_CHARS} characters, got {chars}"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::validation(
            field,
            "must not contain control characters",
        ));
    }
    Ok(Some(text.to_string()))
}

/// Email (R-CUST-6): optional, trimmed, syntax-checked, domain with a dot, domain lower-cased.
pub fn normalize_email(email: Option<&str>) -> Result<Option<String>> {
    let Some(email) = email.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(None);
    };
    let parsed = email_address::EmailAddress::parse_with_options(
        email,
        email_address::Options::default().without_display_text(),
    )
    .map_err(|e| Error::validation("email", format!("{email:?} is not a valid address: {e}")))?;
    let (local, domain) = (parsed.local_part(), parsed.domain());
    if !domain.contains('.') || domain.starts_with('[') || domain.ends_with('.') {
        return Err(Error::validation(
            "email",
            format!("{email:?} needs a domain with a dot"),
        ));
    }
    Ok(Some(format!("{local}@{}", domain.to_lowercase())))
}

/// A search key: lower-cased, Arabic letter variants folded (أ إ آ → ا, ة → ه, ى → ي),
/// Arabic diacritics and tatweel dropped, runs of white space made one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars().flat_map(char::to_lowercase) {
        let mapped = match ch {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            '\u{064B}'..='\u{065F}' | '\u{0670}' | 'ـ' => continue,
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                continue;
            }
            c => c,
        };
        out.push(mapped);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_cust_3_names_are_trimmed_any_script_up_to_100() {
        assert_eq!(
            normalize_name("name", "  أحمد علي  ").as_deref(),
            Ok("أحمد علي")
        );
        assert_eq!(
            normalize_name("name", "Sara O'Brien").as_deref(),
            Ok("Sara O'Brien")
        );
        assert!(normalize_name("name", "   ").is_err());
        assert!(normalize_name("name", "").is_err());
        assert!(normalize_name("name", &"ب".repeat(100)).is_ok());
        assert!(normalize_name("name", &"ب".repeat(101)).is_err());
        assert!(normalize_name("name", "a\u{0007}b").is_err());
    }

    #[test]
    fn r_cust_6_email_trimmed_checked_domain_lowercased() {
        assert_eq!(
            normalize_email(Some("  Mona.Adel@Example.COM ")),
            Ok(Some("Mona.Adel@example.com".into()))
        );
        assert_eq!(normalize_email(Some("")), Ok(None));
        assert_eq!(normalize_email(None), Ok(None));
        for bad in [
            "mona",
            "mona@",
            "@example.com",
            "mona@localhost",
            "mona@@example.com",
            "mona example@x.com",
        ] {
            assert_eq!(
                normalize_email(Some(bad)).map_err(|e| e.kind()),
                Err(crate::ErrorKind::Validation),
                "{bad}"
            );
        }
    }

    #[test]
    fn r_cust_8_arabic_variants_fold_together() {
        assert_eq!(fold("أحمد"), fold("احمد"));
        assert_eq!(fold("إيمان"), fold("ايمان"));
        assert_eq!(fold("آمال"), fold("امال"));
        assert_eq!(fold("فاطمة"), fold("فاطمه"));
        assert_eq!(fold("منى"), fold("مني"));
        assert_eq!(fold("Mona  ADEL"), "mona adel");
    }
}
