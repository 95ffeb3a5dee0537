{% test only_consenting_participants(model) %}
{#- Rows of participants without consent must never reach a non-headcount model. -#}
select facts.person_key
from {{ model }} as facts
inner join {{ ref('int_participants') }} as participants
    on facts.person_key = participants.person_key
where not participants.has_consent
{% endtest %}
