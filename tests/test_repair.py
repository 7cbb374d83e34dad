"""Repair on reading (issue 20): mojibake, NFC, boilerplate lines, one-case text, scraped archives."""

from __future__ import annotations

import codecs
import io
import json
import unicodedata
from pathlib import Path

import pytest
import yaml

from communique.ingest import article_from_record, article_from_text, read_stream
from communique.ingest.repair import repair_text
from communique.ingest.truecase import letter_case, truecase
from communique.knowledge.reading import boilerplate, case_names
from communique.records import Article

SCRAPED = Path(__file__).parent / "fixtures" / "scraped"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("test-sloppy-cp1252", _latin1_fallback)


def garble(text: str) -> str:
    """UTF-8 bytes read as Windows-1252 (undefined bytes as Latin-1): the mojibake of scraped archives."""
    return text.encode("utf-8").decode("cp1252", errors="test-sloppy-cp1252")


# ---------------------------------------------------------------- mojibake and NFC
def test_mojibake_is_repaired_and_recorded() -> None:
    clean = "The officer’s report said “no” — in São Paulo."
    repaired = repair_text(garble(clean))
    assert repaired.text == clean
    assert repaired.repairs[0].startswith("mojibake: fixed ")


def test_clean_non_ascii_text_is_left_alone() -> None:
    """Minimal pair of the above: the same text written correctly needs no repair."""
    clean = "The officer’s report said “no” — in São Paulo."
    assert repair_text(clean) == type(repair_text(clean))(text=clean, repairs=(), date=None)


def test_curly_quotes_ligatures_and_entities_are_kept() -> None:
    """ftfy repairs encodings only: quotes stay curly, "&amp;" stays as written."""
    text = "“Fine,” he said of AT&amp;T’s ﬁrm offer."
    assert repair_text(text).text == text


def test_decomposed_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Pedro Sánchez met officials in Málaga.")
    repaired = repair_text(decomposed)
    assert repaired.text == "Pedro Sánchez met officials in Málaga."
    assert "normalised: NFC" in repaired.repairs


def test_clean_ascii_takes_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain ASCII text never reaches ftfy or the normaliser."""
    from communique.ingest import repair

    def fail(*_args: object) -> str:
        raise AssertionError("ftfy called on ASCII text")

    monkeypatch.setattr(repair, "_fix_encoding", fail)
    assert repair_text("Officials in Kabul said on Monday that talks would resume.").repairs == ()


def test_clean_text_with_curly_quotes_skips_ftfy(monkeypatch: pytest.MonkeyPatch) -> None:
    """No character a garbled sequence starts with (Â-ô, C1 controls): ftfy is not called."""
    import ftfy

    def fail(*_args: object) -> object:
        raise AssertionError("ftfy called on clean text")

    monkeypatch.setattr(ftfy, "fix_and_explain", fail)
    text = "“We will act,” the minister’s spokesman said — on Monday."
    assert repair_text(text).text == text


def test_long_single_line_of_mojibake_is_repaired_in_pieces() -> None:
    """A line longer than ftfy's own limit is cut at spaces and still repaired (linear)."""
    sentence = "the minister’s office said it would respond. "
    repaired = repair_text(garble(sentence * 3_000))  # ~140,000 characters, one line: three pieces
    assert "â€" not in repaired.text
    assert repaired.text.count("’s office") == 3_000


# ---------------------------------------------------------------- boilerplate
@pytest.mark.parametrize(
    ("first_line", "kind", "date"),
    [
        ("March 3, 2009", "date line", "2009-03-03"),
        ("tuesday, 3 march 2009 10:42 am est", "date line", "2009-03-03"),
        ("Published: 2021-07-22", "date line", "2021-07-22"),
        ("By Jane Doe, Staff Writer", "byline", None),
        ("Copyright 2009 The Daily Planet", "copyright line", None),
        ("The Daily Planet. All rights reserved.", "rights line", None),
        ("Page 4", "page number", None),
        ("Length: 523 words", "archive field", None),
    ],
)
def test_boilerplate_first_line_is_dropped(first_line: str, kind: str, date: str | None) -> None:
    body = "Police in Lagos arrested 12 protesters on Tuesday, officers said."
    repaired = repair_text(f"{first_line}\n\n{body}")
    assert repaired.text == body
    assert f"boilerplate: dropped line 1 ({kind})" in repaired.repairs
    assert repaired.date == date


@pytest.mark.parametrize(
    "first_line",
    [
        "On March 3, 2009, police in Lagos arrested 12 protesters.",  # a sentence with a date
        "By Tuesday evening, the toll had risen to 40, officials said in a statement.",  # not a byline
        "Page after page of the report describes the raids.",
    ],
)
def test_sentences_that_start_like_boilerplate_are_kept(first_line: str) -> None:
    """Minimal pairs of the above: the same openings in a sentence of the body stay."""
    text = f"{first_line}\n\nThe government said the arrests were lawful."
    assert repair_text(text).text == text


def test_boilerplate_at_the_end_is_dropped_and_numbered() -> None:
    text = "Talks resumed in Geneva on Monday.\n\nThey will go on all week.\n\nCopyright 2024 Example News"
    repaired = repair_text(text)
    assert repaired.text == "Talks resumed in Geneva on Monday.\n\nThey will go on all week."
    assert repaired.repairs == ("boilerplate: dropped line 5 (copyright line)",)


def test_a_body_of_boilerplate_only_is_kept_whole() -> None:
    assert repair_text("March 3, 2009").text == "March 3, 2009"


def test_boilerplate_patterns_name_what_they_cover() -> None:
    table = boilerplate()
    assert table.rules and all(rule.covers and rule.kind for rule in table.rules)


# ---------------------------------------------------------------- case
@pytest.mark.parametrize(
    ("text", "case"),
    [
        ("police in lagos arrested twelve protesters on tuesday, officers said on wednesday.", "lower"),
        ("POLICE IN LAGOS ARRESTED TWELVE PROTESTERS ON TUESDAY, OFFICERS SAID ON WEDNESDAY.", "upper"),
        ("Police in Lagos arrested twelve protesters on Tuesday, officers said on Wednesday.", None),
        ("ok", None),  # too few letters to tell
    ],
)
def test_letter_case(text: str, case: str | None) -> None:
    assert letter_case(text) == case


def test_truecasing_restores_names_and_sentence_starts_keeping_length() -> None:
    text = "the united nations and nato met in são paulo. u.s. officials said gen. smith would go to kabul on monday. i agree."
    result = truecase(text, "lower")
    assert len(result.text) == len(text)
    assert result.text == (
        "The United Nations and NATO met in São Paulo. U.S. officials said gen. smith would go to Kabul on Monday. I agree."
    )


def test_common_words_are_not_names() -> None:
    """Minimal pair: "turkey" (a state) is restored, "may" and "reading" (towns, but words) are not."""
    result = truecase("officials from turkey may visit reading next week.", "lower")
    assert result.text == "Officials from Turkey may visit reading next week."


def test_upper_case_text_is_lowered_then_truecased() -> None:
    repaired = repair_text("PRESIDENT VLADIMIR PUTIN MET NATO ENVOYS IN MOSCOW ON FRIDAY, THE KREMLIN SAID.")
    assert repaired.text == "President Vladimir Putin met NATO envoys in Moscow on Friday, the Kremlin said."
    assert repaired.repairs[0].startswith("case: all upper case; truecased ")


def test_mixed_case_text_is_not_truecased() -> None:
    text = "Officials from turkey said so."  # one lower-case name in normal text: left as written
    assert repair_text(text).text == text


def test_case_table_forms_keep_their_length() -> None:
    table = case_names()
    assert len(table) > 1000
    assert all(len(lower) == len(written) for forms in table.by_first.values() for lower, written in forms)


def test_truecasing_a_large_text_is_linear() -> None:
    """A few megabytes of capitals are truecased in one pass (no quadratic step)."""
    import time

    text = "POLICE IN NAIROBI ARRESTED 12 PEOPLE, OFFICIALS SAID. " * 20_000  # ~1 MB
    started = time.perf_counter()
    repaired = repair_text(text)
    assert repaired.text.startswith("Police in Nairobi arrested 12 people, officials said. Police")
    assert time.perf_counter() - started < 30  # generous: the point is that it finishes


# ---------------------------------------------------------------- every reader records the repairs
def test_article_from_text_records_repairs_and_takes_the_dropped_date() -> None:
    article = article_from_text("march 3, 2009\n\npolice in lagos arrested 12 protesters, officers said.")
    assert article.text == "Police in Lagos arrested 12 protesters, officers said."
    assert article.date == "2009-03-03"
    assert article.repairs[-1] == "date: 2009-03-03 from the dropped date line"


def test_a_given_date_wins_over_the_dropped_date_line() -> None:
    article = article_from_text("March 3, 2009\n\nTalks resumed.", date="2009-03-04")
    assert article.date == "2009-03-04"
    assert article.repairs == ["boilerplate: dropped line 1 (date line)"]


def test_repair_can_be_turned_off() -> None:
    text = "March 3, 2009\n\ntalks resumed in geneva on monday, officials said."
    assert article_from_text(text, repair=False).text == text


def test_json_lines_and_files_are_repaired() -> None:
    record = {"text": garble("march 3, 2009\n\nthe minister’s office in kabul said talks would resume.")}
    from_record = article_from_record(record, source="feed.jsonl", where="feed.jsonl:line 1")
    data = json.dumps(record).encode("utf-8") + b"\n"
    from_stream = next(iter(read_stream(io.BytesIO(data), "feed.jsonl")))
    assert isinstance(from_stream, Article)
    for article in (from_record, from_stream):
        assert article.text == "The minister’s office in Kabul said talks would resume."
        assert [r.split(":")[0] for r in article.repairs] == ["mojibake", "boilerplate", "case", "date"]


def test_html_is_repaired() -> None:
    html = "<html><body><article><p>Copyright 2024 Example News</p><p>" + garble(
        "the minister’s office in kabul said on monday that talks with the taliban would resume next week.") + "</p></article></body></html>"
    article = next(iter(read_stream(io.BytesIO(html.encode("utf-8")), "page.html")))
    assert isinstance(article, Article)
    assert "minister’s office in Kabul" in article.text
    assert any(r.startswith("mojibake") for r in article.repairs)


# ---------------------------------------------------------------- scraped archives, whole pipeline
def _scraped() -> list[tuple[str, dict[str, str | None]]]:
    expected = yaml.safe_load((SCRAPED / "expected.yaml").read_text(encoding="utf-8"))
    return sorted(expected.items())


def test_scraped_fixtures_are_scraped() -> None:
    """The fixtures look like a distributed archive: lower case, mojibake, a boilerplate first line."""
    for name, _ in _scraped():
        text = (SCRAPED / f"{name}.txt").read_text(encoding="utf-8")
        assert text == text.lower()
    assert sum("â€" in (SCRAPED / f"{n}.txt").read_text(encoding="utf-8") for n, _ in _scraped()) >= 8


def test_scraped_archive_police_actions_are_coded_with_the_state(nlp) -> None:
    """Issue 20: police killings ASSAULT, arrests COERCE, with the state as actor, in >= 50% of the
    articles that report them; ASSAULT/COERCE with the state as actor in <= 10% of the others."""
    from communique.ingest import read_file
    from communique.pipeline import process_article

    coded, reported, false_alarms, quiet = 0, 0, 0, 0
    for name, want in _scraped():
        article = next(iter(read_file(str(SCRAPED / f"{name}.txt"))))
        assert isinstance(article, Article)
        events = process_article(article, nlp=nlp).events
        if want["police_action"]:
            reported += 1
            coded += any(e.type == want["police_action"] and want["state"] in e.actors for e in events)
        else:
            quiet += 1
            false_alarms += any(e.type in ("ASSAULT", "COERCE") and want["state"] in e.actors for e in events)
    assert reported == 8 and quiet == 4
    assert coded / reported >= 0.5
    assert false_alarms / quiet <= 0.1


@pytest.mark.parametrize("text", ["a\nb\n", "x" * 200_000, ("word " * 30_000 + "\n") * 3, "é\n" * 70_000, "a"])
def test_pieces_cover_the_text(text: str) -> None:
    from communique.ingest.repair import FTFY_PIECE_CHARS, _pieces

    pieces = list(_pieces(text))
    assert "".join(pieces) == text
    assert all(len(piece) <= FTFY_PIECE_CHARS for piece in pieces)


def test_mixed_clean_and_broken_lines_in_one_piece() -> None:
    """A clean accented line beside a garbled one: each ends up right."""
    text = "The café opened.\n" + garble("The officer’s car — in São Paulo.")
    assert repair_text(text).text == "The café opened.\nThe officer’s car — in São Paulo."


# ---------------------------------------------------------------- all-capitals text: unknown words are names
def test_words_that_are_no_english_word_are_names_in_capitals() -> None:
    result = truecase("PETER MAURER TOLD REPORTERS THE TRUCKS WERE LOADED.", "upper")
    assert result.text == "Peter Maurer told reporters the trucks were loaded."
    assert result.unknown >= 1  # "Maurer"


def test_unknown_words_are_names_in_lower_case_text_too() -> None:
    result = truecase("peter maurer told reporters the trucks were loaded.", "lower")
    assert result.text == "Peter Maurer told reporters the trucks were loaded."


def test_english_words_stay_lower_case() -> None:
    """Minimal pair: the same sentence with an English word where the name was."""
    result = truecase("peter miller told reporters the trucks were loaded.", "lower")
    assert result.text == "Peter miller told reporters the trucks were loaded."
    assert result.unknown == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nairobi -- kenya ordered a diplomat to leave.", "NAIROBI -- Kenya ordered a diplomat to leave."),
        ("arusha, tanzania, june 3 (wire) -- talks resumed.", "ARUSHA, Tanzania, June 3 (wire) -- Talks resumed."),
        ("PORT VILA -- AIRCRAFT LANDED.", "PORT VILA -- Aircraft landed."),
        # minimal pair: a dash later in a sentence opens no dateline
        ("police said - and officials agreed -- that it was over.", "Police said - and officials agreed -- that it was over."),
    ],
)
def test_an_opening_dateline_is_written_in_the_wire_convention(text: str, expected: str) -> None:
    assert truecase(text, "upper" if text.isupper() else "lower").text == expected


def test_inflected_english_words_are_english() -> None:
    from communique.knowledge.reading import is_english_word

    assert all(map(is_english_word, ["killed", "officials", "protesters", "committed", "ceasefire", "helicopters"]))
    assert not any(map(is_english_word, ["maurer", "dujarric", "stoltenberg"]))


def test_english_word_list_is_current() -> None:
    """The committed list is what knowledge/build_english_words.py builds (when its extra is installed)."""
    pytest.importorskip("english_words")
    from communique.knowledge.build_english_words import main

    assert main(["--check"]) == 0


# ---------------------------------------------------------------- large inputs are read, never crash
def test_large_files_of_mojibake_and_of_capitals_are_read(tmp_path: Path) -> None:
    from communique.ingest import read_file

    paragraph = "police in nairobi said the ministry’s offices were attacked. “we will act,” the chief said.\n\n"
    mojibake = tmp_path / "mojibake.txt"
    mojibake.write_text(garble(paragraph) * 5_000, encoding="utf-8")  # ~0.5 MB
    capitals = tmp_path / "capitals.txt"
    capitals.write_text(paragraph.upper() * 5_000, encoding="utf-8")
    for path in (mojibake, capitals):
        article = next(iter(read_file(str(path))))
        assert isinstance(article, Article)
        assert article.text.startswith("Police in Nairobi said the ministry’s offices were attacked.")
        assert article.repairs


def test_a_title_before_a_name_gets_its_capitals() -> None:
    text = "the colombian foreign minister laura quintero met mr. maurer and former president ivan duque."
    assert truecase(text, "lower").text == (
        "The Colombian Foreign Minister Laura Quintero met Mr. Maurer and former President Ivan Duque.")


def test_a_title_without_a_name_stays_lower_case() -> None:
    """Minimal pair: the title used as a plain noun."""
    assert truecase("the foreign minister said the talks failed.", "lower").text == (
        "The foreign minister said the talks failed.")


def test_repair_never_leaves_white_space_at_the_ends() -> None:
    assert repair_text("\ufeff Â").text == "Â"  # the byte-order mark removed: no space left in front


def test_contractions_are_not_names() -> None:
    """The pieces of "didn’t" or "we’ve" are no English words alone, but no names either."""
    text = "“they didn’t stop,” she said. “it’s the best year we’ve had,” he said of kampala."
    assert truecase(text, "lower").text == "“They didn’t stop,” she said. “It’s the best year we’ve had,” he said of Kampala."


def test_british_spellings_and_irregular_forms_are_english() -> None:
    from communique.knowledge.reading import is_english_word

    assert all(map(is_english_word, ["neighbourhood", "organisation", "criticised", "centre", "heard", "women"]))
