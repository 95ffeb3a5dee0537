{% test only_consenting_participants(model) %}
{#- Rows of participants without consent must never reach a non-headcount model; someone with no
    participant record has no consent either. Each person is looked up once (the facts hold
    hundreds of rows a person: at DK5Y 1.9 -> 0.9 s on fct_attendance). -#}
select facts.person_key
from (select distinct person_key from {{ model }}) as facts
left join {{ ref('int_participants') }} as participants
    on facts.person_key = participants.person_key
where not coalesce(participants.has_consent, false)
{% endtest %}
