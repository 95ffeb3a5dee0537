"""Pseudonymisation at the door: CPR normalisation and validation, keyed namespaces."""

from __future__ import annotations

import pytest

from pipelines.ingest.pseudonymise import (
    PepperMissingError,
    ensure_pepper_file,
    load_pepper,
    normalise_cpr,
    person_key,
)

PEPPER = b"unit-test-pepper"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("010190-1234", "0101901234"),
        ("0101901234", "0101901234"),
        (" 311299-4321 ", "3112994321"),
        ("010165-4003", "0101654003"),  # fails modulus 11, issued after 2007: still valid
        ("290200-4000", "2902004000"),  # 7th digit 4, year 00 -> 2000, a leap year
    ],
)
def test_valid_cpr_numbers_are_normalised(raw, expected):
    assert normalise_cpr(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "320190-1234",  # day 32
        "011390-1234",  # month 13
        "290201-1234",  # 29 February 1901 did not exist
        "290200-1234",  # 7th digit 1 -> 1900, which was not a leap year
        "01019-01234",  # dash in the wrong place
        "abc",
    ],
)
def test_invalid_cpr_numbers_are_rejected(raw):
    assert normalise_cpr(raw) is None


def test_cpr_keys_are_shared_across_partners_and_formats():
    a = person_key("010190-1234", "jobcenter_nordby", PEPPER)
    b = person_key("0101901234", "training_site_x", PEPPER)
    assert a == b
    assert len(a) == 64 and "0101901234" not in a


def test_local_ids_are_keyed_per_partner():
    assert person_key("1001", "partner_a", PEPPER) != person_key("1001", "partner_b", PEPPER)
    assert person_key("1001", "partner_a", PEPPER) == person_key(" 1001 ", "partner_a", PEPPER)


def test_the_key_depends_on_the_pepper():
    assert person_key("1001", "p", PEPPER) != person_key("1001", "p", b"another-pepper")


def test_unusable_ids_get_no_key():
    assert person_key("", "p", PEPPER) is None
    assert person_key("320190-1234", "p", PEPPER) is None


def test_pepper_comes_from_environment_or_file(tmp_path, monkeypatch):
    monkeypatch.delenv("OUTCOMES_PEPPER", raising=False)
    missing = tmp_path / "pepper"
    with pytest.raises(PepperMissingError, match="OUTCOMES_PEPPER"):
        load_pepper(missing)
    ensure_pepper_file(missing)
    assert oct(missing.stat().st_mode & 0o777) == "0o600"
    assert len(load_pepper(missing)) == 64
    monkeypatch.setenv("OUTCOMES_PEPPER", "from-env")
    assert load_pepper(missing) == b"from-env"
