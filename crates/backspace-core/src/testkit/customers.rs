//! Customers (§3).

use super::*;
use crate::ErrorKind;
use crate::model::CustomerUpdate;

pub fn r_cust_1_register_returns_every_field<S: Store>(store: S) {
    let fx = Fx::new(store);
    let c = fx
        .bs
        .at(t(7, 0))
        .register_customer(
            NewCustomer::new(" أحمد علي ", "010 1234 5678")
                .email("Ahmed@Example.com")
                .notes("likes the window"),
        )
        .unwrap();
    assert_eq!(c.human_id, "C-001");
    assert_eq!(c.name, "أحمد علي");
    assert_eq!(c.phone, "+201012345678");
    assert_eq!(c.email.as_deref(), Some("Ahmed@example.com"));
    assert_eq!(c.customer_type, CustomerType::Visitor);
    assert_eq!(c.balance.to_string(), "0.00");
    assert_eq!(c.notes.as_deref(), Some("likes the window"));
    assert_eq!(c.created_at, t(7, 0));
    assert_eq!(c.id.get_version_num(), 7);
    assert_eq!(fx.bs.get_customer(c.id).unwrap(), c);
    // Time-ordered: a later registration has a larger id.
    let later = fx.customer("B", "01000000009");
    assert!(later.id > c.id, "{} then {}", c.id, later.id);
}

pub fn r_cust_2_human_ids_are_gapless_and_never_reused<S: Store>(store: S) {
    let fx = Fx::new(store);
    fx.customer("A", "01000000001");
    // A refused registration takes no number.
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs
            .register_customer(NewCustomer::new("B", "01000000001"))
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .register_customer(NewCustomer::new(" ", "01000000002"))
    });
    let b = fx.customer("B", "01000000002");
    assert_eq!(b.human_id, "C-002");
    let ids: Vec<String> = fx
        .bs
        .list_customers()
        .unwrap()
        .into_iter()
        .map(|c| c.human_id)
        .collect();
    assert_eq!(ids, ["C-001", "C-002"]);
}

pub fn r_cust_3_blank_or_long_name_is_refused<S: Store>(store: S) {
    let fx = Fx::new(store);
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .register_customer(NewCustomer::new("   ", "01012345678"))
    });
    assert!(matches!(e, crate::Error::Validation { ref field, .. } if field == "name"));
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .register_customer(NewCustomer::new("م".repeat(101), "01012345678"))
    });
    assert_eq!(
        fx.bs
            .register_customer(NewCustomer::new("م".repeat(100), "01012345678"))
            .unwrap()
            .name
            .chars()
            .count(),
        100
    );
}

pub fn r_cust_4_phone_is_stored_as_e164<S: Store>(store: S) {
    let fx = Fx::new(store);
    assert_eq!(fx.customer("A", "+20 10 1234 5678").phone, "+201012345678");
    assert_eq!(fx.customer("B", "٠١١٢٣٤٥٦٧٨٩").phone, "+201123456789");
    assert_eq!(fx.customer("C", "02 2345 6789").phone, "+20223456789");
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .register_customer(NewCustomer::new("D", "01312345678"))
    });
    assert!(e.to_string().contains("phone"), "{e}");
}

pub fn r_cust_5_duplicate_phone_names_the_existing_customer<S: Store>(store: S) {
    let fx = Fx::new(store);
    fx.customer("Mona", "01012345678");
    let e = fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs
            .register_customer(NewCustomer::new("Other", "+20 10 1234 5678"))
    });
    assert!(e.to_string().contains("C-001"), "{e}");
}

pub fn r_cust_6_email_is_normalized_or_refused<S: Store>(store: S) {
    let fx = Fx::new(store);
    let c = fx
        .bs
        .register_customer(NewCustomer::new("A", "01000000001").email(""))
        .unwrap();
    assert_eq!(c.email, None);
    let c = fx
        .bs
        .register_customer(NewCustomer::new("B", "01000000002").email(" sara@Mail.EG "))
        .unwrap();
    assert_eq!(c.email.as_deref(), Some("sara@mail.eg"));
    let e = fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs
            .register_customer(NewCustomer::new("C", "01000000003").email("sara@localhost"))
    });
    assert!(e.to_string().contains("email"));
}

pub fn r_cust_8_search_by_name_variants_phone_and_id<S: Store>(store: S) {
    let fx = Fx::new(store);
    let ahmed = fx.customer("أحمد سمير", "01000000001");
    let fatma = fx.customer("فاطمة الزهراء", "01000000002");
    let mona = fx.customer("Mona Adel", "01000000003");
    let names = |q: &str| {
        fx.bs
            .search_customers(q)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(names("احمد"), [ahmed.id]);
    assert_eq!(names("فاطمه"), [fatma.id]);
    assert_eq!(names("MONA"), [mona.id]);
    assert_eq!(names("+20 100 000 0002"), [fatma.id]);
    assert_eq!(names("c-003"), [mona.id]);
    assert_eq!(names("nobody"), Vec::<uuid::Uuid>::new());
    assert_eq!(names("").len(), 3);
}

pub fn find_customer_by_human_id_or_phone<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    assert_eq!(fx.bs.find_customer("C-001").unwrap(), a);
    assert_eq!(fx.bs.find_customer("0100 000 0001").unwrap(), a);
    assert_eq!(
        fx.bs.find_customer("C-002").unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        fx.bs.find_customer("01000000009").unwrap_err().kind(),
        ErrorKind::NotFound
    );
    assert_eq!(
        fx.bs.find_customer("hello").unwrap_err().kind(),
        ErrorKind::Validation
    );
    assert_eq!(
        fx.bs.get_customer(uuid::Uuid::new_v4()).unwrap_err().kind(),
        ErrorKind::NotFound
    );
}

pub fn update_customer_validates_and_keeps_phone_unique<S: Store>(store: S) {
    let fx = Fx::new(store);
    let a = fx.customer("A", "01000000001");
    fx.customer("B", "01000000002");
    fails_unchanged(&fx.bs, ErrorKind::Conflict, || {
        fx.bs.update_customer(
            a.id,
            CustomerUpdate {
                phone: Some("01000000002".into()),
                ..Default::default()
            },
        )
    });
    fails_unchanged(&fx.bs, ErrorKind::Validation, || {
        fx.bs.update_customer(
            a.id,
            CustomerUpdate {
                name: Some(" ".into()),
                ..Default::default()
            },
        )
    });
    let u = fx
        .bs
        .update_customer(
            a.id,
            CustomerUpdate {
                name: Some("Aya".into()),
                email: Some("aya@x.com".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (u.name.as_str(), u.email.as_deref(), u.phone.as_str()),
        ("Aya", Some("aya@x.com"), "+201000000001")
    );
    let u = fx
        .bs
        .update_customer(
            a.id,
            CustomerUpdate {
                email: Some(String::new()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(u.email, None);
    assert_eq!(fx.bs.get_customer(a.id).unwrap(), u);
}
