"""Readers of mapper.articles: formats, encodings, datelines, folders, globs, limits.

All texts are invented for these tests.
"""

from __future__ import annotations

import codecs
import json
import logging
from pathlib import Path

import pytest

from mapper import articles as A
from mapper.articles import find_inputs, iter_articles, read_articles, read_file, split_dateline
from mapper.model import MapperError

BODY = "Shelling damaged a bridge near Tarnovo on Monday, the regional governor said.\n\nTwo people were hurt."


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


# --------------------------------------------------------------------------- .txt and datelines


def test_txt_with_dateline(tmp_path: Path) -> None:
    src = write(tmp_path / "story_7.txt", f"date 2025-11-03 Bridge hit near Tarnovo\n\n{BODY}\n")
    [art] = read_articles([src])
    assert art.id == "story_7"
    assert art.date == "2025-11-03"
    assert art.title == "Bridge hit near Tarnovo"
    assert art.text == BODY


def test_txt_dateline_with_leading_space_and_colon(tmp_path: Path) -> None:
    src = write(tmp_path / "a.txt", f" Date: 2024-02-29 Leap day report\n{BODY}")
    [art] = read_articles([src])
    assert (art.date, art.title, art.text) == ("2024-02-29", "Leap day report", BODY)


def test_txt_without_dateline_keeps_all_text(tmp_path: Path) -> None:
    src = write(tmp_path / "plain.txt", BODY)
    [art] = read_articles([src])
    assert art.date is None and art.title == "" and art.text == BODY


@pytest.mark.parametrize("first", ["date 2025-13-40 Impossible month", "date 03/11/2025 Slashes", "DATE: 2025-1-3 Short"])
def test_malformed_dateline_is_text_with_warning(tmp_path: Path, caplog, first: str) -> None:
    src = write(tmp_path / "bad_date.txt", f"{first}\n{BODY}")
    with caplog.at_level(logging.WARNING, logger="mapper"):
        [art] = read_articles([src])
    assert art.date is None
    assert art.text.startswith(first.strip())
    assert "dateline" in caplog.text and "bad_date.txt" in caplog.text


def test_first_line_starting_with_word_date_is_not_a_dateline(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="mapper"):
        date, title, body = split_dateline("Date palms burned after the strike.\nMore text.")
    assert date is None and body.startswith("Date palms")
    assert "dateline" not in caplog.text


def test_dateline_without_body_is_rejected(tmp_path: Path) -> None:
    src = write(tmp_path / "only_head.txt", "date 2025-01-01 Headline only\n\n")
    with pytest.raises(MapperError, match="no article text"):
        read_articles([src])


# --------------------------------------------------------------------------- encodings


UK = "Вночі ракети влучили в Житомир, поранено трьох людей. Мер міста повідомив про пошкодження."
RU = "Ночью ракеты попали в Житомир, ранены три человека. Мэр города сообщил о разрушениях."


@pytest.mark.parametrize(
    "encoding,text",
    [
        ("utf-8", UK),
        ("utf-8-sig", UK),
        ("utf-16", UK),  # with BOM
        ("utf-16-le", RU),  # no BOM
        ("utf-16-be", RU),
        ("utf-32", UK),
        ("cp1251", UK),
        ("cp1251", RU),
        ("koi8_r", RU),
    ],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, text: str) -> None:
    src = write(tmp_path / f"enc_{encoding}.txt", f"date 2025-06-01 Заголовок новини\n{text}\n", encoding)
    [art] = read_articles([src])
    assert art.text == text
    assert art.title == "Заголовок новини"
    assert "\ufeff" not in art.text


def test_windows_1252_latin_text(tmp_path: Path) -> None:
    text = "The café in Zürich hosted “talks” on Tuesday — naïve hopes, officials said."
    src = write(tmp_path / "latin.txt", text, "cp1252")
    [art] = read_articles([src])
    assert art.text == text


def test_mixed_line_endings_are_normalised(tmp_path: Path) -> None:
    raw = "date 2025-05-05 Mixed endings\r\nFirst line.\rSecond line.\nThird line.\r\n\r\nNew paragraph."
    src = tmp_path / "mixed.txt"
    src.write_bytes(raw.encode("utf-8"))
    [art] = read_articles([src])
    assert "\r" not in art.text
    assert art.text == "First line.\nSecond line.\nThird line.\n\nNew paragraph."


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    decomposed = "Київ".replace("ї", "і\u0308")
    src = write(tmp_path / "nfc.txt", f"Strikes near {decomposed} overnight.")
    [art] = read_articles([src])
    assert "Київ" in art.text


# --------------------------------------------------------------------------- bad files


def test_missing_path() -> None:
    with pytest.raises(MapperError, match="no such file or folder"):
        read_articles(["/nonexistent/really/not/here.txt"])


def test_empty_file(tmp_path: Path) -> None:
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    with pytest.raises(MapperError, match="empty file"):
        read_articles([src])


def test_whitespace_only(tmp_path: Path) -> None:
    src = tmp_path / "blank.txt"
    src.write_bytes(b" \n\t\r\n   \n")
    with pytest.raises(MapperError, match="only whitespace"):
        read_articles([src])


@pytest.mark.parametrize(
    "blob",
    [
        bytes(range(256)) * 20,
        b"\x89PNG\r\n\x1a\n" + bytes(range(200)) * 10,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(i % 32 for i in range(3000)),
    ],
    ids=["all-bytes", "png", "control-bytes"],
)
def test_binary_file_is_rejected(tmp_path: Path, blob: bytes) -> None:
    src = tmp_path / "image.txt"
    src.write_bytes(blob)
    with pytest.raises(MapperError, match="not a text file"):
        read_articles([src])


def test_bad_file_in_corpus_is_reported_and_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a_good.txt", BODY)
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_binary.txt").write_bytes(bytes(range(256)) * 4)
    errors: list[str] = []
    arts = read_articles([tmp_path], errors=errors)
    assert [a.id for a in arts] == ["a_good"]
    assert len(errors) == 2
    assert "b_empty.txt: empty file" in errors[0]
    assert "c_binary.txt: not a text file" in errors[1]


def test_nothing_readable_raises_with_first_problem(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_bytes(b"")
    (tmp_path / "y.txt").write_bytes(b"   ")
    with pytest.raises(MapperError, match=r"no readable articles: .*x.txt: empty file \(and 1 more"):
        read_articles([tmp_path])


# --------------------------------------------------------------------------- JSON Lines, JSON, CSV


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "first", "text": "Drones struck a depot in Velmora.", "date": "2025-02-03T08:00:00Z"}),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps({"id": 99, "text": "Talks opened in Castelbrook.", "title": "Talks", "url": "https://example.org/x"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "dated-badly", "text": "Quiet night in Orlinsk.", "date": "last Tuesday"}),
    ]
    src = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    errors: list[str] = []
    arts = read_articles([src], errors=errors)
    assert [a.id for a in arts] == ["first", "99", "dated-badly"]
    assert arts[0].date == "2025-02-03"
    assert arts[1].title == "Talks" and arts[1].url == "https://example.org/x"
    assert arts[2].date is None
    assert [e.split(": ", 1)[0] for e in errors] == [f"{src}:2", f"{src}:5", f"{src}:6"]
    assert "not valid JSON" in errors[0]
    assert 'no "text" field' in errors[2]


def test_jsonl_without_id_gets_line_id(tmp_path: Path) -> None:
    src = write(tmp_path / "noid.jsonl", '\n{"text": "Fire at a plant in Dornholm."}\n')
    [art] = read_articles([src])
    assert art.id == "noid:2"


def test_jsonl_utf16_and_crlf(tmp_path: Path) -> None:
    text = '{"id": "u", "text": "' + UK + '"}\r\n{"id": "v", "text": "second"}\r\n'
    src = write(tmp_path / "w.jsonl", text, "utf-16")
    arts = read_articles([src])
    assert [a.text for a in arts] == [UK, "second"]


def test_jsonl_overlong_line_is_skipped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(A, "MAX_RECORD_BYTES", 1000)
    src = write(
        tmp_path / "long.jsonl",
        json.dumps({"id": "big", "text": "x " * 2000}) + "\n" + json.dumps({"id": "ok", "text": "fine"}) + "\n",
    )
    errors: list[str] = []
    arts = read_articles([src], errors=errors)
    assert [a.id for a in arts] == ["ok"]
    assert errors and errors[0].startswith(f"{src}:1:") and "longer than" in errors[0]


def test_json_array(tmp_path: Path) -> None:
    src = write(tmp_path / "batch.json", json.dumps([{"id": "j1", "text": "One."}, {"id": "j2", "body": "Two."}]))
    assert [(a.id, a.text) for a in read_articles([src])] == [("j1", "One."), ("j2", "Two.")]


def test_csv(tmp_path: Path) -> None:
    src = write(
        tmp_path / "rows.csv",
        'id,title,date,text,url,source\n'
        'r1,Depot fire,2025-04-01,"Drones hit a depot in Velmora, officials said.\nSecond line.",https://e.org/1,Wire\n'
        'r2,,,,,\n'
        'r3,Talks,2025-04-02,Talks in Castelbrook.,,\n',
    )
    errors: list[str] = []
    arts = read_articles([src], errors=errors)
    assert [a.id for a in arts] == ["r1", "r3"]
    assert arts[0].text == "Drones hit a depot in Velmora, officials said.\nSecond line."
    assert arts[0].source == "Wire" and arts[0].date == "2025-04-01"
    assert len(errors) == 1 and errors[0].startswith(f"{src}:4:") and "empty" in errors[0]


def test_csv_semicolon_and_bom(tmp_path: Path) -> None:
    src = write(tmp_path / "semi.csv", "ID;Title;Text\nx1;T;Shelling in Orlinsk.\n", "utf-8-sig")
    [art] = read_articles([src])
    assert (art.id, art.title, art.text) == ("x1", "T", "Shelling in Orlinsk.")


def test_csv_without_text_column(tmp_path: Path) -> None:
    src = write(tmp_path / "notext.csv", "id,title,date\n1,Headline,2025-01-01\n")
    with pytest.raises(MapperError, match=r"notext.csv: CSV has no 'text' column \(columns: id, title, date\)"):
        read_articles([src])


# --------------------------------------------------------------------------- HTML


def test_html_article_text(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Depot fire | Example News</title><script>var tracking = 'SECRET-JS';</script></head>"
        "<body><nav>Home | World | Sport</nav><article><h1>Depot fire in Velmora</h1>"
        "<p>Drones struck a fuel depot in Velmora overnight, the regional governor said on Tuesday.</p>"
        "<p>Firefighters worked for hours to contain the blaze; two workers were injured.</p>"
        "</article><footer>Copyright</footer></body></html>"
    )
    src = write(tmp_path / "page.html", page)
    [art] = read_articles([src])
    assert art.id == "page"
    assert "Drones struck a fuel depot in Velmora" in art.text
    assert "two workers were injured" in art.text
    assert "SECRET-JS" not in art.text and "<p>" not in art.text


def test_html_fallback_without_main_content(tmp_path: Path) -> None:
    src = write(tmp_path / "tiny.htm", "<p>Blast in Dornholm.</p><script>alert(1)</script>")
    [art] = read_articles([src])
    assert "Blast in Dornholm." in art.text and "alert" not in art.text


# --------------------------------------------------------------------------- folders and globs


def test_folder_recursive_sorted_and_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B text.")
    write(tmp_path / "sub" / "deeper" / "a.txt", "A text.")
    write(tmp_path / "sub" / "c.jsonl", json.dumps({"id": "c1", "text": "C text."}) + "\n")
    write(tmp_path / ".hidden" / "h.txt", "hidden")
    write(tmp_path / ".h.txt", "hidden")
    write(tmp_path / "notes.md", "not an article suffix")
    files = find_inputs([tmp_path])
    assert [f.relative_to(tmp_path).as_posix() for f in files] == ["b.txt", "sub/c.jsonl", "sub/deeper/a.txt"]
    assert [a.id for a in read_articles([tmp_path])] == ["b", "c1", "a"]


def test_glob_and_dedup(tmp_path: Path) -> None:
    write(tmp_path / "x1.txt", "One.")
    write(tmp_path / "x2.txt", "Two.")
    write(tmp_path / "y.txt", "Other.")
    files = find_inputs([str(tmp_path / "x*.txt"), tmp_path / "x1.txt"])
    assert [f.name for f in files] == ["x1.txt", "x2.txt"]
    with pytest.raises(MapperError, match="no files match"):
        find_inputs([str(tmp_path / "zz*.txt")])


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path / "readme.md", "nothing here")
    with pytest.raises(MapperError, match="no articles found"):
        read_articles([tmp_path])


def test_duplicate_ids_are_made_unique(tmp_path: Path, caplog) -> None:
    write(tmp_path / "one" / "same.txt", "First.")
    write(tmp_path / "two" / "same.txt", "Second.")
    with caplog.at_level(logging.WARNING, logger="mapper"):
        arts = read_articles([tmp_path])
    assert [a.id for a in arts] == ["same", "same~2"]
    assert "duplicate article id" in caplog.text


def test_iter_articles_checks_paths_eagerly(tmp_path: Path) -> None:
    with pytest.raises(MapperError):
        iter_articles([tmp_path / "missing.txt"])  # raises before iteration


# --------------------------------------------------------------------------- limits


def test_long_text_is_truncated_at_a_break(tmp_path: Path, caplog) -> None:
    para = "Artillery fire was reported near the river crossing. " * 20 + "\n\n"
    src = write(tmp_path / "long.txt", para * 200)
    with caplog.at_level(logging.WARNING, logger="mapper"):
        [art] = read_articles([src], max_chars=5000)
    assert 4000 <= len(art.text) <= 5000
    assert art.text.endswith(".")
    assert "only the first part" in caplog.text


def test_truncate_helper() -> None:
    assert A.truncate("short", 100) == "short"
    text = "One sentence here. Another one there. " * 10
    cut = A.truncate(text, 100)
    assert len(cut) <= 100 and cut.endswith(".")
    assert A.truncate("x" * 500, 100) == "x" * 100


def test_sniff_encoding_units() -> None:
    assert A.sniff_encoding(codecs.BOM_UTF8 + b"abc") == "utf-8-sig"
    assert A.sniff_encoding("hello".encode("utf-16-le")) == "utf-16-le"
    assert A.sniff_encoding("héllo wörld".encode("utf-8")) == "utf-8"
    with pytest.raises(A._BadInput):
        A.sniff_encoding(b"\x00\x01\x02\x03" * 100)


def test_read_file_single(tmp_path: Path) -> None:
    src = write(tmp_path / "one.txt", BODY)
    assert read_file(src)[0].text == BODY
    with pytest.raises(MapperError, match="one.txt"):
        (tmp_path / "one.txt").write_bytes(b"")
        read_file(src)


def test_csv_oversized_field_is_reported_and_reading_goes_on(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(A, "MAX_RECORD_BYTES", 1000)
    src = write(tmp_path / "big.csv", 'id,text\n1,"' + "y" * 5000 + '"\n2,Calm in Orlinsk.\n')
    errors: list[str] = []
    arts = read_articles([src], errors=errors)
    assert [a.id for a in arts] == ["2"]
    assert len(errors) == 1 and errors[0].startswith(f"{src}:2: bad CSV row")


def test_file_that_is_not_jsonl_is_one_error_not_one_per_line(tmp_path: Path) -> None:
    src = write(tmp_path / "actually.jsonl", "\n".join(f"a,b,{i}" for i in range(500)))
    errors: list[str] = []
    with pytest.raises(MapperError, match=r"actually.jsonl: not a JSON Lines file"):
        read_articles([src], errors=errors)
    assert len(errors) == 1


def test_single_bad_jsonl_line_names_the_line(tmp_path: Path) -> None:
    src = write(tmp_path / "one.jsonl", '{"id": "x", "text": }\n')
    with pytest.raises(MapperError, match=r"one.jsonl: line 1: not valid JSON"):
        read_articles([src])


def test_jsonl_text_is_kept_verbatim_so_offsets_index_it(tmp_path: Path) -> None:
    text = "\n  Shelling hit Tarnovo.\r\nA second line with cafe\u0301 and a tab\there.  \n"
    src = write(tmp_path / "v.jsonl", json.dumps({"id": "v", "text": text}) + "\n")
    [art] = read_articles([src])
    assert art.text == text
    assert art.text[art.text.index("Tarnovo") :].startswith("Tarnovo")


def test_ids_from_records_pass_through_even_when_repeated(tmp_path: Path, caplog) -> None:
    write(tmp_path / "a.jsonl", json.dumps({"id": "same", "text": "One."}) + "\n")
    write(tmp_path / "b.csv", "id,text\nsame,Two.\n")
    write(tmp_path / "c" / "same.txt", "Three.")
    with caplog.at_level(logging.WARNING, logger="mapper"):
        arts = read_articles([tmp_path])
    assert [a.id for a in arts] == ["same", "same", "same~3"]  # the file stem is the 3rd "same"
    assert "more than once" in caplog.text
