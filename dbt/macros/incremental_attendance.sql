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
        where _delivery_seq > (select coalesce(max(_delivery_seq), 0) from {{ this }})
    )
{%- endmacro %}

{#- Post-hook of incremental models: remove everyone whose consent is now withdrawn, so a
    withdrawal takes effect on the next run for all history, not only for new months. -#}
{% macro drop_withdrawn_consent() -%}
    delete from {{ this }}
    where person_key not in (
        select person_key from {{ ref('int_participants') }}
        where has_consent
    )
{%- endmacro %}
