"""Render the metric catalogue seed as a dbt docs block, so dbt docs show every definition.

The seed ``dbt/seeds/metric_catalogue.csv`` is the one definition; this writes
``dbt/models/metrics/metric_catalogue.md`` from it (``python -m
pipelines.transform.catalogue_docs``), and a test fails if the two drift apart.
"""

from __future__ import annotations

import csv
import sys

from pipelines.settings import DBT_PROJECT_DIR

SEED = DBT_PROJECT_DIR / "seeds" / "metric_catalogue.csv"
DOCS = DBT_PROJECT_DIR / "models" / "metrics" / "metric_catalogue.md"


def _cell(text: str) -> str:
    return (text or "–").replace("|", "\\|").replace("\n", " ")


def render() -> str:
    with SEED.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    lines = [
        "{% docs metric_catalogue %}",
        "The metric catalogue: every metric defined once, computed the same way for every",
        "initiative. Generated from `seeds/metric_catalogue.csv` by",
        "`python -m pipelines.transform.catalogue_docs`; edit the seed, not this file.",
        "",
        "| id | name (da) | name (en) | definition | numerator | denominator | unit "
        "| higher is better | interval |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [
            f"`{r['metric_id']}`", r["name_da"], r["name_en"], r["definition_en"],
            r["numerator"], r["denominator"], r["unit"], r["higher_is_better"],
            r["interval_method"],
        ]  # fmt: skip
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    lines += ["", "{% enddocs %}", ""]
    return "\n".join(lines)


def main() -> int:
    DOCS.write_text(render(), encoding="utf-8")
    print(DOCS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
