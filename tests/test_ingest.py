"""Readers: every format, every error, paths, encodings, dates and language."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

import communique.ingest as ingest
from communique.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputError,
    MalformedInputError,
)
from communique.ingest import (
    article_id,
    detect_language,
    normalise_date,
    read_file,
    read_inputs,
    read_stream,
    read_text,
)
from communique.records import Article

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def only(results):
    """Return the single result of a reader."""
    items = list(results)
    assert len(items) == 1, items
    return items[0]


def read_bytes(data: bytes, source: str = "mem", **options):
    return list(read_stream(io.BytesIO(data), source, **options))


def test_public_api_is_declared():
    for name in ("read_inputs", "read_file", "read_stream", "read_text", "article_id", "article_from_record",
                 "article_from_text", "normalise_text", "detect_language", "normalise_date"):
        assert name in ingest.__all__
        assert callable(getattr(ingest, name))


# ---------------------------------------------------------------- header format


def test_header_format_gives_title_date_and_exact_body():
    path = str(FIXTURES / "header.txt")
    article = only(read_file(path))
    assert isinstance(article, Article)
    assert article.title == "Ghana and Togo agree joint patrols on shared border"
    assert article.date == "2023-05-02"
    assert article.source == path
    assert article.language == "en"
    assert article.meta["format"] == "header"
    raw = (FIXTURES / "header.txt").read_text(encoding="utf-8")
    assert article.text == raw.split("\n", 2)[2].strip()
    assert article.text.startswith("ACCRA, Ghana -- ")
    assert article.id == article_id(article.text)


def test_header_is_recognised_by_content_whatever_the_extension():
    article = only(read_file(str(FIXTURES / "corpus" / "sub" / "two.dat")))
    assert article.meta["format"] == "header"
    assert article.title == "Nepal and India reopen trade route"


def test_header_wins_over_options_and_crlf_becomes_lf():
    data = b" date 2020-01-02 Title here\r\n\r\nFirst paragraph.\r\n\r\nSecond one.\r\n"
    article = only(read_bytes(data, date="1999-09-09", title="Other"))
    assert (article.title, article.date) == ("Title here", "2020-01-02")
    assert article.text == "First paragraph.\n\nSecond one."


def test_header_with_no_body_is_empty():
    error = only(read_bytes(b" date 2020-01-02 Only a title\n\n   \n"))
    assert isinstance(error, EmptyInputError)
    assert str(error) == "mem: header format: header but no body"


def test_header_with_impossible_date_keeps_the_raw_value():
    article = only(read_bytes(b"date 2020-02-31 A title\n\nSome body text."))
    assert article.date is None
    assert article.meta["date_raw"] == "2020-02-31"


def test_gold_dev_texts_read_as_the_gold_bodies(shared_dir):
    gold = {}
    for line in (shared_dir / "gold" / "dev" / "dev.gold.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold[record["title"]] = record
    articles = list(read_inputs([str(shared_dir / "gold" / "dev" / "*.txt")]))
    assert len(articles) == len(gold)
    for article in articles:
        assert isinstance(article, Article), article
        assert article.text == gold[article.title]["text"]
        assert article.date == gold[article.title]["date"]
        assert article.language == "en"


# ---------------------------------------------------------------- plain text


def test_plain_text_takes_date_and_title_from_options():
    article = only(read_file(str(FIXTURES / "plain.txt"), date="2021-04-09", title="Peru recalls envoy"))
    assert (article.date, article.title, article.meta["format"]) == ("2021-04-09", "Peru recalls envoy", "text")
    assert article.text.startswith("LIMA, Peru -- ")
    assert not article.text.endswith("\n")


def test_plain_text_without_options_has_no_date_or_title():
    article = only(read_file(str(FIXTURES / "plain.txt")))
    assert (article.date, article.title) == (None, None)


def test_unparseable_date_option_is_kept_raw_in_meta():
    article = only(read_bytes(b"Some article text.", date="last Tuesday"))
    assert article.date is None
    assert article.meta["date_raw"] == "last Tuesday"


# ---------------------------------------------------------------- JSON Lines / JSON


def test_json_lines_yield_articles_and_per_line_errors():
    path = str(FIXTURES / "feed.jsonl")
    results = list(read_file(path))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "MalformedInputError", "Article", "MalformedInputError",
                     "MalformedInputError", "MalformedInputError"]
    first, cut, html, array, no_text, last = results
    assert first.title == "Chile and Argentina sign water accord"
    assert (first.date, first.url, first.source) == ("2022-03-14", "https://news.example/a1", path)
    assert first.meta == {"id": "a1", "desk": "americas", "line": 1, "format": "jsonl"}
    assert cut.source == f"{path}:line 2"
    assert str(cut).startswith(f"{path}:line 2: truncated JSON")
    assert html.date == "2021-06-03" and html.text.startswith("NAIROBI, Kenya -- ")
    assert html.meta["line"] == 4
    assert str(array) == f"{path}:line 5: a JSON array where an object was expected"
    assert str(no_text) == f"{path}:line 6: record has neither 'text' nor 'html'"
    assert last.source == f"{path}:line 7" and "truncated JSON" in last.message


def test_json_lines_record_language_and_empty_text():
    data = (
        b'{"text": "Un texte court.", "language": "fr-FR"}\n'
        b'{"text": "   "}\n'
        b'{"text": 42}\n'
    )
    article, empty, wrong = read_bytes(data)
    assert article.language == "fr"
    assert isinstance(empty, EmptyInputError) and empty.source == "mem:line 2"
    assert isinstance(wrong, MalformedInputError) and "not a string" in wrong.message


def test_single_json_object_file():
    article = only(read_file(str(FIXTURES / "single.json")))
    assert article.title == "Japan and the Philippines hold coast guard drill"
    assert article.date == "2024-01-20"
    assert article.url == "https://news.example/drill"
    assert article.meta == {"section": "asia", "format": "json"}


def test_json_array_items_are_articles_or_item_errors():
    data = json.dumps([{"title": "One", "text": "Body one."}, "oops", {"html": "<p>Body three.</p>"}]).encode()
    one, bad, three = read_bytes(data)
    assert one.title == "One" and one.meta["item"] == 1
    assert isinstance(bad, MalformedInputError) and bad.source == "mem:item 2"
    assert three.text == "Body three."


def test_truncated_json_document_is_malformed_and_says_so():
    error = only(read_file(str(FIXTURES / "truncated.json")))
    assert isinstance(error, MalformedInputError)
    assert error.source == str(FIXTURES / "truncated.json")
    assert error.message.startswith("truncated JSON")


def test_invalid_but_complete_json_is_not_called_truncated():
    error = only(read_bytes(b'{"text": "a" "b"}\n'))
    assert isinstance(error, MalformedInputError)
    assert error.message.startswith("invalid JSON")


def test_json_lines_are_streamed_from_stdin():
    stdin = io.BytesIO(b'{"title": "A", "text": "First."}\n{"title": "B", "text": "Second."}\n')
    first, second = read_inputs(["-"], stdin=stdin)
    assert (first.source, first.title, second.title) == ("-", "A", "B")


# ---------------------------------------------------------------- HTML


def test_html_page_gives_main_text_title_date_and_url():
    article = only(read_file(str(FIXTURES / "page.txt")))
    assert article.meta["format"] == "html"
    assert article.title == "Morocco and Spain reopen Ceuta crossing"
    assert article.date == "2022-05-17"
    assert article.url == "https://wire.example/morocco-spain-ceuta"
    assert article.text.startswith("RABAT, Morocco -- ")
    assert "\n\n\"This is a new stage" in article.text
    for boilerplate in ("Home", "Copyright", "Morocco and Spain reopen Ceuta crossing"):
        assert boilerplate not in article.text


def test_html_without_text_is_empty():
    error = only(read_bytes(b"<html><head><title>Nothing</title></head><body></body></html>"))
    assert isinstance(error, EmptyInputError)
    assert error.message == "HTML page with no main text"


# ---------------------------------------------------------------- encodings


def test_utf8_bom_is_removed_and_does_not_change_the_id():
    body = "date 2022-01-01 Caf\u00e9 talks\n\nThe caf\u00e9 talks went on.".encode()
    plain, with_bom = only(read_bytes(body)), only(read_bytes(b"\xef\xbb\xbf" + body))
    assert with_bom.text == plain.text and with_bom.id == plain.id
    assert with_bom.title == "Caf\u00e9 talks"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    text = "date 2022-01-01 Title\n\nS\u00e3o Tom\u00e9 and Pr\u00edncipe signed a pact."
    article = only(read_bytes(text.encode(encoding)))
    assert article.text == "S\u00e3o Tom\u00e9 and Pr\u00edncipe signed a pact."


def test_utf16_json_lines():
    data = '{"text": "K\u00f6ln first."}\n{"text": "Z\u00fcrich second."}\n'.encode("utf-16")
    first, second = read_bytes(data)
    assert (first.text, second.text) == ("K\u00f6ln first.", "Z\u00fcrich second.")


def test_legacy_encoding_is_detected():
    text = ("DAKAR, S\u00e9n\u00e9gal -- Le minist\u00e8re a d\u00e9clar\u00e9 que les d\u00e9l\u00e9gations "
            "se r\u00e9uniront \u00e0 nouveau \u00e0 Nouakchott. ") * 4
    article = only(read_bytes(text.encode("cp1252")))
    assert article.text == text.strip()
    assert article.meta["encoding"] in {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_1"}


def test_utf8_prefix_with_legacy_bytes_later_is_redetected():
    data = b"A" * 70_000 + " caf\u00e9 d\u00e9j\u00e0 vu na\u00efve".encode("cp1252")
    article = only(read_bytes(data))
    assert article.text.endswith("caf\u00e9 d\u00e9j\u00e0 vu na\u00efve")


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", EmptyInputError, "empty input (0 bytes)"),
        (b"\xef\xbb\xbf", EmptyInputError, "empty input (only a byte-order mark)"),
        (b"  \n\t\r\n  ", EmptyInputError, "empty input (white space only)"),
        (b"GIF89a\x00\x01\x02", BinaryInputError, "binary data: NUL byte at offset 6"),
        (bytes(range(1, 9)) * 50, BinaryInputError, "binary data: 400 of the first 400 characters are control characters"),
        (bytes(range(0x80, 0x100)) * 4, DecodeError, "undecodable: not UTF-8 and no other text encoding fits"),
        (b'{"text": "cut', MalformedInputError, "truncated JSON"),
        (b"[]", EmptyInputError, "JSON array with no records"),
        (b"\n\n{\n", MalformedInputError, "truncated JSON"),
    ],
)
def test_bad_input_gives_a_specific_error_naming_the_source(data, error, message):
    result = only(read_bytes(data, source="bad/input.txt"))
    assert type(result) is error
    assert result.source.startswith("bad/input.txt")
    assert result.message.startswith(message)
    assert str(result).startswith("bad/input.txt")


def test_binary_file_on_disk(tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    error = only(read_inputs([str(path)]))
    assert isinstance(error, BinaryInputError) and error.source == str(path)


def test_lone_surrogates_in_text_are_a_decode_error():
    assert isinstance(only(read_text("abc\ud800def", "api")), DecodeError)


def test_unexpected_failure_in_a_reader_becomes_an_input_error(monkeypatch, tmp_path):
    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("communique.ingest.reader.read_plain", explode)
    good = tmp_path / "good.json"
    good.write_text('{"text": "Still read."}', encoding="utf-8")
    error, article = read_inputs([str(FIXTURES / "plain.txt"), str(good)])
    assert type(error) is InputError and "RuntimeError: boom" in error.message
    assert article.text == "Still read."


# ---------------------------------------------------------------- paths


def test_directories_are_walked_sorted_skipping_hidden_and_code():
    results = list(read_inputs([str(FIXTURES / "corpus")]))
    assert [Path(r.source).name for r in results] == ["one.txt", "two.dat"]


def test_globs_missing_paths_and_the_batch_goes_on(tmp_path):
    (tmp_path / "empty").mkdir()
    paths = ["/no/such/file.txt", str(FIXTURES / "corpus" / "*.txt"), str(tmp_path / "*.nothing"),
             str(tmp_path / "empty"), str(FIXTURES / "plain.txt")]
    missing, one, no_match, empty_dir, plain = read_inputs(paths)
    assert str(missing) == "/no/such/file.txt: no such file or directory"
    assert Path(one.source).name == "one.txt"
    assert no_match.message == "no file matches this pattern"
    assert empty_dir.message == "directory holds no input files"
    assert Path(plain.source).name == "plain.txt"


def test_recursive_glob(tmp_path):
    shutil.copytree(FIXTURES / "corpus", tmp_path / "c")
    results = list(read_inputs([str(tmp_path / "c" / "**" / "*.dat")]))
    assert [Path(r.source).name for r in results] == ["two.dat"]


def test_stdin_plain_text_uses_options():
    article = only(read_inputs(["-"], stdin=io.BytesIO(b"Some text."), date="2024-02-29", title="T"))
    assert (article.source, article.date, article.title) == ("-", "2024-02-29", "T")


def test_unreadable_file(tmp_path):
    target = tmp_path / "loop"
    target.symlink_to(target)
    error = only(read_inputs([str(target)]))
    assert isinstance(error, InputError) and error.message.startswith("cannot open")


# ---------------------------------------------------------------- language and dates


def test_non_english_article_is_yielded_with_its_language():
    article = only(read_file(str(FIXTURES / "french.txt")))
    assert article.language == "fr"


@pytest.mark.parametrize(
    "text",
    ["Bolivia said no.", "ARUSHA, Tanzania -- Tanzania will lift its ban.", "NATO", "12345 !!!",
     "Bonjour \u00e0 tous.", "Merkel, Macron, Sanchez, Rutte, Orban and Tusk met in Brussels."],
)
def test_short_or_uncertain_texts_count_as_english(text):
    assert detect_language(text) == "en"


def test_longer_texts_in_other_languages_are_recognised():
    german = "Der Au\u00dfenminister sagte am Montag, beide Regierungen w\u00fcrden sich im M\u00e4rz erneut treffen, um \u00fcber Handel zu sprechen."
    assert detect_language(german) == "de"


_FOREIGN_NEWS = {
    "de": "Der Au\u00dfenminister sagte am Montag, beide Regierungen w\u00fcrden sich im M\u00e4rz erneut treffen, um \u00fcber "
          "Handel zu sprechen. Die Gespr\u00e4che in Berlin seien offen gewesen, und man habe an einer gemeinsamen "
          "Erkl\u00e4rung gearbeitet, die noch in diesem Jahr unterzeichnet werden soll.",
    "nl": "De minister zei op maandag dat beide regeringen in maart opnieuw zullen vergaderen om over handel te "
          "praten. Het overleg in Den Haag was open en er is gewerkt aan een gezamenlijke verklaring die dit jaar "
          "nog getekend moet worden.",
    "es": "El ministro dijo el lunes que ambos gobiernos se reunir\u00e1n de nuevo en marzo para hablar de comercio. "
          "Las conversaciones en Madrid fueron abiertas y se trabaj\u00f3 en una declaraci\u00f3n conjunta que se "
          "firmar\u00e1 este a\u00f1o, seg\u00fan fuentes del ministerio.",
    "it": "Il ministro ha detto luned\u00ec che i due governi si incontreranno di nuovo a marzo per parlare di "
          "commercio. I colloqui a Roma sono stati aperti e si \u00e8 lavorato a una dichiarazione comune che sar\u00e0 "
          "firmata entro l'anno, secondo fonti del ministero.",
}


@pytest.mark.parametrize("code", sorted(_FOREIGN_NEWS))
def test_news_in_other_languages_is_not_taken_for_english_by_the_fast_path(code):
    assert detect_language(_FOREIGN_NEWS[code]) == code


def test_every_english_function_word_is_read_as_a_word():
    from communique.config import load_data_yaml

    # YAML 1.1 reads an unquoted on/off/yes/no as a boolean: such a word would never match.
    words = load_data_yaml("english_function_words.yaml")["words"]
    assert all(isinstance(w, str) for w in words) and "on" in words


def test_plain_english_news_skips_the_statistical_detector(monkeypatch):
    from communique.ingest import language

    def fail() -> None:
        raise AssertionError("the detector was consulted")

    monkeypatch.setattr(language, "_identifier", fail)
    text = ("The foreign ministers of the two countries said on Monday that they would meet again in March to "
            "talk about trade. The talks in the capital were open, and officials have worked on a joint "
            "statement that is to be signed later this year, according to a spokesman for the ministry.")
    assert detect_language(text) == "en"
    with pytest.raises(AssertionError):
        detect_language(_FOREIGN_NEWS["de"])


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2024-07-11", "2024-07-11"), ("2024-07-11T08:00:00Z", "2024-07-11"), ("2024/7/1", "2024-07-01"),
     ("20240711", "2024-07-11"), ("11 July 2024", "2024-07-11"), ("July 11, 2024", "2024-07-11"),
     ("Thu, 11 Jul 2024 08:00:00 +0000", "2024-07-11"), ("2024-02-30", None), ("2024", None),
     ("soon", None), ("", None), (None, None), (20240711, None)],
)
def test_normalise_date(raw, iso):
    assert normalise_date(raw) == iso


@pytest.mark.parametrize(
    ("text", "fmt"),
    [("{Reuters} - Kenya said on Monday.", "text"), ("[UPDATE 2] Kenya said on Monday.", "text"),
     ("\n\n date 2020-01-01 Title\n\nBody.", "header"), ('{\n  "text": "Body."\n}', "json"),
     ('[\n  {"text": "Body."}\n]', "json"), ('{"text": "Body."}', "jsonl"),
     ("<div><p>Body.</p></div>", "html"), ("date of the talks: 2020-01-01\n\nBody.", "text")],
)
def test_format_is_recognised_by_content(text, fmt):
    article = only(read_text(text, "s"))
    assert article.meta["format"] == fmt
    assert article.text == "Body." or fmt == "text"


def test_article_from_record_for_an_api_request():
    from communique.ingest import article_from_record

    article = article_from_record({"title": "T", "date": "2024-03-01", "html": "<p>Posted body.</p>",
                                   "url": "https://x.example/1"}, source="https://x.example/1", where="request")
    assert (article.text, article.url, article.source, article.date) == (
        "Posted body.", "https://x.example/1", "https://x.example/1", "2024-03-01")
    with pytest.raises(MalformedInputError, match="neither 'text' nor 'html'"):
        article_from_record({"title": "T"}, source="api", where="request")


def test_utf8_cut_inside_a_character_is_a_truncation_error():
    error = only(read_bytes("S\u00e3o Paulo said the talks \u2014 held in Bras\u00edlia".encode()[:-1] + b"\xe2\x80"))
    assert isinstance(error, DecodeError)
    assert error.message.startswith("truncated: the input ends inside a UTF-8 character")


def test_legacy_text_ending_in_an_accent_is_not_called_truncated():
    article = only(read_bytes("Le ministre a parl\u00e9 du caf\u00e9".encode("cp1252")))
    assert article.text.endswith("caf\u00e9")
