{#- The first date an incremental attendance run rebuilds: the start of the latest month already
    in the model, minus var attendance_lookback_months (late corrections to recent months). -#}
{% macro attendance_reprocess_from() -%}
    (
        select
            coalesce(
                cast({{ dbt.dateadd('month', -var('attendance_lookback_months'),
                                    'max(attendance_month)') }} as date),
                cast('1900-01-01' as date)
            )
        from {{ ref('fct_attendance') if this.identifier != 'fct_attendance' else this }}
    )
{%- endmacro %}

{#- Months (or weeks) an incremental run must rebuild besides the recent ones: those holding a
    row from a delivery newer than any already in this model. A corrected re-delivery of an old
    month therefore reaches the incremental models too, not only a full refresh. -#}
{% macro attendance_changed(period_expression, relation) -%}
    (
        select distinct {{ period_expression }}
        from {{ relation }}
        where {{ from_newer_delivery() }}
    )
{%- endmacro %}

{#- The where-clause of an incremental run: the periods (months or weeks) it rebuilds.
    `relation` is searched for periods a newer delivery touched, with `period_expression` (by
    default the column itself). Pass a model's ref, not a CTE of the model: a CTE read twice is
    materialised by DuckDB in full before the filter applies (all attendance history, measured
    13 s of a 15 s incremental fct_attendance at DK5Y).
    On DuckDB the periods are looked up first and written in as dates, with a bound on
    `date_column` (no row of a rebuilt period is older than its start): a filter on constants
    reaches the table scan, where one on subqueries is applied only after every column of all
    history was read (measured at DK5Y: the new month's fct_attendance select 2.9 -> 1.7 s). -#}
{% macro attendance_rebuild_periods(period_column, relation, period_expression=none,
                                    date_column='attendance_date') -%}
    {%- if target.type == 'spark' or not execute -%}
        {{ period_column }} >= {{ attendance_reprocess_from() }}
        or {{ period_column }} in {{ attendance_changed(period_expression or period_column, relation) }}
        {%- if target.type == 'spark' %}
            or {{ period_column }} in {{ attendance_withdrawn(period_column) }}
        {%- endif %}
    {%- else -%}
        {%- set since = run_query('select ' ~ attendance_reprocess_from()).columns[0].values()[0] -%}
        {%- set changed = run_query(
            'select * from ' ~ attendance_changed(period_expression or period_column, relation)
            ~ ' as changed order by 1').columns[0].values() | reject('none') | list -%}
        {%- set earliest = ([since] + changed) | min -%}
        {{ date_column }} >= cast('{{ earliest }}' as date)
        and (
            {{ period_column }} >= cast('{{ since }}' as date)
            {%- if changed %}
                or {{ period_column }} in (
                    {%- for period in changed %}cast('{{ period }}' as date){{ ", " if not loop.last }}{% endfor -%}
                )
            {%- endif %}
        )
    {%- endif -%}
{%- endmacro %}

{#- Months (or weeks) already in this model that hold someone whose consent is now withdrawn:
    an incremental run rebuilds them, and the rebuild keeps consenting participants only, so a
    withdrawal takes effect on the next run for all history (on Spark, where a partition
    overwrite is the only way to remove rows from Parquet, this is how it is removed). -#}
{% macro attendance_withdrawn(period_column) -%}
    (
        select distinct {{ period_column }}
        from {{ this }}
        where person_key not in (
            select person_key from {{ ref('int_participants') }}
            where has_consent
        )
    )
{%- endmacro %}

{#- A column of the attendance facts: the latest participants delivery this build saw
    (int_participants._latest_delivery_seq), so the next build knows whose records are newer. -#}
{% macro participants_seen() -%}
    (select coalesce(max(_latest_delivery_seq), 0) from {{ ref('int_participants') }})
{%- endmacro %}

{#- Hook of the incremental attendance facts: remove everyone whose consent is now withdrawn,
    also from a month no rebuild touches (DuckDB's delete+insert replaces only months it
    re-inserts). Everyone in these models had a consenting participant record, and consent
    changes only with a new record (raw deliveries are append-only, delivery numbers only grow),
    so the people to remove are those int_participants marks as not consenting, who consented
    once, and whose latest record is newer than the participants this model's last build saw
    (its _participants_seen). When there are none -- no participants delivered since, or none
    of them withdrawing -- nothing is run: the delete probes every row of all history (7 s of
    an L month). On DuckDB a pre-hook, inside the model's transaction, before the rebuilt
    periods (consenting people only) are inserted. The only_consenting_participants test still
    checks every row, also for people with no record. -#}
{% macro drop_withdrawn_consent() -%}
    {{ return(adapter.dispatch('drop_withdrawn_consent')()) }}
{%- endmacro %}

{% macro default__drop_withdrawn_consent() -%}
    {%- if execute and is_incremental() -%}
        {%- set columns = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
        {%- set seen = run_query(
            'select coalesce(max(_participants_seen), 0) from ' ~ this
        ).columns[0].values()[0] if '_participants_seen' in columns else 0 -%}
        {%- set withdrawn -%}
            select person_key from {{ ref('int_participants') }}
            where not has_consent and ever_consented and _latest_delivery_seq > {{ seen }}
        {%- endset -%}
        {%- if run_query('select count(*) from (' ~ withdrawn ~ ') as withdrawn')
               .columns[0].values()[0] > 0 -%}
            delete from {{ this }}
            where person_key in ({{ withdrawn }})
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- Plain Parquet tables have no DELETE. The incremental run has already rebuilt every partition
    holding someone whose consent is withdrawn (attendance_withdrawn), keeping consenting people
    only; a partition that still holds such a person had nobody else to keep, so insert_overwrite
    left it untouched -- drop it. -#}
{% macro spark__drop_withdrawn_consent() -%}
    {%- if execute and is_incremental() -%}
        {%- set column = model.config.partition_by[0] -%}
        {%- set left_over = run_query(
            'select distinct cast(' ~ column ~ ' as string) from ' ~ this
            ~ ' where person_key not in (select person_key from ' ~ ref('int_participants')
            ~ ' where has_consent)') -%}
        {%- for row in left_over.rows -%}
            {%- do run_query('alter table ' ~ this ~ ' drop if exists partition ('
                             ~ column ~ " = '" ~ row[0] ~ "')") -%}
        {%- endfor -%}
    {%- endif -%}
{%- endmacro %}

{#- How the attendance models replace the periods a run rebuilds: DuckDB deletes and re-inserts
    them; Spark overwrites their partitions (on plain Parquet, Spark offers append and
    insert_overwrite; merge needs Delta or Iceberg). Withdrawn consent is removed by
    drop_withdrawn_consent: on DuckDB before the insert, on Spark after the overwrite. -#}
{% macro attendance_incremental_config(period_column) -%}
    {%- set hook = "{{ drop_withdrawn_consent() }}" -%}
    {%- if target.type == 'spark' -%}
        {{ return({'incremental_strategy': 'insert_overwrite', 'partition_by': [period_column],
                   'file_format': 'parquet', 'post_hook': hook}) }}
    {%- else -%}
        {{ return({'incremental_strategy': 'delete+insert', 'unique_key': period_column,
                   'pre_hook': hook}) }}
    {%- endif -%}
{%- endmacro %}
