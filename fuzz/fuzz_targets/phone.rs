//! R-CUST-4: the phone parser never panics on any text; an accepted phone is E.164 and
//! round-trips.
#![no_main]

use backspace_core::ErrorKind;
use backspace_core::phone::{classify, normalize_phone};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| {
    match normalize_phone(input) {
        Ok(e164) => {
            let national = e164.strip_prefix("+20").expect("E.164 of Egypt");
            assert!(
                national.bytes().all(|b| b.is_ascii_digit()),
                "{input:?} → {e164}"
            );
            assert!(classify(national).is_some(), "{input:?} → {e164}");
            assert_eq!(normalize_phone(&e164).as_deref(), Ok(e164.as_str()));
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::Validation),
    }
});
