"""The check that keeps shared dbt models engine-neutral (DuckDB and Spark).

Shared models, macros and tests may use only what both engines run (the list is
``dbt/models/sql_portability.md``). This scans their SQL -- comments and Jinja comments removed --
for constructs that exist in DuckDB only and names the portable replacement. Engine-specific SQL
belongs in a dispatched macro: the bodies of ``duckdb__*``, ``spark__*`` and ``default__*``
macros are not scanned, and every ``default__*`` macro must have a ``spark__*`` sibling.

``python -m pipelines.transform.sql_portability`` prints every finding (``make lint`` runs it).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pipelines.settings import DBT_PROJECT_DIR

# pattern -> (what it is, what to write instead)
DUCKDB_ONLY: dict[str, tuple[str, str]] = {
    r"\btry_cast\s*\(": ("try_cast", "{{ dbt.safe_cast(column, type) }}"),
    r"\bstring_agg\s*\(|\bgroup_concat\s*\(|\blistagg\s*\(": (
        "string_agg / group_concat",
        "{{ sorted_distinct_list(column, separator) }} or {{ dbt.listagg(...) }}",
    ),
    r"\bqualify\b": ("QUALIFY", "{{ latest_delivery(...) }} or a ranked subquery"),
    r"\barg_(?:max|min)\s*\(": ("arg_max / arg_min", "max_by / min_by"),
    r"::": ("the :: cast", "cast(expression as type)"),
    r"\bdate_?diff\s*\(": ("date_diff", "{{ dbt.datediff(first, second, datepart) }}"),
    r"\bdate_?add\s*\(|\bdate_sub\s*\(": ("date_add", "{{ dbt.dateadd(datepart, n, date) }}"),
    r"\bdate_trunc\s*\(": ("date_trunc", "{{ dbt.date_trunc(datepart, date) }}"),
    r"\bvarchar\b": ("varchar (Spark needs a length)", "{{ dbt.type_string() }}"),
    r"\bunnest\s*\(|\blist_\w+\s*\(|\blist_value\s*\(|\[\s*'": (
        "lists / unnest",
        "a VALUES list: (values ('a'), ('b')) as name (column)",
    ),
    r"\*\s*(?:exclude|replace)\s*\(|\bcolumns\s*\(": (
        "star modifiers (EXCLUDE, REPLACE, COLUMNS)",
        "name the columns",
    ),
    r"\b(?:quantile\w*|approx_quantile|mode)\s*\(": (
        "quantile functions",
        "a dispatched macro (Spark: percentile / percentile_approx)",
    ),
    r"\b(?:group|order)\s+by\s+all\b": ("GROUP BY ALL / ORDER BY ALL", "name the columns"),
    r"(?<!left )\b(?:semi|anti)\s+join\b|\b(?:asof|positional)\s+join\b": (
        "SEMI / ANTI / ASOF / POSITIONAL JOIN",
        "exists / not exists, or left semi join",
    ),
    r"\bread_(?:csv|parquet|json)\w*\s*\(": ("DuckDB table functions", "a source()"),
    r"\b(?:strftime|strptime|epoch_ms|epoch)\s*\(": (
        "DuckDB date formatting",
        "extract(...) and {{ dbt.type_string() }} casts",
    ),
    r"\bregexp_matches\s*\(|\bstruct_pack\s*\(|\bgenerate_series\s*\(": (
        "DuckDB-only function",
        "a dispatched macro",
    ),
}
PATTERNS = [(re.compile(p, re.IGNORECASE), what, fix) for p, (what, fix) in DUCKDB_ONLY.items()]

_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_SQL_COMMENT = re.compile(r"--[^\n]*")
_ENGINE_MACRO = re.compile(
    r"\{%-?\s*macro\s+(?:duckdb|spark|default)__\w+.*?\{%-?\s*endmacro\s*-?%\}", re.DOTALL
)
_JINJA_TAG = re.compile(r"\{%.*?%\}", re.DOTALL)
_JINJA_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_QUOTED = re.compile(r"'([^']*)'|\"([^\"]*)\"")


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what} is DuckDB-only; write {self.fix}"


def _blank(match: re.Match) -> str:
    """Replace a removed span by as many newlines, so line numbers still point at the source."""
    return "\n" * match.group(0).count("\n")


def _sql_in_expression(match: re.Match) -> str:
    """Of a ``{{ ... }}`` expression keep only its string arguments -- SQL passed to a macro --
    so a macro's own name (``dbt.dateadd``) is not mistaken for the function."""
    strings = [a or b for a, b in _QUOTED.findall(match.group(0))]
    return " ".join(s for s in strings if "\n" not in s) + _blank(match)


def scan_text(text: str, path: Path = Path("<text>")) -> list[Finding]:
    """DuckDB-only constructs in one file's SQL, outside comments and engine-specific macros
    (``duckdb__*``, ``spark__*``, ``default__*``)."""
    text = _JINJA_COMMENT.sub(_blank, text)
    text = _ENGINE_MACRO.sub(_blank, text)
    text = _JINJA_TAG.sub(_blank, text)
    text = _JINJA_EXPRESSION.sub(_sql_in_expression, text)
    text = _SQL_COMMENT.sub("", text)
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, what, fix in PATTERNS:
            if pattern.search(line):
                findings.append(Finding(path, number, what, fix))
    return findings


def shared_sql_files(project_dir: Path = DBT_PROJECT_DIR) -> list[Path]:
    """Every SQL file both engines run: models, macros and data tests."""
    return sorted(
        p for folder in ("models", "macros", "tests") for p in (project_dir / folder).rglob("*.sql")
    )


def missing_spark_versions(project_dir: Path = DBT_PROJECT_DIR) -> list[str]:
    """``default__`` macros without a ``spark__`` sibling (the default would run on Spark)."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in (project_dir / "macros").rglob("*.sql"))
    names = set(re.findall(r"macro\s+(\w+)\s*\(", text))
    return sorted(n for n in names if n.startswith("default__") and f"spark__{n[9:]}" not in names)


def check(project_dir: Path = DBT_PROJECT_DIR) -> list[str]:
    problems = [
        str(f)
        for path in shared_sql_files(project_dir)
        for f in scan_text(path.read_text(encoding="utf-8"), path.relative_to(project_dir.parent))
    ]
    problems += [f"macros: {name} has no spark__ version" for name in missing_spark_versions()]
    return problems


def main() -> int:
    problems = check()
    for problem in problems:
        print(problem)
    print(f"SQL portability: {len(problems)} problem(s) in {len(shared_sql_files())} files")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
