"""Benchmark the HTML map: write time, file size and, in Chromium, how fast a filter applies.

Prints, for synthetic corpora of invented incidents (1,000 and 10,000 by default):
seconds to build and write the page and its size; then opens the largest in
headless Chromium (offline) and times filter changes in the page with
``performance.now``: from the change to markers, groups, list, header and hash
updated (the page's own work), to the layout done (``document.body.offsetHeight``),
and to the next painted frame. Targets for 10,000 incidents: written in 10 s or
less, 15 MB or less, a filter applied (markers and list, laid out) in 200 ms or less.

The baseline, measured in the same process, is plain folium with one
``CircleMarker`` + ``Popup`` element per incident (1,000 incidents), the obvious
way to draw the same markers. The machine's load average is printed beside the
times: on a shared machine they vary from run to run (medians of several runs).

Run: ``python benchmarks/bench_webmap.py [--sizes 1000 10000] [--runs 5] [--no-browser]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic data generator lives with the test fixtures

from _map_fixtures import make_results, synthetic_results  # noqa: E402

from mapper import export, webmap  # noqa: E402
from mapper.webmap.popup import incident_popup  # noqa: E402
from mapper.webmap.style import load_style  # noqa: E402

#: filter changes timed in the browser: (what, URL hash)
FILTERS = (
    ("one kind (70 % shown)", "#kind=attack"),
    ("one month (8 %)", "#from=2025-03-01&to=2025-03-31"),
    ("search a town (4 %)", "#q=town12"),
    ("a weapon (12 %)", "#weapon=drone"),
    ("all again (100 %)", "#"),
    ("kind and dates (11 %)", "#kind=diplomacy&from=2025-06-01"),
    ("all again (100 %)", "#"),
)

_TIMING = """
var done = arguments[arguments.length - 1], hash = arguments[0];
var t0 = performance.now();
history.replaceState(null, '', hash);
window.dispatchEvent(new HashChangeEvent('hashchange'));  // the page applies the filter here
var t1 = performance.now();
document.body.offsetHeight;  // style and layout of what changed
var t2 = performance.now();
requestAnimationFrame(function () { setTimeout(function () {
    done([t1 - t0, t2 - t0, performance.now() - t0, window.mapper.shown()]);
}, 0); });
"""


def _time(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def naive_folium(results) -> str:  # type: ignore[no-untyped-def]
    """Baseline: one folium CircleMarker + Popup per incident, CDN assets."""
    import folium

    style = load_style()
    m = folium.Map(tiles=None, location=[48, 31], zoom_start=6)
    for res in results:
        for inc in res.incidents:
            folium.CircleMarker(
                [inc.lat, inc.lon], radius=8, color=style["kinds"][inc.kind]["color"], fill=True,
                popup=folium.Popup(incident_popup(inc, style=style), max_width=380),
            ).add_to(m)  # fmt: skip
    return m.get_root().render()


def _chromium():  # type: ignore[no-untyped-def]
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="mapper-bench-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-extensions", "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                 f"--user-data-dir={profile}", "--window-size=1400,900"):  # fmt: skip
        opts.add_argument(flag)
    drv = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    drv.set_script_timeout(120)
    return drv, profile


def browser_filters(path: Path, *, runs: int) -> None:
    """Open ``path`` in headless Chromium and time the filter changes of :data:`FILTERS`."""
    if not (Path("/usr/bin/chromium").exists() and Path("/usr/bin/chromedriver").exists()):
        print("Chromium: not installed (apt-get install chromium chromium-driver); browser timings skipped")
        return
    drv, profile = _chromium()
    try:
        start = time.perf_counter()
        drv.get(path.resolve().as_uri())
        while not drv.execute_script("return !!window.mapper"):
            time.sleep(0.05)
        print(f"Chromium: page open and drawn in {time.perf_counter() - start:.1f} s")
        time.sleep(1.0)
        times: dict[str, list[list[float]]] = {}
        shown: dict[str, int] = {}
        for _ in range(runs):
            for what, fragment in FILTERS:
                sync, layout, frame, n = drv.execute_async_script(_TIMING, fragment)
                times.setdefault(what, []).append([sync, layout, frame])
                shown[what] = n
                time.sleep(0.2)
        print(f"filter change in the page, median of {runs} runs (max), in ms: "
              "script | + layout (markers and list updated) | + next frame")  # fmt: skip
        worst = 0.0
        for what, rows in times.items():
            cols = list(zip(*rows, strict=True))
            med = [statistics.median(c) for c in cols]
            worst = max(worst, med[1])
            print(f"  {what:24s} {shown[what]:6d} shown: {med[0]:6.0f} | {med[1]:6.0f} ({max(cols[1]):5.0f}) | {med[2]:6.0f}")
        print(f"  slowest median, markers and list laid out: {worst:.0f} ms  {'ok' if worst <= 200 else 'OVER TARGET (200 ms)'}")
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5, help="runs of each filter change in the browser")
    parser.add_argument("--no-browser", action="store_true", help="skip the timings in Chromium")
    args = parser.parse_args()
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")

    t_load, _ = _time(lambda: (export.country_table(), export.admin1_table()))
    print(f"boundary layers loaded in {t_load:.2f} s (not counted below)")
    webmap.render_map(make_results())  # the gazetteer (for labels) and the assets loaded once, not counted

    base = synthetic_results(1000, seed=7)
    t_base, html_base = _time(lambda: naive_folium(base))
    t_ours, html_ours = _time(lambda: webmap.render_map(base))
    print(f"baseline naive folium, 1000 incidents: {t_base:6.2f} s {len(html_base) / 1e6:6.2f} MB (CDN assets)")
    print(f"mapper map,            1000 incidents: {t_ours:6.2f} s {len(html_ours) / 1e6:6.2f} MB (self-contained)")
    print(f"  speed-up vs baseline: x{t_base / t_ours:.1f}")

    out = Path(tempfile.mkdtemp(prefix="mapper-bench-map-"))
    largest = None
    try:
        for n in args.sizes:
            results = synthetic_results(n, seed=11)
            path = out / f"map-{n}.html"
            t, _ = _time(lambda: webmap.write_map(results, path, force=True))  # noqa: B023
            mb = path.stat().st_size / 1e6
            verdict = ("ok" if t <= 10 and mb <= 15 else "OVER TARGET (10 s, 15 MB)") if n >= 10000 else ""
            print(f"mapper map, {n:6d} incidents: written in {t:6.2f} s, {mb:6.2f} MB  {verdict}")
            largest = path
        t, html = _time(lambda: webmap.render_map(make_results()))
        print(f"hand-made test results (4 incidents): {t:.2f} s {len(html) / 1e6:.2f} MB")
        if largest is not None and not args.no_browser:
            browser_filters(largest, runs=args.runs)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
