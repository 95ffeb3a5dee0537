"""The contract's row rules as one set-based SQL pass: every mapped row gets a list of violations.

The rules are derived from the contract declaration (``contract.py``): required values, code
sets (literal or from the reference seeds), dates, numeric ranges, booleans, ID shapes, the
person-ID check done at pseudonymisation, duplicates of the natural key within a delivery and
the cross-column row rules. A row with no violation is loaded; a row with any is quarantined with
one record per violation. Messages name the row, the column and the fix, never a value, so a
CPR number in the wrong column cannot leak into the quarantine.
"""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pyarrow as pa

from pipelines.ingest.contract import EARLIEST_DATE, Column, Entity
from pipelines.ingest.mapping import MAPPED
from pipelines.ingest.partners import EntityMapping, FileFormat
from pipelines.ingest.pseudonymise import classify_person_id
from pipelines.ingest.reference import Reference
from pipelines.ingest.sql import ident, lit
from pipelines.warehouse import run

CHECKED = "_checked"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$"
ID_RULE = (
    "1 to 64 letters, digits or - _ . : / (starting with a letter or digit)",
    "1-64 bogstaver, cifre eller - _ . : / (begynder med et bogstav eller ciffer)",
)
Message = tuple[str, str]  # (English, Danish): stewards read the page in either language

PERSON_ID_MESSAGES: dict[str, Message] = {
    "invalid_cpr": (
        "not a valid CPR number (no such birth date or century); correct the CPR number in the "
        "source system",
        "ikke et gyldigt CPR-nummer (fødselsdato eller århundrede findes ikke); ret CPR-nummeret "
        "i kildesystemet",
    ),
    "cpr_expected": (
        "this partner system delivers CPR numbers, but the value is not a CPR number",
        "dette system leverer CPR-numre, men værdien er ikke et CPR-nummer",
    ),
    "bad_local_id": (f"the person ID must be {ID_RULE[0]}", f"person-ID skal være {ID_RULE[1]}"),
}
BLANK: Message = ("required value is blank", "påkrævet værdi mangler")


def _violation(column: str, rule: str, condition: str, message: Message) -> str:
    return (
        f"case when {condition} then {{'column': {lit(column)}, 'rule': {lit(rule)}, "
        f"'message': {lit(message[0])}, 'message_da': {lit(message[1])}}} end"
    )


def _column_checks(col: Column, ref: Reference, fmt: FileFormat, received: date) -> list[str]:
    c = ident(col.name)
    checks = []
    if col.kind == "person_id":  # keyed already; problems come from the pseudonymiser
        return [
            _violation(
                col.name,
                "missing_value",
                "person_key is null and _id_problem is null",
                BLANK,
            )
        ]
    if col.value_required:
        checks.append(_violation(col.name, "missing_value", f"{c} is null", BLANK))
    present = f"{c} is not null"
    if col.kind == "code":
        allowed = col.codes or ref.codes(col.codes_from)
        seed = col.codes_from.split(".")[0] if col.codes_from else ""
        shown = ", ".join(allowed) if len(allowed) <= 12 else f"the reference data ({seed})"
        vist = ", ".join(allowed) if len(allowed) <= 12 else f"referencedata ({seed})"
        checks.append(
            _violation(
                col.name,
                "unknown_code",
                f"{present} and {c} not in ({', '.join(lit(a) for a in allowed)})",
                (
                    f"unknown code; allowed: {shown} (map the partner's own words under values: "
                    "in the partner config)",
                    f"ukendt kode; tilladt: {vist} (partnerens egne ord kan oversættes under "
                    "values: i partnerkonfigurationen)",
                ),
            )
        )
    elif col.kind == "date":
        shown = " or ".join(date(2024, 1, 31).strftime(f) for f in fmt.date_formats)
        eksempel = shown.replace(" or ", " eller ")
        latest = (received + timedelta(days=366)).isoformat()
        checks.append(
            _violation(
                col.name,
                "invalid_date",
                f"{present} and try_cast({c} as date) is null",
                (
                    f"not a real date in the expected form (e.g. {shown})",
                    f"ikke en gyldig dato i den forventede form (f.eks. {eksempel})",
                ),
            )
        )
        checks.append(
            _violation(
                col.name,
                "date_out_of_range",
                f"try_cast({c} as date) not between "
                f"date {lit(EARLIEST_DATE)} and date {lit(latest)}",
                (
                    f"date outside {EARLIEST_DATE} to one year after delivery",
                    f"dato uden for {EARLIEST_DATE} til et år efter leverancen",
                ),
            )
        )
    elif col.kind in ("integer", "decimal"):
        cast = "bigint" if col.kind == "integer" else "double"
        checks.append(
            _violation(
                col.name,
                "not_a_number",
                f"{present} and (try_cast({c} as {cast}) is null "
                f"or not isfinite(try_cast({c} as double)))",
                (
                    "not a number" + (" (whole number expected)" if col.kind == "integer" else ""),
                    "ikke et tal" + (" (heltal forventet)" if col.kind == "integer" else ""),
                ),
            )
        )
        bounds = []
        if col.minimum is not None:
            bounds.append(f"try_cast({c} as double) < {col.minimum}")
        if col.maximum is not None:
            bounds.append(f"try_cast({c} as double) > {col.maximum}")
        if bounds:
            checks.append(
                _violation(
                    col.name,
                    "out_of_range",
                    f"isfinite(try_cast({c} as double)) and ({' or '.join(bounds)})",
                    (
                        f"value outside {col.minimum:g} to {col.maximum:g}",
                        f"værdi uden for {col.minimum:g} til {col.maximum:g}",
                    ),
                )
            )
    elif col.kind == "boolean":
        checks.append(
            _violation(
                col.name,
                "not_true_false",
                f"{present} and {c} not in ('true', 'false')",
                (
                    "must be true or false (map the partner's words, e.g. Ja/Nej, under values:)",
                    "skal være true eller false (partnerens ord, f.eks. Ja/Nej, kan oversættes "
                    "under values:)",
                ),
            )
        )
    elif col.kind == "id":
        checks.append(
            _violation(
                col.name,
                "invalid_id",
                f"{present} and not regexp_full_match({c}, {lit(ID_PATTERN)})",
                (f"the ID must be {ID_RULE[0]}", f"ID'et skal være {ID_RULE[1]}"),
            )
        )
    return checks


def check_delivery(
    con: duckdb.DuckDBPyConnection,
    entity: Entity,
    mapping: EntityMapping,
    fmt: FileFormat,
    person_id_kind: str,
    partner: str,
    pepper: bytes,
    ref: Reference,
    received: date,
) -> None:
    """Create ``_checked``: ``_mapped`` with person_key and a list of violations per row."""
    ids = run(con, f"select distinct person_id from {MAPPED} where person_id is not null")
    keyed = [classify_person_id(i, partner, pepper, person_id_kind) for (i,) in ids]
    con.register(
        "_person_keys",
        pa.table(
            {
                "person_id": pa.array([i for (i,) in ids], type=pa.string()),
                "person_key": pa.array([k for k, _ in keyed], type=pa.string()),
                "id_problem": pa.array([p for _, p in keyed], type=pa.string()),
            }
        ),
    )
    ref.register(con)
    try:
        checks = []
        for col in entity.columns:
            checks += _column_checks(col, ref, fmt, received)
        checks += [
            _violation("person_id", problem, f"_id_problem = {lit(problem)}", message)
            for problem, message in PERSON_ID_MESSAGES.items()
        ]
        rules = [
            _violation(
                rule.columns[0],
                rule.name,
                f"not coalesce({rule.condition}, false)",
                (rule.message, rule.message_da),
            )
            for rule in entity.row_rules
        ]
        key = ", ".join(ident(k) for k in entity.raw_natural_key)
        key_names = ", ".join(entity.natural_key)
        cols = ", ".join(
            "k.person_key" if c == "person_id" else f"m.{ident(c)}" for c in entity.column_names
        )
        run(
            con,
            f"""create or replace temp table {CHECKED} as
            with keyed as (
                select {cols}, m._source_row, m._source_column, k.id_problem as _id_problem
                from {MAPPED} as m
                left join _person_keys as k on m.person_id = k.person_id
            ),
            column_checked as (
                select *, list_filter([{", ".join(checks)}], lambda v: v is not null) as _violations
                from keyed
            ),
            row_checked as (
                select r.* replace (
                    case when len(r._violations) = 0
                        then list_filter([{", ".join(rules) or "null"}], lambda v: v is not null)
                        else r._violations end as _violations)
                from column_checked as r
            ),
            ranked as (
                select *,
                    case when len(_violations) = 0 then first_value(_source_row) over (
                        partition by {key}, len(_violations) = 0 order by _source_row
                    ) end as _first_row
                from row_checked
            )
            select * exclude (_first_row, _id_problem) replace (
                case when _first_row is not null and _first_row <> _source_row
                    then [{{'column': {lit(entity.natural_key[-1])}, 'rule': 'duplicate_key',
                           'message': 'same ' || {lit(key_names)} || ' as row '
                               || _first_row || ' of this delivery; deliver each once',
                           'message_da': 'samme ' || {lit(key_names)} || ' som række '
                               || _first_row || ' i leverancen; lever hver række én gang'}}]
                    else _violations end as _violations)
            from ranked""",
        )
    finally:
        con.unregister("_person_keys")
        ref.unregister(con)
