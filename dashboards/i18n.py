"""Danish by default, English on request: every user-facing string of the dashboards."""

from __future__ import annotations

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


def format_value(value: float | None, unit: str, lang: str) -> str:
    """A metric value as people read it: counts as integers, shares as percentages."""
    if value is None or value != value:  # None or NaN
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
