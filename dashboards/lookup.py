"""Find one's own participant by the ID the partnership itself uses, without storing that ID.

The typed ID is keyed exactly as ingestion keys it (HMAC with the pepper, in the partner
system's namespace, or the shared CPR namespace), then turned into the partnership's
pseudonym. Only the pseudonym is compared; the ID is neither written nor logged, and the
snapshot holds no ID to match it against.
"""

from __future__ import annotations

from pipelines.ingest.pseudonymise import PepperMissingError, load_pepper, person_key
from pipelines.publish.audiences import partnership_pseudonym
from pipelines.settings import Settings


class SearchUnavailableError(RuntimeError):
    """The dashboard has no pepper, so it cannot key an ID the way ingestion did."""


def pseudonym_for_own_id(raw_id: str, partnership_id: str, partner_system: str) -> str | None:
    """The pseudonym of the person behind ``raw_id`` in ``partnership_id``'s snapshot, or None
    when the ID cannot be a person ID at all (an invalid CPR number)."""
    try:
        pepper = load_pepper(Settings.from_env().pepper_file)
    except PepperMissingError as exc:
        raise SearchUnavailableError(str(exc)) from None
    key = person_key(raw_id, partner_system, pepper)
    return partnership_pseudonym(partnership_id, key) if key else None
