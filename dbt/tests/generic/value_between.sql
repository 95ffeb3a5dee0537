{% test value_between(model, column_name, low, high) %}
{#- Every value of the column lies in [low, high]. -#}
select {{ column_name }}
from {{ model }}
where {{ column_name }} < {{ low }} or {{ column_name }} > {{ high }}
{% endtest %}
