//! Seats, desks and rooms (§4).

use backspace_core as bs;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::Backspace;
use crate::enums::ResourceType;
use crate::error::Result;
use crate::records::Resource;

#[uniffi::export]
impl Backspace {
    /// Adds a seat, desk or room (R-RES-1); names are unique, ignoring case.
    #[uniffi::method(default(at = None))]
    pub fn add_resource(
        &self,
        name: String,
        resource_type: ResourceType,
        rate_per_hour: Decimal,
        at: Option<DateTime<Utc>>,
    ) -> Result<Resource> {
        Ok(self
            .inner
            .at(at)
            .add_resource(&name, resource_type, rate_per_hour)?)
    }

    /// A resource by id.
    pub fn get_resource(&self, id: Uuid) -> Result<Resource> {
        Ok(self.inner.get_resource(id)?)
    }

    /// Every resource, by name.
    pub fn list_resources(&self) -> Result<Vec<Resource>> {
        Ok(self.inner.list_resources()?)
    }

    /// Renames, retypes or re-rates a resource; a new rate applies to sessions started afterwards (R-RES-3).
    #[uniffi::method(default(name = None, resource_type = None, rate_per_hour = None))]
    pub fn update_resource(
        &self,
        id: Uuid,
        name: Option<String>,
        resource_type: Option<ResourceType>,
        rate_per_hour: Option<Decimal>,
    ) -> Result<Resource> {
        let update = bs::ResourceUpdate {
            name,
            resource_type,
            rate_per_hour,
        };
        Ok(self.inner.update_resource(id, update)?)
    }

    /// Takes a resource out of service (`false`) or back into service (`true`) (R-RES-2).
    pub fn set_resource_available(&self, id: Uuid, available: bool) -> Result<Resource> {
        Ok(self.inner.set_resource_available(id, available)?)
    }

    /// Deletes a resource that never had a session (R-RES-4).
    pub fn delete_resource(&self, id: Uuid) -> Result<()> {
        Ok(self.inner.delete_resource(id)?)
    }
}
