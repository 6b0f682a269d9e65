"""Read news articles from files, folders and globs into :class:`~mapper.model.Article` records.

Supported inputs
----------------
``.txt`` (and any other explicitly named file)
    One article. When the first line is ``date YYYY-MM-DD <headline>`` it gives
    the article's ``date`` and ``title`` and the text is the body after it. A
    first line that looks like a dateline but does not parse (``date 2026-13-40``)
    is kept as text and a warning is logged.
``.jsonl`` / ``.ndjson``
    One article per line: ``{"id", "text"[, "title", "date", "url", "source"]}``.
    ``id`` is passed through (as a string) and ``text`` is kept exactly as given,
    so toponym offsets index it. A bad line is reported with its line number and
    skipped; the good lines are read.
``.json``
    One article object or a list of them (same fields as JSON Lines).
``.csv``
    A header row with at least a ``text`` column (``id,title,date,text[,url,source]``).
    A CSV without a text column is an error for that file.
``.html`` / ``.htm``
    The article text is extracted with trafilatura (offline; no URL is fetched).

Folders are read recursively (``.txt .jsonl .ndjson .csv .html .htm``; hidden
files and folders are skipped), in sorted order. Shell-style globs
(``news/**/*.txt``) are expanded.

Encodings: UTF-8 (with or without BOM), UTF-16/32 (BOM, or BOM-less UTF-16 text),
and the common 8-bit code pages, Windows-1251 and KOI8 for Cyrillic, Windows-1252
for Latin (detected with charset_normalizer). In ``.txt`` and ``.html`` articles
line endings (``\\r\\n``, ``\\r``) become ``\\n`` and the text is NFC-normalised
(the ``text`` field of JSON / CSV records is kept as given). Binary files are
rejected ("not a text file"), as are empty and whitespace-only ones.

Ids: a record's ``id`` is passed through unchanged (a repeated one is warned
about); records without one get ``<file stem>:<line>``; ``.txt``/``.html`` files
get their file stem, with ``~2``, ``~3``... added when two files share a stem.

Limits (keep time and memory bounded whatever is fed in)
--------------------------------------------------------
:data:`MAX_TEXT_CHARS` characters per article: longer texts are cut at the last
paragraph or sentence break before the limit and a warning is logged; only that
much of a file is ever read. A JSON Lines line or CSV field longer than
:data:`MAX_RECORD_BYTES` is reported and skipped.

Errors
------
Missing paths and globs that match nothing raise :class:`~mapper.model.MapperError`
at once. A bad file or record inside the inputs is appended to ``errors`` (one
line, starting with the file name) and skipped; when nothing readable is left,
:class:`~mapper.model.MapperError` is raised.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import glob
import io
import json
import logging
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from mapper.datelines import local_day
from mapper.model import Article, MapperError

log = logging.getLogger(__name__)

#: Largest article text kept, in characters (longer texts are truncated with a warning).
MAX_TEXT_CHARS = 100_000
#: Largest JSON Lines line / CSV field / HTML document read, in bytes.
MAX_RECORD_BYTES = 4 * 1024 * 1024
#: Bytes looked at to decide the encoding and whether a file is text at all.
SNIFF_BYTES = 64 * 1024

#: Suffixes picked up when reading a folder.
FOLDER_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".html", ".htm")

# 8-bit code pages considered when a file is not UTF-8/16/32 (Cyrillic first: the
# common encodings of Ukrainian and Russian sources, then Western European).
_CODEPAGES = ["cp1251", "cp1252", "koi8_r", "koi8_u", "iso8859_5", "mac_cyrillic"]

_DATELINE = re.compile(r"^\s*date[:\s]\s*(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.IGNORECASE)
_DATELINE_LIKE = re.compile(r"^\s*date\s*[:\s]\s*\S*\d", re.IGNORECASE)
_CONTROL_OK = {"\t", "\n", "\r", "\f", "\v"}


class _BadInput(Exception):
    """One unreadable file or record (becomes one line in ``errors``)."""


# --------------------------------------------------------------------------- inputs


def find_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """Expand files, folders and globs into a sorted, de-duplicated list of files.

    Parameters
    ----------
    inputs : sequence of str or Path
        Files (any suffix), folders (searched recursively for
        :data:`FOLDER_SUFFIXES`) and glob patterns.

    Returns
    -------
    list of Path

    Raises
    ------
    MapperError
        For a path that does not exist, a glob that matches nothing, a folder
        without article files, or no inputs at all.
    """
    if not inputs:
        raise MapperError("no input given")
    found: list[Path] = []
    for raw in inputs:
        text = str(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            files = _walk(path)
            if not files:
                raise MapperError(
                    f"{text}: no articles found (looked for {', '.join(FOLDER_SUFFIXES)} files)"
                )
            found.extend(files)
        elif path.exists():
            found.append(path)
        elif glob.has_magic(text):
            matches = sorted(glob.glob(os.path.expanduser(text), recursive=True))
            files = []
            for match in map(Path, matches):
                files.extend(_walk(match) if match.is_dir() else [match])
            if not files:
                raise MapperError(f"{text}: no files match this pattern")
            found.extend(files)
        else:
            raise MapperError(f"{text}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _walk(folder: Path) -> list[Path]:
    files = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(FOLDER_SUFFIXES):
                files.append(Path(dirpath) / name)
    return sorted(files)


# --------------------------------------------------------------------------- public API


def read_articles(
    inputs: Sequence[str | Path],
    *,
    errors: list[str] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> list[Article]:
    """Read every article in ``inputs``.

    Parameters
    ----------
    inputs : sequence of str or Path
        Files, folders (recursive) and glob patterns.
    errors : list of str, optional
        Receives one line per unreadable file or record (which is skipped).
        Without it, the lines are logged as warnings.
    max_chars : int
        Longest article text kept (see :data:`MAX_TEXT_CHARS`).

    Returns
    -------
    list of Article
        In input order (folders sorted), ids unique.

    Raises
    ------
    MapperError
        When an input path is missing, or when no article could be read.
    """
    sink: list[str] = [] if errors is None else errors
    before = len(sink)
    articles = list(iter_articles(inputs, errors=sink, max_chars=max_chars))
    new = sink[before:]
    if errors is None:
        for line in new:
            log.warning("%s", line)
    if not articles:
        if len(new) == 1:
            raise MapperError(new[0])
        if new:
            raise MapperError(f"no readable articles: {new[0]} (and {len(new) - 1} more problems)")
        raise MapperError("no articles found in the input")
    return articles


def iter_articles(
    inputs: Sequence[str | Path],
    *,
    errors: list[str] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> Iterator[Article]:
    """Stream the articles of ``inputs`` (the streaming form of :func:`read_articles`).

    Paths are checked when this is called (a missing path raises
    :class:`MapperError` at once); files are read one at a time as the
    iterator is consumed, so memory stays bounded for big corpora. Bad files or
    records go to ``errors`` (or are logged when it is ``None``). Unlike
    :func:`read_articles`, an input with no readable article yields nothing
    instead of raising.
    """
    files = find_inputs(inputs)
    return _iter_files(files, errors=errors, max_chars=max_chars)


def _iter_files(files: list[Path], *, errors: list[str] | None, max_chars: int) -> Iterator[Article]:
    ids: dict[str, int] = {}
    for path in files:
        try:
            records = path.suffix.lower() in _RECORD_SUFFIXES
            for article in _read_one(path, errors=errors, max_chars=max_chars):
                if records and not _is_default_id(article.id, path):
                    yield _given_id(article, ids)
                else:
                    yield _unique_id(article, ids)
        except _BadInput as exc:
            _report(errors, f"{path}: {exc}")
        except OSError as exc:
            _report(errors, f"{path}: cannot read ({exc.strerror or exc})")
        except (ValueError, LookupError, csv.Error) as exc:
            _report(errors, f"{path}: cannot read ({exc})")


_RECORD_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv")


def _is_default_id(article_id: str, path: Path) -> bool:
    """True for the ``<stem>:<n>`` ids given to records without an ``id``."""
    head, _, tail = article_id.rpartition(":")
    return head == path.stem and tail.isdigit()


def _given_id(article: Article, ids: dict[str, int]) -> Article:
    """An id from the input is passed through unchanged (a repeat is only warned about)."""
    if ids.get(article.id, 0):
        log.warning("article id %r occurs more than once in the input; kept as given", article.id)
    ids[article.id] = ids.get(article.id, 0) + 1
    return article


def _unique_id(article: Article, ids: dict[str, int]) -> Article:
    """Ids mapper made (file stems, line numbers) get a ``~N`` suffix when repeated."""
    n = ids.get(article.id, 0)
    ids[article.id] = n + 1
    if n == 0:
        return article
    new_id = f"{article.id}~{n + 1}"
    while new_id in ids:
        n += 1
        new_id = f"{article.id}~{n + 1}"
    ids[new_id] = 1
    log.warning("duplicate article id %r renamed to %r", article.id, new_id)
    return _replace(article, id=new_id)


def _report(errors: list[str] | None, line: str) -> None:
    if errors is None:
        log.warning("%s", line)
    else:
        errors.append(line)


def read_file(
    path: str | Path,
    *,
    errors: list[str] | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> list[Article]:
    """Read the article(s) in one file, chosen by its suffix.

    Record-level problems (a bad JSON Lines line, a CSV row without text) go to
    ``errors``; a problem with the whole file raises :class:`MapperError`.
    """
    path = Path(path)
    try:
        return list(_read_one(path, errors=errors, max_chars=max_chars))
    except _BadInput as exc:
        raise MapperError(f"{path}: {exc}") from None
    except OSError as exc:
        raise MapperError(f"{path}: cannot read ({exc.strerror or exc})") from None


def _read_one(path: Path, *, errors: list[str] | None, max_chars: int) -> Iterator[Article]:
    if path.is_dir():
        raise _BadInput("is a folder")
    size = path.stat().st_size
    if size == 0:
        raise _BadInput("empty file")
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(path, errors=errors, max_chars=max_chars)
    elif suffix == ".json":
        yield from _read_json(path, errors=errors, max_chars=max_chars)
    elif suffix == ".csv":
        yield from _read_csv(path, errors=errors, max_chars=max_chars)
    elif suffix in (".html", ".htm", ".xhtml"):
        yield _read_html(path, max_chars=max_chars)
    else:
        yield _read_txt(path, max_chars=max_chars)


# --------------------------------------------------------------------------- decoding


def sniff_encoding(head: bytes) -> str:
    """Guess the encoding of a file from its first bytes.

    Raises ``_BadInput("not a text file ...")`` for binary data.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        encoding = _bomless_utf16(head)
        if encoding is None:
            raise _BadInput("not a text file (binary data)")
        return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer  # lazy: only needed for legacy encodings

    best = charset_normalizer.from_bytes(head, cp_isolation=_CODEPAGES).best()
    if best is None:
        raise _BadInput("not a text file (unknown encoding or binary data)")
    return best.encoding


def _bomless_utf16(head: bytes) -> str | None:
    """Recognise UTF-16 without a BOM: the high bytes of its code units take very few values.

    In text (one or two scripts) the high byte of each 16-bit unit is almost always
    0x00 (ASCII: spaces, digits, punctuation) or the block of the script (0x04 for
    Cyrillic); in binary data it is spread over many values.
    """
    from collections import Counter

    head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    best, best_share = None, 0.0
    for encoding, high in (("utf-16-le", head[1::2]), ("utf-16-be", head[0::2])):
        counts = Counter(high)
        share = sum(n for _, n in counts.most_common(3)) / len(high)
        if counts.get(0, 0) > 0.02 * len(high) and share > best_share:
            best, best_share = encoding, share
    if best is None or best_share < 0.95:
        return None
    try:
        sample = head.decode(best)
    except UnicodeDecodeError:
        return None
    ok = sum(1 for ch in sample if ch.isprintable() or ch in _CONTROL_OK)
    return best if ok >= 0.98 * len(sample) else None


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _check_text(sample: str) -> None:
    """Reject decoded text with more than 1% control characters / replacement marks."""
    if not sample:
        return
    bad = len(_CONTROL.findall(sample))
    if bad > max(2, 0.01 * len(sample)):
        raise _BadInput("not a text file (binary data)")


def _open_text(path: Path) -> tuple[TextIO, str]:
    """Open ``path`` as text with a sniffed encoding and universal newlines."""
    raw = open(path, "rb")
    try:
        head = raw.read(SNIFF_BYTES)
        encoding = sniff_encoding(head)
        _check_text(codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=False))
        raw.seek(0)
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline=None)
    except BaseException:
        raw.close()
        raise
    return text, encoding


def clean_text(text: str) -> str:
    """Normalise line endings, drop BOMs and NULs, and NFC-normalise ``text``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\x00", "")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", text)


def truncate(text: str, max_chars: int) -> str:
    """Cut ``text`` to at most ``max_chars``, at a paragraph or sentence break when one is near."""
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    floor = int(max_chars * 0.8)
    for sep in ("\n\n", "\n", ". ", " "):
        at = cut.rfind(sep, floor)
        if at > 0:
            return cut[: at + len(sep)].rstrip()
    return cut


def _fit(text: str, max_chars: int, where: str) -> str:
    if len(text) > max_chars:
        log.warning(
            "%s: text longer than %s characters; only the first part is used", where, f"{max_chars:,}"
        )
        return truncate(text, max_chars)
    return text


# --------------------------------------------------------------------------- readers


def _read_txt(path: Path, *, max_chars: int) -> Article:
    fh, _ = _open_text(path)
    with fh:
        text = fh.read(max_chars + 1)
    over = len(text) > max_chars
    text = clean_text(text)
    if not text.strip():
        raise _BadInput("only whitespace, no text")
    if over:
        log.warning(
            "%s: text longer than %s characters; only the first part is used", path, f"{max_chars:,}"
        )
        text = truncate(text, max_chars)
    date, title, body = split_dateline(text, where=str(path))
    if not body.strip():
        raise _BadInput("no article text after the dateline")
    return Article(id=path.stem, text=body, title=title, date=date)


def split_dateline(text: str, *, where: str = "") -> tuple[str | None, str, str]:
    """Split a ``date YYYY-MM-DD <headline>`` first line off ``text``.

    Returns
    -------
    (date, title, body)
        ``date`` is None and ``body`` is the whole (stripped) text when there is
        no valid dateline; a first line that looks like a dateline but does not
        parse is kept as text, with a warning.
    """
    text = text.strip()
    first, _, rest = text.partition("\n")
    match = _DATELINE.match(first)
    if match:
        date = _valid_date(match.group(1))
        if date is not None:
            return date, (match.group(2) or "").strip(), rest.strip()
    if _DATELINE_LIKE.match(first):
        log.warning(
            "%s: first line looks like a dateline but is not 'date YYYY-MM-DD headline'; "
            "kept as text",
            where or "article",
        )
    return None, "", text


def _valid_date(value: str) -> str | None:
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def normalise_date(value: Any, *, where: str = "") -> str | None:
    """Return ``YYYY-MM-DD`` from a date-ish field (ISO date or datetime), else None with a warning."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    m = re.match(r"^(\d{4}-\d{2}-\d{2})(?:$|[T\s])", text)
    date = _valid_date(m.group(1)) if m else None
    if date is None:
        log.warning("%s: date %r is not YYYY-MM-DD; ignored", where or "article", text[:40])
    return date


def publication_date(value: Any, text: str, *, where: str = "") -> str | None:
    """``YYYY-MM-DD`` of a record's date field, on the calendar of the place the story was filed:
    a timestamp with a UTC offset is read in the time zone of the dateline opening ``text``
    ("KYIV, Ukraine (AP) —"), so ``2024-11-08T23:30:00Z`` is 9 November there. None when missing."""
    date = normalise_date(value, where=where)
    if date is None:
        return None
    return local_day(str(value), text) or date


_TEXT_KEYS = ("text", "body", "content")
_TITLE_KEYS = ("title", "headline")


def _from_record(rec: dict[str, Any], *, default_id: str, where: str, max_chars: int) -> Article:
    """Build an Article from a JSON/CSV record; raise _BadInput when it has no usable text."""
    lower = {str(k).strip().lower(): v for k, v in rec.items()}
    text_value = next((lower[k] for k in _TEXT_KEYS if k in lower), None)
    if text_value is None:
        raise _BadInput('no "text" field')
    if not isinstance(text_value, str):
        raise _BadInput('"text" is not a string')
    if not text_value.strip():
        raise _BadInput('"text" is empty')
    # kept exactly as given (no stripping or normalising), so offsets index the caller's text
    text = _fit(text_value, max_chars, where)
    raw_id = lower.get("id")
    art_id = default_id if raw_id in (None, "") else str(raw_id)
    title = next((lower[k] for k in _TITLE_KEYS if lower.get(k) not in (None, "")), "")
    return Article(
        id=art_id,
        text=text,
        title=clean_text(str(title)).strip(),
        date=publication_date(lower.get("date"), text, where=where),
        url=_opt_str(lower.get("url")),
        source=_opt_str(lower.get("source")),
    )


def _opt_str(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return str(value).strip() or None


#: A JSON Lines file whose first this-many non-blank lines are all bad is rejected as a whole.
_JSONL_GIVE_UP = 10


def _read_jsonl(path: Path, *, errors: list[str] | None, max_chars: int) -> Iterator[Article]:
    fh, _ = _open_text(path)
    limit = MAX_RECORD_BYTES
    good = 0
    pending: list[str] = []  # line problems before the first good line

    def bad(lineno: int, message: str) -> None:
        if good:
            _report(errors, f"{path}:{lineno}: {message}")
            return
        pending.append(f"{path}:{lineno}: {message}")
        if len(pending) >= _JSONL_GIVE_UP:
            raise _BadInput(f"not a JSON Lines file (the first {len(pending)} lines are not article objects; "
                            f"line {pending[0].split(':', 2)[1]}: {pending[0].split(': ', 1)[1]})")

    with fh:
        lineno = 0
        while True:
            line = fh.readline(limit)
            if not line:
                break
            lineno += 1
            if len(line) >= limit and not line.endswith("\n"):
                while True:  # skip the rest of the over-long line without keeping it
                    rest = fh.readline(limit)
                    if not rest or rest.endswith("\n"):
                        break
                bad(lineno, f"line longer than {limit // (1024 * 1024)} MB; skipped")
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                msg = getattr(exc, "msg", str(exc))
                col = getattr(exc, "colno", None)
                bad(lineno, f"not valid JSON ({msg}{f' at column {col}' if col else ''})")
                continue
            if not isinstance(rec, dict):
                bad(lineno, f"expected a JSON object, got {type(rec).__name__}")
                continue
            try:
                article = _from_record(rec, default_id=f"{path.stem}:{lineno}", where=f"{path}:{lineno}",
                                       max_chars=max_chars)
            except _BadInput as exc:
                bad(lineno, str(exc))
                continue
            if not good:
                for line_error in pending:
                    _report(errors, line_error)
                pending.clear()
            good += 1
            yield article
    if not good:
        if len(pending) == 1:
            lineno_text, message = pending[0].split(":", 2)[1], pending[0].split(": ", 1)[1]
            raise _BadInput(f"line {lineno_text}: {message}")
        if pending:
            raise _BadInput(f"no readable line ({len(pending)} bad lines; first: {pending[0].split(': ', 1)[1]})")
        raise _BadInput("only whitespace, no articles")


def _read_json(path: Path, *, errors: list[str] | None, max_chars: int) -> Iterator[Article]:
    if path.stat().st_size > MAX_RECORD_BYTES * 8:
        raise _BadInput(
            f"JSON file larger than {MAX_RECORD_BYTES * 8 // (1024 * 1024)} MB; use JSON Lines for big corpora"
        )
    fh, _ = _open_text(path)
    with fh:
        data = fh.read()
    _check_text(data[:SNIFF_BYTES])
    if not data.strip():
        raise _BadInput("only whitespace, no text")
    try:
        doc = json.loads(data)
    except ValueError as exc:
        raise _BadInput(f"not valid JSON ({getattr(exc, 'msg', exc)} at line {getattr(exc, 'lineno', '?')})") from None
    records = doc if isinstance(doc, list) else [doc]
    for n, rec in enumerate(records, 1):
        where = f"{path}[{n}]"
        if not isinstance(rec, dict):
            _report(errors, f"{where}: expected a JSON object")
            continue
        try:
            yield _from_record(rec, default_id=f"{path.stem}:{n}", where=where, max_chars=max_chars)
        except _BadInput as exc:
            _report(errors, f"{where}: {exc}")


def _read_csv(path: Path, *, errors: list[str] | None, max_chars: int) -> Iterator[Article]:
    fh, _ = _open_text(path)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_RECORD_BYTES)
    try:
        with fh:
            head = fh.read(SNIFF_BYTES)
            _check_text(head)
            if not head.strip():
                raise _BadInput("only whitespace, no text")
            try:
                dialect: Any = csv.Sniffer().sniff(head.split("\n", 1)[0], delimiters=",;\t|")
            except csv.Error:
                dialect = csv.excel
            fh.seek(0)
            reader = csv.reader(fh, dialect)
            try:
                header = next(reader)
            except (StopIteration, csv.Error):
                raise _BadInput("no header row") from None
            columns = [h.strip().lower().lstrip("\ufeff") for h in header]
            if not any(k in columns for k in _TEXT_KEYS):
                shown = ", ".join(c for c in columns if c)[:200] or "none"
                raise _BadInput(f"CSV has no 'text' column (columns: {shown}); expected id,title,date,text[,url,source]")
            count = 0
            while True:
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    _report(errors, f"{path}:{reader.line_num}: bad CSV row ({exc})")
                    continue
                if not any(cell.strip() for cell in row):
                    continue
                count += 1
                where = f"{path}:{reader.line_num}"
                rec = dict(zip(columns, row))
                try:
                    yield _from_record(rec, default_id=f"{path.stem}:{count}", where=where, max_chars=max_chars)
                except _BadInput as exc:
                    _report(errors, f"{where}: {exc}")
    finally:
        csv.field_size_limit(old_limit)


def _read_html(path: Path, *, max_chars: int) -> Article:
    with open(path, "rb") as raw:
        data = raw.read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        log.warning("%s: HTML larger than %d MB; only the first part is read", path, MAX_RECORD_BYTES >> 20)
        data = data[:MAX_RECORD_BYTES]
    encoding = sniff_encoding(data[:SNIFF_BYTES])
    html = data.decode(encoding, errors="replace")
    _check_text(html[:SNIFF_BYTES])
    if not html.strip():
        raise _BadInput("only whitespace, no text")
    title, date, url, text = html_to_text(html)
    text = clean_text(text).strip()
    if not text:
        raise _BadInput("no article text found in the HTML")
    text = _fit(text, max_chars, str(path))
    return Article(id=path.stem, text=text, title=title, date=date, url=url)


def html_to_text(html: str) -> tuple[str, str | None, str | None, str]:
    """Extract ``(title, date, url, text)`` from an HTML page, offline.

    Uses trafilatura's main-content extraction; falls back to all visible text
    (scripts and styles dropped) when trafilatura is unavailable or finds nothing.
    """
    title, date, url, text = "", None, None, ""
    try:
        import trafilatura  # lazy: heavy import

        raw = trafilatura.extract(
            html,
            output_format="json",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            fast=True,
        )
        if raw:
            meta = json.loads(raw)
            text = meta.get("text") or ""
            title = (meta.get("title") or "").strip()
            date = normalise_date(meta.get("date"), where="html") if meta.get("date") else None
            url = meta.get("url") or None
    except ImportError as exc:  # pragma: no cover - depends on the environment
        log.debug("trafilatura unavailable (%s); using plain HTML text", exc)
    except Exception as exc:  # noqa: BLE001 - a third-party parser must not crash a corpus run
        log.debug("trafilatura failed (%s); using plain HTML text", exc)
    if not text.strip():
        title2, text = _plain_html_text(html)
        title = title or title2
    return title, date, url, text


def _plain_html_text(html: str) -> tuple[str, str]:
    from html.parser import HTMLParser

    class _Text(HTMLParser):
        skip = {"script", "style", "noscript", "template", "svg", "head"}
        blocks = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section"}

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.parts: list[str] = []
            self.title: list[str] = []
            self.in_title = False

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag == "title":
                self.in_title = True
            if tag in self.skip:
                self.depth += 1
            elif tag in self.blocks:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag == "title":
                self.in_title = False
            if tag in self.skip and self.depth:
                self.depth -= 1
            elif tag in self.blocks:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if self.in_title:
                self.title.append(data)
            elif not self.depth:
                self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).split("\n")]
    text = "\n".join(line for line in lines if line)
    return " ".join("".join(parser.title).split()), text


def _replace(article: Article, **changes: Any) -> Article:
    from dataclasses import replace

    return replace(article, **changes)
