"""R-CUST-4 against libphonenumber itself: ``register_customer`` accepts exactly the Egyptian
numbers that the ``phonenumbers`` package (metadata 9.0.33, the version ``phone_metadata.rs`` is
generated from) calls valid mobile or fixed-line numbers, with the same E.164 form, over tens of
thousands of generated inputs: every 3-digit national prefix, every length from 6 to 12 digits,
every accepted way of writing a number, ASCII and both Arabic-Indic digit ranges.

Where the specification differs from libphonenumber, the difference is stated here:

* toll-free (``800…``), premium-rate (``900…``) and other non-geographic numbers that
  libphonenumber calls valid are refused (only mobile and fixed-line numbers are customers'
  phones);
* ``+20 0…`` (the trunk ``0`` after the country code) is accepted as the number without that
  ``0``;
* letters and extensions are refused even where libphonenumber would read them.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import phonenumbers
import pytest

import backspace

ROOT = Path(__file__).resolve().parents[3]
VERSION = "9.0.33"
ACCEPTED_TYPES = {
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def reference(digits: str) -> str | None:
    """libphonenumber's E.164 for ASCII ``digits`` (with ``+`` if any) read in Egypt, or ``None``
    when it is not a valid Egyptian mobile or fixed-line number."""
    try:
        n = phonenumbers.parse(digits, "EG")
    except phonenumbers.NumberParseException:
        return None
    if n.country_code != 20 or not phonenumbers.is_valid_number(n):
        return None
    if phonenumbers.number_type(n) not in ACCEPTED_TYPES:
        return None  # toll-free, premium, …: refused by R-CUST-4
    return phonenumbers.format_number(n, phonenumbers.PhoneNumberFormat.E164)


def spaced(digits: str, rng: random.Random) -> str:
    """``digits`` with the separators people type: spaces, dashes, dots, parentheses."""
    style = rng.randrange(5)
    if style == 0 or len(digits) < 6:
        return digits
    cut = rng.randrange(2, 5)
    head, tail = digits[:cut], digits[cut:]
    mid = len(tail) // 2
    if style == 1:
        return f"{head} {tail[:mid]} {tail[mid:]}"
    if style == 2:
        return f"{head}-{tail[:mid]}-{tail[mid:]}"
    if style == 3:
        return f"{head}.{tail}"
    return f"({head}) {tail}"


def written(nsn: str, rng: random.Random) -> tuple[str, str]:
    """One accepted way of writing national number ``nsn``: (what the desk types, what
    libphonenumber is asked about)."""
    form = rng.randrange(7)
    if form == 0:
        text, ref = "0" + spaced(nsn, rng), "0" + nsn
    elif form == 1:
        text, ref = spaced(nsn, rng), nsn
    elif form == 2:
        text, ref = "+20 " + spaced(nsn, rng), "+20" + nsn
    elif form == 3:
        text, ref = "0020" + spaced(nsn, rng), "+20" + nsn
    elif form == 4:
        text, ref = "20" + nsn, "20" + nsn
    elif form == 5:
        # The trunk 0 after the country code (R-CUST-4 accepts it; libphonenumber does not).
        text, ref = "+20 0" + spaced(nsn, rng), "+20" + nsn
    else:
        text, ref = "(+20) " + spaced(nsn, rng), "+20" + nsn
    digits = rng.randrange(6)
    if digits == 0:
        text = text.translate(ARABIC)
    elif digits == 1:
        text = text.translate(PERSIAN)
    return text, ref


def inputs(seed: int = 2026) -> list[tuple[str, str | None]]:
    """Unique national numbers for every 3-digit prefix and length 6–12, each written one way."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out = []
    for length in range(6, 13):
        for prefix in range(100, 1000):
            for _ in range(4):
                nsn = str(prefix) + "".join(rng.choice("0123456789") for _ in range(length - 3))
                if nsn in seen:
                    continue
                seen.add(nsn)
                text, ref = written(nsn, rng)
                out.append((text, reference(ref)))
    return out


def test_phonenumbers_is_the_pinned_metadata_version() -> None:
    assert phonenumbers.__version__ == VERSION


def test_the_generated_patterns_are_fresh() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen-phone-patterns.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_r_cust_4_every_generated_input_matches_libphonenumber_9_0_33() -> None:
    cases = inputs()
    assert len(cases) > 20_000
    mismatches = []
    accepted = 0
    with backspace.Backspace.in_memory() as bs:
        for i, (text, expected) in enumerate(cases):
            try:
                got: str | None = bs.register_customer(f"C{i}", text).phone
            except backspace.ValidationError:
                got = None
            if got != expected:
                mismatches.append((text, expected, got))
            accepted += got is not None
    assert mismatches[:20] == []
    # Both outcomes are well represented.
    assert 2_000 < accepted < len(cases) - 2_000


@pytest.mark.parametrize(
    "text",
    [
        "08001234567",  # toll-free: valid for libphonenumber, refused by R-CUST-4
        "09001234567",  # premium rate
        "01012345678 ext. 5",  # an extension
        "01012345678;ext=5",
        "010 1234 567a",  # a letter
        "O1012345678",  # letter O for zero
    ],
)
def test_r_cust_4_stated_exclusions_are_refused(text: str) -> None:
    with backspace.Backspace.in_memory() as bs:
        with pytest.raises(backspace.ValidationError) as err:
            bs.register_customer("X", text)
        assert err.value.field == "phone"
