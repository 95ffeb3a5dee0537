{% test only_consenting_participants(model) %}
{#- Rows of participants without consent must never reach a non-headcount model; someone with no
    participant record has no consent either. -#}
select facts.person_key
from {{ model }} as facts
left join {{ ref('int_participants') }} as participants
    on facts.person_key = participants.person_key
where not coalesce(participants.has_consent, false)
{% endtest %}
