"""Parties with no state of their own, and peoples of one state's regions, as event actors (issue 19).

Minimal pairs, run through the whole pipeline (actors, quotes, events):
- an organisation working across borders counts as CAMEO's generic code in events (``code`` in
  orgs.yaml: NGO for non-governmental organisations, IMG for transnational armed groups); an
  organisation with neither a state nor a code is never an event party;
- a regional people's adjective ("Chechen", "Tibetan") names the one state the region lies in
  (``regional`` in countries.yaml); a people spread over several states ("Kurdish") names none.
Every sentence was written for this file.
"""

from __future__ import annotations

import pytest

from communique.extract.event_args import ArgFinder, actor_code
from communique.knowledge import actor_tables
from communique.pipeline import process_article
from communique.records import Actor, ActorSet, Article, ArticleResult, Mention


def run(nlp, text: str) -> ArticleResult:  # type: ignore[no-untyped-def]
    return process_article(Article(id="s1", text=text, date="2024-05-02"), nlp=nlp)


def dyads(result: ArticleResult) -> set[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    return {(e.type, tuple(e.actors), tuple(e.recipients)) for e in result.events}


def test_every_generic_code_in_the_table_is_one_of_the_generic_codes() -> None:
    """orgs.yaml gives only CAMEO's generic codes, and only to organisations without a state."""
    for org in actor_tables.known_orgs().values():
        if org.code is not None:
            assert org.code in {"NGO", "IMG"}, org
            assert org.country is None, org


@pytest.mark.parametrize(("text", "expected"), [
    ("Amnesty International accused Ethiopia of torturing detainees in Tigray.", ("ACCUSE", ("NGO",), ("ETH",))),
    ("Human Rights Watch urged Egypt to free the three jailed bloggers.", ("REQUEST", ("NGO",), ("EGY",))),
    ("Egypt expelled two researchers of Amnesty International on Sunday.", ("SANCTION", ("EGY",), ("NGO",))),
    ("Islamic State fighters attacked an army post in northern Iraq.", ("ASSAULT", ("IMG",), ("IRQ",))),
])
def test_an_organisation_without_a_state_acts_as_its_generic_code(nlp, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, text)
    assert expected in dyads(result)
    codes = {a.name: a.code for a in result.actors if a.kind == "org"}
    assert set(codes.values()) <= {"NGO", "IMG"}


def test_an_unknown_organisation_with_no_state_is_no_party(nlp) -> None:  # type: ignore[no-untyped-def]
    """The contrast: the same accusation by an organisation nobody knows gives no event."""
    known = run(nlp, "Amnesty International accused Ethiopia of torturing detainees.")
    unknown = run(nlp, "The Lantern Circle accused Ethiopia of torturing detainees.")
    assert [(e.actors, e.recipients) for e in known.events if e.type == "ACCUSE"] == [(["NGO"], ["ETH"])]
    assert [e for e in unknown.events if e.type == "ACCUSE"] == []
    assert all(actor_code(a) is None for a in unknown.actors if a.kind == "org")


@pytest.mark.parametrize(("text", "state"), [
    ("Chechen rebels ambushed a police convoy outside the village.", "RUS"),
    ("Tibetan monks protested outside the monastery on Friday.", "CHN"),
    ("Basque separatists announced a ceasefire on Sunday.", "ESP"),
    ("Scottish ministers demanded a second referendum.", "GBR"),
    ("Tigrayan fighters ambushed a police convoy outside the village.", "ETH"),
])
def test_a_regional_people_names_its_state(nlp, text: str, state: str) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, text)
    assert [a.code for a in result.actors if a.kind == "state"] == [state]
    assert result.events and all(e.actors == [state] for e in result.events)


def test_a_people_of_several_states_names_none(nlp) -> None:  # type: ignore[no-untyped-def]
    """The contrast: Kurds live in four states, so "Kurdish rebels" name no state and code no event."""
    result = run(nlp, "Kurdish rebels ambushed a police convoy outside the village.")
    assert [a for a in result.actors if a.kind == "state"] == []
    assert result.events == []


@pytest.mark.parametrize(("text", "actors"), [
    ("Hundreds of Palestinian prisoners in Israeli jails began a hunger strike on Monday.", ["PSE"]),  # located only
    ("Rebels in the Central African Republic seized the town on Sunday.", ["CAF"]),                  # no state of their own
    ("Ethnic Hungarians in Romania rallied on Sunday.", ["ROU"]),                                    # a people by origin
    ("Hungarian farmers in Romania rallied on Sunday.", ["HUN"]),
])
def test_a_group_with_a_state_of_its_own_is_only_located_by_in(nlp, text: str, actors: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [e.actors for e in run(nlp, text).events][:1] == [actors]


@pytest.mark.parametrize(("text", "expected"), [
    ("Kosovo accused Serbia of stirring unrest in the north.", ("ACCUSE", ("XKX",), ("SRB",))),
    ("Pakistani officials blamed the Pakistani Taliban for the bombing.", ("ACCUSE", ("PAK",), ("PAK",))),
])
def test_kosovo_and_groups_named_with_their_state(nlp, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def]
    assert expected in dyads(run(nlp, text))


def test_a_stateless_organisation_is_never_its_own_target(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "Human Rights Watch criticised the mass trial of opposition supporters, calling it a travesty.")
    assert all("NGO" not in e.recipients for e in result.events)


@pytest.mark.parametrize(("text", "recipients"), [
    ("Congo recalled its ambassador from Kigali on Tuesday.", ["RWA"]),     # an envoy's post: the state
    ("Congo recalled its ambassador to Kigali on Tuesday.", ["RWA"]),
])
def test_a_capital_after_an_envoys_post_is_its_state(nlp, text: str, recipients: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [e.recipients for e in run(nlp, text).events if e.type == "SANCTION"] == [recipients]


def test_a_capital_after_a_place_preposition_stays_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [a.code for a in run(nlp, "Talks between the two rebel groups were held in Kigali.").actors
            if a.kind == "state"] == []


def test_us_departments_speak_for_their_state(nlp) -> None:  # type: ignore[no-untyped-def]
    result = run(nlp, "On Thursday the Treasury Department imposed sanctions on six companies in China.")
    assert ("SANCTION", ("USA",), ("CHN",)) in dyads(result)


@pytest.mark.parametrize(("text", "state"), [
    ("Ethiopia and Somalia resumed talks on Monday. Ethiopian officials said progress was made. "
     "In Mogadishu, police arrested a dozen opposition supporters on Wednesday.", "SOM"),   # the sentence's opening place
    ("Ethiopia and Somalia resumed talks on Monday. Ethiopian officials said progress was made. "
     "Police arrested a dozen opposition supporters on Wednesday.", "ETH"),                   # else the story's focus
])
def test_unnamed_police_belong_to_the_place_the_sentence_opens_with(nlp, text: str, state: str) -> None:  # type: ignore[no-untyped-def]
    arrests = [e for e in run(nlp, text).events if e.type == "COERCE"]
    assert arrests and arrests[0].actors == [state]


@pytest.mark.parametrize(("sector", "code"), [("PTY", "PER"), ("LAB", "PER"), ("BUS", None), ("SOC", None)])
def test_a_domestic_body_nobody_names_the_state_of_acts_for_the_storys_state(nlp, sector: str, code: str | None) -> None:  # type: ignore[no-untyped-def]
    """In events only: a party or union with no country counts as the story's state; a company or NGO does not.

    The actor record keeps no country, so no person's country is read from it.
    """
    text = "The Frente Rojo group accused the government of fraud."
    actor = Actor(id="a1", name="Frente Rojo group", kind="org", sector=sector, sectors=[sector])
    actors = ActorSet(actors=[actor], mentions=[Mention(start=4, end=21, actor_id="a1", text="Frente Rojo group")],
                      focus="PER")
    finder = ArgFinder(nlp(text), actors, [])
    assert finder.code("a1") == code and actor.country is None
