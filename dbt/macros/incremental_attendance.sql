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

{#- Post-hook of incremental models: remove everyone whose consent is now withdrawn, so a
    withdrawal takes effect on the next run for all history, not only for new months. -#}
{% macro drop_withdrawn_consent() -%}
    delete from {{ this }}
    where person_key not in (
        select person_key from {{ ref('int_participants') }}
        where has_consent
    )
{%- endmacro %}
