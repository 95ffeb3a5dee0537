"""Shared dbt SQL stays engine-neutral: the portability check passes on the project and catches
each DuckDB-only construct it lists (see dbt/models/sql_portability.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipelines.transform.sql_portability import (
    DUCKDB_ONLY,
    check,
    missing_spark_versions,
    scan_text,
)


def test_the_project_has_no_duckdb_only_sql():
    assert check() == []


def test_every_default_macro_has_a_spark_version():
    assert missing_spark_versions() == []


EXAMPLES = [
    "select try_cast(score as double) as score from t",
    "select string_agg(x, ', ') from t",
    "select * from t qualify row_number() over (partition by k order by s) = 1",
    "select arg_max(x, seq) from t",
    "select x::date from t",
    "select date_diff('day', a, b) from t",
    "select date_add(d, interval 1 day) from t",
    "select date_trunc('month', d) from t",
    "select cast(y as varchar) from t",
    "select unnest(['a', 'b']) as entity",
    "select * exclude (x) from t",
    "select quantile_cont(x, 0.5) from t",
    "select k, count(*) from t group by all",
    "select * from a semi join b using (k)",
    "select * from read_parquet('x.parquet')",
    "select strftime(d, '%Y') from t",
]


@pytest.mark.parametrize("sql", EXAMPLES)
def test_a_duckdb_only_construct_in_a_shared_model_is_caught(sql):
    model = f"-- a model\nwith t as (select 1)\n{sql}\n"
    findings = scan_text(model, Path("models/example.sql"))
    assert findings and findings[0].line == 3, findings
    assert "DuckDB-only" in str(findings[0]) and "models/example.sql:3" in str(findings[0])


def test_every_listed_construct_has_a_failing_example():
    """Each pattern of the list is exercised by the examples above (none is dead)."""
    examples = [*EXAMPLES, "select regexp_matches(x, 'a') from t"]
    for pattern in DUCKDB_ONLY:
        assert any(re.search(pattern, e, re.IGNORECASE) for e in examples), pattern


@pytest.mark.parametrize(
    "sql",
    [
        # the same things written portably, and what only looks similar
        "{{ dbt.safe_cast('score', 'double') }} as score",
        "{{ dbt.dateadd('month', 6, 'start_date') }}",
        "{{ dbt.datediff('a', 'b', 'day') }}",
        "cast(y as {{ dbt.type_string() }})",
        "max_by(x, seq) filter (where x is not null)",
        "from (values ('a'), ('b')) as names (entity)",
        "-- try_cast(x as date) in a comment",
        "{# string_agg in a Jinja comment #}",
        "{% macro duckdb__thing() %}string_agg(x, ','){% endmacro %}",
        "{% set keys = ['a', 'b'] %}",
    ],
)
def test_portable_sql_passes(sql):
    assert scan_text(sql) == []
