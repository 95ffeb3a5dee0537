"""The canonical delivery contract (DESIGN section 2), declared once.

Everything that needs to know the shape of a delivery -- the loader, the dbt sources, the demo
generator's canonical renderer, the tests -- reads it from here, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTRACT_VERSION = "1"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class Entity:
    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    description: str

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _cols(*specs: tuple[str, bool, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "participants",
            _cols(
                ("person_id", True, "CPR number or the partner's own stable person ID"),
                ("birth_year", True, "four-digit year of birth"),
                ("gender", True, "F, M, X or blank"),
                ("impairment_cognitive", False, "true/false/blank"),
                ("impairment_physical", False, "true/false/blank"),
                ("impairment_psychological", False, "true/false/blank"),
                ("consent", True, "true/false: consent to use the data beyond headcounts"),
                ("consent_date", False, "YYYY-MM-DD"),
            ),
            ("person_id",),
            "one row per young person",
        ),
        Entity(
            "enrolments",
            _cols(
                ("enrolment_id", True, "the partner's ID of the programme spell"),
                ("person_id", True, "as in participants"),
                ("initiative_id", True, "initiative code from the reference data"),
                ("partnership_id", True, "partnership code from the reference data"),
                ("start_date", True, "YYYY-MM-DD"),
                ("end_date", False, "YYYY-MM-DD, blank while active"),
                ("exit_status", False, "outcome code at exit"),
            ),
            ("enrolment_id",),
            "one row per programme spell (forløb)",
        ),
        Entity(
            "attendance",
            _cols(
                ("person_id", True, "as in participants"),
                ("date", True, "YYYY-MM-DD"),
                ("planned_hours", True, "hours planned that day, decimal point"),
                ("attended_hours", True, "hours attended that day, decimal point"),
                ("absence_reason", False, "sick, excused, unexcused or blank"),
                ("enrolment_id", False, "the spell the day belongs to, if known"),
            ),
            ("person_id", "date"),
            "one row per participant and planned day",
        ),
        Entity(
            "measurements",
            _cols(
                ("person_id", True, "as in participants"),
                ("assessed_on", True, "YYYY-MM-DD"),
                ("instrument", True, "instrument code from the reference data"),
                ("item", True, "item code within the instrument"),
                ("score", True, "raw score on the instrument's scale"),
                ("assessor_role", False, "self, staff or joint"),
            ),
            ("person_id", "instrument", "item", "assessed_on"),
            "one row per progression item score",
        ),
        Entity(
            "outcomes",
            _cols(
                ("person_id", True, "as in participants"),
                ("status", True, "outcome code"),
                ("status_from", True, "YYYY-MM-DD"),
                ("status_to", False, "YYYY-MM-DD, blank while current"),
                ("source", False, "where the status was learned"),
            ),
            ("person_id", "status", "status_from"),
            "one row per status spell after or during the programme",
        ),
    )
}
