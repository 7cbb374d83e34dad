"""Cross-article clustering: same happenings join, near misses stay apart, order never matters."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from communique.analysis.clusters import (
    Clusterer,
    Report,
    bcubed_scores,
    cluster_all,
    linked,
    pairwise_scores,
)


def rep(eid, art, typ="CONSULT", actors=("USA",), recipients=("JPN",), date="2024-07-11", status="occurred",
        evidence="Biden met Kishida in Washington for talks on security", source=None, published=None):
    return Report(event_id=eid, article_id=art, source=source or f"outlet-{art}", published=published or date,
                  type=typ, actors=tuple(actors), recipients=tuple(recipients), date=date, status=status,
                  evidence=evidence)


def test_same_meeting_in_three_outlets_is_one_cluster():
    reports = [
        rep("e1", "a1"),
        rep("e2", "a2", actors=("JPN",), recipients=("USA",), evidence="Kishida held talks with Biden"),
        rep("e3", "a3", date="2024-07-12", evidence="the two leaders met on Thursday in Washington"),
    ]
    (cluster,) = cluster_all(reports)
    assert set(cluster.events) == {"e1", "e2", "e3"}
    assert cluster.counts == {"events": 3, "articles": 3, "sources": 3}
    assert cluster.status == "occurred" and cluster.date == "2024-07-11"
    assert cluster.contested and cluster.disagreements == ("e3",)  # one outlet dates it a day later


def test_agreeing_reports_are_not_contested():
    (cluster,) = cluster_all([rep("e1", "a1"), rep("e2", "a2", evidence="Kishida and Biden met for talks")])
    assert not cluster.contested and cluster.disagreements == ()


def test_same_leaders_a_week_later_stay_apart():
    clusters = cluster_all([rep("e1", "a1"), rep("e2", "a2", date="2024-07-18")])
    assert len(clusters) == 2


def test_threat_and_the_strike_that_follows_stay_apart():
    threat = rep("e1", "a1", typ="THREATEN", actors=("ISR",), recipients=("LBN",), evidence="threatened strikes")
    strike = rep("e2", "a2", typ="ASSAULT", actors=("ISR",), recipients=("LBN",), evidence="strikes hit")
    assert not linked(threat, strike)
    assert len(cluster_all([threat, strike])) == 2


def test_same_sender_sanctions_on_another_target_stay_apart():
    a = rep("e1", "a1", typ="SANCTION", actors=("USA",), recipients=("IRN",), evidence="sanctions on Iran oil")
    b = rep("e2", "a2", typ="SANCTION", actors=("USA",), recipients=("VEN",), evidence="sanctions on Venezuela oil")
    assert len(cluster_all([a, b])) == 2


def test_planned_meeting_joins_the_meeting_that_occurred():
    planned = rep("e1", "a1", date="2024-07", status="planned", published="2024-07-01",
                  evidence="Biden and Kishida will meet in Washington for security talks")
    held = rep("e2", "a2", evidence="Biden met Kishida in Washington for security talks")
    (cluster,) = cluster_all([planned, held])
    assert cluster.status == "occurred"
    assert cluster.first_reported == "2024-07-01" and cluster.last_reported == "2024-07-11"


def test_planned_agree_joins_consult():
    planned = rep("e1", "a1", typ="AGREE", date="2024-07", status="planned",
                  evidence="ministers agreed to meet in Tokyo for security talks")
    held = rep("e2", "a2", evidence="ministers met in Tokyo for security talks")
    assert len(cluster_all([planned, held])) == 1


def test_denial_makes_a_contested_cluster():
    a = rep("e1", "a1", typ="ASSAULT", actors=("TUR",), recipients=("IRQ",), evidence="drone strike killed civilians")
    b = rep("e2", "a2", typ="ASSAULT", actors=("TUR",), recipients=("IRQ",), status="denied",
            evidence="denied that the drone strike killed civilians")
    c = rep("e3", "a3", typ="ASSAULT", actors=("TUR",), recipients=("IRQ",), evidence="a drone strike killed three")
    (cluster,) = cluster_all([a, b, c])
    assert cluster.contested and cluster.disagreements == ("e2",)
    assert cluster.status == "occurred"


def test_vague_report_does_not_chain_two_meetings():
    first = rep("e1", "a1", date="2024-07-04", evidence="leaders met in Tokyo for talks on trade")
    second = rep("e2", "a2", date="2024-07-11", evidence="leaders met in Tokyo for talks on trade")
    vague = rep("e3", "a3", date="2024-07", evidence="leaders met in Tokyo this month for talks on trade")
    clusters = cluster_all([first, second, vague])
    assert all(not {"e1", "e2"} <= set(c.events) for c in clusters)


def test_two_events_of_one_article_never_join():
    assert len(cluster_all([rep("e1", "a1"), rep("e2", "a1")])) == 2


def _scenario(seed: int) -> list[Report]:
    rnd = random.Random(seed)
    out = []
    for i in range(40):
        day = 10 + rnd.randrange(4) * 3
        typ = rnd.choice(["CONSULT", "ACCUSE", "SANCTION"])
        pair = rnd.choice([("USA", "CHN"), ("USA", "JPN"), ("RUS", "UKR")])
        out.append(rep(f"e{i}", f"a{i}", typ=typ, actors=pair[:1], recipients=pair[1:], date=f"2024-03-{day:02d}",
                       evidence=rnd.choice(["talks on trade", "sanctions over chips", "condemned strikes"])))
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_incremental_equals_rebuild_in_any_order(seed, rnd):
    reports = _scenario(seed)
    rebuilt = cluster_all(reports)
    shuffled = reports[:]
    rnd.shuffle(shuffled)
    incremental = Clusterer()
    incremental.add_many(shuffled)
    assert incremental.all_clusters() == rebuilt


def test_pairwise_and_bcubed():
    gold = {"a": "1", "b": "1", "c": "2", "d": "2"}
    perfect = pairwise_scores(gold, gold)
    assert perfect["f1"] == 1.0 and bcubed_scores(gold, gold)["f1"] == 1.0
    merged = {k: "x" for k in gold}
    scores = pairwise_scores(merged, gold)
    assert scores["recall"] == 1.0 and abs(scores["precision"] - 2 / 6) < 1e-9
    b3 = bcubed_scores(merged, gold)
    assert b3["recall"] == 1.0 and abs(b3["precision"] - 0.5) < 1e-9


# -- issue 22: dates of different precision, an extra participant, the reason of each link --------


def test_day_report_links_with_a_month_report_in_other_words():
    day = rep("e1", "a1", typ="CONSULT", actors=("USA", "JPN"), recipients=(), date="2024-07-11",
              evidence="Biden met Kishida in Washington on Thursday for talks on security")
    month = rep("e2", "a2", typ="CONSULT", actors=("JPN", "USA"), recipients=(), date="2024-07",
                published="2024-07-29", evidence="earlier this month the two allies held a round of consultations")
    assert linked(day, month) and linked(month, day)
    (cluster,) = cluster_all([day, month])
    assert cluster.date == "2024-07-11"
    (link,) = cluster.links
    assert {link.a, link.b} == {"e1", "e2"}
    assert link.reason == "same type CONSULT; participants {JPN,USA}; date 2024-07 contains 2024-07-11"


def test_day_report_links_with_a_year_report_sharing_some_wording():
    day = rep("e1", "a1", typ="AGREE", actors=("CHL", "ARG"), recipients=(), date="2025-04-09",
              evidence="Chile and Argentina signed a lithium accord in Santiago")
    year = rep("e2", "a2", typ="AGREE", actors=("ARG", "CHL"), recipients=(), date="2025", published="2025-09-15",
               evidence="under the lithium accord that Chile and Argentina signed earlier this year")
    unrelated = rep("e3", "a3", typ="AGREE", actors=("ARG", "CHL"), recipients=(), date="2025",
                    published="2025-09-15", evidence="a deal reached by the two governments on fishing quotas")
    assert linked(day, year)
    assert not linked(day, unrelated)  # a year holds several agreements: some shared wording is asked for
    (link,) = [c for c in cluster_all([day, year]) if len(c.events) == 2][0].links
    assert "date 2025 contains 2025-04-09" in link.reason


def test_extra_participant_links_and_says_so():
    two = rep("e1", "a1", typ="CONSULT", actors=("USA", "JPN"), recipients=(), date="2024-07-11",
              evidence="Biden and Kishida met on Thursday")
    three = rep("e2", "a2", typ="CONSULT", actors=("USA", "JPN", "AUS"), recipients=(), date="2024-07",
                published="2024-07-30", evidence="leaders of three Pacific democracies consulted this month")
    (cluster,) = cluster_all([two, three])
    assert cluster.participants == ("AUS", "JPN", "USA")
    assert cluster.links[0].reason == ("same type CONSULT; participants {JPN,USA} ⊂ {AUS,JPN,USA}; "
                                       "date 2024-07 contains 2024-07-11")


def test_far_apart_participants_at_coarse_dates_stay_apart():
    a = rep("e1", "a1", typ="CONSULT", actors=("USA", "JPN", "AUS"), recipients=(), date="2024-07-11",
            evidence="three leaders met")
    b = rep("e2", "a2", typ="CONSULT", actors=("USA", "JPN", "KOR", "PHL"), recipients=(), date="2024-07",
            published="2024-07-30", evidence="a four-way gathering of ministers in Manila this month")
    assert not linked(a, b)  # Jaccard 2/5 and no similar wording


def test_distinct_days_of_one_pair_never_join_even_through_a_month_report():
    first = rep("e1", "a1", typ="CONSULT", actors=("VNM", "IDN"), recipients=(), date="2025-06-10",
                evidence="Vietnam and Indonesia held talks in Jakarta on fishing")
    second = rep("e2", "a2", typ="CONSULT", actors=("VNM", "IDN"), recipients=(), date="2025-06-24",
                 evidence="Vietnam and Indonesia met again in Hanoi")
    month = rep("e3", "a3", typ="CONSULT", actors=("IDN", "VNM"), recipients=(), date="2025-06",
                published="2025-06-28", evidence="the talks in Jakarta on fishing this month")
    assert not linked(first, second)
    clusters = cluster_all([first, second, month])
    together = {frozenset(c.events) for c in clusters}
    assert not any({"e1", "e2"} <= members for members in together)
    assert frozenset({"e1", "e3"}) in together  # the month report joins the meeting it is most like


def test_directed_month_report_links_and_reversed_direction_does_not():
    day = rep("e1", "a1", typ="SANCTION", actors=("EST",), recipients=("RUS",), date="2025-02-12",
              evidence="Estonia on Wednesday expelled a Russian diplomat")
    month = rep("e2", "a2", typ="SANCTION", actors=("EST",), recipients=("RUS",), date="2025-02",
                published="2025-03-04", evidence="Tallinn's move in February against an embassy official")
    reply = rep("e3", "a2", typ="SANCTION", actors=("RUS",), recipients=("EST",), date="2025-03-03",
                published="2025-03-04", evidence="Russia expelled an Estonian diplomat on Monday")
    assert linked(day, month) and not linked(day, reply)
    linked_cluster = [c for c in cluster_all([day, month, reply]) if len(c.events) == 2][0]
    assert linked_cluster.links[0].reason == "same type SANCTION; actor {EST} to {RUS}; date 2025-02 contains 2025-02-12"


def test_links_span_every_member():
    reports = [rep(f"e{i}", f"a{i}", typ="CONSULT", actors=("USA", "JPN"), recipients=(), date=d,
                   evidence="Biden met Kishida") for i, d in enumerate(["2024-07-11", "2024-07-11", "2024-07"])]
    (cluster,) = cluster_all(reports)
    assert len(cluster.links) == 2
    assert {link.b for link in cluster.links} | {link.a for link in cluster.links} == set(cluster.events)


def _mixed_scenario(seed: int) -> list[Report]:
    """Reports at day, month and year precision, some naming one more participant."""
    rnd = random.Random(seed)
    out = []
    for i in range(40):
        date = rnd.choice(["2024-03-10", "2024-03-17", "2024-03", "2024", "2024-04-02"])
        typ = rnd.choice(["CONSULT", "AGREE", "SANCTION"])
        actors = rnd.choice([("USA", "JPN"), ("USA", "JPN", "AUS"), ("USA",), ("RUS", "UKR")])
        out.append(rep(f"e{i}", f"a{i % 30}", typ=typ, actors=actors[:2], recipients=actors[2:], date=date,
                       published="2024-04-05", evidence=rnd.choice(["talks on trade", "a pact on chips", "met"])))
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.randoms(use_true_random=False))
def test_incremental_equals_rebuild_with_mixed_precision_in_any_order(seed, rnd):
    reports = _mixed_scenario(seed)
    rebuilt = cluster_all(reports)
    shuffled = reports[:]
    rnd.shuffle(shuffled)
    incremental = Clusterer()
    incremental.add_many(shuffled)
    assert incremental.all_clusters() == rebuilt
    for cluster in rebuilt:  # every member of a cluster links to every other one; the links name each member
        members = [r for r in reports if r.event_id in cluster.events]
        assert all(linked(a, b) for a in members for b in members if a is not b)
        assert len(cluster.links) == len(cluster.events) - 1
