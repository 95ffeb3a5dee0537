"""Entry point of the dashboards: language, navigation, and the page that is asked for.

Run with ``streamlit run dashboards/app.py`` (``make demo`` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; make the repository importable for `dashboards.*`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboards.i18n import LANGUAGES, current_language, t

st.set_page_config(page_title="Ungeindsatser · Youth outcomes", layout="wide")

if "lang" not in st.session_state:
    st.session_state["lang"] = current_language()  # ?lang=en, else Danish
with st.sidebar:
    st.radio(
        t("language"),
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        horizontal=True,
        key="lang",
    )
st.query_params["lang"] = st.session_state["lang"]  # keep the URL shareable in the language shown

views = Path(__file__).resolve().parent / "views"
navigation = st.navigation(
    [
        st.Page(views / "network.py", title=t("page_network"), url_path="network", default=True),
        st.Page(views / "data_quality.py", title=t("page_data_quality"), url_path="data-quality"),
        st.Page(views / "catalogue.py", title=t("page_catalogue"), url_path="catalogue"),
    ]
)
navigation.run()
