"""The map in a real browser: headless Chromium, network off, via selenium.

Checks what a reader sees: the map and its markers render, a click opens the
incident popup, a layer toggle hides its markers, hostile article text shows as
text and runs nothing, no console errors, and no request leaves the machine.
Skipped (with the reason) when Chromium or chromedriver is missing.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from _map_fixtures import make_results, synthetic_results
from mapper.webmap import write_map

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs /usr/bin/chromium and /usr/bin/chromedriver",
    ),
]

SHOTS = Path(tempfile.gettempdir()) / "mapper-screenshots"


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="mapper-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--disable-sync", "--disable-extensions", "--proxy-server=127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>", f"--user-data-dir={profile}", "--window-size=1280,860",
    ):  # fmt: skip
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    drv.set_page_load_timeout(60)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver, path: Path) -> None:  # type: ignore[no-untyped-def]
    driver.get(path.resolve().as_uri())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if driver.execute_script("return document.querySelectorAll('.mapper-mk').length") > 0:
            return
        time.sleep(0.1)
    raise AssertionError("no marker appeared")


def _visible_markers(driver, kind: str) -> int:  # type: ignore[no-untyped-def]
    return driver.execute_script(f"return document.querySelectorAll('.leaflet-marker-pane .mapper-{kind}').length")


def _severe_logs(driver) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["message"] for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def _remote_requests(driver) -> list[str]:  # type: ignore[no-untyped-def]
    urls = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    return [u for u in urls if not u.startswith(("file:", "data:", "blob:", "about:"))]


def _toggle_layer(driver, label: str) -> None:  # type: ignore[no-untyped-def]
    driver.execute_script(
        """
        const want = arguments[0];
        for (const lab of document.querySelectorAll('.leaflet-control-layers-overlays label')) {
            if (lab.textContent.trim() === want) { lab.querySelector('input').click(); return; }
        }
        throw new Error('no layer ' + want);
        """,
        label,
    )


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map") / "hostile.html"
    return write_map(make_results(hostile=True), path)


def test_map_renders_offline_with_popups_and_toggles(driver, hostile_map: Path) -> None:  # type: ignore[no-untyped-def]
    _open(driver, hostile_map)
    assert driver.execute_script("return typeof L") == "object"
    attacks = _visible_markers(driver, "attack")
    assert attacks == 3
    assert _visible_markers(driver, "diplomacy") == 1

    # a click on an attack marker opens its popup with the incident's details
    driver.execute_script("document.querySelector('.leaflet-marker-pane .mapper-attack').click()")
    time.sleep(0.4)
    popup = driver.execute_script(
        "const p = document.querySelector('.leaflet-popup-content'); return p ? p.innerText : ''"
    )
    assert "Killed" in popup and "Weapons" in popup and "Precision" in popup
    assert "<mark>" in driver.execute_script("return document.querySelector('.leaflet-popup-content').innerHTML")
    # the legend folds away while a popup is open
    assert driver.execute_script("return document.querySelector('.mapper-legend details').open") is False

    # hostile article text is shown as text, never run
    assert driver.execute_script("return window.__pwned === undefined")
    title = driver.execute_script("return document.getElementById('mapper-title').innerText")
    assert "<script>" in title and "{{ 7*7 }}" in title
    assert driver.execute_script("return document.querySelectorAll('img[src=\"x\"]').length") == 0

    # toggling the Attacks layer hides its markers and only them
    _toggle_layer(driver, "Attacks")
    time.sleep(0.3)
    assert _visible_markers(driver, "attack") == 0
    assert _visible_markers(driver, "diplomacy") == 1
    _toggle_layer(driver, "Attacks")
    time.sleep(0.3)
    assert _visible_markers(driver, "attack") == attacks

    # "Other places" is off by default and shows its places when switched on
    assert _visible_markers(driver, "place") == 0
    _toggle_layer(driver, "Other places")
    time.sleep(0.3)
    assert _visible_markers(driver, "place") == 1
    _toggle_layer(driver, "Other places")

    # the date slider shows one day at a time
    dates = driver.execute_script("return +document.getElementById('mapper-date').max")
    assert dates == 3
    driver.execute_script(
        "const s = document.getElementById('mapper-date'); s.value = 1; s.dispatchEvent(new Event('input'));"
    )
    time.sleep(0.3)
    shown = _visible_markers(driver, "attack") + _visible_markers(driver, "diplomacy")
    assert 0 < shown < attacks + 1

    SHOTS.mkdir(exist_ok=True)
    driver.execute_script(
        "const s = document.getElementById('mapper-date'); s.value = 0; s.dispatchEvent(new Event('input'));"
    )
    driver.save_screenshot(str(SHOTS / "hostile.png"))
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []


def test_clustered_map_keeps_layer_toggles(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_map(synthetic_results(400, seed=3), tmp_path / "many.html")
    _open(driver, path)
    clusters = driver.execute_script("return document.querySelectorAll('.marker-cluster').length")
    assert clusters > 0
    before = driver.execute_script("return document.querySelectorAll('.marker-cluster, .mapper-mk').length")
    _toggle_layer(driver, "Attacks")
    time.sleep(0.5)
    after = driver.execute_script("return document.querySelectorAll('.marker-cluster, .mapper-mk').length")
    assert after < before
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []


@pytest.mark.slow
def test_sample_article_map(driver, tmp_path: Path, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The sample article through the whole pipeline, as a reader opens it."""
    from mapper.articles import read_articles
    from mapper.pipeline import process

    results = list(process(read_articles([sample_path]), progress=False))
    incidents = sum(len(r.incidents) for r in results)
    assert incidents > 0, "the pipeline found no incident in the sample"
    path = write_map(results, tmp_path / "sample.html")
    _open(driver, path)
    time.sleep(0.5)
    SHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SHOTS / "sample.png"))
    shown = driver.execute_script("return document.querySelectorAll('.leaflet-marker-pane .mapper-mk').length")
    assert shown >= 1
    driver.execute_script("document.querySelector('.leaflet-marker-pane .mapper-mk').click()")
    time.sleep(0.4)
    popup = driver.execute_script(
        "const p = document.querySelector('.leaflet-popup-content'); return p ? p.innerText : ''"
    )
    assert "Precision" in popup and "Date" in popup
    driver.save_screenshot(str(SHOTS / "sample-popup.png"))
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []
