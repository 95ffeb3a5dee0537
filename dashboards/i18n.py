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
}


def current_language() -> str:
    """The session's language: ``?lang=en`` or the sidebar choice; Danish otherwise."""
    lang = st.session_state.get("lang") or st.query_params.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, **kwargs: object) -> str:
    """The text for ``key`` in the session's language."""
    text = TEXT[key][current_language()]
    return text.format(**kwargs) if kwargs else text


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
