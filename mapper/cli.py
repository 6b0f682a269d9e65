"""The ``mapper`` command line: parse arguments, call the API, print a summary.

Thin by design: every decision lives in the library (``mapper.articles``,
``mapper.pipeline``, ``mapper.export``, ``mapper.webmap``, ``mapper.gazetteer``).
Inputs are found and read *before* any model is loaded, so bad input fails at
once; heavy modules (spaCy, geopandas, folium) are imported inside the command
functions, so ``mapper --help`` is instant.

Exit status
-----------
0   success (inputs that could not be read are listed on stderr at the end;
    ``--strict`` turns them into an error instead)
1   internal error (a bug: one line, ``--debug`` shows the traceback), or
    not a single article could be processed (a broken installation)
2   bad input or options (one line on stderr, nothing written)
130 interrupted (Ctrl-C) / 143 terminated (SIGTERM): finished files stay, the
    file being written is left as it was before the run
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mapper import __version__
from mapper.model import ArticleResult, MapperError

FORMATS = ("geojson", "gpkg", "parquet", "csv", "fgb")
_EXT = {"geojson": ".geojson", "gpkg": ".gpkg", "parquet": ".parquet", "csv": ".csv", "fgb": ".fgb"}
_MAX_TABLE_ROWS = 40
_MAX_ERRORS_SHOWN = 50

_EXIT_STATUS = """\
exit status:
  0    success; inputs that could not be read are listed on stderr at the end
       (use --strict to make them an error)
  1    internal error (run with --debug for the traceback), or no article
       could be processed at all
  2    bad input or options: one line on stderr, no output written
  130  interrupted (143 on SIGTERM); the file being written keeps its old content
"""

_MAIN_EPILOG = f"""\
examples:
  mapper map                          map the articles in ./seeds/ into ./maps/
  mapper map news/ -o out --name week  all articles under news/ -> out/week.html, out/week.geojson
  mapper extract articles.jsonl > results.jsonl
  mapper geocode "Kryvyi Rih" --country UA

Inputs: .txt (optional first line 'date YYYY-MM-DD <headline>'), .jsonl
({{"id", "text"[, "title", "date", "url", "source"]}} per line), .csv (id,title,date,text
[,url,source]), .html/.htm; folders are read recursively; globs like 'news/*.txt'.
Everything runs offline.

{_EXIT_STATUS}"""

_MAP_EPILOG = f"""\
examples:
  mapper map                                   ./seeds/ -> maps/<name>.html + .geojson
  mapper map article.txt                       -> maps/article.html, maps/article.geojson
  mapper map news/ reports.jsonl -o out        several inputs -> out/incidents.html ...
  mapper map news/ --name week --format gpkg,parquet,csv
  mapper map 'news/**/*.txt' --workers 2 --store archive.gpkg
  mapper map news/ --tiles OpenStreetMap --cdn  online basemap and assets (default: offline)

The map is one self-contained HTML file (opens by double-click, no internet needed).
GeoJSON is always written; --format adds GeoPackage (gpkg), GeoParquet (parquet),
CSV (csv) and FlatGeobuf (fgb). Files mapper did not write are never overwritten
without --force; every file is written atomically (temporary file, then rename).

{_EXIT_STATUS}"""

_EXTRACT_EPILOG = f"""\
examples:
  mapper extract article.txt
  mapper extract articles.jsonl > results.jsonl      ids are passed through
  mapper extract news/ | jq '.incidents[] | [.place, .kind, .killed]'

Output: one JSON object per article on stdout:
  {{"id", "title", "date", "toponyms": [...], "incidents": [...]}}
Toponym offsets ("start", "end") index the article text (end exclusive).

{_EXIT_STATUS}"""

_GEOCODE_EPILOG = f"""\
examples:
  mapper geocode Kharkiv
  mapper geocode "Zaporizhzhia oblast" --limit 3
  mapper geocode Geneva --country CH --json

Looks the name up in the offline gazetteer (alternate names, transliterations and
'X region/oblast' forms; fuzzy matching as a fallback) and prints the best
candidates, most likely first.

{_EXIT_STATUS}"""


_GAZETTEER_EPILOG = f"""\
examples:
  mapper gazetteer import SD.zip                 all of Sudan's villages and districts
  mapper gazetteer import allCountries.zip --country SO,ET --classes places,areas,spots
  mapper gazetteer info --country SD
  mapper gazetteer remove SD.zip

Files come from GeoNames' download server (export/dump: XX.zip per country,
allCountries.zip, cities500.zip, admin2Codes.txt, alternateNamesV2.zip); mapper
reads them offline. An import is known by its file name: importing it again
replaces it.

{_EXIT_STATUS}"""


class _Terminated(BaseException):
    """Raised from the SIGTERM handler so that ``finally`` blocks and temp-file cleanup run."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated()


# --------------------------------------------------------------------------- parser


def _formats(value: str) -> list[str]:
    items = [v.strip().lower() for v in value.replace(" ", ",").split(",") if v.strip()]
    bad = [v for v in items if v not in FORMATS]
    if bad:
        raise argparse.ArgumentTypeError(
            f"unknown format {bad[0]!r} (choose from {', '.join(FORMATS)})"
        )
    return items


def _positive_int(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {n}")
    return n


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=78)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mapper`` command (all sub-commands)."""
    fmt = argparse.RawDescriptionHelpFormatter
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS,
        help="show the full traceback of an internal error",
    )
    reading = argparse.ArgumentParser(add_help=False)
    reading.add_argument(
        "--workers", type=_positive_int, default=1, metavar="N",
        help="worker processes for the language model (default: 1)",
    )
    reading.add_argument(
        "--dask", metavar="ADDR", default=None,
        help="run on a Dask cluster at ADDR (e.g. tcp://10.0.0.5:8786) instead of local processes",
    )
    reading.add_argument(
        "--no-theatre", dest="theatre", action="store_false",
        help="do not read again, with the countries the corpus is about, the articles that name no "
        "country (default: read them again, so their results come once the corpus is read)",
    )
    reading.add_argument(
        "--strict", action="store_true",
        help="stop with exit status 2 when any input file or record cannot be read "
        "(default: skip it and list it at the end)",
    )
    reading.add_argument(
        "-q", "--quiet", action="store_true",
        help="no progress bar, no summary, no warnings (errors are still printed)",
    )

    parser = argparse.ArgumentParser(
        prog="mapper",
        description="Turn war and diplomacy reporting into offline incident maps and GIS layers.",
        epilog=_MAIN_EPILOG,
        formatter_class=fmt,
    )
    parser.add_argument("--version", action="version", version=f"mapper {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an internal error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p_map = sub.add_parser(
        "map",
        parents=[common, reading],
        help="map articles: a layered HTML map plus GIS layers",
        description=_wrap("Read articles, find the places and incidents in them, and write one "
        "layered HTML map (DIR/NAME.html) and GIS layers (DIR/NAME.geojson, ...). "
        "Prints a short table of what was found."),
        epilog=_MAP_EPILOG,
        formatter_class=fmt,
    )
    p_map.add_argument(
        "inputs", nargs="*", metavar="INPUT",
        help="article files, folders or globs (default: the seeds/ folder in the current directory)",
    )
    p_map.add_argument("-o", "--out", dest="out_dir", default="maps", metavar="DIR",
                       help="output folder (default: maps/)")
    p_map.add_argument("--name", default=None,
                       help="output file name without suffix (default: the input file's "
                       "name, or 'incidents' for several files)")
    p_map.add_argument("--format", dest="formats", type=_formats, action="append", metavar="LIST",
                       help=f"extra layer formats, comma-separated: {', '.join(FORMATS)} "
                       "(GeoJSON is always written)")
    p_map.add_argument("--tiles", default=None, metavar="URL|NAME",
                       help="basemap tiles: a folium tile name or an XYZ URL template "
                       "(default: the offline basemap drawn from bundled boundaries)")
    p_map.add_argument("--cdn", action="store_true",
                       help="load Leaflet/JS/CSS from a CDN instead of embedding them (smaller file, needs internet)")
    p_map.add_argument("--store", metavar="X.gpkg", default=None,
                       help="also add the incidents to this GeoPackage store (kept across runs, de-duplicated)")
    p_map.add_argument("--force", action="store_true",
                       help="overwrite output files even if mapper did not write them")
    p_map.set_defaults(func=cmd_map)

    p_ext = sub.add_parser(
        "extract",
        parents=[common, reading],
        help="places and incidents of each article as JSON Lines on stdout",
        description=_wrap("Read articles and print, for each, one JSON object with its toponyms "
        "and incidents (JSON Lines on stdout). Nothing is written to disk."),
        epilog=_EXTRACT_EPILOG,
        formatter_class=fmt,
    )
    p_ext.add_argument("inputs", nargs="+", metavar="INPUT", help="article files, folders or globs")
    p_ext.set_defaults(func=cmd_extract)

    p_geo = sub.add_parser(
        "geocode",
        parents=[common],
        help="look a place name up in the offline gazetteer",
        description="Look a place name up in the offline gazetteer and print the best candidates.",
        epilog=_GEOCODE_EPILOG,
        formatter_class=fmt,
    )
    p_geo.add_argument("query", metavar="QUERY", help="a place name, as written in an article")
    p_geo.add_argument("--country", metavar="CC", default=None,
                       help="only places in this country (ISO 3166-1 alpha-2, e.g. UA)")
    p_geo.add_argument("--limit", type=_positive_int, default=5, metavar="N",
                       help="how many candidates to show (default: 5)")
    p_geo.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p_geo.set_defaults(func=cmd_geocode)

    p_gaz = sub.add_parser(
        "gazetteer", parents=[common], help="add GeoNames dumps to the gazetteer, show what it holds",
        description=_wrap("Manage the offline gazetteer: import GeoNames dumps you downloaded (a country's "
        "villages: XX.zip), show what the index holds, remove imports."),
        epilog=_GAZETTEER_EPILOG, formatter_class=fmt,
    )
    gaz = p_gaz.add_subparsers(dest="action", metavar="ACTION", required=True)
    p_imp = gaz.add_parser("import", parents=[common], help="import GeoNames files (XX.zip, cities1000.zip, ...)")
    p_imp.add_argument("paths", nargs="+", metavar="PATH", help="GeoNames files, .zip or .txt")
    p_imp.add_argument("--classes", default=None, metavar="LIST",
                       help="feature classes to keep: letters (P,A,S,H,T,L,R,V,U) or words (places, areas, spots, "
                       "water, terrain, all); default P,A")
    p_imp.add_argument("--country", default=None, metavar="CC[,CC]", help="keep only these countries")
    p_imp.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    p_imp.set_defaults(func=cmd_gazetteer)
    p_inf = gaz.add_parser("info", parents=[common], help="sources, imports and places per country")
    p_inf.add_argument("--country", default=None, metavar="CC", help="only this country")
    p_inf.add_argument("--json", action="store_true", help="print JSON")
    p_inf.set_defaults(func=cmd_gazetteer)
    p_rm = gaz.add_parser("remove", parents=[common], help="remove imports by name (see info), or 'all'")
    p_rm.add_argument("names", nargs="+", metavar="NAME")
    p_rm.set_defaults(func=cmd_gazetteer)
    return parser


# --------------------------------------------------------------------------- helpers


class _LogToStderr:
    """Show the library's warnings as ``mapper: warning: ...`` lines while a command runs."""

    def __init__(self, *, quiet: bool) -> None:
        self.quiet = quiet
        self.logger = logging.getLogger("mapper")

    def __enter__(self) -> None:
        self.saved = (self.logger.level, self.logger.propagate)
        self.handler = logging.StreamHandler(sys.stderr)
        self.handler.setFormatter(_Formatter())
        self.logger.addHandler(self.handler)
        self.logger.setLevel(logging.ERROR if self.quiet else logging.WARNING)
        self.logger.propagate = False

    def __exit__(self, *exc: Any) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.setLevel(self.saved[0])
        self.logger.propagate = self.saved[1]


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        msg = record.getMessage().replace("\n", " ")
        return f"mapper: {record.levelname.lower()}: {msg}"


def _read_inputs(inputs: Sequence[str], *, strict: bool) -> tuple[list[Any], list[str]]:
    """Find and read the articles (fast; no model is loaded)."""
    from mapper.articles import read_articles

    errors: list[str] = []
    articles = read_articles(inputs, errors=errors)
    if strict and errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise MapperError(f"{errors[0]}{more}; nothing written (--strict)")
    return articles, errors


def _stream_inputs(inputs: Sequence[str]) -> tuple[Any, list[str]]:
    """Articles as a stream (bounded memory for big corpora).

    Paths are checked and files are read up to the first good article before
    returning, so a missing path or an input with nothing readable fails at once,
    before any model is loaded; later bad files are collected in the error list.
    """
    import itertools

    from mapper.articles import iter_articles

    errors: list[str] = []
    stream = iter_articles(inputs, errors=errors)
    first = next(stream, None)
    if first is None:
        if len(errors) == 1:
            raise MapperError(errors[0])
        if errors:
            raise MapperError(f"no readable articles: {errors[0]} (and {len(errors) - 1} more problems)")
        raise MapperError("no articles found in the input")
    return itertools.chain([first], stream), errors


def _default_inputs() -> list[str]:
    seeds = Path("seeds")
    if not seeds.is_dir():
        raise MapperError(
            f"no INPUT given and there is no seeds/ folder in {Path.cwd()}; "
            "name the article files or folders to map (see mapper map --help)"
        )
    return [str(seeds)]


def _output_name(name: str | None, inputs: Sequence[str]) -> str:
    if name is not None:
        if not name.strip() or any(c in name for c in "/\\\0") or name.startswith("."):
            raise MapperError(f"--name {name!r}: give a plain file name without folders or suffix")
        return name.strip()
    from mapper.articles import find_inputs

    files = find_inputs(inputs)
    return files[0].stem if len(files) == 1 else "incidents"


def _report_errors(errors: Sequence[str]) -> None:
    if not errors:
        return
    noun = "problem" if len(errors) == 1 else "problems"
    print(f"mapper: skipped {len(errors)} {noun} (the rest was processed):", file=sys.stderr)
    shown = errors if len(errors) <= _MAX_ERRORS_SHOWN else errors[: _MAX_ERRORS_SHOWN - 1]
    for line in shown:
        print(f"  {line}", file=sys.stderr)
    if len(shown) < len(errors):
        print(f"  ... and {len(errors) - len(shown)} more", file=sys.stderr)


class ProcessingFailed(Exception):
    """No article could be processed at all: a broken installation, not bad input (exit 1)."""


def _process(articles: Any, args: argparse.Namespace, errors: list[str], *, progress: bool):
    """Run the pipeline lazily; raise :class:`ProcessingFailed` when every article failed."""
    from mapper.pipeline import process  # heavy: spaCy, gazetteer

    failed: list[str] = []  # kept apart from reading problems, which a stream may add meanwhile
    count = 0
    try:
        for result in process(articles, workers=args.workers, dask=args.dask, progress=progress, errors=failed,
                              theatre=getattr(args, "theatre", True)):
            count += 1
            yield result
    finally:
        errors.extend(failed)
    if count == 0 and failed:
        raise ProcessingFailed(
            f"no article could be processed ({_plural(len(failed), 'problem')}; first: {failed[0]})"
        )


# --------------------------------------------------------------------------- commands


def cmd_map(args: argparse.Namespace) -> int:
    """``mapper map``: read, process, write the map and the layers, print a summary."""
    inputs = list(args.inputs) or _default_inputs()
    formats = ["geojson"]
    for group in args.formats or []:
        formats += [f for f in group if f not in formats]
    name = _output_name(args.name, inputs)
    articles, errors = _read_inputs(inputs, strict=args.strict)

    from mapper.files import check_writable

    out_dir = Path(args.out_dir)
    html_path = out_dir / f"{name}.html"
    planned = [html_path] + [out_dir / f"{name}{_EXT[f]}" for f in formats]
    for path in planned:  # fail now, not after minutes of processing
        check_writable(path, force=args.force)
    if args.store:
        store = Path(args.store)
        if store.exists() and store.is_dir():
            raise MapperError(f"--store {store}: is a folder; give a .gpkg file")

    results: list[ArticleResult] = list(_process(articles, args, errors, progress=not args.quiet))

    from mapper.export import write_layers
    from mapper.webmap import write_map

    written = list(write_layers(results, out_dir=out_dir, name=name, formats=formats, force=args.force))
    written.append(write_map(results, html_path, tiles=args.tiles, cdn=args.cdn, force=args.force))
    stored = None
    if args.store:
        from mapper.store import IncidentStore

        stored = IncidentStore(Path(args.store)).add(results)

    if not args.quiet:
        print(summary(results, skipped=len(errors)))
        print()
        print("wrote " + "\n      ".join(str(p) for p in sorted(set(map(Path, written)), key=_html_first)))
        if stored is not None:
            print(f"added {stored} incident(s) to {args.store}")
    _report_errors(errors)
    return 0


def _html_first(path: Path) -> tuple[int, str]:
    return (0 if path.suffix == ".html" else 1, str(path))


def cmd_extract(args: argparse.Namespace) -> int:
    """``mapper extract``: JSON Lines of toponyms and incidents on stdout."""
    if args.strict:
        articles, errors = _read_inputs(args.inputs, strict=True)
    else:
        articles, errors = _stream_inputs(args.inputs)
    with _utf8_stdout():
        for result in _process(articles, args, errors, progress=not args.quiet and sys.stderr.isatty()):
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
    _report_errors(errors)
    return 0


class _utf8_stdout:
    """Write stdout as UTF-8 whatever the locale says (JSON Lines are UTF-8)."""

    def __enter__(self) -> None:
        self.old = getattr(sys.stdout, "encoding", None)
        reconfigure = getattr(sys.stdout, "reconfigure", None)
        if reconfigure is not None and (self.old or "").lower().replace("-", "") != "utf8":
            try:
                reconfigure(encoding="utf-8")
            except (ValueError, OSError):
                pass

    def __exit__(self, *exc: Any) -> None:
        return None


def cmd_geocode(args: argparse.Namespace) -> int:
    """``mapper geocode``: candidates from the offline gazetteer."""
    from mapper.gazetteer.cli import geocode_command

    country = args.country.strip().upper() if args.country else None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise MapperError(f"--country {args.country!r}: give a two-letter ISO code such as UA")
    if not args.query.strip():
        raise MapperError("QUERY is empty")
    out = geocode_command(args.query, country=country, limit=args.limit, as_json=args.json)
    if out:
        print(out)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """``mapper gazetteer import|info|remove``: manage the offline gazetteer's imports."""
    from mapper.gazetteer import cli as gaz

    if args.action == "import":
        out = gaz.import_command(args.paths, classes=args.classes, countries=args.country, progress=not args.quiet)
    elif args.action == "info":
        out = gaz.info_command(as_json=args.json, country=args.country)
    else:
        out = gaz.remove_command(args.names)
    print(out)
    return 0


# --------------------------------------------------------------------------- summary


def summary(results: Sequence[ArticleResult], *, skipped: int = 0) -> str:
    """A short text table of what was found: incidents per place and kind.

    Incidents that several articles report are merged first (same place, kind
    and date), so casualties are not double counted.
    """
    incidents = [i for r in results for i in r.incidents]
    try:
        from mapper.merge import merge_incidents

        incidents = list(merge_incidents(incidents))
    except ImportError:  # pragma: no cover - merge is part of the package
        pass
    places = {t.geonameid for r in results for t in r.toponyms}
    head = (
        f"{_plural(len(results), 'article')} read"
        + (f" ({skipped} skipped, see the end)" if skipped else "")
        + f"; {_plural(len(places), 'place')}, {_plural(len(incidents), 'incident')}"
    )
    if not incidents:
        return head + "\n(no incidents found)"
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for inc in incidents:  # one row per kind and point (one place may be spelt two ways)
        key = (inc.kind, inc.geonameid, inc.lat, inc.lon, "" if inc.has_point else inc.place)
        g = groups.setdefault(key, {"n": 0, "weapons": set(), "killed": None, "wounded": None,
                                    "place": inc.place + ("" if inc.has_point else " (no point)"),
                                    "cc": inc.country_code})
        g["n"] += 1
        g["weapons"].update(inc.weapons)
        for field in ("killed", "wounded"):
            value = getattr(inc, field)
            if value is not None:
                g[field] = (g[field] or 0) + value
    rows = sorted(groups.items(), key=lambda kv: (_KIND_ORDER.get(kv[0][0], 9), -kv[1]["n"], kv[1]["place"], kv[1]["cc"],
                                                  kv[0][1]))
    table = [("place", "kind", "n", "weapons", "killed", "wounded")]
    for (kind, *_where), g in rows[:_MAX_TABLE_ROWS]:
        place, cc = g["place"], g["cc"]
        table.append((
            f"{place}, {cc}" if cc else place,
            kind,
            str(g["n"]),
            ", ".join(sorted(g["weapons"])) or "-",
            "-" if g["killed"] is None else str(g["killed"]),
            "-" if g["wounded"] is None else str(g["wounded"]),
        ))
    widths = [min(max(len(row[i]) for row in table), 40) for i in range(len(table[0]))]
    lines = [head, ""]
    for row in table:
        cells = [_cut(cell, w).ljust(w) if i < 4 else _cut(cell, w).rjust(w) for i, (cell, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    if len(rows) > _MAX_TABLE_ROWS:
        lines.append(f"... and {len(rows) - _MAX_TABLE_ROWS} more rows (see the GeoJSON layer)")
    return "\n".join(lines)


_KIND_ORDER = {"attack": 0, "diplomacy": 1, "other": 2}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``mapper`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = bool(getattr(args, "debug", False)) or os.environ.get("MAPPER_DEBUG") == "1"
    old_term = None
    try:
        old_term = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        pass
    try:
        with _LogToStderr(quiet=getattr(args, "quiet", False)):
            return int(args.func(args))
    except MapperError as exc:
        print(f"mapper: error: {_one_line(exc)}", file=sys.stderr)
        return getattr(exc, "exit_code", 2)
    except KeyboardInterrupt:
        print("mapper: interrupted", file=sys.stderr)
        return 130
    except _Terminated:
        print("mapper: terminated", file=sys.stderr)
        return 143
    except BrokenPipeError:
        # the reader of stdout went away (e.g. `mapper extract ... | head`)
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except ProcessingFailed as exc:
        print(f"mapper: error: {_one_line(exc)}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if debug:
            raise
        print(
            f"mapper: internal error: {type(exc).__name__}: {_one_line(exc)}; "
            "run with --debug for the traceback",
            file=sys.stderr,
        )
        return 1
    finally:
        if old_term is not None:
            signal.signal(signal.SIGTERM, old_term)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:500] + ("…" if len(text) > 500 else "") if text else type(exc).__name__


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
