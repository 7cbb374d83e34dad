"""The scorer of ``communique eval``, pinned on hand-built gold and system records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.evaluate import (
    GoldArticle,
    GoldFormatError,
    common_codes,
    dates_agree,
    format_table,
    gold_to_result,
    load_gold,
    quote_fits,
    report_json,
    score,
    score_article,
)
from communique.records import Actor, ArticleResult, Evidence, Event, Location, Quote

TEXT = "Officials met in Nairobi on Friday. \"We will act,\" Biden said."


def gold(**fields: Any) -> GoldArticle:
    """A gold article with the given fields (text and id filled in)."""
    return GoldArticle.model_validate({"id": "a1", "date": "2024-07-11", "text": TEXT, **fields})


def system(actors: list[Actor] = (), quotes: list[Quote] = (), events: list[Event] = ()) -> ArticleResult:
    return ArticleResult(id="a1", coder_version="test", actors=list(actors), quotes=list(quotes), events=list(events))


def person(name: str, **fields: Any) -> Actor:
    return Actor(id=f"p-{name}", name=name, kind="person", **fields)


def gperson(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "kind": "person", **fields}


def event(type_: str, actors: list[str], recipients: list[str] = (), **fields: Any) -> Event:
    return Event(id=f"e-{type_}-{actors}-{fields.get('date')}", type=type_, actors=actors,
                 recipients=list(recipients), **fields)


def gevent(type_: str, actors: list[str], recipients: list[str] = (), **fields: Any) -> dict[str, Any]:
    return {"type": type_, "actors": actors, "recipients": list(recipients), **fields}


# --------------------------------------------------------------------------- gold files


def test_shared_gold_files_load(shared_dir: Path) -> None:
    sizes = {name: len(load_gold(shared_dir / "gold" / name))
             for name in ("seed.gold.jsonl", "dev/dev.gold.jsonl", "plover-gsr-dev.gold.jsonl")}
    assert sizes == {"seed.gold.jsonl": 1, "dev/dev.gold.jsonl": 16, "plover-gsr-dev.gold.jsonl": 161}


def test_gold_scored_against_itself_is_perfect(shared_dir: Path) -> None:
    golds = load_gold(shared_dir / "gold" / "dev" / "dev.gold.jsonl")
    report = score(golds, [gold_to_result(g) for g in golds])
    for part in (report.persons, report.states, report.quotes, report.events):
        assert part.f1 == 1.0
    assert report.accuracies.date.value == 1.0 and report.accuracies.speaker.value == 1.0
    assert report.problems == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"id": "a", "text": "x"}\n{"id": "b", "text": ', ":2: invalid JSON"),
        ('[1, 2]', ":1: expected a JSON object"),
        ('{"id": "a", "text": "x", "events": [{"type": "MEET"}]}', "events.0.type"),
        ('{"id": "a", "text": "x", "actors": [{"name": "Chad", "kind": "state"}]}', "has no code"),
        ('{"id": "a", "text": "x", "events": [{"type": "AID", "date": "July 2024"}]}', "is not YYYY"),
        ('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}', ":2: duplicate article id"),
        ("\n\n", "no gold articles"),
    ],
)
def test_bad_gold_lines_name_file_line_and_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.gold.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_missing_gold_file_is_a_gold_format_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match="no such gold file"):
        load_gold(tmp_path / "nope.jsonl")


# --------------------------------------------------------------------------- persons


def test_person_matches_by_alias_ignoring_case_accents_and_the() -> None:
    g = gold(actors=[gperson("José Ramos-Horta", aliases=["The President"])])
    result = score_article(g, system([person("the president")]))
    assert (result.persons.tp, result.persons.fp, result.persons.fn) == (1, 0, 0)
    result = score_article(g, system([person("JOSE RAMOS-HORTA")]))
    assert result.persons.tp == 1


def test_person_matches_by_shared_last_or_first_name() -> None:
    g = gold(actors=[gperson("Joe Biden"), gperson("Richard Marles")])
    result = score_article(g, system([person("Mr. Biden"), person("Richard M.")]))
    assert (result.persons.tp, result.persons.fp, result.persons.fn) == (2, 0, 0)


def test_shared_surname_with_two_gold_persons_matches_neither() -> None:
    g = gold(actors=[gperson("Kim Jong Un"), gperson("Kim Yo Jong")])
    result = score_article(g, system([person("Kim")]))
    assert (result.persons.tp, result.persons.fp, result.persons.fn) == (0, 1, 2)


def test_second_system_person_for_same_gold_person_is_a_false_positive() -> None:
    g = gold(actors=[gperson("Joe Biden", aliases=["Biden"])])
    result = score_article(g, system([person("Biden"), person("Joe Biden")]))
    assert (result.persons.tp, result.persons.fp, result.persons.fn) == (1, 1, 0)
    assert [p.problem for p in result.problems] == ["duplicate"]


def test_wrong_person_is_a_false_positive_and_a_miss() -> None:
    g = gold(actors=[gperson("Joe Biden")])
    result = score_article(g, system([person("Jill Stein")]))
    assert (result.persons.tp, result.persons.fp, result.persons.fn) == (0, 1, 1)


def test_country_org_and_role_checked_on_matched_persons() -> None:
    g = gold(actors=[
        gperson("Joe Biden", country="USA", roles=["President", "head of state"]),
        gperson("Jens Stoltenberg", org="NATO", roles=["Secretary-General"]),
    ])
    found = [person("Biden", country="GBR", roles=["president"]),
             person("Stoltenberg", org="NATO", roles=["chief"])]
    acc = score_article(g, system(found)).accuracies
    assert (acc.country.correct, acc.country.total) == (0, 1)  # both-null Stoltenberg country not checked
    assert (acc.org.correct, acc.org.total) == (1, 1)
    assert (acc.role.correct, acc.role.total) == (1, 2)


def test_event_only_gold_scores_no_persons_states_or_quotes() -> None:
    g = gold(events=[gevent("AID", ["USA"], ["KEN"])])
    found = system([person("Joe Biden"), Actor(id="s", name="Kenya", kind="state", code="KEN")],
                   [Quote(id="q", text="We will act", start=37, end=48)])
    result = score_article(g, found)
    assert result.persons is None and result.states is None and result.quotes is None
    report = score([g], [found])
    assert report.persons.fp == 0 and report.scored["persons"] == 0 and report.scored["events"] == 1


# --------------------------------------------------------------------------- states and IGOs


def state(code: str, kind: str = "state") -> Actor:
    return Actor(id=f"s-{code}", name=code, kind=kind, code=code)


def test_states_and_igos_scored_as_sets_with_ip4_expanded() -> None:
    g = gold(actors=[{"name": "Indo-Pacific partners", "kind": "igo", "code": "IP4"},
                     {"name": "Russia", "kind": "state", "code": "RUS"},
                     {"name": "NATO", "kind": "igo", "code": "NATO"}])
    found = [state(c) for c in ("AUS", "JPN", "NZL", "KOR", "RUS", "CHN")] + [state("RUS")]
    counts = score_article(g, system(found)).states
    assert (counts.tp, counts.fp, counts.fn) == (5, 1, 1)  # NATO missed, CHN spurious


def test_generic_igo_code_takes_any_unmatched_igo() -> None:
    g = gold(actors=[{"name": "a UN body", "kind": "igo", "code": "IGO"}])
    counts = score_article(g, system([state("UN", "igo")])).states
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)


def test_generic_codes_in_events_match_non_state_codes_only() -> None:
    assert common_codes(["IGO"], ["UN"]) == 1
    assert common_codes(["IMG"], ["RUS"]) == 0
    assert common_codes(["IGO", "USA"], ["USA", "EU"]) == 2


# --------------------------------------------------------------------------- quotes


GOLD_QUOTE = "one two three four five six seven eight nine ten"


def test_quote_word_count_rule() -> None:
    assert quote_fits(GOLD_QUOTE, "one two three four five")  # half the words
    assert not quote_fits(GOLD_QUOTE, "one two three four")  # fewer than half
    assert quote_fits(GOLD_QUOTE, GOLD_QUOTE + " x" * 12)  # 22 words = 2 * 10 + 2
    assert not quote_fits(GOLD_QUOTE, GOLD_QUOTE + " x" * 13)  # 23 words


def quote(text: str, **fields: Any) -> Quote:
    return Quote(id=f"q-{text[:8]}", text=text, start=0, end=len(text), **fields)


def test_quotes_speakers_and_attributed_recall() -> None:
    g = gold(actors=[gperson("Joe Biden", aliases=["the President"]), gperson("Kishida Fumio")],
             quotes=[{"speaker": "Joe Biden", "text": GOLD_QUOTE},
                     {"speaker": "Kishida Fumio", "text": "we stand together with our allies"},
                     {"speaker": "Joe Biden", "text": "never again will this happen here"}])
    found = [quote("One, two, three, four, five, six", speaker_mention="the president"),
             quote("we stand together with our allies", speaker="Joe Biden"),
             quote("never again will this happen here", speaker="Biden", kind="indirect")]
    result = score_article(g, system(quotes=found))
    assert (result.quotes.tp, result.quotes.fp, result.quotes.fn) == (2, 0, 1)
    acc = result.accuracies
    assert (acc.speaker.correct, acc.speaker.total) == (1, 2)
    assert (acc.attributed_quotes.correct, acc.attributed_quotes.total) == (1, 3)
    wrong = [p for p in result.problems if p.problem == "wrong speaker"]
    assert wrong[0].gold == "Kishida Fumio" and wrong[0].system == "Joe Biden"


def test_speaker_matches_by_surname() -> None:
    g = gold(actors=[gperson("Kishida Fumio")], quotes=[{"speaker": "Kishida Fumio", "text": GOLD_QUOTE}])
    acc = score_article(g, system(quotes=[quote(GOLD_QUOTE, speaker="Fumio Kishida")])).accuracies
    assert acc.speaker.correct == 1


# --------------------------------------------------------------------------- events


def counts(g: GoldArticle, events: list[Event]) -> tuple[int, int, int]:
    c = score_article(g, system(events=events)).events
    return c.tp, c.fp, c.fn


def test_event_exact_alternative_and_wrong_type() -> None:
    g = gold(events=[gevent("CONCEDE", ["TZA"], ["KEN"], alt_types=["AGREE"])])
    assert counts(g, [event("CONCEDE", ["TZA"], ["KEN"])]) == (1, 0, 0)
    assert counts(g, [event("AGREE", ["TZA", "KEN"])]) == (1, 0, 0)  # alt type, symmetric rule
    assert counts(g, [event("SUPPORT", ["TZA"], ["KEN"])]) == (0, 1, 1)


def test_directed_event_needs_an_actor_and_a_recipient_in_common() -> None:
    g = gold(events=[gevent("ACCUSE", ["USA", "AUS"], ["RUS", "PRK"])])
    assert counts(g, [event("ACCUSE", ["AUS"], ["PRK"])]) == (1, 0, 0)
    assert counts(g, [event("ACCUSE", ["RUS"], ["USA"])]) == (0, 1, 1)
    assert counts(g, [event("ACCUSE", ["USA"], [])]) == (0, 1, 1)
    domestic = gold(events=[gevent("PROTEST", ["KEN"])])
    assert counts(domestic, [event("PROTEST", ["KEN"], ["TZA"])]) == (1, 0, 0)


def test_directed_event_with_unknown_actor_needs_the_recipient_only() -> None:
    g = gold(events=[gevent("ASSAULT", [], ["IRQ"])])
    assert counts(g, [event("ASSAULT", ["USA"], ["IRQ"])]) == (1, 0, 0)


def test_symmetric_event_needs_two_of_the_gold_participants() -> None:
    g = gold(events=[gevent("CONSULT", ["USA"], ["AUS", "JPN"])])
    assert counts(g, [event("CONSULT", ["JPN"], ["AUS"])]) == (1, 0, 0)  # split does not matter
    assert counts(g, [event("CONSULT", ["USA"], ["CHN"])]) == (0, 1, 1)
    single = gold(events=[gevent("AGREE", ["HUN"])])
    assert counts(single, [event("AGREE", ["HUN"], ["ROU"])]) == (1, 0, 0)


def test_ip4_in_events_counts_as_its_four_states() -> None:
    g = gold(events=[gevent("SUPPORT", ["USA"], ["IP4"])])
    assert counts(g, [event("SUPPORT", ["USA"], ["NZL"])]) == (1, 0, 0)


def test_optional_gold_event_neither_credited_nor_penalised() -> None:
    g = gold(events=[gevent("AID", ["USA"], ["KEN"]), gevent("RETREAT", ["KEN"], optional=True)])
    assert counts(g, [event("RETREAT", ["KEN"])]) == (0, 0, 1)
    assert counts(g, [event("AID", ["USA"], ["KEN"]), event("RETREAT", ["KEN"])]) == (1, 0, 0)


def test_required_gold_event_is_matched_before_an_optional_one() -> None:
    g = gold(events=[gevent("CONSULT", ["KEN", "TZA"], optional=True), gevent("CONSULT", ["TZA", "KEN"])])
    assert counts(g, [event("CONSULT", ["KEN", "TZA"])]) == (1, 0, 0)


def test_duplicate_system_event_is_a_false_positive() -> None:
    g = gold(events=[gevent("REQUEST", ["KEN"], ["TZA"])])
    result = score_article(g, system(events=[event("REQUEST", ["KEN"], ["TZA"]),
                                             event("REQUEST", ["KEN"], ["TZA"], date="2024-07")]))
    assert (result.events.tp, result.events.fp, result.events.fn) == (1, 1, 0)
    assert [p.problem for p in result.problems] == ["duplicate"]


@pytest.mark.parametrize(
    ("gold_date", "system_date", "ok"),
    [("2024", "2024-07-11", True), ("2024-07", "2024-07-11", True), ("2024-07-11", "2024-07-11", True),
     ("2024-07-11", "2024-07", False), ("2024-07", "2024", False), ("2024-07-11", "2024-07-12", False),
     ("2024", "2023-12-31", False), ("2024-07", None, False)],
)
def test_dates_agree(gold_date: str, system_date: str | None, ok: bool) -> None:
    assert dates_agree(gold_date, system_date) is ok


def test_date_and_status_accuracy_skip_null_gold() -> None:
    g = gold(events=[gevent("AID", ["USA"], ["KEN"], date="2024", status="planned"),
                     gevent("SANCTION", ["USA"], ["RUS"], date="2024-07-11", status="occurred"),
                     gevent("ASSAULT", ["RUS"], ["UKR"], date=None, status=None)])
    found = [event("AID", ["USA"], ["KEN"], date="2024-07-11", status="planned"),
             event("SANCTION", ["USA"], ["RUS"], date="2024-07", status="alleged",
                   evidence=[Evidence(sentence="The US sanctioned Russia.", start=0, end=5, text="x")]),
             event("ASSAULT", ["RUS"], ["UKR"], date="2024-07-10")]
    result = score_article(g, system(events=found))
    acc = result.accuracies
    assert (acc.date.correct, acc.date.total) == (1, 2)
    assert (acc.status.correct, acc.status.total) == (1, 2)
    wrong = {p.problem: (p.gold, p.system, p.sentence) for p in result.problems}
    assert wrong["wrong date"] == ("2024-07-11", "2024-07", "The US sanctioned Russia.")
    assert wrong["wrong status"][:2] == ("occurred", "alleged")


def test_equal_looking_events_get_the_partners_with_the_right_dates() -> None:
    g = gold(events=[gevent("CONSULT", ["BRA", "PRY"], date="2024"),
                     gevent("CONSULT", ["BRA", "PRY"], date="2024-08")])
    found = [event("CONSULT", ["BRA", "PRY"], date="2024-08"), event("CONSULT", ["PRY", "BRA"], date="2024")]
    acc = score_article(g, system(events=found)).accuracies
    assert (acc.date.correct, acc.date.total) == (2, 2)


def test_type_recall_counts_types_produced_anywhere() -> None:
    g = gold(events=[gevent("ACCUSE", ["USA"], ["RUS"]), gevent("CONSULT", ["USA", "JPN"], alt_types=["AGREE"]),
                     gevent("AID", ["USA"], ["KEN"]), gevent("PROTEST", ["KEN"], optional=True)])
    result = score_article(g, system(events=[event("ACCUSE", ["CHN"], ["JPN"]), event("AGREE", ["FRA"])]))
    assert (result.accuracies.type_recall.correct, result.accuracies.type_recall.total) == (2, 3)
    assert result.events.tp == 0


def test_per_type_breakdown() -> None:
    g = gold(events=[gevent("ACCUSE", ["USA"], ["RUS"]), gevent("AID", ["USA"], ["KEN"])])
    report = score([g], [system(events=[event("ACCUSE", ["USA"], ["RUS"]), event("THREATEN", ["RUS"], ["USA"])])])
    assert {t: (c.tp, c.fp, c.fn) for t, c in report.by_type.items()} == {
        "ACCUSE": (1, 0, 0), "AID": (0, 0, 1), "THREATEN": (0, 1, 0)}


def test_locations_state_and_city_within_50_km() -> None:
    where = {"name": "Nairobi", "state": "KEN", "lat": -1.286, "lon": 36.817, "precision": "city"}
    g = gold(events=[gevent("CONSULT", ["KEN", "TZA"], location=where)])
    near = Location(text="Kiambu", name="Kiambu", state="KEN", lat=-1.17, lon=36.83, precision="city")
    far = Location(text="Mombasa", name="Mombasa", state="KEN", lat=-4.04, lon=39.67, precision="city")
    for place, city_ok in ((near, 1), (far, 0)):
        acc = score_article(g, system(events=[event("CONSULT", ["KEN", "TZA"], location=place)])).accuracies
        assert (acc.location_state.correct, acc.location_city.correct, acc.location_city.total) == (1, city_ok, 1)


def test_sectors_of_matched_persons_and_orgs() -> None:
    g = gold(actors=[gperson("Daniel Kiptoo", sector="BUS"),
                     {"name": "Kenya Transporters Association", "kind": "org", "aliases": ["KTA"], "sectors": ["BUS"]}])
    found = [person("Kiptoo", sector="GOV"),
             Actor(id="o", name="KTA", kind="org", sector="BUS")]
    acc = score_article(g, system(found)).accuracies
    assert (acc.sector.correct, acc.sector.total) == (1, 2)


# --------------------------------------------------------------------------- output


def test_report_table_and_json() -> None:
    g = gold(actors=[gperson("Joe Biden")], events=[gevent("AID", ["USA"], ["KEN"])])
    report = score([g], [system([person("Biden")], events=[event("AID", ["USA"], ["KEN"])])])
    table = format_table(report, details=True)
    for label in ("persons", "states / IGOs", "quotes", "events", "event date", "attributed-quote recall", "AID"):
        assert label in table
    data = report_json(report)
    assert data["events"]["f1"] == 1.0 and "problems" not in data["per_article"][0]
    json.dumps(data)


def test_eval_command_rejects_a_bad_gold_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad)])
    assert result.exit_code == 2
    result = CliRunner().invoke(app, ["eval", str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2


@pytest.mark.model
def test_eval_command_runs_the_pipeline(tmp_path: Path, nlp: Any) -> None:
    path = tmp_path / "tiny.gold.jsonl"
    record = {"id": "tiny", "date": "2024-07-11", "text": TEXT, "actors": [gperson("Joe Biden")],
              "events": [gevent("CONSULT", ["USA", "KEN"])]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(path), "--json", "--details"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] == 1 and data["per_article"][0]["id"] == "tiny"
    assert "problems" in data["per_article"][0]


def test_null_lists_read_as_empty_and_unknown_fields_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "g.jsonl"
    record = {"id": "a", "text": "x", "source": "converted", "quotes": None,
              "events": [{"type": "AID", "alt_types": None, "alt_type": ["SUPPORT"], "actors": ["USA"]}]}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="communique.evaluate"):
        (loaded,) = load_gold(path)
    assert loaded.quotes == [] and loaded.events[0].alt_types == []
    assert "events[0].alt_type" in caplog.text and "source" not in caplog.text


def test_problem_sentences_are_cut_at_sentence_ends() -> None:
    from communique.evaluate import sentence_around

    text = 'He left. "We will act," U.S. President Biden said. Then "it is over." Next.\nTwo.'
    at = text.index("Biden")
    assert sentence_around(text, at, at + 5) == '"We will act," U.S. President Biden said.'
    at = text.index("over")
    assert sentence_around(text, at, at + 4) == 'Then "it is over."'
