"""Pseudonymisation at the door (DESIGN section 6).

A person ID becomes ``person_key = HMAC-SHA256(pepper, namespace + id)`` while a delivery is
parsed; the raw ID is never written anywhere. A CPR number is normalised (dash removed) and
keyed in one shared namespace so the same young person links across partners; any other ID is
keyed in its partner's own namespace, so two partners' "1001" stay two people.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
from datetime import date
from pathlib import Path

PEPPER_ENV = "OUTCOMES_PEPPER"
_CPR_SHAPE = re.compile(r"^\s*(\d{6})-?(\d{4})\s*$")


class PepperMissingError(RuntimeError):
    pass


def load_pepper(pepper_file: Path) -> bytes:
    """The secret pepper: ``$OUTCOMES_PEPPER`` if set, else the secrets file (kept out of git)."""
    value = os.environ.get(PEPPER_ENV)
    if value:
        return value.encode()
    if pepper_file.is_file():
        return pepper_file.read_text().strip().encode()
    raise PepperMissingError(
        f"No pseudonymisation pepper: set ${PEPPER_ENV} or create {pepper_file} "
        "(`python -m pipelines.demo pepper` makes one for a local demo)."
    )


def ensure_pepper_file(pepper_file: Path) -> Path:
    """Create a random 256-bit pepper file (mode 600) if none exists; used by the demo."""
    if not pepper_file.exists():
        pepper_file.parent.mkdir(parents=True, exist_ok=True)
        pepper_file.write_text(secrets.token_hex(32) + "\n")
        pepper_file.chmod(0o600)
    return pepper_file


def cpr_century(day_month_year: str, sequence: str) -> int | None:
    """The century of a CPR number from its 7th digit and year (CPR office table)."""
    yy = int(day_month_year[4:6])
    d7 = int(sequence[0])
    if d7 <= 3:
        return 1900
    if d7 in (4, 9):
        return 2000 if yy <= 36 else 1900
    if d7 in (5, 6, 7, 8):
        return 2000 if yy <= 57 else 1800
    return None


def normalise_cpr(raw: str) -> str | None:
    """``DDMMYYSSSS`` if ``raw`` is a CPR number with a real birth date, else None.

    Deliberately no modulus-11 check: valid CPR numbers issued since 2007 fail it.
    """
    m = _CPR_SHAPE.match(raw)
    if not m:
        return None
    dmy, seq = m.groups()
    century = cpr_century(dmy, seq)
    if century is None:
        return None
    try:
        date(century + int(dmy[4:6]), int(dmy[2:4]), int(dmy[0:2]))
    except ValueError:
        return None
    return dmy + seq


def looks_like_cpr(raw: str) -> bool:
    return bool(_CPR_SHAPE.match(raw))


def person_key(raw_id: str, partner: str, pepper: bytes) -> str | None:
    """The pseudonym of one person ID as delivered by ``partner``.

    Returns None for an ID that has the shape of a CPR number but is not a valid one, so the
    caller can reject the row instead of keying a typo as a new person.
    """
    raw_id = raw_id.strip()
    if not raw_id:
        return None
    if looks_like_cpr(raw_id):
        cpr = normalise_cpr(raw_id)
        if cpr is None:
            return None
        message = f"cpr:{cpr}"
    else:
        message = f"local:{partner}:{raw_id}"
    return hmac.new(pepper, message.encode(), hashlib.sha256).hexdigest()


_LOCAL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$")


def classify_person_id(
    raw_id: str, partner: str, pepper: bytes, expected: str = "auto"
) -> tuple[str | None, str | None]:
    """``(person_key, None)`` for a usable ID, else ``(None, problem)``.

    ``expected`` is the partner config's ``person_id``: ``cpr`` (every ID must be a CPR
    number), ``local`` (the partner's own IDs; a CPR-shaped value is still keyed as a CPR so the
    person links) or ``auto``. Problems are quarantine rules: ``invalid_cpr``, ``cpr_expected``,
    ``bad_local_id``.
    """
    value = raw_id.strip()
    if looks_like_cpr(value):
        key = person_key(value, partner, pepper)
        return (key, None) if key else (None, "invalid_cpr")
    if expected == "cpr":
        return None, "cpr_expected"
    if not _LOCAL_ID.match(value):
        return None, "bad_local_id"
    return person_key(value, partner, pepper), None
