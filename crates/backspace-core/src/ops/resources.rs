//! Seats, desks and rooms (§4).

use rust_decimal::Decimal;
use uuid::Uuid;

use super::{Backspace, Op, found};
use crate::error::{Error, Result};
use crate::model::{Resource, ResourceType, ResourceUpdate, new_id};
use crate::money::{Zero, normalize_amount};
use crate::staff::Permission;
use crate::store::{Store, StoreTx};
use crate::text::normalize_name;

/// Resource names are unique, ignoring case, so staff never see two "Seat 1".
fn duplicate_name(tx: &mut dyn StoreTx, name: &str, except: Option<Uuid>) -> Result<()> {
    let lower = name.to_lowercase();
    if tx
        .resources()?
        .iter()
        .any(|r| r.name.to_lowercase() == lower && Some(r.id) != except)
    {
        return Err(Error::Conflict(format!(
            "a resource named {name:?} already exists"
        )));
    }
    Ok(())
}

impl<S: Store> Backspace<S> {
    /// Adds a seat, desk or room.
    pub fn add_resource(
        &self,
        name: &str,
        resource_type: ResourceType,
        rate_per_hour: Decimal,
    ) -> Result<Resource> {
        let name = normalize_name("name", name)?;
        let rate_per_hour = normalize_amount("rate_per_hour", rate_per_hour, Zero::Allowed)?;
        let op = Op::new("add_resource", Permission::Resources)
            .arg("name", name.as_str())
            .arg("resource_type", resource_type.as_str())
            .arg("rate_per_hour", rate_per_hour.to_string());
        self.write(op, |tx, at| {
            duplicate_name(tx, &name, None)?;
            let r = Resource {
                id: new_id(),
                name: name.clone(),
                resource_type,
                rate_per_hour,
                is_available: true,
                out_of_service: false,
                created_at: at,
            };
            tx.insert_resource(&r)?;
            Ok(r)
        })
    }

    /// A resource by id.
    pub fn get_resource(&self, id: Uuid) -> Result<Resource> {
        self.read(|tx| found(tx.resource(id)?, "resource", id))
    }

    /// Every resource, by name.
    pub fn list_resources(&self) -> Result<Vec<Resource>> {
        self.read(|tx| tx.resources())
    }

    /// Renames, retypes or re-rates a resource; a new rate applies to sessions started afterwards (R-RES-3).
    pub fn update_resource(&self, id: Uuid, update: ResourceUpdate) -> Result<Resource> {
        let name = update
            .name
            .as_deref()
            .map(|n| normalize_name("name", n))
            .transpose()?;
        let rate = update
            .rate_per_hour
            .map(|r| normalize_amount("rate_per_hour", r, Zero::Allowed))
            .transpose()?;
        let op = Op::new("update_resource", Permission::Resources)
            .undated()
            .id(id)
            .opt("name", name.clone())
            .opt("resource_type", update.resource_type.map(|t| t.as_str()))
            .opt("rate_per_hour", rate.map(|r| r.to_string()));
        self.write(op, |tx, _| {
            let mut r = found(tx.resource(id)?, "resource", id)?;
            if let Some(name) = name.clone() {
                duplicate_name(tx, &name, Some(id))?;
                r.name = name;
            }
            if let Some(t) = update.resource_type {
                r.resource_type = t;
            }
            if let Some(rate) = rate {
                r.rate_per_hour = rate;
            }
            tx.update_resource(&r)?;
            Ok(r)
        })
    }

    /// Takes a resource out of service (`false`) or back into service (`true`) (R-RES-2).
    /// Back into service while a session runs on it is a conflict; out of service while a session
    /// runs keeps it unavailable after that session ends.
    pub fn set_resource_available(&self, id: Uuid, available: bool) -> Result<Resource> {
        let op = Op::new("set_resource_available", Permission::Resources)
            .undated()
            .id(id)
            .arg("available", available);
        self.write(op, |tx, _| {
            let mut r = found(tx.resource(id)?, "resource", id)?;
            let busy = tx.active_session_on_resource(id)?.is_some();
            if available && busy {
                return Err(Error::Conflict(format!(
                    "{} has an active session; end it first",
                    r.name
                )));
            }
            r.out_of_service = !available;
            r.is_available = available && !busy;
            tx.update_resource(&r)?;
            Ok(r)
        })
    }

    /// Deletes a resource that never had a session (R-RES-4).
    pub fn delete_resource(&self, id: Uuid) -> Result<()> {
        let op = Op::new("delete_resource", Permission::Resources)
            .undated()
            .id(id);
        self.write(op, |tx, _| {
            let r = found(tx.resource(id)?, "resource", id)?;
            if tx.resource_has_sessions(id)? {
                return Err(Error::Conflict(format!(
                    "{} has session history and cannot be deleted",
                    r.name
                )));
            }
            tx.delete_resource(id)
        })
    }
}
