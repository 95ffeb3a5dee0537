{#- Statistics used by the metric models. Each is tested against an independent reference
    (statsmodels, scipy, lifelines) in tests/dbt/test_statistics.py. -#}

{#- z for a two-sided 95 % interval, and for the 99.8 % funnel limits. -#}
{% macro z_95() %}cast(1.959963984540054 as double){% endmacro %}
{% macro z_998() %}cast(3.090232306167813 as double){% endmacro %}

{#- Wilson score interval for x successes out of n (Wilson 1927; statsmodels
    proportion_confint(method="wilson")). -#}
{% macro wilson_low(x, n, z=none) -%}
    {%- set z = z or z_95() -%}
    case when {{ n }} > 0 then
        (({{ x }}) / ({{ n }}) + {{ z }} * {{ z }} / (2.0 * ({{ n }}))
         - {{ z }} * sqrt(({{ x }}) / ({{ n }}) * (1 - ({{ x }}) / ({{ n }})) / ({{ n }})
                          + {{ z }} * {{ z }} / (4.0 * ({{ n }}) * ({{ n }}))))
        / (1 + {{ z }} * {{ z }} / ({{ n }}))
    end
{%- endmacro %}

{% macro wilson_high(x, n, z=none) -%}
    {%- set z = z or z_95() -%}
    case when {{ n }} > 0 then
        (({{ x }}) / ({{ n }}) + {{ z }} * {{ z }} / (2.0 * ({{ n }}))
         + {{ z }} * sqrt(({{ x }}) / ({{ n }}) * (1 - ({{ x }}) / ({{ n }})) / ({{ n }})
                          + {{ z }} * {{ z }} / (4.0 * ({{ n }}) * ({{ n }}))))
        / (1 + {{ z }} * {{ z }} / ({{ n }}))
    end
{%- endmacro %}

{#- Two-sided 95 % critical value of Student's t with `df` degrees of freedom: the exact value
    from the seed t_quantiles (df <= 1000, column t_975 of an outer-joined row) or the
    Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5), accurate to 1e-12 beyond. -#}
{% macro t_975(df, seed_value) -%}
    coalesce({{ seed_value }},
        {{ z_95() }}
        + (power({{ z_95() }}, 3) + {{ z_95() }}) / (4.0 * ({{ df }}))
        + (5 * power({{ z_95() }}, 5) + 16 * power({{ z_95() }}, 3) + 3 * {{ z_95() }})
            / (96.0 * power({{ df }}, 2))
        + (3 * power({{ z_95() }}, 7) + 19 * power({{ z_95() }}, 5)
            + 17 * power({{ z_95() }}, 3) - 15 * {{ z_95() }}) / (384.0 * power({{ df }}, 3))
        + (79 * power({{ z_95() }}, 9) + 776 * power({{ z_95() }}, 7)
            + 1482 * power({{ z_95() }}, 5) - 1920 * power({{ z_95() }}, 3)
            - 945 * {{ z_95() }}) / (92160.0 * power({{ df }}, 4)))
{%- endmacro %}

{#- Exact (Garwood) 95 % limits for a Poisson count: from the seed poisson_limits for
    O <= 1000 (columns of an outer-joined row), else Byar's approximation (relative error
    below 1e-6 there). -#}
{% macro poisson_lower(observed, seed_value) -%}
    coalesce({{ seed_value }},
        ({{ observed }}) * power(1 - 1 / (9.0 * ({{ observed }}))
            - {{ z_95() }} / (3 * sqrt({{ observed }})), 3))
{%- endmacro %}

{% macro poisson_upper(observed, seed_value) -%}
    coalesce({{ seed_value }},
        (({{ observed }}) + 1) * power(1 - 1 / (9.0 * (({{ observed }}) + 1))
            + {{ z_95() }} / (3 * sqrt(({{ observed }}) + 1)), 3))
{%- endmacro %}

{#- Funnel-plot control limit around an overall proportion p0 for a unit of size n
    (Spiegelhalter 2005, normal approximation), clipped to [0, 1]; sign is -1 or +1. -#}
{% macro funnel_limit(p0, n, z, sign) -%}
    least(1.0, greatest(0.0,
        {{ p0 }} + ({{ sign }}) * {{ z }} * sqrt({{ p0 }} * (1 - {{ p0 }}) / ({{ n }}))))
{%- endmacro %}
