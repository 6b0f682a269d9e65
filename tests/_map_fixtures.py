"""Hand-made results for the export/webmap tests (invented text, invented places).

Not the sample article: every sentence here is made up, coordinates are real
enough to draw but the events are fictional.
"""

from __future__ import annotations

from mapper.model import Article, ArticleResult, Incident, Place, Toponym

HOSTILE = (
    "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"
    "{{ 7*7 }}{% if true %}jinja{% endif %}<!-- </script>"
)


def _topo(text: str, name: str, *, gid: int, lat: float, lon: float, role: str = "event",
          cc: str = "UA", admin1: str = "Testland Oblast", fcode: str = "PPLA") -> Toponym:
    start = text.index(name)
    place = Place(gid, name, lat, lon, "P", fcode, cc, admin1, f"{cc}.99", "", 1000)
    return Toponym(start, start + len(name), name, lat, lon, gid, fcode, cc, admin1, role,
                   0.9, "only candidate", place, 0)


def make_results(*, hostile: bool = False) -> list[ArticleResult]:
    """Two invented articles: attacks on two dates, a diplomatic venue, a context place."""
    text1 = (
        "Drones struck a depot in Lakeview overnight, killing two people and wounding five. "
        "A missile hit a bridge near Hilltown on Tuesday. Officials met in Ridgeport."
    )
    if hostile:
        text1 += " Witnesses wrote " + HOSTILE + " on a wall in Lakeview."
    a1 = Article("art-1", text1, title="Invented strikes hit Lakeview" + (" " + HOSTILE if hostile else ""),
                 date="2025-03-04", url="https://example.org/a1")
    t1 = [
        _topo(text1, "Lakeview", gid=1001, lat=50.45, lon=30.52),
        _topo(text1, "Hilltown", gid=1002, lat=49.99, lon=36.23, admin1="Eastern Oblast"),
        _topo(text1, "Ridgeport", gid=1003, lat=46.20, lon=6.14, cc="CH", admin1="Genève", role="actor"),
    ]
    ev1 = text1.split(". ")[0] + "."
    evidence = ev1 + (" " + HOSTILE if hostile else "")
    i1 = [
        Incident("attack", "Explosions/Remote violence", "Air/drone strike", "Lakeview", 1001, "UA",
                 "Testland Oblast", 50.45, 30.52, 2, "2025-03-04", "day", ["drone"], 2, 5,
                 ["depot"], ["Russia"], ["officials"], evidence, "named in the strike sentence",
                 "art-1", "PPLA", a1.title, a1.url),
        Incident("attack", "Explosions/Remote violence", "Shelling/artillery/missile attack", "Hilltown",
                 1002, "UA", "Eastern Oblast", 49.99, 36.23, 2, "2025-03-05", "day", ["missile"], None,
                 None, ["bridge"], [], [], "A missile hit a bridge near Hilltown on Tuesday.",
                 "near + town", "art-1", "PPL", a1.title, a1.url),
        Incident("diplomacy", "Strategic developments", "Agreement", "Ridgeport", 1003, "CH", "Genève",
                 46.20, 6.14, 2, "2025-03-04", "day", [], None, None, [], ["Ukraine", "United States"],
                 [], "Officials met in Ridgeport.", "venue of talks", "art-1", "PPLA", a1.title, a1.url),
    ]
    text2 = ("Shelling damaged homes in Riverton, a village in the east. Talks are planned in Lakeview. "
             "The governor of Eastbrook gave no details.")
    a2 = Article("art-2", text2, title="Second invented report", date="2025-03-06")
    t2 = [
        _topo(text2, "Riverton", gid=1004, lat=48.00, lon=37.80, fcode="PPL", admin1="Eastern Oblast"),
        _topo(text2, "Lakeview", gid=1001, lat=50.45, lon=30.52, role="context"),
        _topo(text2, "Eastbrook", gid=1005, lat=47.10, lon=37.55, role="context", fcode="PPLA2",
              admin1="Eastern Oblast"),
    ]
    i2 = [
        Incident("attack", "Explosions/Remote violence", "Shelling/artillery/missile attack", "Riverton",
                 1004, "UA", "Eastern Oblast", 48.00, 37.80, 2, "2025-03-06", "day", ["artillery"], 0,
                 None, ["homes"], [], [], text2.split(". ")[0] + ".", "event sentence", "art-2", "PPL",
                 a2.title, None),
    ]
    return [ArticleResult(a1, t1, i1), ArticleResult(a2, t2, i2)]


def synthetic_results(n: int, *, seed: int = 0, articles: int | None = None) -> list[ArticleResult]:
    """``n`` random incidents over ``articles`` invented articles (for clustering and benchmarks)."""
    import random

    rng = random.Random(seed)
    kinds = ["attack"] * 7 + ["diplomacy"] * 2 + ["other"]
    weapons = ["missile", "drone", "artillery", "guided_bomb", "rocket", "small_arms"]
    articles = articles or max(1, n // 8)
    results = []
    for a in range(articles):
        date = f"2025-{1 + a % 12:02d}-{1 + a % 28:02d}"
        body = f"Invented report number {a} about strikes on several towns."
        art = Article(f"syn-{a:05d}", body, title=f"Synthetic report {a}", date=date)
        results.append(ArticleResult(art, [], []))
    for i in range(n):
        res = results[i % articles]
        kind = rng.choice(kinds)
        lat, lon = round(rng.uniform(44.5, 52.0), 4), round(rng.uniform(23.0, 40.0), 4)
        killed = rng.choice([None, 0, 1, 2, 5, 12])
        name = f"Town{rng.randrange(3000)}"
        evidence = f"An invented {kind} sentence naming {name} with some words to make it realistic in size, " * 2
        res.incidents.append(Incident(
            kind, "Explosions/Remote violence" if kind == "attack" else "Strategic developments",
            "Air/drone strike" if kind == "attack" else "Agreement", name, 2_000_000 + i, "UA",
            f"Region {rng.randrange(20)}", lat, lon, rng.choice([1, 2, 3]), res.article.date, "day",
            rng.sample(weapons, rng.choice([0, 1, 1, 2])) if kind == "attack" else [], killed,
            rng.choice([None, 3, 8]), ["residential building"], ["Russia"], ["regional governor"],
            evidence.strip(), "synthetic", res.article.id, "PPL", res.article.title, None,
        ))  # fmt: skip
    return results


def corpus_results(n: int = 90) -> list[ArticleResult]:
    """An invented corpus over three years (2023-2025): ``n`` incidents in 30 articles, every kind, some undated."""
    import datetime as dt

    towns = [("Lakeview", 50.45, 30.52, "UA"), ("Hilltown", 49.99, 36.23, "UA"), ("Riverton", 48.0, 37.8, "UA"),
             ("Sandport", 31.5, 34.47, "PS"), ("Dunefield", 15.6, 32.5, "SD"), ("Cliffside", 33.9, 35.5, "LB")]  # fmt: skip
    kinds = ["attack", "attack", "diplomacy", "attack", "other"]
    start = dt.date(2023, 1, 3)
    results = []
    for a in range(30):
        date = start + dt.timedelta(days=37 * a)
        art = Article(f"c{a:02d}", f"Invented corpus report {a}.", title=f"Invented report {a}", date=date.isoformat(),
                      url=f"https://example.org/c{a}", source=["Wire A", "Paper B", "Radio C"][a % 3])  # fmt: skip
        results.append(ArticleResult(art, [], []))
    for i in range(n):
        res = results[i % 30]
        name, lat, lon, cc = towns[i % len(towns)]
        kind = kinds[i % len(kinds)]
        day = None if i % 17 == 5 else (dt.date.fromisoformat(res.article.date) - dt.timedelta(days=i % 4)).isoformat()
        res.incidents.append(Incident(
            kind, "Explosions/Remote violence" if kind == "attack" else "Strategic developments",
            "Air/drone strike" if kind == "attack" else "Agreement", name, 3_000_000 + i % len(towns), cc, "Some Region",
            lat + (i % 7) * 0.01, lon + (i % 5) * 0.01, 2, day, "day" if day else None,
            ["drone"] if i % 3 == 0 and kind == "attack" else [], i % 6 if kind == "attack" else None, None, [], [], [],
            f"An invented sentence about {name} number {i}.", "invented", res.article.id, "PPL", res.article.title,
            res.article.url,
        ))  # fmt: skip
    return results
