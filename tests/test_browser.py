"""The map in a real browser: headless Chromium, network off, via selenium.

Checks what a reader sees: the map and its markers render, a click opens the
incident popup, layer toggles work, hostile article text shows as text and runs
nothing; on a corpus map the URL hash sets the filter and the view, reload keeps
them, the list shows exactly the incidents the filter keeps, a click on a row
opens that incident's popup; no console errors, and no request leaves the machine.
Skipped (with the reason) when Chromium or chromedriver is missing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from _map_fixtures import corpus_results, make_results, synthetic_results
from mapper.ids import incident_ids
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


def _wait(check: Callable[[], object], *, what: str, seconds: float = 20) -> object:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _open(driver, path: Path, fragment: str = "") -> None:  # type: ignore[no-untyped-def]
    driver.get("about:blank")  # a new document even when only the fragment differs
    driver.get(path.resolve().as_uri() + fragment)
    _wait(lambda: driver.execute_script("return !!window.mapper && document.querySelectorAll('.mapper-mk, .mapper-cl').length > 0"),
          what="markers")  # fmt: skip


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


def _listed(driver) -> list[str]:  # type: ignore[no-untyped-def]
    """The ids of the list rows a reader can see (every incident has a row; the filter hides the others)."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('[data-incident-id]'))"
        ".filter(r => getComputedStyle(r).display !== 'none').map(r => r.getAttribute('data-incident-id'))"
    )


def _popup(driver) -> str:  # type: ignore[no-untyped-def]
    return driver.execute_script("const p = document.querySelector('.leaflet-popup-content'); return p ? p.innerText : ''")


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
    assert len(_listed(driver)) == 4
    # the names of the marked towns are written on the basemap at the opening zoom, where they fit:
    # no two names overlap (Hilltown and Riverton are close), and none is drawn over a marker
    labels = driver.execute_script("return Array.from(document.querySelectorAll('.mlb-3')).map(e => e.textContent)")
    assert {"Lakeview", "Ridgeport"} <= set(labels) <= {"Lakeview", "Hilltown", "Riverton", "Ridgeport"}
    assert driver.execute_script("""
        const r = Array.from(document.querySelectorAll('.mlb')).map(e => e.getBoundingClientRect());
        return r.filter((a, i) => r.some((b, j) => j > i && a.left < b.right - 1 && b.left < a.right - 1
                                                   && a.top < b.bottom - 1 && b.top < a.bottom - 1)).length""") == 0
    z = driver.execute_script("return ['mapper-labels', 'marker'].map(p => +getComputedStyle(document.querySelector('.leaflet-' + p + '-pane')).zIndex)")
    assert z[0] < z[1]

    # a click on an attack marker opens its popup with the incident's details
    driver.execute_script("document.querySelector('.leaflet-marker-pane .mapper-attack').click()")
    _wait(lambda: _popup(driver), what="a popup")
    popup = _popup(driver)
    assert "Killed" in popup and "Weapons" in popup and "Precision" in popup and "Id:" in popup
    assert "<mark>" in driver.execute_script("return document.querySelector('.leaflet-popup-content').innerHTML")
    # the incident's row is marked in the list; the legend, in the panel, stays open and off the map
    assert driver.execute_script("return document.querySelector('#mapper-panel .mapper-legend details').open") is True
    assert driver.execute_script("return document.querySelectorAll('.ml-r.ml-on').length") == 1

    # hostile article text is shown as text, never run
    assert driver.execute_script("return window.__pwned === undefined")
    driver.execute_script("document.querySelector('[data-incident-id^=\"art-1\"]').click()")
    _wait(lambda: "<script>" in _popup(driver), what="the popup of the hostile article")
    assert "{{ 7*7 }}" in _popup(driver)
    assert driver.execute_script("return document.querySelectorAll('img[src=\"x\"]').length") == 0
    assert driver.execute_script("return window.__pwned === undefined")
    driver.execute_script("document.querySelector('.leaflet-popup-close-button').click()")

    # the Incidents layer hides the markers and only them; "Other places" is off until asked for
    _toggle_layer(driver, "Incidents")
    _wait(lambda: _visible_markers(driver, "attack") == 0, what="attacks hidden")
    assert _visible_markers(driver, "place") == 0
    _toggle_layer(driver, "Incidents")
    _wait(lambda: _visible_markers(driver, "attack") == attacks, what="attacks back")
    _toggle_layer(driver, "Other places")
    _wait(lambda: _visible_markers(driver, "place") == 1, what="other places shown")
    _toggle_layer(driver, "Other places")

    SHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SHOTS / "hostile.png"))
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []


@pytest.fixture(scope="module")
def corpus_map(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list]:
    results = corpus_results()
    path = write_map(results, tmp_path_factory.mktemp("map") / "corpus.html")
    incidents = [i for r in results for i in r.incidents]
    return path, list(zip(incident_ids(incidents), incidents, strict=True))


def _ids(incidents: list, keep: Callable[[object], bool]) -> list[str]:
    return sorted(fid for fid, inc in incidents if keep(inc))


def test_the_url_hash_sets_the_view_and_survives_reload(driver, corpus_map) -> None:  # type: ignore[no-untyped-def]
    path, incidents = corpus_map
    want = _ids(incidents, lambda i: i.kind == "attack" and i.date is not None and i.date.startswith("2024"))
    assert 0 < len(want) < sum(1 for _, i in incidents if i.kind == "attack")
    _open(driver, path, "#from=2024-01-01&to=2024-12-31&kind=attack")
    assert sorted(_listed(driver)) == want
    assert driver.execute_script("return window.mapper.shown()") == len(want)
    head = driver.execute_script("return document.getElementById('mapper-sum').textContent")
    assert head.startswith(f"{len(want)} of {len(incidents)} incidents: {len(want)} attacks")
    undated = sum(1 for _, i in incidents if i.kind == "attack" and i.date is None)
    note = driver.execute_script("return document.getElementById('mapper-undated').textContent")
    assert note.startswith(f"{undated} incident") and "without a date" in note
    assert driver.execute_script("return document.getElementById('mapper-from').value") == "2024-01-01"
    assert driver.execute_script("return [...document.querySelectorAll('#mapper-kinds input')].map(b => b.checked)") == [True, False, False]
    SHOTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(SHOTS / "corpus-2024-attacks.png"))

    # reload keeps the view: the filter and the position written into the hash
    hash_before = driver.execute_script("return location.hash")
    assert "from=2024-01-01" in hash_before and "kind=attack" in hash_before and "&z=" in hash_before
    driver.refresh()
    _wait(lambda: driver.execute_script("return !!window.mapper"), what="the page after reload")
    assert sorted(_listed(driver)) == want
    assert driver.execute_script("return location.hash") == hash_before

    # a click on a row flies to its incident and opens its popup
    first = _listed(driver)[0]
    place = next(inc.place for fid, inc in incidents if fid == first)
    driver.execute_script("document.querySelector(`[data-incident-id=\"${arguments[0]}\"]`).click()", first)
    _wait(lambda: place in _popup(driver), what="the popup of the clicked row", seconds=10)
    assert first in _popup(driver)  # the popup names the incident's id

    # changing a filter updates the list and the hash at once
    driver.execute_script("const q = document.getElementById('mapper-q'); q.value = 'Sandport'; q.dispatchEvent(new Event('input'));")
    want_q = _ids(incidents, lambda i: i.kind == "attack" and (i.date or "").startswith("2024") and i.place == "Sandport")
    _wait(lambda: sorted(_listed(driver)) == want_q, what="the search to apply")
    assert "q=Sandport" in driver.execute_script("return location.hash")
    # editing the hash by hand applies it too
    driver.execute_script("location.hash = '#kind=diplomacy'")
    _wait(lambda: sorted(_listed(driver)) == _ids(incidents, lambda i: i.kind == "diplomacy"), what="the edited hash")
    # an edit wins even when the page rewrites the hash (a fly or a search ending) before its hashchange runs
    driver.execute_script("location.hash = '#kind=attack'; window.mapper.apply();")
    _wait(lambda: sorted(_listed(driver)) == _ids(incidents, lambda i: i.kind == "attack"), what="the hash edited during a rewrite")
    assert "kind=attack" in driver.execute_script("return location.hash")
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []


def test_the_hash_position_regions_and_density_follow(driver, corpus_map) -> None:  # type: ignore[no-untyped-def]
    path, incidents = corpus_map
    _open(driver, path, "#from=2023-01-01&to=2023-01-31&z=7&lat=48.5000&lon=33.2500")
    view = driver.execute_script("return location.hash")
    assert view.endswith("z=7&lat=48.5000&lon=33.2500")  # exactly the view asked for
    # the affected regions are shaded by the incidents shown
    def shaded() -> int:  # type: ignore[no-untyped-def]
        return driver.execute_script(
            "return [...document.querySelectorAll('.leaflet-regions-pane path')].filter(p => +p.getAttribute('fill-opacity') > 0).length")
    few = shaded()
    driver.execute_script("location.hash = '#z=7&lat=48.5000&lon=33.2500'")
    _wait(lambda: driver.execute_script("return window.mapper.shown()") == len(incidents), what="all incidents")
    assert shaded() > few
    # the density layer draws the incidents shown
    driver.execute_script(
        "for (const lab of document.querySelectorAll('.leaflet-control-layers-overlays label'))"
        " if (lab.textContent.trim() === 'Density (heat)') lab.querySelector('input').click();")
    _wait(lambda: driver.execute_script("return document.querySelectorAll('canvas.leaflet-heatmap-layer').length"), what="heat")
    assert driver.execute_script("return document.querySelector('canvas.leaflet-heatmap-layer').width") > 0
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []


def test_play_steps_through_weeks(driver, corpus_map) -> None:  # type: ignore[no-untyped-def]
    path, incidents = corpus_map
    _open(driver, path)
    driver.execute_script("document.getElementById('mapper-play').click()")
    first = min(i.date for _, i in incidents if i.date)
    week_end = (dt.date.fromisoformat(first) + dt.timedelta(days=6)).isoformat()
    assert f"from={first}&to={week_end}" in driver.execute_script("return location.hash")
    assert sorted(_listed(driver)) == _ids(incidents, lambda i: i.date is not None and first <= i.date <= week_end)
    _wait(lambda: f"from={first}" not in driver.execute_script("return location.hash"), what="the next week", seconds=5)
    driver.execute_script("document.getElementById('mapper-play').click()")  # pause
    paused = driver.execute_script("return location.hash")
    time.sleep(1.2)
    assert driver.execute_script("return location.hash") == paused
    driver.execute_script("document.getElementById('mapper-alldates').click()")
    assert len(_listed(driver)) == len(incidents)
    assert _severe_logs(driver) == []


def test_many_incidents_are_grouped_and_filtered(driver, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_map(synthetic_results(400, seed=3), tmp_path / "many.html")
    _open(driver, path)
    groups = driver.execute_script("return document.querySelectorAll('.mapper-cl').length")
    assert groups > 0
    total = driver.execute_script("return [...document.querySelectorAll('.mapper-cl span')].reduce((a, s) => a + +s.textContent, 0)"
                                  " + document.querySelectorAll('.leaflet-marker-pane .mapper-mk').length")  # fmt: skip
    assert total == 400
    driver.execute_script("location.hash = '#kind=diplomacy'")
    _wait(lambda: driver.execute_script("return window.mapper.shown()") < 200, what="the filter")
    shown = driver.execute_script("return window.mapper.shown()")
    after = driver.execute_script("return [...document.querySelectorAll('.mapper-cl span')].reduce((a, s) => a + +s.textContent, 0)"
                                  " + document.querySelectorAll('.leaflet-marker-pane .mapper-mk').length")  # fmt: skip
    assert after == shown == len(_listed(driver))
    zoom = driver.execute_script("return +new URLSearchParams(location.hash.slice(1)).get('z')")
    driver.execute_script("document.querySelector('.mapper-cl').click()")  # a group zooms in to its incidents
    _wait(lambda: driver.execute_script("return +new URLSearchParams(location.hash.slice(1)).get('z')") > zoom, what="zoom in")
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
    # the names of the towns it marks are written on the map at the opening zoom
    towns = {i.place for r in results for i in r.incidents if i.feature_code.startswith("PPL") and i.geo_precision <= 2}
    labels = set(driver.execute_script("return Array.from(document.querySelectorAll('.mlb-3')).map(e => e.textContent)"))
    assert towns and towns <= labels
    driver.execute_script("document.querySelector('.leaflet-marker-pane .mapper-mk').click()")
    _wait(lambda: _popup(driver), what="a popup")
    popup = _popup(driver)
    assert "Precision" in popup and "Date" in popup
    driver.save_screenshot(str(SHOTS / "sample-popup.png"))
    # the header stays clear of the layer switch at common window widths (it covered "Basemap" at 1200)
    gaps = {}
    try:
        for width in (1000, 1200, 1440):
            driver.set_window_size(width, 860)
            time.sleep(0.3)
            gaps[width] = driver.execute_script(
                "const t = document.querySelector('.mapper-title').getBoundingClientRect();"
                "const c = document.querySelector('.leaflet-control-layers').getBoundingClientRect();"
                "return c.left - t.right;")
    finally:
        driver.set_window_size(1280, 860)
    assert all(gap >= 0 for gap in gaps.values()), gaps
    assert _severe_logs(driver) == []
    assert _remote_requests(driver) == []
