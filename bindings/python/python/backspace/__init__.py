"""Backspace: the front desk of a coworking space (customers, seats, sessions, subscriptions,
café stock, invoices, payments and reports), over one Rust core and a SQLite file.

>>> from decimal import Decimal
>>> import backspace
>>> with backspace.Backspace.in_memory() as bs:
...     mona = bs.register_customer("منى عادل", "010 1234 5678")
...     seat = bs.add_resource("Seat 1", "seat", Decimal("30"))
...     session = bs.start_session(mona.id, seat.id)
...     invoice = bs.end_session(session.id)
>>> invoice.invoice_number
'INV-0001'

Money is ``decimal.Decimal`` (never ``float``), instants are aware ``datetime`` objects (stored
in UTC), business dates ``datetime.date``, ids ``uuid.UUID``, enums lower-case strings.
"""

from decimal import Decimal
from typing import Literal, Union
from uuid import UUID

from ._native import (
    CLEAR,
    ActiveSession,
    AuditEntry,
    BookingPolicy,
    EReceipt,
    SellerSettings,
    Reservation,
    DrawerEntry,
    ForbiddenError,
    MethodTotals,
    Operator,
    Shift,
    ShiftReport,
    Backspace,
    BackspaceError,
    BrokenDocument,
    Clear,
    ConflictError,
    Correction,
    CreditNote,
    Customer,
    InsufficientStockError,
    InvalidStateError,
    InventoryConsumption,
    InventoryItem,
    Invoice,
    InvoiceLine,
    LedgerEntry,
    NotFoundError,
    OutstandingInvoice,
    Payment,
    PaymentError,
    PlanPrices,
    PricingPolicy,
    Quote,
    Resource,
    ResourceUtilization,
    RevenueDay,
    Session,
    SessionOverlap,
    Settings,
    StatementLine,
    StockMovement,
    StorageError,
    Subscription,
    TopCustomer,
    TrailReport,
    ValidationError,
    ZReport,
    __version__,
)

# Type aliases of the API (also in the stubs), usable in annotations at run time.
#: Money and percentages: ``Decimal`` or ``int``; a ``float`` raises ``TypeError``.
Money = Union[Decimal, int]
#: An id: a ``uuid.UUID`` or its text.
Id = Union[UUID, str]
CustomerType = Literal["visitor", "weekly", "half-monthly", "monthly"]
Plan = Literal["weekly", "half-monthly", "monthly"]
ResourceType = Literal["seat", "room", "desk"]
Category = Literal["beverage", "snack", "meal"]
MovementKind = Literal["initial", "restock", "adjustment", "consumption", "consumption-removed"]
LineKind = Literal["session", "consumption", "subscription", "reservation_fee"]
InvoiceStatus = Literal["unpaid", "pending", "paid", "void", "written_off"]
PaymentMethod = Literal["cash", "card", "transfer", "balance"]
LedgerKind = Literal["invoice", "payment", "deposit", "discount", "void", "refund", "write_off"]
Rounding = Literal["up", "nearest", "down"]
Role = Literal["cashier", "manager", "owner"]
ReservationStatus = Literal["booked", "checked_in", "cancelled", "no_show"]
DrawerEntryKind = Literal["payment", "deposit", "refund", "pay_in", "pay_out"]
ErrorKind = Literal[
    "validation",
    "not_found",
    "conflict",
    "insufficient_stock",
    "invalid_state",
    "overpayment",
    "insufficient_credit",
    "forbidden",
    "storage",
]


__all__ = [
    "CLEAR",
    "ActiveSession",
    "Backspace",
    "BackspaceError",
    "Category",
    "BrokenDocument",
    "Clear",
    "ConflictError",
    "Correction",
    "CreditNote",
    "Customer",
    "CustomerType",
    "ErrorKind",
    "Id",
    "InsufficientStockError",
    "InvalidStateError",
    "InventoryConsumption",
    "InventoryItem",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "LedgerEntry",
    "LedgerKind",
    "LineKind",
    "Money",
    "MovementKind",
    "NotFoundError",
    "OutstandingInvoice",
    "Payment",
    "PaymentError",
    "PaymentMethod",
    "Plan",
    "PlanPrices",
    "PricingPolicy",
    "Quote",
    "Resource",
    "ResourceType",
    "ResourceUtilization",
    "RevenueDay",
    "Rounding",
    "Session",
    "SessionOverlap",
    "Settings",
    "StatementLine",
    "StockMovement",
    "StorageError",
    "Subscription",
    "TopCustomer",
    "TrailReport",
    "ValidationError",
    "ZReport",
    "__version__",
    "AuditEntry",
    "DrawerEntry",
    "DrawerEntryKind",
    "ForbiddenError",
    "MethodTotals",
    "Operator",
    "Role",
    "Shift",
    "ShiftReport",
    "BookingPolicy",
    "Reservation",
    "ReservationStatus",
    "EReceipt",
    "SellerSettings",
]
