"""The canonical delivery contract (DESIGN section 2), declared once.

Everything that needs to know the shape of a delivery -- the loader, the dbt sources, the demo
generator's canonical renderer, the tests -- reads it from here, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

CONTRACT_VERSION = "1"


KINDS = ("person_id", "id", "code", "date", "integer", "decimal", "boolean", "text")


@dataclass(frozen=True)
class Column:
    """One contract column and the rule every delivered value must meet.

    ``kind`` says how a value is checked: ``code`` values must be in ``codes`` (a literal set) or
    in a reference seed (``codes_from`` = ``"seed.column"``); ``integer``/``decimal`` values must
    lie in ``[minimum, maximum]``; ``date`` values must be real dates in ISO form after mapping.
    """

    name: str
    required: bool
    description: str
    kind: str = "text"
    codes: tuple[str, ...] = ()
    codes_from: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    blank_allowed: bool = False  # a required column whose values may be blank ("not known")

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"contract column {self.name}: kind {self.kind!r} not in {KINDS}")

    @property
    def value_required(self) -> bool:
        return self.required and not self.blank_allowed


@dataclass(frozen=True)
class Entity:
    name: str
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    description: str
    row_rules: tuple[RowRule, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    @property
    def raw_natural_key(self) -> list[str]:
        return [raw_name(c) for c in self.natural_key]


def raw_name(column: str) -> str:
    """A contract column's name in ``raw.<entity>``: person IDs are stored as pseudonyms."""
    return "person_key" if column == "person_id" else column


@dataclass(frozen=True)
class RowRule:
    """A rule across columns of one row: a SQL condition on the row ``r`` that must hold.

    Row rules count only on rows whose columns each passed their own rule; conditions still use
    ``try_cast``, because SQL may evaluate them on every row. ``ref_<seed>`` names a reference
    seed (dbt/seeds/<seed>.csv).
    """

    name: str
    columns: tuple[str, ...]
    condition: str
    message: str
    message_da: str


def _cols(*specs: tuple) -> tuple[Column, ...]:
    return tuple(Column(*spec[:3], **(spec[3] if len(spec) > 3 else {})) for spec in specs)


BOOL = {"kind": "boolean"}
DATE = {"kind": "date"}
OUTCOME = {"kind": "code", "codes_from": "outcome_codes.outcome_code"}
HOURS = {"kind": "decimal", "minimum": 0, "maximum": 24}
EARLIEST_DATE = "2000-01-01"


ENTITIES: dict[str, Entity] = {
    e.name: e
    for e in (
        Entity(
            "participants",
            _cols(
                (
                    "person_id",
                    True,
                    "CPR number or the partner's own stable person ID",
                    {"kind": "person_id"},
                ),
                (
                    "birth_year",
                    True,
                    "four-digit year of birth",
                    {"kind": "integer", "minimum": 1950, "maximum": 2015},
                ),
                (
                    "gender",
                    True,
                    "F, M, X or blank",
                    {"kind": "code", "codes": ("F", "M", "X"), "blank_allowed": True},
                ),
                ("impairment_cognitive", False, "true/false/blank", BOOL),
                ("impairment_physical", False, "true/false/blank", BOOL),
                ("impairment_psychological", False, "true/false/blank", BOOL),
                ("consent", True, "true/false: consent to use the data beyond headcounts", BOOL),
                ("consent_date", False, "YYYY-MM-DD", DATE),
            ),
            ("person_id",),
            "one row per young person",
        ),
        Entity(
            "enrolments",
            _cols(
                ("enrolment_id", True, "the partner's ID of the programme spell", {"kind": "id"}),
                ("person_id", True, "as in participants", {"kind": "person_id"}),
                (
                    "initiative_id",
                    True,
                    "initiative code from the reference data",
                    {"kind": "code", "codes_from": "initiatives.initiative_id"},
                ),
                (
                    "partnership_id",
                    True,
                    "partnership code from the reference data",
                    {"kind": "code", "codes_from": "partnerships.partnership_id"},
                ),
                ("start_date", True, "YYYY-MM-DD", DATE),
                ("end_date", False, "YYYY-MM-DD, blank while active", DATE),
                ("exit_status", False, "outcome code at exit", OUTCOME),
            ),
            ("enrolment_id",),
            "one row per programme spell (forløb)",
            (
                RowRule(
                    "end_before_start",
                    ("end_date",),
                    "r.end_date is null "
                    "or try_cast(r.end_date as date) >= try_cast(r.start_date as date)",
                    "the end date is before the start date; correct one of them",
                    "slutdatoen ligger før startdatoen; ret en af dem",
                ),
                RowRule(
                    "partnership_not_in_initiative",
                    ("partnership_id",),
                    "exists (select 1 from ref_partnerships as p where p.partnership_id = "
                    "r.partnership_id and p.initiative_id = r.initiative_id)",
                    "the partnership does not belong to this initiative in the reference data",
                    "partnerskabet hører ikke til denne indsats i referencedata",
                ),
            ),
        ),
        Entity(
            "attendance",
            _cols(
                ("person_id", True, "as in participants", {"kind": "person_id"}),
                ("date", True, "YYYY-MM-DD", DATE),
                ("planned_hours", True, "hours planned that day, decimal point", HOURS),
                ("attended_hours", True, "hours attended that day, decimal point", HOURS),
                (
                    "absence_reason",
                    False,
                    "sick, excused, unexcused or blank",
                    {"kind": "code", "codes": ("sick", "excused", "unexcused")},
                ),
                ("enrolment_id", False, "the spell the day belongs to, if known", {"kind": "id"}),
            ),
            ("person_id", "date"),
            "one row per participant and planned day",
            (
                RowRule(
                    "attended_more_than_planned",
                    ("attended_hours",),
                    "try_cast(r.attended_hours as double) <= try_cast(r.planned_hours as double)",
                    "more hours attended than planned that day; planned_hours must include them",
                    "flere timer fremmødt end planlagt den dag; planlagte timer skal omfatte dem",
                ),
            ),
        ),
        Entity(
            "measurements",
            _cols(
                ("person_id", True, "as in participants", {"kind": "person_id"}),
                ("assessed_on", True, "YYYY-MM-DD", DATE),
                (
                    "instrument",
                    True,
                    "instrument code from the reference data",
                    {"kind": "code", "codes_from": "instruments.instrument"},
                ),
                (
                    "item",
                    True,
                    "item code within the instrument",
                    {"kind": "code", "codes_from": "instruments.item"},
                ),
                (
                    "score",
                    True,
                    "raw score on the instrument's scale (scale_min to scale_max)",
                    {"kind": "decimal"},
                ),
                (
                    "assessor_role",
                    False,
                    "self, staff or joint",
                    {"kind": "code", "codes": ("self", "staff", "joint")},
                ),
            ),
            ("person_id", "instrument", "item", "assessed_on"),
            "one row per progression item score",
            (
                RowRule(
                    "unknown_item",
                    ("item",),
                    "exists (select 1 from ref_instruments as i where i.instrument = r.instrument "
                    "and i.item = r.item)",
                    "the item is not part of this instrument in the reference data",
                    "spørgsmålet hører ikke til dette redskab i referencedata",
                ),
                RowRule(
                    "score_out_of_range",
                    ("score",),
                    "not exists (select 1 from ref_instruments as i "
                    "where i.instrument = r.instrument and i.item = r.item "
                    "and (try_cast(r.score as double) < i.scale_min::double "
                    "or try_cast(r.score as double) > i.scale_max::double))",
                    "the score is outside the instrument's scale (see the instruments reference)",
                    "scoren ligger uden for redskabets skala (se instruments i referencedata)",
                ),
            ),
        ),
        Entity(
            "outcomes",
            _cols(
                ("person_id", True, "as in participants", {"kind": "person_id"}),
                ("status", True, "outcome code", OUTCOME),
                ("status_from", True, "YYYY-MM-DD", DATE),
                ("status_to", False, "YYYY-MM-DD, blank while current", DATE),
                ("source", False, "where the status was learned", {"kind": "text"}),
            ),
            ("person_id", "status", "status_from"),
            "one row per status spell after or during the programme",
            (
                RowRule(
                    "status_ends_before_it_starts",
                    ("status_to",),
                    "r.status_to is null "
                    "or try_cast(r.status_to as date) >= try_cast(r.status_from as date)",
                    "status_to is before status_from; correct one of them",
                    "status_to ligger før status_from; ret en af dem",
                ),
            ),
        ),
    )
}
