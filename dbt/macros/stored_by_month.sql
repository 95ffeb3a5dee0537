{#- The order a table of attendance days is written in: by month. DuckDB keeps each row group's
    minimum and maximum per column, and a filter on constants skips the row groups outside its
    range -- but only if a month's rows lie together. A partner's first delivery holds all its
    history, so unsorted, the rows of every month lie in every row group, and an incremental run
    read all of them to rebuild its last few months (DK5Y: 317 of 317 row groups; in month
    order 10). fct_attendance, built from stg_attendance by a join that keeps this order, is
    then in month order too, so its rebuilt months are found the same way (DK5Y month:
    fct_attendance 9.0 -> 4.0 s). The sort makes the full build of stg_attendance slower
    (DK5Y: 49 -> 70 s; by date rather than month it sorts slower still), which the models
    reading the days in order won back (the whole full build 169 -> 168 s). At L they did not:
    the sort of 175 M rows spills 30 GB under a 10 GB cap and took stg_attendance 164 -> 321 s
    (BENCHMARKS.md, change 13). Not on Spark, where the staging model is a view and tables are
    partitioned. -#}
{% macro stored_by_month(date_column) -%}
    {%- if target.type != 'spark' -%}
        order by {{ dbt.date_trunc('month', date_column) }}
    {%- endif -%}
{%- endmacro %}
