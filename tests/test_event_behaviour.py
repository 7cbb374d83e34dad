"""Behavioural tests of the event stage (issue 19): CheckList-style minimal pairs.

Each test changes one phenomenon between two short sentences written for this
file (active and passive, verbal and nominal, negated, quoted, hypothetical,
planned, hosting, expulsions, protests lodged, and a pair for every PLOVER
type) and checks what the coder must and must not produce. Actors come from a
hand-made table (states and their adjectives), so the tests judge the event
stage alone; the context stage (status) runs as in the pipeline.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from communique.extract import event_confidence
from communique.extract.event_triggers import find_hits
from communique.extract.events import find_events
from communique.knowledge.events import lexicon
from communique.pipeline import process_article
from communique.records import Actor, ActorSet, Article, Mention, Quote

# Names the hand-made actor set knows: every form is a mention of a state (or the EU).
FORMS = {
    "KEN": ("Kenya", "Kenyan"), "TZA": ("Tanzania", "Tanzanian"), "SOM": ("Somalia", "Somali"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv"), "RUS": ("Russia", "Russian", "Moscow"), "POL": ("Poland", "Polish"),
    "DEU": ("Germany", "German"), "EGY": ("Egypt", "Egyptian"), "ETH": ("Ethiopia", "Ethiopian"),
    "TUR": ("Turkey", "Turkish"), "PAK": ("Pakistan", "Pakistani"), "IND": ("India", "Indian"),
    "SRB": ("Serbia", "Serbian"), "HRV": ("Croatia", "Croatian"), "CHN": ("China", "Chinese"),
    "JPN": ("Japan", "Japanese"), "NPL": ("Nepal",), "CHL": ("Chile", "Chilean"), "PER": ("Peru", "Peruvian"),
    "SDN": ("Sudan", "Sudanese"), "DZA": ("Algeria", "Algerian"), "FRA": ("France", "French"),
    "GEO": ("Georgia", "Georgian"), "MLI": ("Mali", "Malian"), "DNK": ("Denmark", "Danish"),
    "LBN": ("Lebanon", "Lebanese"), "SYR": ("Syria", "Syrian"), "ISR": ("Israel", "Israeli"),
    "IRN": ("Iran", "Iranian"), "TWN": ("Taiwan",), "MOZ": ("Mozambique",), "EU": ("EU",),
}


@dataclass(frozen=True)
class Found:
    """One event, reduced to what the tests check."""

    type: str
    mode: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    status: str
    score: float | None
    confidence: float | None


def actor_set(text: str) -> ActorSet:
    """Every known form in ``text`` as a mention of its state (the EU as an IGO)."""
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for code, forms in FORMS.items():
        for form in forms:
            for m in re.finditer(r"\b%s\b" % re.escape(form), text):
                aid = f"act_{code}"
                actors.setdefault(aid, Actor(id=aid, name=forms[0], kind="igo" if code == "EU" else "state", code=code))
                mentions.append(Mention(start=m.start(), end=m.end(), actor_id=aid, text=form))
    return ActorSet(actors=list(actors.values()), mentions=mentions)


def events(nlp, text: str, speaker: str | None = None) -> list[Found]:
    """The events of ``text``; with ``speaker`` (a code), its quoted part is that state's quote."""
    quotes: list[Quote] = []
    if speaker is not None:
        start, end = text.index('"') + 1, text.rindex('"')
        quotes.append(Quote(id="q1", speaker=speaker, speaker_id=f"act_{speaker}", text=text[start:end], start=start, end=end))
    found = find_events(nlp(text), article=Article(id="behaviour", text=text, date="2024-05-02"),
                        actors=actor_set(text), quotes=quotes)
    return [Found(e.type, e.mode, frozenset(e.actors), frozenset(e.recipients), e.status, e.score, e.confidence)
            for e in found]


@contextlib.contextmanager
def no_report_floor() -> Iterator[None]:
    """Report every event, however doubtful (the floor of ``event_confidence.yaml`` set to 0)."""
    model = event_confidence.model()
    floor = model.report_floor
    object.__setattr__(model, "report_floor", 0.0)
    try:
        yield
    finally:
        object.__setattr__(model, "report_floor", floor)


def one(found: list[Found], event_type: str) -> Found:
    """The single event of a type."""
    hits = [f for f in found if f.type == event_type]
    assert len(hits) == 1, found
    return hits[0]


def process(nlp, text: str) -> list[Found]:  # type: ignore[no-untyped-def]
    """The events of ``text`` through the whole pipeline (real actor stage: places, cities, crowds)."""
    result = process_article(Article(id="behaviour", text=text, date="2024-05-02"), nlp=nlp)
    return [Found(e.type, e.mode, frozenset(e.actors), frozenset(e.recipients), e.status, e.score, e.confidence)
            for e in result.events]


def types(found: list[Found]) -> set[str]:
    """The types produced."""
    return {f.type for f in found}


# ---------------------------------------------------------------- one pair per PLOVER type
# (sentence with the type, its actor and recipient codes; minimal change without it)
TYPE_PAIRS = [
    ("AGREE", "Kenya and Tanzania agreed to reopen the border.", {"KEN", "TZA"}, set(),
     "Kenya and Tanzania did not agree on the border."),
    ("CONSULT", "The Kenyan president met his Tanzanian counterpart in Arusha on Monday.", {"KEN"}, {"TZA"},
     "The Kenyan president did not meet his Tanzanian counterpart in Arusha on Monday."),
    ("SUPPORT", "Germany praised Poland's handling of the crisis.", {"DEU"}, {"POL"},
     "Germany did not praise Poland's handling of the crisis."),
    ("CONCEDE", "Sudan eased restrictions on Egyptian traders.", {"SDN"}, {"EGY"},
     "Sudan tightened its checks on Egyptian traders."),
    ("COOPERATE", "Chile and Peru held joint naval exercises off the coast.", {"CHL", "PER"}, set(),
     "Peru held naval exercises off its coast."),
    ("AID", "Japan sent humanitarian aid to Nepal.", {"JPN"}, {"NPL"},
     "Japan sent a letter to Nepal."),
    ("RETREAT", "Russia withdrew its troops from Georgia.", {"RUS"}, {"GEO"},
     "Russia withdrew its ambassador from Georgia."),
    ("REQUEST", "Kenya urged Tanzania to lift the ban on Kenyan trucks.", {"KEN"}, {"TZA"},
     "Kenya welcomed Tanzania's decision to lift the ban on Kenyan trucks."),
    ("ACCUSE", "Egypt condemned Ethiopia's decision to fill the dam.", {"EGY"}, {"ETH"},
     "Egypt did not condemn Ethiopia's decision to fill the dam."),
    ("REJECT", "Serbia rejected Croatia's proposal for a border commission.", {"SRB"}, {"HRV"},
     "Serbia studied Croatia's proposal for a border commission."),
    ("THREATEN", "China threatened to impose sanctions on Japan.", {"CHN"}, {"JPN"},
     "China imposed sanctions on Japan."),
    ("PROTEST", "Thousands of Algerian students demonstrated in Algiers.", {"DZA"}, set(),
     "Thousands of Algerian students studied in Algiers."),
    ("SANCTION", "The EU imposed sanctions on Russia over the invasion.", {"EU"}, {"RUS"},
     "The EU lifted sanctions on Russia over the invasion."),
    ("MOBILIZE", "Russia deployed troops along its border with Ukraine.", {"RUS"}, {"UKR"},
     "Russia did not deploy troops along its border with Ukraine."),
    ("COERCE", "Kenyan police arrested 20 protesters in Nairobi.", {"KEN"}, set(),
     "The EU called on Kenyan authorities to release those detained."),
    ("ASSAULT", "Russian forces shelled the Ukrainian city of Kharkiv.", {"RUS"}, {"UKR"},
     "A cyclone hit Mozambique on Sunday."),
]


@pytest.mark.parametrize(("event_type", "text", "actors", "recipients", "contrast"), TYPE_PAIRS,
                         ids=[p[0] for p in TYPE_PAIRS])
def test_every_type_and_its_minimal_contrast(nlp, event_type: str, text: str, actors: set[str],
                                              recipients: set[str], contrast: str) -> None:
    found = one(events(nlp, text), event_type)
    assert found.actors == actors
    assert recipients <= found.recipients
    assert event_type not in types(events(nlp, contrast))


def test_all_sixteen_types_have_a_pair() -> None:
    assert len({p[0] for p in TYPE_PAIRS}) == 16


# ---------------------------------------------------------------- grammar of the event
@pytest.mark.parametrize("text", [
    "Ukraine accused Russia of shelling the plant.",
    "Russia was accused by Ukraine of shelling the plant.",
])
def test_active_and_passive_give_the_same_roles(nlp, text: str) -> None:
    found = one(events(nlp, text), "ACCUSE")
    assert (found.actors, found.recipients) == ({"UKR"}, {"RUS"})


@pytest.mark.parametrize("text", [
    "The EU imposed sanctions on Russia.",
    "EU sanctions on Russia took effect on Monday.",
    "The EU's sanctions against Russia took effect on Monday.",
    "Russia was hit with new EU sanctions.",
])
def test_verbal_and_nominal_sanctions_give_the_same_roles(nlp, text: str) -> None:
    found = one(events(nlp, text), "SANCTION")
    assert (found.actors, found.recipients) == ({"EU"}, {"RUS"})


def test_the_receiver_of_a_nominal_act_is_its_target(nlp) -> None:
    """"drew condemnation from Japan": Japan condemns, the subject is condemned."""
    found = one(events(nlp, "China's blockade of Taiwan drew condemnation from Japan."), "ACCUSE")
    assert found.actors == {"JPN"} and "CHN" in found.recipients


def test_strikes_on_a_capital_are_attacks_on_its_state(nlp) -> None:
    found = events(nlp, "Russian strikes on Kyiv killed four people.")
    assert "PROTEST" not in types(found)
    assault = one(found, "ASSAULT")
    assert (assault.actors, assault.recipients) == ({"RUS"}, {"UKR"})


def test_a_labour_strike_on_a_weekday_stays_a_protest(nlp) -> None:
    found = events(nlp, "Thousands of Kenyan teachers began a strike on Monday over pay.")
    assert "ASSAULT" not in types(found) and "PROTEST" in types(found)


@pytest.mark.parametrize("text", [
    "Kenya and Somalia agreed in March to patrol the coast together.",
    "In March, Kenya and Somalia agreed to patrol the coast together.",
    "Kenya agreed last March to patrol the coast with Somalia.",
])
def test_a_month_name_is_a_time_not_a_march(nlp, text: str) -> None:
    """A proper noun inside a date (or a month name) is never an event noun: no protest, no conflict inside the deal."""
    found = events(nlp, text)
    assert "AGREE" in types(found) and not types(found) & {"PROTEST", "THREATEN"}


def test_a_march_in_march_is_one_protest_and_a_named_march_stays_one(nlp) -> None:
    text = "Kenyan students held a march on parliament in March."
    marches = [h.token.text for h in find_hits(nlp(text), lexicon()) if h.trigger.type == "PROTEST"]
    assert marches == ["march"]
    one(events(nlp, text), "PROTEST")
    one(events(nlp, "The March on Nairobi by Kenyan students ended in clashes."), "PROTEST")


def test_call_on_names_the_addressee_not_the_topic(nlp) -> None:
    found = one(events(nlp, "The EU called on Turkey to respect Iraq's sovereignty."), "REQUEST")
    assert found.recipients == {"TUR"}


def test_both_governments_are_the_two_states_named_before(nlp) -> None:
    text = "Ethiopia and Egypt traded accusations on Tuesday. The EU called on both governments to show restraint."
    found = one(events(nlp, text), "REQUEST")
    assert found.actors == {"EU"} and found.recipients == {"ETH", "EGY"}


def test_one_state_mention_never_fills_both_sides(nlp) -> None:
    """"called the strike a violation of Iraqi sovereignty": the state is not its own target."""
    found = one(events(nlp, 'Turkey\'s foreign ministry called the raid "a violation of Turkish sovereignty".'), "ACCUSE")
    assert found.recipients.isdisjoint(found.actors)


# ---------------------------------------------------------------- negation, modality, speech
def test_negated_act_is_no_event(nlp) -> None:
    assert "CONSULT" in types(events(nlp, "Peru met Chile on Monday."))
    assert events(nlp, "Peru did not meet Chile on Monday.") == []


def test_planned_and_past_visits(nlp) -> None:
    assert one(events(nlp, "The Kenyan president will visit Tanzania next week."), "CONSULT").status == "planned"
    assert one(events(nlp, "The Kenyan president visited Tanzania last week."), "CONSULT").status == "occurred"


def test_future_aid_is_agree_and_past_aid_is_aid(nlp) -> None:
    """PLOVER: cooperative acts reported in the future tense are AGREE."""
    assert one(events(nlp, "Japan will send humanitarian aid to Nepal."), "AGREE").status == "planned"
    assert "AGREE" not in types(events(nlp, "Japan sent humanitarian aid to Nepal."))


def test_conditional_coercion_is_a_threat_and_plain_coercion_is_not(nlp) -> None:
    threat = one(events(nlp, "If the talks fail, Kenya will close its border with Somalia."), "THREATEN")
    assert threat.actors == {"KEN"}
    plain = events(nlp, "Kenya closed its border with Somalia.")
    assert "THREATEN" not in types(plain) and "SANCTION" in types(plain)


def test_speaker_makes_the_speech_act_of_a_quote(nlp) -> None:
    text = 'Poland\'s foreign minister said: "We condemn this aggression against our neighbour."'
    assert one(events(nlp, text, speaker="POL"), "ACCUSE").actors == {"POL"}


def test_act_reported_in_speech_keeps_its_own_participants(nlp) -> None:
    """"gunmen killed 30 villagers, the army said": the gunmen attacked, not the speaker's state.

    With no attacker known the event falls under the report floor (event_confidence.yaml); with
    the floor at 0 it is an attack on Mali by no one named.
    """
    text = '"Gunmen killed 30 villagers in central Mali," the army spokesman said.'
    assert not any("MLI" in f.actors for f in events(nlp, text, speaker="MLI"))
    with no_report_floor():
        found = one(events(nlp, text, speaker="MLI"), "ASSAULT")
    assert "MLI" not in found.actors and found.recipients == {"MLI"}


def test_future_cooperation_in_a_quote_stays_with_its_subject(nlp) -> None:
    text = '"Japan will send aid to Nepal," the Japanese minister said.'
    assert one(events(nlp, text, speaker="JPN"), "AGREE").actors == {"JPN"}


# ---------------------------------------------------------------- false alarms of the issue
def test_hosting_refugees_is_no_consultation_but_hosting_talks_is(nlp) -> None:
    assert "CONSULT" not in types(events(nlp, "Lebanon hosts more than a million Syrian refugees."))
    talks = one(events(nlp, "Lebanon hosted talks between Israel and Syria."), "CONSULT")
    assert {"ISR", "SYR"} <= talks.actors | talks.recipients


def test_foreign_funded_is_a_label_not_aid(nlp) -> None:
    text = '"We will not let foreign-funded radicals take over the streets," the Georgian prime minister said.'
    assert "AID" not in types(events(nlp, text, speaker="GEO"))
    assert "AID" in types(events(nlp, "France funded the new hospital in Georgia."))


def test_a_call_to_release_those_detained_is_a_request_not_an_arrest(nlp) -> None:
    found = events(nlp, "The EU called on Georgian authorities to release those detained.")
    assert "COERCE" not in types(found)
    assert one(found, "REQUEST").recipients == {"GEO"}


@pytest.mark.parametrize("text", [
    "Kenya ordered a senior Somali diplomat to leave the country.",
    "Kenya gave Somalia's ambassador 72 hours to leave the country.",
    "Kenya told two Somali diplomats to leave within a week.",
    "Kenya expelled a Somali diplomat on Monday.",
])
def test_expulsion_phrasings_are_sanction_expel(nlp, text: str) -> None:
    found = one(events(nlp, text), "SANCTION")
    assert found.mode == "expel" and found.actors == {"KEN"} and found.recipients == {"SOM"}
    assert found.score is not None and found.score < 0


def test_ordering_a_diplomat_to_attend_is_no_expulsion(nlp) -> None:
    assert "SANCTION" not in types(events(nlp, "Kenya ordered a senior Somali diplomat to attend the meeting."))


def test_summoned_envoys_and_lodged_protests_are_accusations(nlp) -> None:
    summoned = one(events(nlp, "Egypt summoned the Turkish ambassador on Sunday."), "ACCUSE")
    assert (summoned.actors, summoned.recipients, summoned.mode) == ({"EGY"}, {"TUR"}, "disapprove")
    lodged = one(events(nlp, "Pakistan lodged a strong protest with India."), "ACCUSE")
    assert (lodged.actors, lodged.recipients) == ({"PAK"}, {"IND"})
    assert "ACCUSE" not in types(events(nlp, "Egypt summoned its cabinet on Sunday."))


def test_police_killings_and_arrests_are_acts_of_the_police_state(nlp) -> None:
    killed = one(events(nlp, "Kenyan police killed three protesters in Nairobi."), "ASSAULT")
    arrested = one(events(nlp, "Kenyan police arrested 20 protesters in Nairobi."), "COERCE")
    assert killed.actors == {"KEN"} and arrested.actors == {"KEN"} and arrested.mode == "arrest"


# ---------------------------------------------------------------- confidence
def test_every_event_has_a_confidence_in_the_unit_interval(nlp) -> None:
    found = events(nlp, "Kenya expelled a Somali diplomat. Russia's shelling killed five. Kenya might meet Somalia.")
    assert found and all(f.confidence is not None and 0.0 <= f.confidence <= 1.0 for f in found)


def test_full_frame_is_surer_than_a_bare_nominal(nlp) -> None:
    full = one(events(nlp, "Kenya expelled a Somali diplomat on Monday."), "SANCTION")
    with no_report_floor():  # a bare nominal with one participant may fall under the report floor
        bare = one(events(nlp, "Russia's shelling killed five civilians."), "ASSAULT")
    assert full.confidence is not None and bare.confidence is not None
    assert full.confidence > bare.confidence


# ---------------------------------------------------------------- acts inside other acts
def test_a_vow_to_fight_is_a_threat_and_a_swearing_in_is_nothing(nlp) -> None:
    with no_report_floor():
        vow = one(events(nlp, "Serbian militias have sworn to fight until they take the villages."), "THREATEN")
    assert vow.actors == {"SRB"} and vow.mode == "violence"
    assert events(nlp, "The new Serbian minister was sworn in on Monday.") == []


def test_a_refused_invitation_to_meet_is_one_rejection(nlp) -> None:
    found = events(nlp, "Serbia rejected an invitation from Croatia to attend a meeting next week.")
    assert types(found) == {"REJECT"} and one(found, "REJECT").mode == "meet"


def test_the_purpose_of_a_meeting_is_not_its_own_event(nlp) -> None:
    found = events(nlp, "Kenya hosted Tanzania for a meeting aimed at establishing closer relations.")
    assert "SUPPORT" not in types(found) and "CONSULT" in types(found)


def test_the_counterpart_is_the_other_side(nlp) -> None:
    found = one(events(nlp, "Kenya rejected a Tanzanian proposal, urging the counterpart to sign the old deal."), "REQUEST")
    assert found.actors == {"KEN"} and found.recipients == {"TZA"}


def test_unnamed_state_agents_act_for_the_state_of_the_place(nlp) -> None:
    """"detained by state security officers in Shanghai": China's act (PLOVER codes police by their state)."""
    found = one(events(nlp, "A Japanese executive was detained by state security officers in Shanghai in March."), "COERCE")
    assert found.actors == {"CHN"} and found.recipients == {"JPN"}
    assert "COERCE" not in types(events(nlp, "A Japanese executive was detained in March."))


def test_an_object_proposed_by_someone_names_the_rejected_side(nlp) -> None:
    found = one(events(nlp, "Serbia rejected the border plan put forward by Croatia."), "REJECT")
    assert found.actors == {"SRB"} and found.recipients == {"HRV"}


def test_an_event_noun_modifying_a_light_noun_takes_its_phrase(nlp) -> None:
    """"a mediation effort between X and Y" is a mediation; "the peace process" is no event."""
    found = one(events(nlp, "Kenya launched a mediation effort on Saturday between Ethiopia and Egypt."), "CONSULT")
    assert {"KEN", "ETH", "EGY"} <= found.actors | found.recipients
    assert events(nlp, "The peace process between Ethiopia and Egypt stalled.") == []


def test_a_hearing_into_conduct_is_an_investigation(nlp) -> None:
    found = one(events(nlp, "Israel's high court opened a hearing into the treatment of Syrian detainees."), "ACCUSE")
    assert found.mode == "investigate" and found.actors == {"ISR"}
    assert "ACCUSE" not in types(events(nlp, "Israel's court heard music at the gala."))


def test_a_purpose_clause_is_the_aim_not_a_second_event(nlp) -> None:
    found = events(nlp, "Japan gave Nepal a grant of 50 million dollars to finance new schools.")
    assert types(found) == {"AID"} and one(found, "AID").recipients == {"NPL"}
    assert "CONCEDE" not in types(events(nlp, "The Peruvian president resigned to allow early elections."))


def test_what_a_proposed_text_would_do_is_not_an_event(nlp) -> None:
    text = "Poland backed an EU resolution that aims to impose sanctions on Russia."
    assert "SANCTION" not in types(events(nlp, text))
    assert "SANCTION" in types(events(nlp, "The EU imposed sanctions on Russia."))


def test_people_from_a_numbered_group_stand_for_its_states(nlp) -> None:
    text = "Egypt, Ethiopia and Sudan met on Tuesday. Experts from the three countries will meet again next month."
    planned = [f for f in events(nlp, text) if f.type == "CONSULT" and f.status == "planned"]
    assert planned and planned[0].actors | planned[0].recipients == {"EGY", "ETH", "SDN"}


def test_a_state_adjective_on_an_attack_noun_is_its_author_not_its_target(nlp) -> None:
    text = "Iraq asked the UN to hold an emergency session on repeated Turkish attacks."
    with no_report_floor():  # attacks with no target named are under the report floor
        attack = one(events(nlp, text), "ASSAULT")
    assert attack.actors == {"TUR"} and "TUR" not in attack.recipients


def test_a_denied_label_and_a_negated_act_in_a_quote_are_no_events(nlp) -> None:
    text = '"The dam is a source of development, not a threat," the Ethiopian minister said.'
    assert "THREATEN" not in types(events(nlp, text, speaker="ETH"))
    text = '"Ethiopia will not ask anyone\'s permission," the Ethiopian minister said.'
    assert "REQUEST" not in types(events(nlp, text, speaker="ETH"))
    assert "THREATEN" in types(events(nlp, "Egypt called the dam a threat and warned Ethiopia."))


def test_a_prison_sentence_is_conviction_and_detention(nlp) -> None:
    jailed = events(nlp, "A Chinese court sentenced the Japanese executive to ten years in prison.")
    assert {"SANCTION", "COERCE"} <= types(jailed) and one(jailed, "COERCE").mode == "arrest"
    assert "COERCE" not in types(events(nlp, "A Chinese court sentenced the Japanese executive to a heavy fine."))


def test_the_holder_of_a_prisoner_is_asked_for_the_release(nlp) -> None:
    text = "Japan demanded the release of a Japanese executive who was sentenced by a Chinese court."
    assert one(events(nlp, text), "REQUEST").recipients == {"CHN"}


def test_a_plural_pronoun_takes_a_plural_antecedent(nlp) -> None:
    text = ("Twelve Indian fishermen crossed into Pakistani waters. Pakistan's navy said it would "
            "release them next week.")
    release = [f for f in events(nlp, text) if f.type in ("RETREAT", "AGREE")]
    assert release and "IND" in release[0].recipients


# ---------------------------------------------------------------- the story's other party
def test_an_act_with_no_named_target_is_aimed_at_the_one_other_state_of_its_sentence(nlp) -> None:
    found = one(events(nlp, "Turkey demanded the release of its sailors held in Iran."), "REQUEST")
    assert (found.actors, found.recipients) == ({"TUR"}, {"IRN"})


def test_an_act_with_no_named_target_is_aimed_at_the_storys_other_party(nlp) -> None:
    text = ("Somalia expelled Kenya's ambassador on Monday over a border dispute. Somalia said the envoy had "
            "meddled in its elections. Kenya condemned the decision on Friday.")
    condemn = one(events(nlp, text), "ACCUSE")
    assert (condemn.actors, condemn.recipients) == ({"KEN"}, {"SOM"})


@pytest.mark.parametrize("text", [
    # two other states in the act's sentence
    "Egypt and Sudan signed a deal on the river on Monday. Ethiopia condemned the move on Tuesday, a day "
    "before Egypt and Sudan met again.",
    # two other states named as often as each other in the story
    "Egypt and Sudan signed a deal on the river on Monday. Ethiopia condemned the move on Tuesday.",
])
def test_no_counterpart_when_the_story_has_no_single_other_party(nlp, text: str) -> None:
    assert one(events(nlp, text), "ACCUSE").recipients == frozenset()


def test_a_domestic_body_gets_no_foreign_counterpart(nlp) -> None:
    """Police at home arresting protesters act on their own state's people, never on the story's other state."""
    text = "Tanzania and Kenya reopened the border. Kenyan police arrested 20 protesters in Nairobi on Monday."
    assert one(events(nlp, text), "COERCE").recipients == frozenset({"KEN"})


def test_a_joint_act_with_one_participant_takes_the_storys_other_party(nlp) -> None:
    text = ("A cyclone struck Mozambique on Sunday, and Mozambique asked for help on Monday. "
            "Japan pledged to help with the reconstruction on Tuesday.")
    agree = one(events(nlp, text), "AGREE")
    assert agree.actors | agree.recipients == {"JPN", "MOZ"}


def test_an_igos_own_envoy_is_never_its_target(nlp) -> None:
    found = one(events(nlp, "The EU's envoy on Georgia called on the authorities to free the detained reporters."),
                "REQUEST")
    assert "EU" not in found.recipients


@pytest.mark.parametrize(("text", "mobilize"), [
    ("An Indian infantry brigade moved to the district on Sunday.", True),      # the unit moves itself
    ("Turkey dispatched two frigates to the eastern Mediterranean.", True),     # a unit sent
    ("An Indian delegation moved to the district on Sunday.", False),           # people, no unit
    ("Turkey dispatched two letters to the eastern Mediterranean states.", False),
])
def test_military_units_moved_or_sent_are_a_mobilisation(nlp, text: str, mobilize: bool) -> None:
    assert ("MOBILIZE" in types(events(nlp, text))) is mobilize


@pytest.mark.parametrize("text", [
    "Kenya and Tanzania agreed to cooperate on border security.",
    "Kenya and Tanzania signed a pact on Monday, agreeing to share intelligence and to patrol the border together.",
])
def test_a_promise_and_what_it_promises_are_one_agreement(nlp, text: str) -> None:
    agree = one(events(nlp, text), "AGREE")
    assert agree.actors | agree.recipients == {"KEN", "TZA"}


@pytest.mark.parametrize(("text", "sides"), [
    ("Kenyan and Tanzanian police shared intelligence on smugglers in March.", {"KEN", "TZA"}),
    ("The Chilean and Peruvian navies held joint exercises off the coast.", {"CHL", "PER"}),
])
def test_coordinated_state_adjectives_name_every_state(nlp, text: str, sides: set[str]) -> None:
    joint = one(events(nlp, text), "COOPERATE")
    assert joint.actors | joint.recipients == sides


@pytest.mark.parametrize(("text", "assault"), [
    ("Floods killed 40 people in Pakistan on Sunday.", False),              # a natural cause
    ("An earthquake that killed thousands struck Turkey.", False),
    ("Russian missiles killed 40 people in Ukraine on Sunday.", True),     # weapons of a state
    ("A landslide injured twelve people in Nepal.", False),
    ("Russian troops injured twelve people in Ukraine.", True),
])
def test_natural_causes_do_harm_but_make_no_attack(nlp, text: str, assault: bool) -> None:
    with no_report_floor():
        assert ("ASSAULT" in types(events(nlp, text))) is assault


@pytest.mark.parametrize(("text", "mobilize"), [
    ("The EU will deploy a team of election observers to Georgia next month.", False),
    ("Russia will deploy two more battalions to Georgia next month.", True),
])
def test_observers_and_doctors_sent_are_no_mobilisation(nlp, text: str, mobilize: bool) -> None:
    with no_report_floor():
        assert ("MOBILIZE" in types(events(nlp, text))) is mobilize


def test_a_visit_with_no_host_named_goes_to_the_state_of_its_place(nlp) -> None:
    visit = one(events(nlp, "The Kenyan president will travel to Beijing next month for a state visit."), "CONSULT")
    assert visit.actors | visit.recipients == {"KEN", "CHN"}


def test_unnamed_state_agents_acting_at_home_get_no_foreign_counterpart(nlp) -> None:
    text = "Police raided a newspaper in Nairobi, Kenya, as Tanzania's president arrived for talks."
    with no_report_floor():
        raid = [f for f in events(nlp, text) if f.type in ("ASSAULT", "COERCE")]
    assert raid and all("TZA" not in f.recipients for f in raid)


@pytest.mark.parametrize("text", [
    "Sudanese gunmen kidnapped 16 Egyptian engineers near the border.",
    "Sudanese gunmen kidnapped up to 16 Egyptian engineers near the border.",   # "up to" read as a particle
])
def test_a_quantity_before_the_object_keeps_it_the_target(nlp, text: str) -> None:
    with no_report_floor():
        found = one(events(nlp, text), "ASSAULT")
    assert found.recipients == {"EGY"}


@pytest.mark.parametrize(("text", "kind"), [
    ("A cyclone struck Mozambique on Sunday. After the cyclone, Tanzania sent troops and helicopters to "
     "Mozambique.", "AID"),                                                       # forces sent for relief
    ("Tension rose along the border on Sunday. Tanzania sent troops and helicopters to the border with "
     "Mozambique.", "MOBILIZE"),
])
def test_forces_sent_after_a_disaster_are_aid(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    assert kind in found and ({"AID", "MOBILIZE"} - {kind}).isdisjoint(found)


def test_a_hostile_act_one_side_reports_of_the_other_is_its_accusation(nlp) -> None:
    found = events(nlp, "Turkey said Iranian troops shelled two villages on Monday.")
    shelling, accusation = one(found, "ASSAULT"), one(found, "ACCUSE")
    assert shelling.status == "alleged" and (shelling.actors, shelling.recipients) == ({"IRN"}, {"TUR"})
    assert (accusation.actors, accusation.recipients, accusation.mode) == ({"TUR"}, {"IRN"}, "allege")


def test_an_explicit_accusation_is_not_coded_twice(nlp) -> None:
    found = events(nlp, "Turkey accused Iran of shelling two villages on Monday.")
    assert len([f for f in found if f.type == "ACCUSE"]) == 1


def test_a_subject_set_off_by_a_participle_clause_stays_the_subject(nlp) -> None:
    """"X, meeting in Y, demanded ...": the parser hangs X on the participle."""
    text = ("Heads of state of the European Union (EU), meeting at an emergency summit in the Belgian capital, "
            "demanded the immediate release of the Georgian opposition leader.")
    found = one(events(nlp, text), "REQUEST")
    assert found.actors == {"EU"}


@pytest.mark.parametrize(("text", "contrast"), [
    ("No member state of the EU has offered troops to Mali.", "France has offered troops to Mali."),
    ("Nobody attacked Kenya on Monday.", "Somalia attacked Kenya on Monday."),
])
def test_a_subject_that_denies_the_act_makes_it_not_happen(nlp, text: str, contrast: str) -> None:
    assert [f for f in events(nlp, text) if f.status == "occurred"] == []
    assert [f for f in events(nlp, contrast) if f.status == "occurred"]


@pytest.mark.parametrize(("text", "kind", "mode"), [
    ("Hundreds of Kenyan teachers protested outside parliament on Monday.", "PROTEST", "demo"),  # a crowd
    ("Dozens of Chinese monks protested in the square.", "PROTEST", "demo"),
    ("Kenya protested the decision on Monday.", "ACCUSE", "disapprove"),                      # a state
    ("Chinese officials protested the decision.", "ACCUSE", "disapprove"),
])
def test_people_who_protest_demonstrate_and_a_state_that_protests_disapproves(nlp, text: str, kind: str,
                                                                               mode: str) -> None:
    with no_report_floor():
        found = events(nlp, text)
    assert [(f.type, f.mode) for f in found] == [(kind, mode)]


@pytest.mark.parametrize(("text", "state"), [
    ("Thousands of people rallied in Nairobi on Monday.", "KEN"),        # a crowd in a city: its state's people
    ("Hundreds of students marched through Kampala on Friday.", "UGA"),
])
def test_an_unnamed_crowd_protests_as_people_of_the_place(nlp, text: str, state: str) -> None:
    with no_report_floor():
        found = one(process(nlp, text), "PROTEST")
    assert found.actors == {state}


def test_a_crowd_of_no_place_is_no_actor(nlp) -> None:
    """The contrast: with no place named, nobody is coded."""
    with no_report_floor():
        assert [f for f in process(nlp, "Thousands of people rallied on Monday.") if f.type == "PROTEST"] == []


def test_a_crowd_against_its_own_government_targets_the_state(nlp) -> None:
    """The target is named apart from the actor: the state on both sides, as PLOVER's gold codes it."""
    with no_report_floor():
        found = one(process(nlp, "Thousands rallied in Nairobi against the Kenyan government."), "PROTEST")
    assert (found.actors, found.recipients) == ({"KEN"}, {"KEN"})


@pytest.mark.parametrize(("text", "recipients"), [
    ("The shelling of Kharkiv by Russian forces continued overnight.", set()),   # the actor phrase is no target
    ("The shelling of Ukrainian towns by Russian forces continued overnight.", {"UKR"}),
])
def test_a_nominal_acts_by_phrase_is_never_its_target(nlp, text: str, recipients: set[str]) -> None:
    with no_report_floor():
        found = one(events(nlp, text), "ASSAULT")
    assert found.actors == {"RUS"} and found.recipients == recipients


@pytest.mark.parametrize(("text", "kind"), [
    ("Germany slapped tariffs on Chinese steel on Monday.", "SANCTION"),
    ("The EU tightened sanctions against Russia on Monday.", "SANCTION"),
    ("Russia cut gas supplies to Poland on Monday.", "SANCTION"),
    ("Russia cut the price of gas on Monday.", None),                           # a price cut is no sanction
    ("Russia restored diplomatic ties with Georgia.", "SUPPORT"),
    ("Indian and Pakistani troops exchanged fire along the border.", "ASSAULT"),
    ("The EU approved a bailout for Egypt.", "AID"),
])
def test_measures_links_and_fire_phrasings(nlp, text: str, kind: str | None) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    assert (kind in found) if kind else "SANCTION" not in found


@pytest.mark.parametrize(("text", "recipients"), [
    ("The Kenyan army killed 30 rebels on Monday.", {"KEN"}),                    # one state's story: its own people
    ("Kenyan police arrested dozens of suspected militants on Monday.", {"KEN"}),
    ("Kenya accused communist guerrillas of breaking the truce.", {"KEN"}),
    ("The Kenyan army killed 30 Somali rebels on Monday.", {"SOM"}),              # the group's state is named
    ("The Kenyan army killed 30 militants in Somalia on Monday.", {"SOM"}),       # the people of the place
    ("Kenyan police arrested dozens of suspected militants in Somalia.", {"SOM"}),
    ("The Kenyan army killed 30 rebels on Monday. Somalia condemned the raid and Somalia "
     "summoned the Kenyan envoy.", {"SOM"}),                                       # another side in the story
])
def test_a_group_of_people_named_by_kind_is_the_actors_own_people_at_home(nlp, text: str,
                                                                           recipients: set[str]) -> None:
    with no_report_floor():
        found = [f for f in process(nlp, text) if f.type in ("ASSAULT", "COERCE", "ACCUSE")][0]
    assert found.recipients == recipients


@pytest.mark.parametrize(("text", "recipients"), [
    ("Kenyan police fired tear gas at rioters in Nairobi on Monday.", {"KEN"}),           # a crowd at home
    ("Kenyan doctors walked off the job over government plans on Monday.", {"KEN"}),      # a body named by kind
    ("The Kenyan police chief threatened to arrest union leaders on Monday.", {"KEN"}),
    ("Kenyan doctors walked off the job on Monday.", set()),                               # no target named
    ("Kenyan police fired tear gas at rioters in Somalia on Monday.", None),              # not at home
])
def test_a_body_named_in_the_acts_clause_at_home_is_its_states_target(nlp, text: str,
                                                                      recipients: set[str] | None) -> None:
    with no_report_floor():
        found = [f for f in process(nlp, text) if f.type in ("ASSAULT", "PROTEST", "THREATEN")][0]
    if recipients is None:
        assert "KEN" not in found.recipients
    else:
        assert found.recipients == recipients


@pytest.mark.parametrize(("text", "kind"), [
    ("Kenyan protesters torched a police station in Nairobi on Monday.", "PROTEST"),   # a crowd's violence: riot
    ("Police fired tear gas at rioters who torched shops in Nairobi.", "PROTEST"),
    ("Kenyan soldiers torched a village on Monday.", "ASSAULT"),                      # state forces: an attack
])
def test_violence_by_a_crowd_is_a_riot(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = process(nlp, text)
    riots = [f for f in found if f.type == "PROTEST" and f.mode == "riot"]
    assert bool(riots) is (kind == "PROTEST")


@pytest.mark.parametrize(("text", "recipients"), [
    ("Gunmen kidnapped 42 pupils from a school in northern Nigeria on Wednesday.", {"NGA"}),  # the place's state
    ("Gunmen kidnapped 42 pupils from a school on Wednesday.", None),                        # no place: nothing
])
def test_unnamed_attackers_strike_the_state_of_the_place(nlp, text: str, recipients: set[str] | None) -> None:
    with no_report_floor():
        found = [f for f in process(nlp, text) if f.type == "ASSAULT"]
    if recipients is None:
        assert found == []
    else:
        assert found and found[0].actors == frozenset() and found[0].recipients == recipients


@pytest.mark.parametrize(("text", "actors"), [
    ("Islamic State claimed responsibility for the attack in Kabul.", {"IMG"}),   # the claimant is the attacker
    ("Kenya condemned the attack on Monday.", None),                              # a reference: no attack coded
])
def test_a_claim_of_responsibility_names_the_attacker(nlp, text: str, actors: set[str] | None) -> None:
    with no_report_floor():
        found = [f for f in process(nlp, text) if f.type == "ASSAULT"]
    assert (found[0].actors == actors) if actors else found == []


def test_the_accuser_is_never_the_actor_of_the_act_alleged(nlp) -> None:
    """"Its" in the alleged act's object is the accuser's; the accused alone is the actor."""
    with no_report_floor():
        found = one(events(nlp, "Ukraine accused Russia of shelling villages in its eastern province."), "ASSAULT")
    assert (found.actors, found.recipients, found.status) == ({"RUS"}, {"UKR"}, "alleged")


@pytest.mark.parametrize(("text", "recipients"), [
    ("Russia expelled two Polish diplomats on Monday. Germany condemned the move.", {"RUS"}),    # the deed told last
    ("Turkey shelled two Syrian villages on Monday. Iraq said it was worried. Egypt condemned the attack.", {"TUR"}),
])
def test_a_reaction_to_an_act_told_before_targets_its_maker(nlp, text: str, recipients: set[str]) -> None:
    with no_report_floor():
        found = [f for f in events(nlp, text) if f.type == "ACCUSE" and f.actors in ({"DEU"}, {"EGY"})]
    assert found and found[0].recipients == recipients


def test_an_act_alleged_of_the_accused_needs_no_subject_of_its_own(nlp) -> None:
    """"accused Chinese vessels of ramming a supply boat": the parser hangs "of ramming" on the vessels."""
    with no_report_floor():
        found = one(events(nlp, "Japan accused Chinese vessels of ramming a supply boat."), "ASSAULT")
    assert (found.actors, found.recipients, found.status) == ({"CHN"}, {"JPN"}, "alleged")


@pytest.mark.parametrize(("text", "attack_actors"), [
    ("Kenyan rebels surrendered on Monday following a government offensive.", None),      # the scene, not their deed
    ("Kenya suspended talks with Somalia after a bomb attack on Monday.", None),
    ("Kenya launched an offensive against Somalia on Monday.", {"KEN"}),                 # the clause's own act
])
def test_violence_that_sets_the_scene_is_not_the_subjects(nlp, text: str, attack_actors: set[str] | None) -> None:
    with no_report_floor():
        attacks = [f for f in events(nlp, text) if f.type == "ASSAULT"]
    assert [f.actors for f in attacks if f.actors] == ([attack_actors] if attack_actors else [])
