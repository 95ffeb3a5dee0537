{% test rows_conserved(model) %}
{#- Nothing lost: every delivery's rows read = rows loaded + rows quarantined. -#}
select delivery_id
from {{ model }}
where rows_read <> rows_loaded + rows_quarantined
{% endtest %}
