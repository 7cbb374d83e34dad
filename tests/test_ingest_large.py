"""Long inputs: a 10 MB article, a streamed JSON Lines file, paragraph-aligned parsing."""

from __future__ import annotations

import functools
import io
import json
import time
import tracemalloc

import pytest

from communique import nlp as nlp_mod
from communique.config import MAX_CHUNK_CHARS
from communique.ingest import article_id, read_file, read_stream
from communique.ingest.language import detect_language
from communique.records import Article

PARAGRAPH = (
    "GENEVA -- Delegations from Armenia and Azerbaijan met again on Tuesday to discuss the "
    "ceasefire, prisoner exchanges and the reopening of the border crossing near Lachin, "
    "officials in Yerevan and Baku said. "
)


def build_article_bytes(size: int) -> bytes:
    """A header-format article of about ``size`` bytes, paragraphs separated by blank lines."""
    paragraph = PARAGRAPH * 3
    body = "\n\n".join([paragraph] * (size // (len(paragraph) + 2) + 1))
    return (" date 2024-07-11 A very long article\n\n" + body).encode("utf-8")


def traced(function):
    """Run ``function``; return its result, seconds taken and peak traced bytes."""
    detect_language("warm up the language model before measuring " * 5)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = function()
        return result, time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_ten_megabyte_article_in_bounded_time_and_memory():
    data = build_article_bytes(10_000_000)
    assert len(data) >= 10_000_000
    results, seconds, peak = traced(lambda: list(read_stream(io.BytesIO(data), "big.txt")))
    [article] = results
    assert isinstance(article, Article)
    assert article.date == "2024-07-11" and article.title == "A very long article"
    assert len(article.text) == len(data) - len(" date 2024-07-11 A very long article\n\n") - 1
    assert article.text == data.decode().split("\n", 2)[2].strip()
    assert article.id == article_id(article.text)
    assert seconds < 30, seconds  # about 1.5 s on one core
    assert peak < 5 * len(data), peak / len(data)  # about 3.1 times the input


def test_json_lines_are_streamed_in_bounded_memory(tmp_path):
    path = tmp_path / "feed.jsonl"
    record_text = PARAGRAPH * 100
    with path.open("w", encoding="utf-8") as handle:
        for number in range(300):
            handle.write(json.dumps({"id": number, "title": f"t{number}", "text": record_text}) + "\n")
    size = path.stat().st_size
    assert size > 6_000_000

    def count() -> int:
        return sum(isinstance(item, Article) for item in read_file(str(path)))

    articles, seconds, peak = traced(count)
    assert articles == 300
    assert peak < 2_000_000, peak  # a few records' worth, not the file (about 0.5 MB)
    assert seconds < 60, seconds


def test_split_paragraph_aligned_at_the_real_limit():
    paragraph = PARAGRAPH * 20
    text = "\n\n".join([paragraph] * (2 * MAX_CHUNK_CHARS // len(paragraph) + 3))
    pieces = nlp_mod.split_paragraph_aligned(text)
    assert len(pieces) >= 3
    assert "".join(pieces) == text
    assert all(len(piece) <= MAX_CHUNK_CHARS for piece in pieces)
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])


@pytest.mark.model
def test_long_text_keeps_offsets_when_parsed_in_pieces(nlp, monkeypatch):
    limit = 400
    monkeypatch.setattr(nlp_mod, "split_paragraph_aligned", functools.partial(nlp_mod.split_paragraph_aligned, limit=limit))
    paragraphs = [
        f"President Emmanuel Macron of France met Chancellor Olaf Scholz in Berlin on {day}, officials said. "
        f"The talks covered Ukraine, trade with China and the European Union budget.  Round {n}."
        for n, day in enumerate(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"] * 4)
    ]
    text = " " + "\n\n".join(paragraphs) + "\n"
    assert len(text) > 4 * limit
    assert len(nlp_mod.split_paragraph_aligned(text)) > 4

    doc = nlp_mod.parse(text, nlp=nlp)

    assert doc.text == text
    assert len(doc.ents) >= 5 * len(paragraphs)
    for ent in doc.ents:
        assert doc.text[ent.start_char : ent.end_char] == ent.text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text
    whole = nlp(text)
    assert {(e.start_char, e.end_char, e.label_) for e in doc.ents} == {
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    }
