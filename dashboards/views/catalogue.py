"""Catalogue page: every metric's definition, in Danish and English, as published."""

from __future__ import annotations

import streamlit as st

from dashboards.components import page_header
from dashboards.data import query
from dashboards.i18n import current_language, t

lang = current_language()
snapshot = page_header("page_catalogue")
st.write(t("catalogue_intro"))
catalogue = query(snapshot, "select * from {metric_catalogue} order by metric_id")
for row in catalogue.itertuples():
    st.subheader(f"{getattr(row, f'name_{lang}')} · `{row.metric_id}`")
    st.write(getattr(row, f"definition_{lang}"))
    st.markdown(
        f"- **{t('numerator')}:** {row.numerator or '–'}\n"
        f"- **{t('denominator')}:** {row.denominator or '–'}\n"
        f"- **{t('unit')}:** {row.unit}\n"
        f"- **{t('higher_is_better')}:** {t('yes') if row.higher_is_better else t('no')}\n"
        f"- **{t('interval_method')}:** {row.interval_method}"
    )
