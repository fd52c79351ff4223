"""§6 Settings through the Python API."""

from __future__ import annotations

from decimal import Decimal

import pytest

import backspace
from backspace import Backspace


def test_r_price_defaults(bs: Backspace) -> None:
    s = bs.settings()
    assert s.time_zone == "Africa/Cairo"
    assert (s.pricing.unit_minutes, s.pricing.rounding, s.pricing.grace_minutes) == (1, "up", 0)
    assert s.pricing.minimum_minutes == 0
    assert s.pricing.daily_cap is None
    assert (s.plan_prices.weekly, s.plan_prices.half_monthly, s.plan_prices.monthly) == (None, None, None)
    assert s.invoice_due_days == 7
    assert s.currency == "EGP"


def test_update_settings_changes_only_given_fields(bs: Backspace) -> None:
    s = bs.update_settings(
        unit_minutes=15,
        rounding="nearest",
        daily_cap=Decimal("150"),
        weekly_price=300,
        invoice_due_days=14,
        currency="ج.م",
        time_zone="Africa/Cairo",
    )
    assert s.pricing.unit_minutes == 15
    assert s.pricing.rounding == "nearest"
    assert s.pricing.daily_cap == Decimal("150.00")
    assert s.plan_prices.weekly == Decimal("300.00")
    assert s.invoice_due_days == 14
    assert s.currency == "ج.م"
    assert bs.settings() == s
    again = bs.update_settings(grace_minutes=5)
    assert again.pricing.unit_minutes == 15
    assert again.pricing.grace_minutes == 5


def test_r_price_6_daily_cap_none_clears_it(bs: Backspace) -> None:
    bs.update_settings(daily_cap=100, weekly_price=250, monthly_price=900)
    s = bs.update_settings(daily_cap=None, monthly_price=None)
    assert s.pricing.daily_cap is None
    assert s.plan_prices.monthly is None
    assert s.plan_prices.weekly == Decimal("250.00")


def test_update_settings_leaving_an_argument_out_changes_nothing(bs: Backspace) -> None:
    bs.update_settings(daily_cap=100, weekly_price=250)
    s = bs.update_settings(grace_minutes=5)
    assert (s.pricing.daily_cap, s.plan_prices.weekly) == (Decimal("100.00"), Decimal("250.00"))
    assert bs.update_settings() == s


def test_update_settings_clear_still_works_and_is_deprecated(bs: Backspace) -> None:
    bs.update_settings(daily_cap=100, monthly_price=900)
    with pytest.warns(DeprecationWarning, match="pass None"):
        s = bs.update_settings(daily_cap=backspace.CLEAR, monthly_price=backspace.CLEAR)
    assert s.pricing.daily_cap is None
    assert s.plan_prices.monthly is None
    assert repr(backspace.CLEAR) == "backspace.CLEAR"


@pytest.mark.parametrize(
    ("field", "value"),
    [("unit_minutes", 0), ("unit_minutes", -1), ("time_zone", "Mars/Olympus"), ("rounding", "sideways")],
)
def test_r_price_1_bad_settings_are_validation_errors(bs: Backspace, field: str, value: object) -> None:
    with pytest.raises(backspace.ValidationError) as err:
        bs.update_settings(**{field: value})  # type: ignore[arg-type]
    assert err.value.field == field
    assert bs.settings().pricing.unit_minutes == 1
