"""Property-based tests: no input makes a reader fail with anything but InputError."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.errors import InputError
from communique.ingest import Format, article_id, read_stream, read_text
from communique.ingest.repair import repair_text
from communique.ingest.storable import storable
from communique.records import Article

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]) + "\u2028\u2029\ufeff\ufffd\u200b"
ANY_CHAR = st.characters(exclude_categories=("Cs",))
TEXT = st.text(st.one_of(ANY_CHAR, st.sampled_from(CONTROLS), st.sampled_from(" \n\r\t{}[]\":,<>")), max_size=300)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "cp1252", "latin-1", "shift_jis"])


def check(results) -> list:
    """Every result is an Article that keeps the reader's promises, or an InputError."""
    items = list(results)
    for item in items:
        assert isinstance(item, (Article, InputError)), item
        if isinstance(item, Article):
            assert item.text and item.text == item.text.strip()
            assert "\r" not in item.text
            assert item.id == article_id(item.text)
            assert item.language
        else:
            assert item.source and item.message
    return items


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    check(read_stream(io.BytesIO(data), "random.bin"))


@FAST
@given(st.sampled_from([b"", b"\xef\xbb\xbf", b"{", b"[", b" date 2020-01-01 T\n\n", b"<html><body>"]),
       st.binary(max_size=1000))
def test_random_bytes_after_each_format_start(start, data):
    check(read_stream(io.BytesIO(start + data), "random.bin"))


@FAST
@given(TEXT, st.sampled_from(list(Format)))
def test_random_unicode_forced_into_every_format(text, fmt):
    check(read_text(text, "random.txt", fmt=fmt))


@FAST
@given(TEXT, ENCODINGS)
def test_random_unicode_in_any_encoding(text, encoding):
    data = text.encode(encoding, errors="replace")
    check(read_stream(io.BytesIO(data), "random.txt", date="2024-01-01", title="T"))


@FAST
@given(st.lists(st.one_of(TEXT, TEXT.map(lambda t: json.dumps({"text": t, "title": t[:20], "date": t[:10]})),
                          st.dictionaries(st.sampled_from(["text", "html", "title", "date", "url", "language", "x"]),
                                          st.one_of(TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=2)),
                                          max_size=5).map(json.dumps)),
                max_size=6))
def test_random_json_lines(lines):
    results = check(read_stream(io.BytesIO("\n".join(lines).encode("utf-8")), "random.jsonl"))
    for item in results:
        if isinstance(item, InputError) and ":line " in item.source:
            assert item.source.startswith("random.jsonl:line ")


@FAST
@given(TEXT)
def test_random_unicode_as_html_page(text):
    check(read_text(f"<html><head><title>{text[:30]}</title></head><body><p>{text}</p></body></html>", "page.html"))


@FAST
@given(st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=60).filter(str.strip),
       st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\x1c\x1d\x1e\x85"), min_size=1, max_size=400)
       .filter(lambda t: t.strip() and t.strip()[0] not in "{["))
def test_header_round_trip(title, body):
    text = f" date 2024-07-11 {title}\n\n{body}"
    [item] = check(read_text(text, "h.txt"))
    if isinstance(item, Article):
        assert item.date == "2024-07-11"
        assert item.title == " ".join(title.split())
        # NUL and lone surrogates replaced by spaces; then what reading repaired, which it records (issue 20)
        assert item.text == repair_text(storable(body.strip())[0].strip()).text


@FAST
@given(st.lists(st.sampled_from(["a", "b", " ", "\n", "\t", "e\u0301", "\u0301", "\u2000", "\u3000", "\u1100", "\u1161", "\u00a0"]),
               max_size=80).map("".join),
       st.integers(min_value=1, max_value=9))
def test_article_id_is_hashed_piecewise_like_the_whole_normalised_text(text, size):
    from communique.ingest import normalise_text
    from communique.ingest.article import _normalised_pieces

    assert "".join(_normalised_pieces(text, size)) == normalise_text(text)


SPACEY_TEXT = st.text(st.one_of(ANY_CHAR, st.sampled_from(CONTROLS), st.sampled_from(" \n\r\t\x0b\x0c\x1c\x1f\x85\xa0\u2000\u3000e\u0301")),
                      max_size=300)


@FAST
@given(SPACEY_TEXT)
def test_normalise_text_collapses_what_the_pattern_collapses(text):
    import re
    import unicodedata

    from communique.ingest import normalise_text

    assert normalise_text(text) == re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


WORDY_TEXT = st.lists(st.one_of(
    st.sampled_from(["the", "The", "OF", "and", "to", "in", "Paris", "said", "x1y", "a_b", "\u00c9t\u00e9", "\u0130s",
                     "stra\u00dfe", "\u2019", "\u201c", "\u2014", "\u00a0", " ", "\n", ",", "1", "\u0660", "e\u0301"]),
    st.characters(exclude_categories=("Cs",))), max_size=200).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(WORDY_TEXT)
def test_plainly_english_fast_path_counts_like_the_pattern(text):
    from communique.ingest import language

    words, min_share, min_words = language._function_words()
    opening = language._WORD.findall(text[:1500])
    expected = len(opening) >= min_words and sum(w.lower() in words for w in opening) >= min_share * len(opening)
    assert language._plainly_english(text) == expected


@FAST
@given(TEXT)
def test_control_characters_are_counted_like_the_pattern(text):
    from communique.ingest.decode import _BINARY_CHARS, _count_binary_chars

    assert _count_binary_chars(text) == len(_BINARY_CHARS.findall(text))
