{#- Seeds on Spark: dbt-spark's session mode pastes seed values into the INSERT without escaping
    them, so a value with an apostrophe (ViVirk'R) breaks the statement. This version writes
    each value as an escaped string literal cast to the column's type. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {% set batch_size = get_batch_size() %}
    {% set column_override = model['config'].get('column_types', {}) %}
    {% set types = [] %}
    {% for col_name in agate_table.column_names %}
        {% do types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) %}
    {% endfor %}
    {% set statements = [] %}
    {% for chunk in agate_table.rows | batch(batch_size) %}
        {% set sql %}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    cast({{ spark_seed_literal(value) }} as {{ types[loop.index0] }})
                    {%- if not loop.last %},{% endif -%}
                {%- endfor -%}){%- if not loop.last %},{% endif %}
            {% endfor %}
        {% endset %}
        {% do adapter.add_query(sql, abridge_sql_log=True) %}
        {% if loop.index0 == 0 %}{% do statements.append(sql) %}{% endif %}
    {% endfor %}
    {{ return(statements[0]) }}
{% endmacro %}

{#- A seed value as a Spark string literal: backslashes and apostrophes escaped. -#}
{% macro spark_seed_literal(value) -%}
    {%- if value is none -%}null
    {%- else -%}'{{ (value | string).replace('\\', '\\\\').replace("'", "\\'") }}'
    {%- endif -%}
{%- endmacro %}
