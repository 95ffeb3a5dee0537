select facts.person_key
from marts.fct_outcome_status as facts
inner join intermediate.int_participants as participants
    on facts.person_key = participants.person_key
where not participants.has_consent
