"""Catalogue page: every metric's definition, in Danish and English, as published."""

from __future__ import annotations

import streamlit as st

from dashboards.components import download_buttons, page_header
from dashboards.data import query
from dashboards.i18n import current_language, t

lang = current_language()
account, snapshot = page_header("page_catalogue", "catalogue")
st.write(t("catalogue_intro"))
catalogue = query(snapshot, "select * from {metric_catalogue} order by metric_id")
for row in catalogue.itertuples():
    st.subheader(f"{getattr(row, f'name_{lang}')} · `{row.metric_id}`")
    other = "en" if lang == "da" else "da"
    st.write(getattr(row, f"definition_{lang}"))
    st.caption(f"{getattr(row, f'name_{other}')}: {getattr(row, f'definition_{other}')}")
    st.markdown(
        f"- **{t('numerator')}:** {row.numerator or '–'}\n"
        f"- **{t('denominator')}:** {row.denominator or '–'}\n"
        f"- **{t('unit')}:** {row.unit}\n"
        f"- **{t('higher_is_better')}:** {t('yes') if row.higher_is_better else t('no')}\n"
        f"- **{t('interval_method')}:** {row.interval_method}"
    )

table = catalogue[["metric_id", "name_da", "name_en", "definition_da", "definition_en", "numerator",
                   "denominator", "unit", "interval_method"]]  # fmt: skip
download_buttons(table, "metric_catalogue", key="download_catalogue")
