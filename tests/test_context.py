"""Event context: status cues, dates from the clause, and who asserts an event."""

from __future__ import annotations

import pytest

from communique.extract.context import EventContext, build_context, merge_contexts
from communique.records import Actor, ActorSet, Article, Mention, Quote

THURSDAY = "2024-07-11"


def _actors(text: str, names: dict[str, Actor]) -> ActorSet:
    """An ActorSet whose mentions are every occurrence of the given surface forms."""
    mentions = []
    for surface, actor in names.items():
        start = text.find(surface)
        while start >= 0:
            mentions.append(Mention(start=start, end=start + len(surface), actor_id=actor.id, text=surface))
            start = text.find(surface, start + 1)
    unique = {a.id: a for a in names.values()}
    return ActorSet(actors=list(unique.values()), mentions=mentions)


def _context(nlp, text: str, word: str, *, date: str = THURSDAY, actors: ActorSet | None = None,
             quotes: list[Quote] | None = None, nth: int = 0, **kwargs) -> EventContext:
    doc = nlp(text)
    article = Article(id="t", date=date, text=text)
    resolver = build_context(doc, article=article, actors=actors or ActorSet(), quotes=quotes or [])
    tokens = [t for t in doc if t.text == word]
    return resolver.resolve(tokens[nth].i, **kwargs)


# ---------------------------------------------------------------- status


@pytest.mark.parametrize(
    ("text", "word", "status"),
    [
        ("Japan and China will hold talks in Tokyo next week.", "talks", "planned"),
        ("The two ministers plan to meet in Geneva.", "meet", "planned"),
        ("The two leaders are expected to meet on Friday.", "meet", "planned"),
        ("Mamani and Bustamante are due to meet in Lima later this month.", "meet", "planned"),
        ("Kenya and Tanzania agreed to meet again in August.", "meet", "planned"),
        ("The summit is scheduled to open in Nairobi.", "open", "planned"),
        ("Angola said its president would host the two ministers next week.", "host", "planned"),
        ("The Gulf states pledged $2 billion in aid to Jordan.", "aid", "planned"),
        ("If Ethiopia fills the dam, Egypt would strike the site.", "strike", "hypothetical"),
        ("The fund said it could release a further $300 million.", "release", "hypothetical"),
        ("Iran threatened to impose sanctions on the firms.", "impose", "hypothetical"),
        ("The ministers warned that anyone obstructing aid would face sanctions.", "sanctions", "hypothetical"),
        ("Iraq demanded that Ankara withdraw its troops.", "withdraw", "hypothetical"),
        ("Congo accused Rwanda of shelling villages on Tuesday.", "shelling", "alleged"),
        ("Rebels allegedly attacked the convoy near Goma.", "attacked", "alleged"),
        ("The minister claimed that Kenya had closed the border.", "closed", "alleged"),
        ("Rwanda denied that its troops had crossed the border.", "crossed", "denied"),
        ("Fiji rejected claims that the pact was aimed at China.", "aimed", "denied"),
        ("Protest leaders said officers had fired live rounds, which the ministry denied.", "fired", "denied"),
        ("Congo accused Rwanda on Thursday of shelling villages.", "accused", "occurred"),
        ("Iran threatened to impose sanctions on the firms.", "threatened", "occurred"),
        ("Rwanda denied that its troops had crossed the border.", "denied", "occurred"),
        ("Police detained 30 people in Maan on Monday.", "detained", "occurred"),
        ("The four states pledged aid after a meeting of their ministers.", "meeting", "occurred"),
    ],
)
def test_status_cues(nlp, text: str, word: str, status: str) -> None:
    assert _context(nlp, text, word).status == status


def test_a_threat_in_the_future_tense_occurred_when_made(nlp) -> None:
    text = "If the pressure continues, Poland will close the border, the minister said on Tuesday."
    threat = _context(nlp, text, "close", event_type="THREATEN")
    closing = _context(nlp, text, "close", event_type="COERCE")
    assert (threat.status, threat.date) == ("occurred", "2024-07-09")
    assert closing.status == "hypothetical"


def test_a_refusal_is_not_a_negated_act(nlp) -> None:
    ctx = _context(nlp, "Bolivia will not accept the expelled migrants.", "accept", event_type="REJECT")
    assert (ctx.status, ctx.negated) == ("occurred", False)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The presidents of the two countries did not meet at the summit.", "meet"),
        ("The fishermen were not detained.", "detained"),
        ("Iraqi officials stopped short of expelling the ambassador.", "expelling"),
        ("Belarus has never withdrawn its troops.", "withdrawn"),
        ("No talks were held in Geneva.", "talks"),
    ],
)
def test_negated_acts(nlp, text: str, word: str) -> None:
    assert _context(nlp, text, word).negated


def test_a_hostile_act_reported_by_the_other_side_is_alleged(nlp) -> None:
    text = "Rohingya activists said the Myanmar military had shelled villages last week."
    ctx = _context(nlp, text, "shelled", date="2019-11-19", event_type="ASSAULT", actor_codes=["MMR"])
    plain = _context(nlp, text, "shelled", date="2019-11-19")
    assert (ctx.status, ctx.date) == ("alleged", "2019-11")
    assert plain.status == "occurred"


def test_a_claim_denied_by_the_actor_in_the_next_sentence_is_denied(nlp) -> None:
    text = ("Polish officials said two Belarusian helicopters had entered Polish airspace on Tuesday. "
            "Belarus's Defence Ministry denied that any of its aircraft had crossed the border.")
    actors = _actors(text, {
        "Polish": Actor(id="s1", name="Poland", kind="state", code="POL"),
        "Belarus": Actor(id="s2", name="Belarus", kind="state", code="BLR"),
    })
    ctx = _context(nlp, text, "entered", date="2025-08-27", actors=actors, event_type="MOBILIZE",
                   actor_codes=["BLR"])
    assert (ctx.status, ctx.date) == ("denied", "2025-08-26")


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "word", "date", "expected", "source"),
    [
        ("Congo accused Rwanda on Thursday of shelling villages.", "accused", THURSDAY, "2024-07-11", "own"),
        ("Kenya had asked Tanzania on Monday to suspend the ban.", "asked", "2019-06-14", "2019-06-10", "own"),
        ("The council will meet next month in Nairobi.", "meet", "2019-12-14", "2020-01", "own"),
        ("Japan welcomed the decision.", "welcomed", THURSDAY, THURSDAY, "default"),
        ("Japan will hold talks with China.", "talks", THURSDAY, "2024", "default"),
        ("The standoff turned violent on Tuesday, when police fired tear gas.", "fired", "2024-02-09",
         "2024-02-06", "clause"),
        ("Protesters have blocked the bridge since Jan. 28.", "blocked", "2024-02-09", "2024-01-28", "own"),
        ("Quad leaders will meet in New Delhi later this year.", "meet", "2026-01-23", "2026", "own"),
        ("Sri Lanka freed 10 fishermen on Tuesday, two days after its navy arrested 15 others.", "arrested",
         "2022-10-25", "2022-10-23", "relation"),
        ("Iraq summoned the envoy on Thursday, a day after a drone strike killed three civilians.", "strike",
         "2022-06-16", "2022-06-15", "relation"),
        ("The four states pledged on Tuesday to provide $2 billion over five years.", "provide", "2023-04-12",
         "2023", "default"),
    ],
)
def test_dates(nlp, text: str, word: str, date: str, expected: str, source: str) -> None:
    ctx = _context(nlp, text, word, date=date)
    assert (ctx.date, ctx.date_source) == (expected, source)


def test_an_offset_counts_from_the_day_named_before_it(nlp) -> None:
    text = "The envoy arrived in Khartoum on Tuesday and met the army chief a day later."
    ctx = _context(nlp, text, "met", date="2025-03-12")
    assert (ctx.date, ctx.date_text, ctx.date_source) == ("2025-03-12", "a day later", "relation")


def test_date_text_is_kept_as_written(nlp) -> None:
    ctx = _context(nlp, "The army said troops crossed the border late on Tuesday.", "crossed")
    assert (ctx.date, ctx.date_text) == ("2024-07-09", "late on Tuesday")


def test_historical_background_keeps_its_own_date(nlp) -> None:
    ctx = _context(nlp, "Russia expelled 15 diplomats in 2023.", "expelled")
    assert (ctx.date, ctx.historical) == ("2023", True)
    today = _context(nlp, "Russia expelled 15 diplomats on Monday.", "expelled")
    assert today.historical is False


def test_a_day_named_earlier_in_the_paragraph_dates_the_next_sentence(nlp) -> None:
    text = "The standoff turned violent on Tuesday. Fourteen people were arrested.\n\nJapan welcomed the talks."
    assert _context(nlp, text, "arrested", date="2024-02-09").date == "2024-02-06"
    assert _context(nlp, text, "welcomed", date="2024-02-09").date == "2024-02-09"


def test_no_article_date_resolves_only_absolute_dates(nlp) -> None:
    assert _context(nlp, "Russia expelled 15 diplomats on March 3, 2023.", "expelled", date="").date == "2023-03-03"
    assert _context(nlp, "Russia expelled 15 diplomats on Monday.", "expelled", date="").date is None


# ---------------------------------------------------------------- asserted_by


def test_asserted_by_the_quote_speaker(nlp) -> None:
    text = '"We will seize every one of them," the minister said.'
    quote = Quote(id="q1", speaker="Nimal Wickramaratne", text="We will seize every one of them",
                  start=1, end=32, kind="direct")
    ctx = _context(nlp, text, "seize", quotes=[quote])
    assert ctx.asserted_by == "Nimal Wickramaratne"


def test_asserted_by_the_subject_of_a_verb_of_saying(nlp) -> None:
    text = "Mshana said Tanzania would lift the ban next week."
    actors = _actors(text, {"Mshana": Actor(id="a1", name="Baraka Mshana", kind="person", country="TZA")})
    ctx = _context(nlp, text, "lift", actors=actors)
    assert (ctx.asserted_by, ctx.status) == ("Baraka Mshana", "planned")


def test_asserted_by_according_to(nlp) -> None:
    text = "Fourteen people were arrested, according to the regional prosecutor's office."
    office = Actor(id="o1", name="Puno prosecutor's office", kind="org", country="PER")
    actors = _actors(text, {"regional prosecutor's office": office})
    ctx = _context(nlp, text, "arrested", actors=actors, event_type="COERCE", actor_codes=["PER"])
    assert (ctx.asserted_by, ctx.status) == ("Puno prosecutor's office", "occurred")


def test_asserted_by_the_accuser(nlp) -> None:
    text = "Vietnam accused Chinese coast guards of beating the crew."
    actors = _actors(text, {"Vietnam": Actor(id="s1", name="Vietnam", kind="state", code="VNM")})
    ctx = _context(nlp, text, "beating", actors=actors)
    assert (ctx.asserted_by, ctx.status) == ("Vietnam", "alleged")


def test_a_negated_act_in_reported_speech_is_a_denial(nlp) -> None:
    text = "Mukamana said Rwandan troops had not crossed into Congo."
    actors = _actors(text, {"Mukamana": Actor(id="p1", name="Claudine Mukamana", kind="person", country="RWA")})
    ctx = _context(nlp, text, "crossed", actors=actors)
    assert (ctx.status, ctx.negated, ctx.asserted_by) == ("denied", True, "Claudine Mukamana")


# ---------------------------------------------------------------- merging mentions


def test_merge_contexts() -> None:
    alleged = EventContext(date="2021-03-18", status="alleged", date_source="default")
    denial = EventContext(date="2021-03", status="denied", negated=True, date_source="own", asserted_by="Kigali")
    dated = EventContext(date="2021-03-16", date_text="late on Tuesday", status="alleged", date_source="own")
    confirmed = EventContext(date="2021-03-18", status="occurred", date_source="default")
    assert merge_contexts([alleged, denial]).status == "denied"
    assert merge_contexts([alleged, dated]).date == "2021-03-16"
    assert merge_contexts([alleged, confirmed]).status == "occurred"
    assert merge_contexts([denial]) is None
