//! Customers (§3).

use uuid::Uuid;

use super::{Backspace, NewCustomer, Op, found};
use crate::error::{Error, Result};
use crate::model::{Customer, CustomerType, CustomerUpdate, new_id};
use crate::phone::normalize_phone;
use crate::staff::Permission;
use crate::store::{Counter, Store, StoreTx};
use crate::text::{fold, normalize_email, normalize_name, normalize_text};

/// `C-001`, …, `C-1000` (R-CUST-2).
pub fn human_id(n: u64) -> String {
    Counter::Customer.format(None, n)
}

fn duplicate_phone(tx: &mut dyn StoreTx, phone: &str, except: Option<Uuid>) -> Result<()> {
    match tx.customer_by_phone(phone)? {
        Some(other) if Some(other.id) != except => Err(Error::Conflict(format!(
            "phone {phone} already belongs to customer {} ({})",
            other.human_id, other.name
        ))),
        _ => Ok(()),
    }
}

impl<S: Store> Backspace<S> {
    /// Registers a customer with the next `C-…` id.
    pub fn register_customer(&self, new: NewCustomer) -> Result<Customer> {
        let name = normalize_name("name", &new.name)?;
        let phone = normalize_phone(&new.phone)?;
        let email = normalize_email(new.email.as_deref())?;
        let notes = normalize_text("notes", new.notes.as_deref())?;
        let op = Op::new("register_customer", Permission::Desk)
            .arg("name", name.as_str())
            .arg("phone", phone.as_str());
        self.write(op, |tx, at| {
            duplicate_phone(tx, &phone, None)?;
            let customer = Customer {
                id: new_id(),
                human_id: human_id(tx.next_number(Counter::Customer)?),
                name: name.clone(),
                phone: phone.clone(),
                email: email.clone(),
                customer_type: CustomerType::Visitor,
                balance: crate::money::Piastres::ZERO.to_decimal(),
                credit: crate::money::Piastres::ZERO.to_decimal(),
                notes: notes.clone(),
                created_at: at,
            };
            tx.insert_customer(&customer)?;
            Ok(customer)
        })
    }

    /// A customer by id.
    pub fn get_customer(&self, id: Uuid) -> Result<Customer> {
        self.read(|tx| found(tx.customer(id)?, "customer", id))
    }

    /// A customer by `C-…` id or by phone in any accepted form.
    pub fn find_customer(&self, key: &str) -> Result<Customer> {
        let key = key.trim();
        if let Some(n) = parse_human_id(key) {
            return self.read(|tx| found(tx.customer_by_human_id(&human_id(n))?, "customer", key));
        }
        let phone = normalize_phone(key).map_err(|_| {
            Error::validation(
                "key",
                format!("{key:?} is neither a customer id (C-001) nor a phone number"),
            )
        })?;
        self.read(|tx| found(tx.customer_by_phone(&phone)?, "customer", key))
    }

    /// Customers whose name contains `text` (case-insensitive, Arabic letter variants folded),
    /// whose phone is `text` in any accepted form, or whose id is `text`. Empty text lists everyone.
    pub fn search_customers(&self, text: &str) -> Result<Vec<Customer>> {
        let needle = fold(text);
        let phone = normalize_phone(text).ok();
        let hid = parse_human_id(text.trim()).map(human_id);
        let all = self.read(|tx| tx.customers())?;
        Ok(all
            .into_iter()
            .filter(|c| {
                needle.is_empty()
                    || fold(&c.name).contains(&needle)
                    || phone.as_deref() == Some(c.phone.as_str())
                    || hid.as_deref() == Some(c.human_id.as_str())
            })
            .collect())
    }

    /// Every customer, by id.
    pub fn list_customers(&self) -> Result<Vec<Customer>> {
        self.read(|tx| tx.customers())
    }

    /// Changes a customer's name, phone, email or notes.
    pub fn update_customer(&self, id: Uuid, update: CustomerUpdate) -> Result<Customer> {
        let name = update
            .name
            .as_deref()
            .map(|n| normalize_name("name", n))
            .transpose()?;
        let phone = update.phone.as_deref().map(normalize_phone).transpose()?;
        let email = update
            .email
            .as_deref()
            .map(|e| normalize_email(Some(e)))
            .transpose()?;
        let notes = update
            .notes
            .as_deref()
            .map(|n| normalize_text("notes", Some(n)))
            .transpose()?;
        let op = Op::new("update_customer", Permission::Desk)
            .undated()
            .id(id)
            .opt("name", name.clone())
            .opt("phone", phone.clone())
            .opt("email", email.clone().map(|e| e.unwrap_or_default()))
            .opt("notes_changed", notes.as_ref().map(|_| true));
        self.write(op, |tx, _| {
            let mut c = found(tx.customer(id)?, "customer", id)?;
            if let Some(phone) = phone.clone() {
                duplicate_phone(tx, &phone, Some(id))?;
                c.phone = phone;
            }
            if let Some(name) = name.clone() {
                c.name = name;
            }
            if let Some(email) = email.clone() {
                c.email = email;
            }
            if let Some(notes) = notes.clone() {
                c.notes = notes;
            }
            tx.update_customer(&c)?;
            Ok(c)
        })
    }
}

/// `C-7`, `c-007`, `C-1000` → the number.
fn parse_human_id(key: &str) -> Option<u64> {
    let digits = key.strip_prefix("C-").or_else(|| key.strip_prefix("c-"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn r_cust_2_human_ids_have_at_least_three_digits_then_grow() {
        assert_eq!(super::human_id(1), "C-001");
        assert_eq!(super::human_id(999), "C-999");
        assert_eq!(super::human_id(1000), "C-1000");
        assert_eq!(super::parse_human_id("c-007"), Some(7));
        assert_eq!(super::parse_human_id("C-"), None);
    }
}
