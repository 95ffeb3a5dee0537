"""Who is signed in, which pages their role may open, and which snapshot they may read.

Access is decided by the snapshot a session opens, not by hidden widgets: a partnership's
session resolves only ``serving/partnership-<id>``, every other role only ``serving/network``
(which holds no participant-level row). Pages call ``require`` first, so a page reached by URL
or ``switch_page`` shows a denied state instead of data.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from dashboards.accounts import Account, accounts_file, authenticate, load_accounts
from dashboards.i18n import t
from pipelines.publish.audiences import partnership_audience
from pipelines.publish.snapshot import NETWORK

# page -> roles that may open it
PAGE_ROLES: dict[str, frozenset[str]] = {
    "network": frozenset({"network", "funder", "admin"}),
    "funder": frozenset({"network", "funder", "admin"}),
    "partnership": frozenset({"partnership"}),
    "data_quality": frozenset({"network", "partnership", "admin"}),
    "catalogue": frozenset({"network", "funder", "partnership", "admin"}),
}
ACCOUNT_KEY = "account"


def oidc_enabled() -> bool:
    return os.environ.get("OUTCOMES_AUTH", "local").lower() == "oidc"


def current_account() -> Account | None:
    """The signed-in account: from the session (local accounts) or from ``st.user`` (OIDC),
    whose e-mail must match an account in the accounts file to get a role."""
    if oidc_enabled():
        if not st.user.is_logged_in:
            return None
        return load_accounts().get(str(st.user.get("email", "")))
    account = st.session_state.get(ACCOUNT_KEY)
    return account if isinstance(account, Account) else None


def audience(account: Account) -> str:
    """The one snapshot a role may read."""
    if account.role == "partnership":
        return partnership_audience(account.scope)
    return NETWORK


def allowed(page: str, account: Account | None) -> bool:
    return account is not None and account.role in PAGE_ROLES[page]


def require(page: str) -> Account:
    """Stop the page with a denied message unless the session's role may open it."""
    account = current_account()
    if not allowed(page, account):
        st.error(t("denied"))
        st.stop()
    return account


def sign_in_page() -> None:
    """Local accounts: a username and password form. OIDC: the provider's sign-in button."""
    st.title(t("app_title"))
    if oidc_enabled():
        if st.user.is_logged_in:  # signed in, but no account maps the e-mail to a role
            st.error(t("no_role", email=st.user.get("email", "?")))
            st.button(t("sign_out"), on_click=st.logout)
        else:
            st.button(t("sign_in_oidc"), on_click=st.login)
        return
    if not accounts_file().exists():
        st.info(t("no_accounts", path=str(accounts_file())))
    with st.form("sign_in"):
        username = st.text_input(t("username"), key="username")
        password = st.text_input(t("password"), type="password", key="password")
        submitted = st.form_submit_button(t("sign_in"))
    if submitted:
        account = authenticate(username, password)
        if account is None:
            time.sleep(1.0)  # slows down guessing
            st.error(t("sign_in_failed"))
        else:
            st.session_state[ACCOUNT_KEY] = account
            st.rerun()


def sign_out() -> None:
    if oidc_enabled():
        st.logout()
    st.session_state.pop(ACCOUNT_KEY, None)
