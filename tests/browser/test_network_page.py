"""The dashboard in a real browser: Playwright driving Debian's chromium (never a download)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect, sync_playwright

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


@pytest.fixture(scope="module")
def browser(chromium_path):
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def test_network_page_shows_initiatives_and_numbers(browser, dashboard_server, artifacts_dir):
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(dashboard_server.url + "/network", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Indsatser side om side")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"^Data opgjort pr\. \d{4}-\d{2}-\d{2}"))).to_be_visible()
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid).to_be_visible(timeout=30_000)
    # the data grid is drawn on a canvas; its accessible table mirrors the cells
    expect(grid.get_by_text("Læringsværket")).to_have_count(1, timeout=30_000)
    expect(grid.get_by_text(re.compile(r"^\d{1,3},\d %$")).first).to_be_attached()
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible()
    page.screenshot(path=artifacts_dir / "network-page-da.png", full_page=True)

    page.goto(dashboard_server.url + "/network?lang=en", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Initiatives side by side")).to_be_visible(
        timeout=30_000
    )
    page.screenshot(path=artifacts_dir / "network-page-en.png", full_page=True)
    page.close()


def test_data_quality_page_shows_quarantine_and_downloads_it(
    browser, dashboard_server, artifacts_dir
):
    page = browser.new_page(viewport={"width": 1400, "height": 1400}, accept_downloads=True)
    page.goto(dashboard_server.url + "/data-quality", wait_until="domcontentloaded")
    expect(page.get_by_role("heading", name="Datakvalitet")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(r"\d+ leverancer · [\d.]+ rækker læst"))).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_role("heading", name="Hyppigste årsager til karantæne")).to_be_visible()
    expect(page.locator("[data-testid='stVegaLiteChart']").first).to_be_visible(timeout=30_000)
    page.screenshot(path=artifacts_dir / "data-quality-da.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Hent tabellen (CSV)").last.click()
    path = download.value.path()
    text = path.read_text(encoding="utf-8-sig")
    assert text.startswith("partner,entity,source_name") and "invalid_cpr" in text
    assert not re.search(r"(?<![0-9A-Za-z.])\d{6}-?\d{4}(?![0-9A-Za-z])", text)
    page.close()
