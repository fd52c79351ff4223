//! Customers (§3).

use backspace_core as bs;
use backspace_core::NewCustomer;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Backspace;
use crate::error::Result;
use crate::records::Customer;

#[uniffi::export]
impl Backspace {
    /// Registers a customer with the next `C-…` id (R-CUST-1..6).
    #[uniffi::method(default(email = None, notes = None, at = None))]
    pub fn register_customer(
        &self,
        name: String,
        phone: String,
        email: Option<String>,
        notes: Option<String>,
        at: Option<DateTime<Utc>>,
    ) -> Result<Customer> {
        Ok(self.inner.at(at).register_customer(NewCustomer {
            notes: notes.as_deref().map(Into::into),
            ..NewCustomer {
                email: email.as_deref().map(Into::into),
                ..NewCustomer::new(&name, &phone)
            }
        })?)
    }

    /// A customer by id.
    pub fn get_customer(&self, id: Uuid) -> Result<Customer> {
        Ok(self.inner.get_customer(id)?)
    }

    /// A customer by `C-…` id or by phone in any accepted form.
    pub fn find_customer(&self, key: String) -> Result<Customer> {
        Ok(self.inner.find_customer(&key)?)
    }

    /// Customers whose name contains `text` (case-insensitive, Arabic letter variants folded), whose
    /// phone is `text` in any accepted form, or whose id is `text` (R-CUST-8). Empty text lists everyone.
    pub fn search_customers(&self, text: String) -> Result<Vec<Customer>> {
        Ok(self.inner.search_customers(&text)?)
    }

    /// Every customer.
    pub fn list_customers(&self) -> Result<Vec<Customer>> {
        Ok(self.inner.list_customers()?)
    }

    /// Changes a customer's name, phone, email or notes; a null argument leaves the field as it is,
    /// an empty email or notes clears it.
    #[uniffi::method(default(name = None, phone = None, email = None, notes = None))]
    pub fn update_customer(
        &self,
        id: Uuid,
        name: Option<String>,
        phone: Option<String>,
        email: Option<String>,
        notes: Option<String>,
    ) -> Result<Customer> {
        let update = bs::CustomerUpdate {
            name,
            phone,
            email,
            notes,
        };
        Ok(self.inner.update_customer(id, update)?)
    }
}
