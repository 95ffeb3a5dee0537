"""Catalogue page: every metric's definition, in Danish and English, as published."""

from __future__ import annotations

import streamlit as st

from dashboards.components import data_as_of_banner
from dashboards.data import current_snapshot, query
from dashboards.i18n import current_language, t

lang = current_language()
st.title(t("page_catalogue"))
snapshot = current_snapshot()
if snapshot is None:
    st.info(t("no_snapshot"))
    st.stop()
data_as_of_banner(snapshot)
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
