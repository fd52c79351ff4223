//! R-TAX-4: the canonical serializer against the Tax Authority's own worked example.
//!
//! `data/eta_example.json` is the sample document of the authority's "Document Serialization
//! Approach" page (SDK, e-invoicing), and `data/eta_example_serialized.txt` its serialized
//! form as the page gives it. The serializer must produce that text byte for byte.

#![allow(clippy::unwrap_used)]

use backspace_core::ereceipt::Doc;
use serde_json::Value;

fn doc(v: &Value) -> Doc {
    match v {
        Value::Object(members) => {
            Doc::Object(members.iter().map(|(k, v)| (k.clone(), doc(v))).collect())
        }
        Value::Array(items) => Doc::Array(items.iter().map(doc).collect()),
        Value::String(s) => Doc::Text(s.clone()),
        // With `arbitrary_precision`, a number keeps the text it was written with.
        Value::Number(n) => Doc::Number(n.to_string()),
        Value::Bool(b) => Doc::Number(b.to_string()),
        Value::Null => Doc::Text(String::new()),
    }
}

#[test]
fn r_tax_4_serializer_matches_the_authoritys_worked_example() {
    let input = include_str!("data/eta_example.json");
    let expected = include_str!("data/eta_example_serialized.txt");
    let value: Value = serde_json::from_str(input).unwrap();
    let serialized = doc(&value).serialize();
    assert_eq!(serialized.len(), expected.len());
    assert_eq!(serialized, expected);
    // Numbers are hashed as written: 947.00 stays 947.00, 5 stays 5.
    assert!(serialized.contains(r#""SALESTOTAL""947.00""#));
    assert!(serialized.contains(r#""QUANTITY""5""#));
}
