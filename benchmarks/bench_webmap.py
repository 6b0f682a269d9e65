"""Benchmark the HTML map: build time and file size.

Prints, for synthetic corpora of 1,000 and 10,000 invented incidents and for the
small hand-made test results (and the sample article when the pipeline runs):
seconds to build + render the page and its size. Targets for 10,000 incidents:
under 10 s and under 15 MB. The baseline, measured in the same process, is plain
folium with one ``CircleMarker`` + ``Popup`` element per incident (1,000
incidents), the obvious way to draw the same markers.

Run: ``python benchmarks/bench_webmap.py [--sizes 1000 10000]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic data generator lives with the test fixtures

from _map_fixtures import make_results, synthetic_results  # noqa: E402

from mapper import export, webmap  # noqa: E402
from mapper.webmap.popup import incident_popup  # noqa: E402
from mapper.webmap.style import load_style  # noqa: E402


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    args = parser.parse_args()

    t_load, _ = _time(lambda: (export.country_shapes(), export.admin1_shapes()))
    print(f"boundary layers loaded in {t_load:.2f} s (not counted below)")

    base = synthetic_results(1000, seed=7)
    t_base, html_base = _time(lambda: naive_folium(base))
    t_ours, html_ours = _time(lambda: webmap.render_map(base))
    print(f"baseline naive folium, 1000 incidents: {t_base:6.2f} s {len(html_base) / 1e6:6.2f} MB (CDN assets)")
    print(f"mapper map,            1000 incidents: {t_ours:6.2f} s {len(html_ours) / 1e6:6.2f} MB (self-contained)")
    print(f"  speed-up vs baseline: x{t_base / t_ours:.1f}")

    for n in args.sizes:
        results = synthetic_results(n, seed=11)
        t, html = _time(lambda: webmap.render_map(results))  # noqa: B023
        mb = len(html.encode("utf-8")) / 1e6
        verdict = "ok" if (n < 10000 or (t < 10 and mb < 15)) else "OVER TARGET"
        print(f"mapper map, {n:6d} incidents: {t:6.2f} s {mb:6.2f} MB  {verdict if n >= 10000 else ''}")

    t, html = _time(lambda: webmap.render_map(make_results()))
    print(f"hand-made test results (4 incidents): {t:.2f} s {len(html) / 1e6:.2f} MB")

    sample = ROOT / "seeds" / "000_fed9f3285c8e1056.txt"
    try:
        from mapper.articles import read_articles
        from mapper.pipeline import process

        t_nlp, sample_results = _time(lambda: list(process(read_articles([sample]), progress=False)))
    except Exception as exc:  # the pipeline is built by others; report, don't fail
        print(f"sample article: pipeline not available ({type(exc).__name__}: {exc})")
        return
    t, html = _time(lambda: webmap.render_map(sample_results))
    n = sum(len(r.incidents) for r in sample_results)
    print(f"sample article ({n} incidents): map {t:.2f} s {len(html) / 1e6:.2f} MB (pipeline {t_nlp:.1f} s)")


if __name__ == "__main__":
    main()
