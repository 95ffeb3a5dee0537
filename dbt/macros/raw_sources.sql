{#- Make the raw sources readable before a run. DuckDB: the ingestion wrote them into the
    warehouse, nothing to do. Spark: (re)create each as an external table over its folder of the
    Parquet mirror (env var RAW_PARQUET_DIR, an absolute path or URI), so a Spark run needs no
    DuckDB. -#}
{% macro register_raw_sources() -%}
    {{ return(adapter.dispatch('register_raw_sources')()) }}
{%- endmacro %}

{% macro default__register_raw_sources() -%}{%- endmacro %}

{% macro spark__register_raw_sources() -%}
    {%- if execute -%}
        {%- set location = env_var('RAW_PARQUET_DIR', '') | trim -%}
        {%- if not location -%}
            {{ exceptions.raise_compiler_error(
                "RAW_PARQUET_DIR is not set: point it at the raw Parquet mirror the ingestion "
                ~ "writes (data/raw_parquet by default), as an absolute path or URI") }}
        {%- endif -%}
        {%- set raw_tables = graph.sources.values() | selectattr('source_name', 'equalto', 'raw') -%}
        {%- for table in raw_tables -%}
            {%- set schema = table.schema -%}
            {%- do run_query('create schema if not exists ' ~ schema) -%}
            {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table.name) -%}
            {%- do run_query('create table ' ~ schema ~ '.' ~ table.name ~ ' using parquet location '
                             ~ "'" ~ location.rstrip('/') ~ '/' ~ table.name ~ "'") -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}
