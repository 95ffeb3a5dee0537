"""The dashboard in a real browser (Playwright driving Debian's chromium, never a download):
each demo role signs in, visits each of its pages, sees real content, downloads an export, and
leaves screenshots in ``test-artifacts/``."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT = 30_000
# role's demo user -> (navigation title, heading, text that proves real content) per page
VISITS = {
    "netvaerk": [
        ("Sammenlign indsatser", "Indsatser side om side", "Hvad sammenligningen bygger på"),
        ("Succeskriterier", "Succeskriterier", "Udvikling pr. halvår"),
        ("Datakvalitet", "Datakvalitet", "Hyppigste årsager til karantæne"),
        ("Målekatalog", "Målekatalog", "Fremmøde"),
    ],
    "funder1": [
        ("Succeskriterier", "Succeskriterier", "Udvikling pr. halvår"),
        ("Sammenlign indsatser", "Indsatser side om side", "Hvad sammenligningen bygger på"),
        ("Målekatalog", "Målekatalog", "Fremmøde"),
    ],
    "bro-ost": [
        ("Mit partnerskab", "Mit partnerskab", "Broen Østerlund"),
        ("Datakvalitet", "Datakvalitet", "broen_osterlund"),
        ("Målekatalog", "Målekatalog", "Fremmøde"),
    ],
    "admin": [
        ("Sammenlign indsatser", "Indsatser side om side", "Hvad sammenligningen bygger på"),
        ("Succeskriterier", "Succeskriterier", "Udvikling pr. halvår"),
        ("Datakvalitet", "Datakvalitet", "Hyppigste årsager til karantæne"),
        ("Målekatalog", "Målekatalog", "Fremmøde"),
    ],
}
CPR = re.compile(r"(?<![0-9A-Za-z.])\d{6}-?\d{4}(?![0-9A-Za-z])")


@pytest.fixture(scope="module")
def browser(chromium_path):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def sign_in(page: Page, url: str, username: str, password: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    title = page.get_by_role("heading", name="Fælles resultatlager for ungeindsatser")
    expect(title).to_be_visible(timeout=TIMEOUT)
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text(f"Logget ind som {username}")).to_be_visible(timeout=TIMEOUT)


def visit(page: Page, title: str, heading: str, proof: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=heading).first).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"^Data opgjort pr\. \d{4}-\d{2}-\d{2}"))).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text(proof).first).to_be_attached(timeout=TIMEOUT)
    # the script run has finished (Streamlit shows its status widget while a run is going on)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)
    page.wait_for_timeout(500)  # charts draw after the run's last message


@pytest.mark.parametrize("username", list(VISITS))
def test_each_role_signs_in_visits_its_pages_and_downloads(
    browser, dashboard_server, demo_passwords, artifacts_dir, username
):
    page = browser.new_page(viewport={"width": 1400, "height": 1200}, accept_downloads=True)
    sign_in(page, dashboard_server.url, username, demo_passwords[username])
    nav = page.get_by_test_id("stSidebarNav")
    titles = [title for title, _, _ in VISITS[username]]
    expect(nav.get_by_role("link")).to_have_count(len(titles), timeout=TIMEOUT)
    for title, heading, proof in VISITS[username]:
        visit(page, title, heading, proof)
        slug = re.sub(r"\W+", "-", heading.lower())
        page.screenshot(path=artifacts_dir / f"{username}-{slug}.png", full_page=True)

    # one export per role, from the page it matters most on
    if username == "funder1":
        visit(page, *VISITS[username][0])
        with page.expect_download() as download:
            page.get_by_role("button", name="Hent rapport (Excel)").click()
        book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
        assert book.sheetnames == ["Resultatkort", "Udvikling pr. halvår"]
        rows = list(book["Resultatkort"].iter_rows(values_only=True))
        assert rows[0][:2] == ("Indsats", "Kriterium") and len(rows) > 1
    elif username == "bro-ost":
        visit(page, *VISITS[username][0])
        page.get_by_role("tab", name="Mine deltagere").click()
        with page.expect_download() as download:
            page.get_by_role("button", name="Hent tabellen (CSV)").first.click()
        text = download.value.path().read_text(encoding="utf-8-sig")
        assert text.startswith("Pseudonym,Forløbs-ID") and "BRO-OST-E" in text
        assert not re.search(r"\b(?!BRO-OST)[A-Z]{3}-[A-Z]+-E\d{6}", text)
    else:
        visit(page, *VISITS[username][0])
        with page.expect_download() as download:
            page.get_by_role("button", name="Hent tabellen (CSV)").first.click()
        text = download.value.path().read_text(encoding="utf-8-sig")
        assert text.splitlines()[0].startswith("Indsats,Værdi") and "Læringsværket" in text
    assert not CPR.search(download.value.path().read_bytes().decode("utf-8", "replace"))
    page.close()


def test_english_on_request(browser, dashboard_server, demo_passwords, artifacts_dir):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    sign_in(page, dashboard_server.url, "netvaerk", demo_passwords["netvaerk"])
    page.get_by_text("English").click()
    expect(page.get_by_role("heading", name="Initiatives side by side")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_text(re.compile(r"^Data as of \d{4}-\d{2}-\d{2}"))).to_be_visible()
    page.screenshot(path=artifacts_dir / "network-page-en.png", full_page=True)
    page.close()
