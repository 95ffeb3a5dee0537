"""Danish by default, English on request: every user-facing string of the dashboards."""

from __future__ import annotations

import pandas as pd
import streamlit as st

LANGUAGES = {"da": "Dansk", "en": "English"}
DEFAULT_LANGUAGE = "da"

TEXT: dict[str, dict[str, str]] = {
    "app_title": {
        "da": "Fælles resultatlager for ungeindsatser",
        "en": "Shared outcome warehouse for youth initiatives",
    },
    "language": {"da": "Sprog", "en": "Language"},
    "page_network": {"da": "Sammenlign indsatser", "en": "Compare initiatives"},
    "page_catalogue": {"da": "Målekatalog", "en": "Metric catalogue"},
    "data_as_of": {
        "da": "Data opgjort pr. {as_of} · offentliggjort {published}",
        "en": "Data as of {as_of} · published {published}",
    },
    "no_snapshot": {
        "da": "Der er endnu ikke offentliggjort data. Kør pipelinen (`make demo` eller materialisér `serving/network` i Dagster), og genindlæs siden.",
        "en": "No data has been published yet. Run the pipeline (`make demo`, or materialise `serving/network` in Dagster) and reload the page.",
    },
    "network_title": {"da": "Indsatser side om side", "en": "Initiatives side by side"},
    "network_intro": {
        "da": "Samme mål, defineret ens for alle indsatser. Punkterne viser værdien, stregerne 95 %-intervallet; overlappende intervaller betyder, at forskellen kan skyldes tilfældighed.",
        "en": "The same metric, defined the same way for every initiative. Points show the value, bars the 95 % interval; overlapping intervals mean the difference may be chance.",
    },
    "metric": {"da": "Mål", "en": "Metric"},
    "period": {"da": "Periode", "en": "Period"},
    "period_type": {"da": "Periodetype", "en": "Period type"},
    "period_type_half_year": {"da": "Halvår", "en": "Half-year"},
    "period_type_quarter": {"da": "Kvartal", "en": "Quarter"},
    "period_type_year": {"da": "År", "en": "Year"},
    "period_type_cumulative": {"da": "Samlet til dato", "en": "Cumulative to date"},
    "initiative": {"da": "Indsats", "en": "Initiative"},
    "partnership": {"da": "Partnerskab", "en": "Partnership"},
    "all_partnerships": {"da": "Alle partnerskaber", "en": "All partnerships"},
    "value": {"da": "Værdi", "en": "Value"},
    "ci_low": {"da": "95 %-interval, nedre", "en": "95 % interval, lower"},
    "ci_high": {"da": "95 %-interval, øvre", "en": "95 % interval, upper"},
    "n": {"da": "Deltagere (n)", "en": "Participants (n)"},
    "numerator": {"da": "Tæller", "en": "Numerator"},
    "denominator": {"da": "Nævner", "en": "Denominator"},
    "by_partnership": {"da": "Fordelt på partnerskaber", "en": "By partnership"},
    "download_csv": {"da": "Hent tabellen (CSV)", "en": "Download table (CSV)"},
    "no_values": {
        "da": "Ingen værdier for dette mål i den valgte periode.",
        "en": "No values for this metric in the chosen period.",
    },
    "definition": {"da": "Definition", "en": "Definition"},
    "unit": {"da": "Enhed", "en": "Unit"},
    "interval_method": {"da": "Intervalmetode", "en": "Interval method"},
    "higher_is_better": {"da": "Højere er bedre", "en": "Higher is better"},
    "yes": {"da": "ja", "en": "yes"},
    "no": {"da": "nej", "en": "no"},
    "catalogue_intro": {
        "da": "Hvert mål er defineret ét sted (i dbt-projektet) og beregnes ens for alle indsatser.",
        "en": "Every metric is defined once (in the dbt project) and computed the same way for every initiative.",
    },
    "page_data_quality": {"da": "Datakvalitet", "en": "Data quality"},
    "dq_intro": {
        "da": "Leverancer fra hver partner: hvor mange rækker der blev læst, indlæst og sat i karantæne, de hyppigste årsager, og hvornår der sidst kom data. Rækker i karantæne tæller ikke med i målene, før partneren har rettet og genleveret dem.",
        "en": "Deliveries from each partner: rows read, loaded and quarantined, the most frequent reasons, and when data last arrived. Quarantined rows do not count in any metric until the partner corrects and re-delivers them.",
    },
    "dq_partner": {"da": "Partner (leverandør)", "en": "Partner (data supplier)"},
    "dq_all_partners": {"da": "Alle partnere", "en": "All partners"},
    "dq_deliveries": {"da": "Leverancer", "en": "Deliveries"},
    "dq_summary": {
        "da": "{deliveries} leverancer · {read} rækker læst · {loaded} indlæst · {quarantined} i karantæne · {failed} fejlede leverancer",
        "en": "{deliveries} deliveries · {read} rows read · {loaded} loaded · {quarantined} quarantined · {failed} failed deliveries",
    },
    "dq_reasons": {"da": "Hyppigste årsager til karantæne", "en": "Top reasons for quarantine"},
    "dq_freshness": {
        "da": "Seneste leverance pr. partner og datatype",
        "en": "Latest delivery per partner and entity",
    },
    "dq_stale_count": {
        "da": "{n} kombinationer af partner og datatype er forældede (intet indlæst i over {days} dage eller aldrig).",
        "en": "{n} partner and entity combinations are stale (nothing loaded for over {days} days, or never).",
    },
    "dq_quarantined_rows": {"da": "Rækker i karantæne", "en": "Quarantined rows"},
    "dq_quarantined_help": {
        "da": "Listen viser fil, rækkenummer, kolonne og hvad der skal rettes, men aldrig de leverede værdier. Ret rækkerne i kildesystemet og genlever filen.",
        "en": "The list shows file, row number, column and what to fix, never the delivered values. Correct the rows in the source system and re-deliver the file.",
    },
    "dq_no_quarantine": {"da": "Ingen rækker i karantæne. ", "en": "No quarantined rows."},
    "dq_failed": {"da": "Fejlede leverancer", "en": "Failed deliveries"},
    # data-quality table columns, as stewards read them (downloads keep the technical names)
    "col_partner": {"da": "Partner", "en": "Partner"},
    "col_entity": {"da": "Datatype", "en": "Entity"},
    "col_source_name": {"da": "Fil / endepunkt", "en": "File / endpoint"},
    "col_received_at": {"da": "Modtaget", "en": "Received"},
    "col_rows_read": {"da": "Rækker læst", "en": "Rows read"},
    "col_rows_loaded": {"da": "Indlæst", "en": "Loaded"},
    "col_rows_quarantined": {"da": "I karantæne", "en": "Quarantined"},
    "col_rows_changed": {"da": "Nye eller ændrede", "en": "New or changed"},
    "col_status": {"da": "Status", "en": "Status"},
    "col_error": {"da": "Fejl", "en": "Error"},
    "col_rule": {"da": "Regel", "en": "Rule"},
    "col_contract_column": {"da": "Kontraktkolonne", "en": "Contract column"},
    "col_example_message": {"da": "Eksempel", "en": "Example"},
    "col_last_loaded_at": {"da": "Senest indlæst", "en": "Last loaded"},
    "col_days_since_last_load": {"da": "Dage siden", "en": "Days since"},
    "col_deliveries": {"da": "Leverancer", "en": "Deliveries"},
    "col_failed_deliveries": {"da": "Fejlede", "en": "Failed"},
    "col_is_stale": {"da": "Forældet", "en": "Stale"},
    "col_source_row": {"da": "Række", "en": "Row"},
    "col_source_column": {"da": "Kolonne", "en": "Column"},
    "col_message": {"da": "Hvad skal rettes", "en": "What to fix"},
    "dq_no_deliveries": {
        "da": "Der er ingen leverancer for dette valg endnu. Læg filer i partnerens mappe eller kør API-hentningen.",
        "en": "No deliveries for this choice yet. Drop files in the partner's folder or run the API pull.",
    },
    # sign-in and roles
    "sign_in": {"da": "Log ind", "en": "Sign in"},
    "sign_in_oidc": {
        "da": "Log ind med din organisations konto",
        "en": "Sign in with your organisation's account",
    },
    "sign_out": {"da": "Log ud", "en": "Sign out"},
    "username": {"da": "Brugernavn", "en": "Username"},
    "password": {"da": "Adgangskode", "en": "Password"},
    "sign_in_failed": {
        "da": "Forkert brugernavn eller adgangskode.",
        "en": "Wrong username or password.",
    },
    "no_accounts": {
        "da": "Der er ingen konti endnu ({path}). Kør `make demo`, som opretter demokonti og viser dem, eller opret konti med `python -m dashboards.accounts add`.",
        "en": "There are no accounts yet ({path}). Run `make demo`, which creates demo accounts and prints them, or add accounts with `python -m dashboards.accounts add`.",
    },
    "no_role": {
        "da": "Du er logget ind som {email}, men kontoen har ingen rolle. Bed en administrator om at tilføje den til kontofilen.",
        "en": "You are signed in as {email}, but the account has no role. Ask an administrator to add it to the accounts file.",
    },
    "signed_in_as": {"da": "Logget ind som {user} ({role})", "en": "Signed in as {user} ({role})"},
    "role_network": {"da": "netværk", "en": "network"},
    "role_funder": {"da": "bevillingsgiver", "en": "funder"},
    "role_partnership": {"da": "partnerskab", "en": "partnership"},
    "role_admin": {"da": "administrator", "en": "administrator"},
    "denied": {
        "da": "Din rolle giver ikke adgang til denne side. Vælg en af siderne i menuen.",
        "en": "Your role does not give access to this page. Choose one of the pages in the menu.",
    },
    "denied_partnership": {
        "da": "Du har kun adgang til dit eget partnerskab, ikke til {asked}.",
        "en": "You only have access to your own partnership, not to {asked}.",
    },
    "page_funder": {"da": "Succeskriterier", "en": "Success criteria"},
    "page_partnership": {"da": "Mit partnerskab", "en": "My partnership"},
    # network page
    "population": {"da": "Population", "en": "Population"},
    "population_all": {"da": "Alle deltagere", "en": "All participants"},
    "population_min_365_days": {
        "da": "Deltagere med mindst et år",
        "en": "Participants with at least a year",
    },
    "population_ended": {"da": "Afsluttede forløb", "en": "Ended enrolments"},
    "suppressed_mark": {"da": "skjult", "en": "hidden"},
    "suppression_note": {
        "da": '"<5" betyder 1-4 personer; "skjult" betyder, at værdien bygger på for få personer eller ville kunne regnes ud fra andre tal. Skjulte tal er ikke offentliggjort.',
        "en": '"<5" means 1-4 people; "hidden" means the value rests on too few people or could be worked out from other figures. Hidden figures are not published.',
    },
    "all_suppressed": {
        "da": "Alle værdier her er skjult for at beskytte små grupper. Vælg en længere periode eller et andet mål.",
        "en": "All values here are hidden to protect small groups. Choose a longer period or another metric.",
    },
    "subgroup": {"da": "Undergruppe", "en": "Subgroup"},
    "subgroup_type": {"da": "Opdel efter", "en": "Break down by"},
    "subgroup_gender": {"da": "Køn", "en": "Gender"},
    "subgroup_age_band": {"da": "Aldersgruppe", "en": "Age band"},
    "subgroup_impairment_group": {"da": "Funktionsnedsættelse", "en": "Impairment group"},
    "tab_raw": {"da": "Værdier", "en": "Values"},
    "tab_adjusted": {
        "da": "Justeret for deltagersammensætning (O/E)",
        "en": "Case-mix adjusted (O/E)",
    },
    "tab_funnel": {"da": "Tragtdiagram", "en": "Funnel plot"},
    "tab_subgroups": {"da": "Undergrupper", "en": "Subgroups"},
    "tab_about": {"da": "Om indsatserne", "en": "About the initiatives"},
    "comparability": {"da": "Hvad sammenligningen bygger på", "en": "What the comparison rests on"},
    "caution": {"da": "Forsigtig", "en": "Caution"},
    "cmp_attendance": {"da": "fremmøde for {share}", "en": "attendance for {share}"},
    "cmp_baseline": {"da": "førstemåling for {share}", "en": "baseline for {share}"},
    "cmp_follow_up": {"da": "opfølgning {share} af {due}", "en": "follow-up {share} of {due}"},
    "cmp_instruments": {"da": "redskaber: {names}", "en": "instruments: {names}"},
    "cmp_quarantined": {"da": "karantæne {share}", "en": "quarantined {share}"},
    "cmp_freshness": {"da": "ældste leverance {days} dage", "en": "oldest delivery {days} days"},
    "adjusted_intro": {
        "da": "Observeret (O) mod forventet (E) ud fra deltagernes alder, køn og funktionsnedsættelse. O/E over 1 betyder bedre end forventet for de unge, indsatsen har; intervallet viser usikkerheden.",
        "en": "Observed (O) against expected (E) given the participants' age, gender and impairments. O/E above 1 means better than expected for the young people served; the interval shows the uncertainty.",
    },
    "no_adjustment": {
        "da": "Dette mål sammenlignes ikke justeret (kun andele har O/E og tragtdiagram).",
        "en": "This metric has no adjusted comparison (only proportions have O/E and a funnel plot).",
    },
    "observed": {"da": "Observeret (O)", "en": "Observed (O)"},
    "expected": {"da": "Forventet (E)", "en": "Expected (E)"},
    "oe_ratio": {"da": "O/E", "en": "O/E"},
    "raw_rate": {"da": "Rå andel", "en": "Raw rate"},
    "adjusted_rate": {"da": "Justeret andel", "en": "Adjusted rate"},
    "funnel_intro": {
        "da": "Hver prik er en enhed: andel mod antal deltagere. Stiplede linjer er 95 %- og 99,8 %-grænserne omkring den samlede andel; kun enheder uden for dem adskiller sig mere, end tilfældighed forklarer.",
        "en": "Each dot is a unit: rate against number of participants. Dashed lines are the 95 % and 99.8 % limits around the overall rate; only units outside them differ by more than chance explains.",
    },
    "funnel_level": {"da": "Enheder", "en": "Units"},
    "funnel_position": {"da": "Placering i tragten", "en": "Position in the funnel"},
    "funnel_within": {"da": "inden for grænserne", "en": "within the limits"},
    "funnel_above_95": {"da": "over 95 %-grænsen", "en": "above the 95 % limit"},
    "funnel_below_95": {"da": "under 95 %-grænsen", "en": "below the 95 % limit"},
    "funnel_above_99_8": {"da": "over 99,8 %-grænsen", "en": "above the 99.8 % limit"},
    "funnel_below_99_8": {"da": "under 99,8 %-grænsen", "en": "below the 99.8 % limit"},
    "kind": {"da": "Type", "en": "Kind"},
    "target_group": {"da": "Målgruppe", "en": "Target group"},
    "started_on": {"da": "Startet", "en": "Started"},
    "partnerships": {"da": "Partnerskaber", "en": "Partnerships"},
    "download_xlsx": {"da": "Hent tabellen (Excel)", "en": "Download table (Excel)"},
    # funder page
    "funder_title": {"da": "Succeskriterier", "en": "Success criteria"},
    "funder_intro": {
        "da": "Hvert succeskriterium med værdi, 95 %-interval, mål og frist. Status tager højde for usikkerheden: et mål er kun nået eller ikke nået, når intervallet siger det.",
        "en": "Every success criterion with value, 95 % interval, target and due date. The status takes the uncertainty into account: a target is only met or not met when the interval says so.",
    },
    "funder": {"da": "Bevillingsgiver", "en": "Funder"},
    "no_criteria": {
        "da": "Der er ingen succeskriterier for denne bevillingsgiver. De aftales i dbt-seed'en success_criteria.csv.",
        "en": "There are no success criteria for this funder. They are agreed in the dbt seed success_criteria.csv.",
    },
    "criterion": {"da": "Kriterium", "en": "Criterion"},
    "interval": {"da": "95 %-interval", "en": "95 % interval"},
    "target": {"da": "Mål", "en": "Target"},
    "due_date": {"da": "Frist", "en": "Due"},
    "status": {"da": "Status", "en": "Status"},
    "explanation": {"da": "Forklaring", "en": "Explanation"},
    "scorecard": {"da": "Resultatkort", "en": "Scorecard"},
    "trend": {"da": "Udvikling pr. halvår", "en": "Trend by half-year"},
    "download_report_xlsx": {"da": "Hent rapport (Excel)", "en": "Download report (Excel)"},
    "download_report_html": {
        "da": "Hent rapport til udskrift (HTML)",
        "en": "Download printable report (HTML)",
    },
    "status_met": {"da": "nået", "en": "met"},
    "status_not_met": {"da": "ikke nået", "en": "not met"},
    "status_too_early_to_tell": {"da": "for tidligt at sige", "en": "too early to tell"},
    "status_insufficient_data": {"da": "for få data", "en": "insufficient data"},
    "status_on_track": {"da": "på rette spor", "en": "on track"},
    "status_behind": {"da": "bagud", "en": "behind"},
    "target_phrase_at_least": {"da": "mindst {target}", "en": "at least {target}"},
    "target_phrase_at_most": {"da": "højst {target}", "en": "at most {target}"},
    "sentence_met": {
        "da": "Målet er nået: {value} (95 %-interval {low}-{high}, n = {n}) mod et mål på {target}, opgjort pr. {as_of}.",
        "en": "The target is met: {value} (95 % interval {low}-{high}, n = {n}) against a target of {target}, as of {as_of}.",
    },
    "sentence_not_met": {
        "da": "Målet er ikke nået: {value} (95 %-interval {low}-{high}, n = {n}) mod et mål på {target}; fristen var {due}.",
        "en": "The target is not met: {value} (95 % interval {low}-{high}, n = {n}) against a target of {target}; it was due {due}.",
    },
    "sentence_too_early_to_tell": {
        "da": "For tidligt at sige: {value} (95 %-interval {low}-{high}, n = {n}) – intervallet rummer både værdier over og under målet på {target}. Fristen er {due}.",
        "en": "Too early to tell: {value} (95 % interval {low}-{high}, n = {n}) – the interval holds values both above and below the target of {target}. Due {due}.",
    },
    "sentence_insufficient_data": {
        "da": "For få data til at vurdere målet på {target} (n = {n}); fristen er {due}.",
        "en": "Too little data to judge the target of {target} (n = {n}); due {due}.",
    },
    "sentence_on_track": {
        "da": "På rette spor: {value} pr. {as_of}, i takt med at nå {target} inden {due}.",
        "en": "On track: {value} as of {as_of}, at the pace needed to reach {target} by {due}.",
    },
    "sentence_behind": {
        "da": "Bagud: {value} pr. {as_of}, under det tempo, der skal til for at nå {target} inden {due}.",
        "en": "Behind: {value} as of {as_of}, below the pace needed to reach {target} by {due}.",
    },
    "sentence_suppressed": {
        "da": "Værdien bygger på for få personer til at blive vist; målet er {target}, fristen {due}.",
        "en": "The value rests on too few people to be shown; the target is {target}, due {due}.",
    },
    # partnership page
    "partnership_title": {"da": "Mit partnerskab", "en": "My partnership"},
    "no_partnership": {
        "da": "Partnerskabet {id} findes ikke i de offentliggjorte data. Kontakt en administrator.",
        "en": "Partnership {id} is not in the published data. Contact an administrator.",
    },
    "tab_benchmark": {"da": "Mine resultater og andres", "en": "My results and my peers'"},
    "tab_participants": {"da": "Mine deltagere", "en": "My participants"},
    "tab_journey": {"da": "Én deltagers forløb", "en": "One participant's journey"},
    "benchmark_intro": {
        "da": "Jeres værdi mod de andre partnerskaber i netværket. De andre er anonyme og nummereret efter værdi.",
        "en": "Your value against the other partnerships in the network. The others are anonymous and numbered by value.",
    },
    "own": {"da": "Os", "en": "Us"},
    "population_shown": {"da": "Population: {population}", "en": "Population: {population}"},
    "peers": {"da": "Andre partnerskaber", "en": "Other partnerships"},
    "peer": {"da": "Andet partnerskab", "en": "Other partnership"},
    "peer_label": {"da": "Partnerskab {i}", "en": "Partnership {i}"},
    "own_value": {"da": "Vores værdi", "en": "Our value"},
    "own_value_help": {"da": "Bygger på {n} deltagere.", "en": "Based on {n} participants."},
    "own_position": {
        "da": "Nr. {rank} af {total} partnerskaber med en offentliggjort værdi · median blandt de andre: {median}",
        "en": "No. {rank} of {total} partnerships with a published value · median of the others: {median}",
    },
    "no_own_value": {
        "da": "I har ingen værdi for dette mål i perioden.",
        "en": "You have no value for this metric in the period.",
    },
    "participants_intro": {
        "da": "Jeres egne deltagere med pseudonym. Pseudonymet gælder kun i jeres partnerskab. Søg på jeres eget ID (eller CPR-nummer): det omregnes i hukommelsen og gemmes ikke.",
        "en": "Your own participants by pseudonym. The pseudonym is valid only in your partnership. Search by your own ID (or CPR number): it is converted in memory and never stored.",
    },
    "search_own_id": {
        "da": "Find deltager ud fra jeres eget ID",
        "en": "Find a participant by your own ID",
    },
    "search_own_id_help": {
        "da": "Det ID, I leverer data med. Det vises ikke og gemmes ikke.",
        "en": "The ID you deliver data with. It is not shown and not stored.",
    },
    "search_found": {"da": "Fundet: {pseudonym}", "en": "Found: {pseudonym}"},
    "search_not_found": {
        "da": "Ingen af jeres deltagere har det ID (eller de har ikke givet samtykke). Tjek ID'et.",
        "en": "None of your participants has that ID (or they have not consented). Check the ID.",
    },
    "search_unavailable": {
        "da": "Søgning er slået fra: dashboardet har ikke nøglen (pepper), som ID'er omregnes med. Bed driften om at sætte OUTCOMES_PEPPER_FILE.",
        "en": "Search is off: the dashboard does not have the key (pepper) IDs are converted with. Ask operations to set OUTCOMES_PEPPER_FILE.",
    },
    "no_participants": {
        "da": "Ingen deltagere at vise. Deltagere uden samtykke vises ikke.",
        "en": "No participants to show. Participants without consent are not shown.",
    },
    "participant": {"da": "Deltager", "en": "Participant"},
    "col_pseudonym": {"da": "Pseudonym", "en": "Pseudonym"},
    "col_enrolment_id": {"da": "Forløbs-ID", "en": "Enrolment ID"},
    "col_start_date": {"da": "Start", "en": "Start"},
    "col_end_date": {"da": "Slut", "en": "End"},
    "col_exit_status": {"da": "Status ved afslutning", "en": "Status at exit"},
    "col_status_6m": {"da": "Status efter 6 mdr.", "en": "Status at 6 months"},
    "col_status_12m": {"da": "Status efter 12 mdr.", "en": "Status at 12 months"},
    "col_gender": {"da": "Køn", "en": "Gender"},
    "col_age_band": {"da": "Aldersgruppe", "en": "Age band"},
    "journey_attendance": {"da": "Fremmøde pr. måned", "en": "Attendance by month"},
    "journey_progression": {
        "da": "Progression pr. tema ved hver måling",
        "en": "Progression per construct at each assessment",
    },
    "journey_status": {"da": "Statushistorik", "en": "Status history"},
    "journey_planned": {"da": "Planlagte timer", "en": "Planned hours"},
    "journey_attended": {"da": "Fremmødte timer", "en": "Attended hours"},
    "journey_month": {"da": "Måned", "en": "Month"},
    "journey_hours": {"da": "Timer", "en": "Hours"},
    "journey_assessed_on": {"da": "Målt", "en": "Assessed"},
    "journey_score": {"da": "Score (0-100)", "en": "Score (0-100)"},
    "journey_construct": {"da": "Tema", "en": "Construct"},
    "journey_no_attendance": {"da": "Intet fremmøde registreret.", "en": "No attendance recorded."},
    "journey_no_progression": {
        "da": "Ingen progressionsmålinger endnu.",
        "en": "No progression assessments yet.",
    },
    "dq_rows_own_only": {
        "da": "Listen over rækker i karantæne vises kun for partnerskabets egne leverancer (på partnerskabets side), fordi den peger på enkelte rækker.",
        "en": "The list of quarantined rows is shown only for a partnership's own deliveries (on the partnership's page), because it points at single rows.",
    },
}


def current_language() -> str:
    """The session's language: ``?lang=en`` or the sidebar choice; Danish otherwise."""
    lang = st.session_state.get("lang") or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **kwargs: object) -> str:
    """The text for ``key`` in the session's language."""
    text = TEXT[key][current_language()]
    return text.format(**kwargs) if kwargs else text


def column_labels(columns) -> dict[str, str]:
    """Display names of table columns that have a ``col_<name>`` text; others stay as they are."""
    return {c: t(f"col_{c}") for c in columns if f"col_{c}" in TEXT}


def format_value(value: object, unit: str, lang: str) -> str:
    """A metric value as people read it: counts as integers, shares as percentages."""
    if pd.isna(value):  # None, NaN, pandas' NA (a nullable n) and NaT alike
        return "–"
    if unit in ("count", "days"):
        text = f"{value:,.0f}"
    elif unit.startswith("points"):
        text = f"{value:+.1f}"
    else:
        text = f"{value * 100:.1f} %" if lang == "da" else f"{value * 100:.1f}%"
    if lang == "da":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text
