"""Cross-article clustering: same happenings join, near misses stay apart, order never matters."""

from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

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
