"""Entry point of the dashboards: language, sign-in, and the pages the signed-in role may open.

Run with ``streamlit run dashboards/app.py`` (``make demo`` does).
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# Streamlit runs this file as a script; make the repository importable for `dashboards.*`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboards.access import PAGE_ROLES, current_account, sign_in_page, sign_out
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

account = current_account()
if account is None:
    st.navigation([st.Page(sign_in_page, title=t("sign_in"), url_path="sign-in")]).run()
    st.stop()

with st.sidebar:
    scope = f" · {account.scope}" if account.scope else ""
    st.caption(t("signed_in_as", user=account.username, role=t(f"role_{account.role}")) + scope)
    if st.button(t("sign_out"), key="sign_out"):
        sign_out()
        st.rerun()

views = Path(__file__).resolve().parent / "views"
PAGES = {
    "network": ("page_network", "network"),
    "funder": ("page_funder", "funder"),
    "partnership": ("page_partnership", "partnership"),
    "data_quality": ("page_data_quality", "data-quality"),
    "catalogue": ("page_catalogue", "catalogue"),
}
pages = [
    st.Page(views / f"{name}.py", title=t(title), url_path=url)
    for name, (title, url) in PAGES.items()
    if account.role in PAGE_ROLES[name]
]
st.navigation(pages).run()
