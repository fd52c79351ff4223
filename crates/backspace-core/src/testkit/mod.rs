//! The store conformance suite: every rule of the operations, run against any [`Store`].
//! A store crate runs it with one line in a test file:
//!
//! ```ignore
//! backspace_core::conformance_tests!(MyStore::new());
//! ```
//!
//! The expression is evaluated once per test and must give a fresh, empty store.

#![allow(missing_docs, clippy::unwrap_used)]

pub mod billing;
pub mod checkout;
pub mod contract;
pub mod corrections;
pub mod customers;
pub mod invariants;
pub mod inventory;
pub mod props;
pub mod reports;
pub mod reservations;
pub mod resources;
pub mod sessions;
pub mod shifts;
pub mod staff;
pub mod subscriptions;
pub mod tax;

use std::str::FromStr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

use crate::clock::Clock;
use crate::model::*;
pub use crate::ops::{
    Backspace, Checkout, CloseShift, EndSession, NewCustomer, NewOperator, NewPayment,
    NewSubscription, OpenShift, OperatorUpdate,
};
use crate::store::Store;

/// A clock the test sets by hand.
#[derive(Debug)]
pub struct TestClock(Mutex<DateTime<Utc>>);

impl TestClock {
    /// A clock showing `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        TestClock(Mutex::new(now))
    }
    /// Moves the clock to `now`.
    pub fn set(&self, now: DateTime<Utc>) {
        *self.0.lock().unwrap() = now;
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// `2026-11-24 h:m` UTC (Cairo is UTC+2 on that day).
pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, h, m, 0)
        .single()
        .unwrap()
}

/// A date.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A decimal from text.
pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A front desk over a store, with a hand-set clock at 2026-11-24 20:00 UTC.
pub struct Fx<S: Store> {
    pub bs: Backspace<S>,
    pub clock: Arc<TestClock>,
}

impl<S: Store> Fx<S> {
    pub fn new(store: S) -> Self {
        let clock = Arc::new(TestClock::new(t(20, 0)));
        Fx {
            bs: Backspace::with_clock(store, clock.clone()),
            clock,
        }
    }

    pub fn customer(&self, name: &str, phone: &str) -> Customer {
        self.bs
            .at(t(6, 0))
            .register_customer(NewCustomer::new(name, phone))
            .unwrap()
    }

    pub fn seat(&self, name: &str, rate: &str) -> Resource {
        self.bs
            .at(t(6, 0))
            .add_resource(name, ResourceType::Seat, d(rate))
            .unwrap()
    }

    pub fn item(&self, name: &str, price: &str, quantity: i64, min_stock: i64) -> InventoryItem {
        self.bs
            .at(t(6, 0))
            .add_inventory_item(name, Category::Beverage, d(price), quantity, min_stock)
            .unwrap()
    }

    /// A session from `start` to `end` with no consumptions; returns its invoice.
    pub fn visit(
        &self,
        customer: &Customer,
        resource: &Resource,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Invoice {
        let s = self
            .bs
            .at(start)
            .start_session(customer.id, resource.id)
            .unwrap();
        self.bs
            .at(end)
            .end_session(s.id, EndSession::default())
            .unwrap()
    }
}

/// Everything an operation could change, to compare before and after a failed call.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub settings: crate::settings::Settings,
    pub customers: Vec<Customer>,
    pub resources: Vec<Resource>,
    pub items: Vec<InventoryItem>,
    pub movements: Vec<Vec<StockMovement>>,
    pub invoices: Vec<Invoice>,
    pub statements: Vec<Vec<StatementLine>>,
    pub active: Vec<Session>,
    pub subscriptions: Vec<Vec<Subscription>>,
    pub trail: Vec<crate::trail::TrailEntry>,
    pub closed_through: Option<NaiveDate>,
    pub operators: Vec<crate::staff::OperatorRecord>,
    pub audit: Vec<crate::audit::AuditEntry>,
    pub open_shifts: Vec<crate::drawer::Shift>,
    pub drawer: Vec<Vec<crate::drawer::DrawerEntry>>,
    pub reservations: Vec<crate::booking::Reservation>,
    pub e_receipts: Vec<crate::ereceipt::EReceipt>,
}

/// Reads every record through the public operations.
pub fn snapshot<S: Store>(bs: &Backspace<S>) -> Snapshot {
    let customers = bs.list_customers().unwrap();
    let items = bs.list_inventory_items().unwrap();
    Snapshot {
        settings: bs.settings().unwrap(),
        movements: items
            .iter()
            .map(|i| bs.stock_movements(i.id).unwrap())
            .collect(),
        statements: customers
            .iter()
            .map(|c| bs.statement(c.id).unwrap())
            .collect(),
        subscriptions: customers
            .iter()
            .map(|c| bs.list_subscriptions(c.id).unwrap())
            .collect(),
        active: bs.store().read(|tx| tx.active_sessions()).unwrap(),
        trail: bs.store().read(|tx| tx.trail()).unwrap(),
        closed_through: bs.store().read(|tx| tx.closed_through()).unwrap(),
        operators: bs.store().read(|tx| tx.operators()).unwrap(),
        audit: bs
            .store()
            .read(|tx| tx.audit_entries(crate::clock::START_OF_TIME, crate::clock::END_OF_TIME))
            .unwrap(),
        open_shifts: bs.store().read(|tx| tx.open_shifts()).unwrap(),
        e_receipts: bs.store().read(|tx| tx.pending_e_receipts()).unwrap(),
        reservations: bs
            .store()
            .read(|tx| {
                tx.reservations_between(
                    crate::clock::START_OF_TIME,
                    crate::clock::END_OF_TIME,
                    None,
                )
            })
            .unwrap(),
        drawer: bs
            .store()
            .read(|tx| {
                let shifts = tx.open_shifts()?;
                shifts.iter().map(|s| tx.drawer_entries(s.id)).collect()
            })
            .unwrap(),
        resources: bs.list_resources().unwrap(),
        invoices: bs.list_invoices(&InvoiceFilter::default()).unwrap(),
        customers,
        items,
    }
}

/// Asserts that `op` fails with `kind` and changes nothing.
pub fn fails_unchanged<S: Store, T: std::fmt::Debug>(
    bs: &Backspace<S>,
    kind: crate::ErrorKind,
    op: impl FnOnce() -> crate::Result<T>,
) -> crate::Error {
    let before = snapshot(bs);
    let err = op().expect_err("operation should fail");
    assert_eq!(err.kind(), kind, "wrong error kind: {err}");
    assert!(!err.to_string().is_empty());
    assert_eq!(
        snapshot(bs),
        before,
        "a failed operation changed the store: {err}"
    );
    err
}

/// Advances a test instant.
pub fn mins(m: i64) -> Duration {
    Duration::minutes(m)
}

/// Generates one `#[test]` per conformance test for a store expression.
#[macro_export]
macro_rules! conformance_tests {
    ($make:expr) => {
        $crate::conformance_tests!(@each $make;
            contract::contract_reads_refuse_every_write,
            contract::contract_updates_of_missing_records_are_not_found,
            contract::contract_update_invoice_changes_the_header_only,
            contract::contract_lists_come_back_in_the_documented_order,
            customers::r_cust_1_register_returns_every_field,
            customers::r_cust_2_human_ids_are_gapless_and_never_reused,
            customers::r_cust_3_blank_or_long_name_is_refused,
            customers::r_cust_4_phone_is_stored_as_e164,
            customers::r_cust_5_duplicate_phone_names_the_existing_customer,
            customers::r_cust_6_email_is_normalized_or_refused,
            customers::r_cust_8_search_by_name_variants_phone_and_id,
            customers::find_customer_by_human_id_or_phone,
            customers::update_customer_validates_and_keeps_phone_unique,
            resources::r_res_1_resources_are_added_and_listed,
            resources::r_res_2_busy_resource_is_unavailable_and_cannot_be_set_available,
            resources::r_res_2_out_of_service_stays_unavailable_after_session,
            resources::r_res_3_rate_change_applies_to_later_sessions_only,
            resources::r_res_4_resource_with_history_cannot_be_deleted,
            resources::renames_and_new_phones_are_kept_and_clashes_refused,
            sessions::r_sess_1_busy_resource_or_customer_is_a_conflict,
            sessions::r_sess_1_unknown_ids_are_not_found,
            sessions::r_sess_2_only_an_active_session_ends,
            sessions::r_sess_2_end_before_start_is_a_validation_error,
            sessions::r_sess_3_rate_is_captured_when_the_session_starts,
            sessions::r_sess_4_duration_is_whole_elapsed_minutes,
            sessions::r_sess_5_amount_follows_the_pricing_policy,
            sessions::r_sess_6_quote_matches_the_invoice_and_writes_nothing,
            sessions::r_sess_7_back_dated_sessions_never_overlap,
            sessions::r_time_2_time_zone_changes_only_before_money_is_recorded,
            sessions::r_time_3_future_at_is_refused_and_default_is_now,
            sessions::r_time_4_default_instant_is_read_inside_the_operation,
            sessions::r_price_6_daily_cap_from_settings,
            sessions::settings_updates_are_validated_and_kept,
            sessions::active_sessions_show_elapsed_and_running_charge,
            sessions::r_rep_3_active_sessions_are_those_running_at_the_instant,
            subscriptions::r_sub_1_plans_cover_7_15_30_business_dates,
            subscriptions::r_sub_2_subscribe_invoices_the_plan_price,
            subscriptions::r_sub_2_no_price_is_a_validation_error,
            subscriptions::r_sub_3_covered_session_has_a_zero_session_line,
            subscriptions::r_sub_4_cancel_and_expire_keep_history,
            subscriptions::r_cust_7_customer_type_follows_the_current_subscription,
            inventory::r_inv_1_items_are_added_with_opening_stock,
            inventory::r_inv_2_insufficient_stock_changes_nothing,
            inventory::r_inv_2_consumption_needs_active_session_and_quantity,
            inventory::r_inv_3_price_is_captured_at_consumption,
            inventory::r_inv_4_stock_is_decremented_with_the_consumption,
            inventory::r_inv_5_removed_consumption_returns_stock,
            inventory::r_inv_6_restock_and_adjustment_keep_history,
            inventory::r_inv_6_stock_card_chains_in_listed_order,
            inventory::r_inv_7_low_stock_includes_out_of_stock,
            billing::r_invc_1_invoice_numbers_are_gapless,
            billing::r_invc_2_ending_issues_one_invoice_with_lines,
            billing::r_invc_3_discount_at_end_or_later_until_paid,
            billing::r_invc_4_overpayment_and_paying_a_paid_invoice,
            billing::r_invc_5_status_follows_payments,
            billing::r_invc_6_due_date_and_overdue,
            billing::r_invc_7_payment_and_consumption_instants,
            billing::r_invc_8_lines_and_payments_come_back_with_the_invoice,
            billing::r_bal_1_balance_is_credit_minus_outstanding,
            billing::r_bal_2_balance_payment_needs_credit,
            billing::r_bal_3_statement_runs_to_the_stored_balance,
            billing::r_err_2_bad_input_changes_nothing,
            billing::r_money_2_computed_amounts_stay_below_the_limit,
            checkout::checkout_split_cash_and_card_pays_the_invoice,
            checkout::checkout_may_pay_less_than_the_invoice,
            checkout::checkout_with_no_payments_is_end_session,
            checkout::checkout_from_the_balance_needs_credit,
            checkout::checkout_is_all_or_nothing,
            corrections::r_corr_1_void_an_unpaid_invoice_gives_the_balance_back,
            corrections::r_corr_1_voiding_a_subscription_invoice_cancels_it,
            corrections::r_corr_2_refunds_are_credit_notes_up_to_what_was_paid,
            corrections::r_corr_3_write_off_gives_up_what_is_due,
            corrections::r_corr_4_closed_days_refuse_new_instants_and_keep_their_z_report,
            corrections::r_corr_5_every_document_is_footprinted_and_the_trail_verifies,
            corrections::r_corr_6_revenue_counts_corrections_on_their_own_dates,
            reports::r_rep_1_revenue_per_day_by_category_and_method,
            reports::r_rep_1_revenue_across_midnight_and_dst,
            reports::r_rep_2_utilization_clips_sessions_to_the_range,
            reports::r_rep_3_outstanding_overdue_and_top_customers,
            reports::reports_refuse_reversed_ranges,
            staff::r_staff_1_operators_are_added_by_an_owner_with_hashed_pins,
            staff::r_staff_2_once_staff_exist_writes_need_a_signed_in_operator,
            staff::r_staff_2_five_wrong_pins_lock_for_five_minutes,
            staff::r_staff_2_deactivated_operators_cannot_sign_in_or_act,
            staff::r_staff_3_each_role_does_only_what_it_may,
            staff::r_staff_3_cashier_discounts_are_capped_by_settings,
            staff::r_staff_4_every_successful_write_is_audited_once,
            shifts::r_shift_1_one_open_shift_per_drawer_and_per_operator,
            shifts::r_shift_2_money_taken_during_a_shift_is_attached_to_it,
            shifts::r_shift_2_require_shift_refuses_cash_without_a_shift,
            shifts::r_shift_3_close_counts_expected_cash_and_over_short,
            reservations::r_book_1_reservations_of_a_resource_never_overlap,
            reservations::r_book_1_bad_bookings_say_why_and_write_nothing,
            reservations::r_book_2_check_in_bills_at_least_the_reserved_minutes_at_the_booked_rate,
            reservations::r_book_2_a_room_reserved_by_another_customer_cannot_be_taken,
            reservations::r_book_2_a_booking_over_a_dst_change_keeps_its_real_minutes,
            reservations::r_book_3_late_cancellations_and_no_shows_are_invoiced_as_fees,
            reservations::r_book_4_reservations_and_free_slots,
            reservations::r_open_1_utilization_counts_against_opening_hours,
            tax::r_tax_1_vat_is_split_over_lines_and_ties_out,
            tax::r_tax_1_prices_without_vat_add_it_on_top,
            tax::r_tax_1_invoices_before_vat_keep_their_figures,
            tax::r_tax_2_e_receipt_of_an_invoice_is_produced_once,
            tax::r_tax_3_receipts_chain_per_device_and_returns_name_the_sale,
        );
        #[test]
        fn props_random_operations_keep_invariants() {
            $crate::testkit::props::random_operations_keep_invariants(&|| $make);
        }
    };
    (@each $make:expr; $($module:ident :: $name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                $crate::testkit::$module::$name($make);
            }
        )*
    };
}
