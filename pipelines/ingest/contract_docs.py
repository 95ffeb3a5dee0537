"""Render the delivery contract into the partner documentation (``docs/partners.md``).

The contract is declared once in ``contract.py``; the tables between the ``contract:start`` and
``contract:end`` markers of the partner page are generated from it (``python -m
pipelines.ingest.contract_docs``), and a test fails if they drift apart.
"""

from __future__ import annotations

import sys

from pipelines.ingest.contract import CONTRACT_VERSION, EARLIEST_DATE, ENTITIES, Column
from pipelines.ingest.reference import Reference
from pipelines.settings import REPO_ROOT

DOC = REPO_ROOT / "docs" / "partners.md"
START, END = "<!-- contract:start -->", "<!-- contract:end -->"


def _rule(col: Column, ref: Reference) -> str:
    if col.kind == "person_id":
        return "CPR number (`DDMMYY-SSSS` or `DDMMYYSSSS`) or your own stable ID"
    if col.kind == "id":
        return "1–64 letters, digits or `- _ . : /`"
    if col.kind == "code":
        if col.codes:
            return ", ".join(f"`{c}`" for c in col.codes)
        seed = col.codes_from.split(".")[0]
        codes = ref.codes(col.codes_from)
        shown = ", ".join(f"`{c}`" for c in codes) if len(codes) <= 12 else f"see `{seed}`"
        return f"{shown} (reference data `dbt/seeds/{seed}.csv`)"
    if col.kind == "date":
        return f"date `YYYY-MM-DD`, from {EARLIEST_DATE} to a year after delivery"
    if col.kind == "boolean":
        return "`true` / `false`"
    if col.kind in ("integer", "decimal"):
        number = "whole number" if col.kind == "integer" else "number, `.` as decimal mark"
        if col.minimum is not None:
            return f"{number}, {col.minimum:g} to {col.maximum:g}"
        return number
    return "text"


def render(ref: Reference | None = None) -> str:
    ref = ref or Reference()
    lines = [START, f"_Contract version {CONTRACT_VERSION}. Generated from "
             "`pipelines/ingest/contract.py` — edit that, then run "
             "`python -m pipelines.ingest.contract_docs`._", ""]  # fmt: skip
    for entity in ENTITIES.values():
        lines += [
            f"### `{entity.name}` — {entity.description}",
            "",
            f"One row per natural key: **{', '.join(entity.natural_key)}**.",
            "",
            "| column | required | accepted values | meaning |",
            "|---|---|---|---|",
        ]
        for col in entity.columns:
            required = "**yes**" if col.value_required else "no"
            if col.blank_allowed:
                required = "**column yes**, value may be blank"
            lines.append(f"| `{col.name}` | {required} | {_rule(col, ref)} | {col.description} |")
        if entity.row_rules:
            lines += ["", "Checks across columns:", ""]
            lines += [f"- `{r.name}`: quarantined when {r.message}." for r in entity.row_rules]
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def updated(text: str, ref: Reference | None = None) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return head + render(ref) + tail


def main() -> int:
    DOC.write_text(updated(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(DOC.relative_to(REPO_ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
