{#- The few pieces of SQL that differ between the engines the project runs on (DuckDB, Spark),
    each as a dispatched macro so shared models stay engine-neutral. What shared models may use
    is listed in models/sql_portability.md and checked by tests/transform/test_sql_portability.py. -#}

{#- A cast that gives null for a malformed value instead of failing the run. dbt's own
    safe_cast is a plain cast on DuckDB and Spark, so the project overrides it for both. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}

{#- The distinct non-null values of a text column, sorted and joined by `separator`
    (an aggregate). -#}
{% macro sorted_distinct_list(column, separator) -%}
    {{ return(adapter.dispatch('sorted_distinct_list')(column, separator)) }}
{%- endmacro %}

{% macro default__sorted_distinct_list(column, separator) -%}
    string_agg(distinct {{ column }}, {{ separator }} order by {{ column }})
{%- endmacro %}

{#- collect_set of nothing but nulls is an empty array, which array_join makes '': keep null. -#}
{% macro spark__sorted_distinct_list(column, separator) -%}
    case
        when count({{ column }}) > 0
            then array_join(array_sort(collect_set({{ column }})), {{ separator }})
    end
{%- endmacro %}

{#- Date arithmetic on Spark. dbt-spark's dateadd and datediff carry a time of day through
    unix-timestamp arithmetic and null assertions; nested in the period expressions that grows
    past Spark's code-generation limit. Shared models only add whole days, weeks, months,
    quarters or years to dates and count days between dates, which Spark does directly. -#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    {%- set months = {'month': 1, 'quarter': 3, 'year': 12} -%}
    {%- if datepart in ['day', 'week'] -%}
        date_add({{ from_date_or_timestamp }},
                 cast(({{ interval }}) * {{ 7 if datepart == 'week' else 1 }} as int))
    {%- elif datepart in months -%}
        add_months({{ from_date_or_timestamp }}, cast(({{ interval }}) * {{ months[datepart] }} as int))
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "dateadd on Spark: shared models add days, weeks, months, quarters or years to dates, not "
            ~ datepart) }}
    {%- endif -%}
{%- endmacro %}

{% macro spark__datediff(first_date, second_date, datepart) -%}
    {%- if datepart == 'day' -%}
        datediff(cast({{ second_date }} as date), cast({{ first_date }} as date))
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "datediff on Spark: shared models count days between dates, not " ~ datepart) }}
    {%- endif -%}
{%- endmacro %}

{#- Written between `name as` and the body of a CTE that several parts of a model read: on
    DuckDB `not materialized`, so each reader computes it inline (on Spark, nothing; it inlines
    CTEs anyway). DuckDB 2.0.0 materialises such a CTE and streams its chunks to every reader at
    once; a reader's filter caching those chunks can then meet a second "global" dictionary for
    a text column and fail with `INTERNAL Error: dict-surviving cache: global dictionary column
    ... changed identity`, which also invalidates the database for the rest of the process. It
    depends on the physical order of the table read, so it comes and goes with the data
    (int_metric_cell_stats failed at tier M on a full build and at DK5Y on a month). Inlining
    one CTE can make another one materialised (the CTE it reads gains readers), and DuckDB
    extracts repeated subplans into CTEs of its own: check with `explain`. -#}
{% macro inlined() -%}
    {{ return(adapter.dispatch('inlined')()) }}
{%- endmacro %}

{% macro default__inlined() -%}
    not materialized
{%- endmacro %}

{% macro spark__inlined() -%}
{%- endmacro %}
