"""Allegations (issue 19): who can turn a reported hostile act into an accusation."""

from __future__ import annotations

from communique.extract.event_allegations import allegations
from communique.extract.event_confidence import ConfidenceEvidence
from communique.records import Actor, ActorSet, Event, Evidence

EVIDENCE = ConfidenceEvidence(trigger_form="verb", actor_source="frame", complete=True, status="alleged",
                              derived=False, sentence_tokens=12, mentions=1, event_type="ASSAULT")


def shelling(asserted_by: str) -> tuple[Event, ConfidenceEvidence]:
    event = Event(id="ev_1", type="ASSAULT", actors=["IRN"], recipients=["TUR"], status="alleged",
                  asserted_by=asserted_by, rule="assault.verb.shell",
                  evidence=[Evidence(sentence="s", start=0, end=6, text="shelled")])
    return event, EVIDENCE


ACTORS = ActorSet(actors=[
    Actor(id="a1", name="Turkey", kind="state", code="TUR"),
    Actor(id="a2", name="Hurriyet Daily", kind="org", country="TUR", sector="JRN"),
    Actor(id="a3", name="Mehmet Kaya", kind="person", country="TUR", sector="GOV"),
])


def test_a_state_or_its_official_reporting_the_act_accuses_its_actor() -> None:
    for speaker in ("Turkey", "Mehmet Kaya"):
        (accusation, scored), = allegations([shelling(speaker)], ACTORS, "a")
        assert (accusation.type, accusation.mode, accusation.actors, accusation.recipients) == (
            "ACCUSE", "allege", ["TUR"], ["IRN"])
        assert accusation.status == "occurred" and scored.event_type == "ACCUSE"


def test_a_newspaper_reporting_the_act_accuses_no_one() -> None:
    assert allegations([shelling("Hurriyet Daily")], ACTORS, "a") == []


def test_an_accusation_already_coded_is_not_added_again() -> None:
    explicit = Event(id="ev_0", type="ACCUSE", actors=["TUR"], recipients=["IRN"], rule="accuse.verb.accuse")
    assert allegations([(explicit, EVIDENCE), shelling("Turkey")], ACTORS, "a") == []
