"""Alignment analytics end to end: a store with planted blocs, a planted realignment and noise.

Articles are written through the store's writer; the CLI (``align``,
``blocs``) and the API (``/api/align``, ``/api/blocs``, ``/api/dyad-series``,
``/align``, ``/blocs``) must recover the two blocs in every quarter and date
the mover's switch within one quarter.
"""

from __future__ import annotations

import json
import random

import pytest
from sqlalchemy import update
from typer.testing import CliRunner

from communique.analysis.facts import load_facts, resolve_code
from communique.ingest import article_from_text
from communique.records import Actor, ArticleResult, Event, Evidence
from communique.store.api import Store
from communique.store.models import EventRow

WEST = ["USA", "GBR", "FRA", "DEU", "CAN", "JPN"]
EAST = ["RUS", "CHN", "IRN", "PRK", "BLR", "SYR"]
MOVER = "TUR"
QUARTERS = [(2022, q) for q in range(1, 5)] + [(2023, q) for q in range(1, 5)]
SWITCH = 5  # the mover cooperates with the east from 2023Q2 on
LABELS = [f"{y}Q{q}" for y, q in QUARTERS]
COOPERATIVE = [("CONSULT", 4.0), ("COOPERATE", 6.0), ("AID", 7.0), ("AGREE", 5.0)]
CONFLICTUAL = [("ACCUSE", -4.0), ("THREATEN", -6.0), ("SANCTION", -7.0), ("REJECT", -4.0)]
ARTICLES_PER_QUARTER = 45
EVENTS_PER_ARTICLE = 10
NOISE = 0.08


def _event(rnd: random.Random, n: int, art_id: str, date: str, west: list[str], east: list[str]) -> Event:
    """One event: cooperation inside a bloc, conflict across, flipped with probability NOISE."""
    side = west if rnd.random() < 0.5 else east
    other = east if side is west else west
    a = rnd.choice(side)
    same = rnd.random() < 0.6
    b = rnd.choice([x for x in side if x != a]) if same else rnd.choice(other)
    kind, score = rnd.choice(COOPERATIVE if same else CONFLICTUAL)
    if rnd.random() < NOISE:
        kind, score = rnd.choice(CONFLICTUAL if same else COOPERATIVE)
    return Event(id=f"ev_{art_id}_{n}", type=kind, actors=[a], recipients=[b], date=date, status="occurred",
                 score=score + rnd.uniform(-1, 1), rule="synthetic")


def planted_store(url: str, seed: int = 3) -> Store:
    """Write the planted articles into a new store at ``url``."""
    rnd = random.Random(seed)
    store = Store(url)
    writer = store.writer()
    for qi, (year, q) in enumerate(QUARTERS):
        west = WEST + ([MOVER] if qi < SWITCH else [])
        east = EAST + ([MOVER] if qi >= SWITCH else [])
        for k in range(ARTICLES_PER_QUARTER):
            month = (q - 1) * 3 + k % 3 + 1
            date = f"{year}-{month:02d}-{k % 27 + 1:02d}"
            art = article_from_text(f"Report {qi}-{k}: diplomats met and argued.", date=date, title=f"r{qi}-{k}",
                                    source=f"outlet{k % 5}", url=f"https://outlet{k % 5}.example/{qi}/{k}")
            events = [_event(rnd, n, art.id, date, west, east) for n in range(EVENTS_PER_ARTICLE)]
            writer.write(art, ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source,
                                            url=art.url, coder_version="test", events=events))
    _write_person(writer)
    return store


def _write_person(writer: object) -> None:
    """One article naming a Turkish minister, so that a person can stand for a state."""
    art = article_from_text("The Turkish foreign minister Ayla Demir spoke.", date="2023-12-01", title="person",
                            source="outlet9", url="https://outlet9.example/p")
    minister = Actor(id=f"{art.id}:p0", name="Ayla Demir", kind="person", country=MOVER,
                     roles=["foreign minister"], mentions=[(25, 35)])
    writer.write(art, ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url,  # type: ignore[attr-defined]
                                    coder_version="test", actors=[minister], events=[]))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('align') / 'planted.db'}"
    return planted_store(url)


@pytest.fixture(scope="module")
def client(store: Store):
    from fastapi.testclient import TestClient

    from communique.api.analysis import add_analysis_routes
    from communique.server import create_app

    app = create_app(store=store)
    if not any(getattr(r, "path", None) == "/api/align" for r in app.routes):
        add_analysis_routes(app, lambda: None)
    return TestClient(app)


def _cli(store: Store, *args: str) -> dict:
    from communique.cli import app

    result = CliRunner().invoke(app, [*args, "--format", "json", "--db", store.url])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _check_blocs(blocs: list[dict], period: str) -> None:
    sets = [set(b["members"]) for b in blocs]
    assert any(set(WEST) <= s for s in sets), period
    assert any(set(EAST) <= s for s in sets), period


def _check_move(moves: list[dict]) -> None:
    mine = [m for m in moves if m["code"] == MOVER]
    assert len(mine) == 1, mine
    assert abs(LABELS.index(mine[0]["period"]) - SWITCH) <= 1
    assert mine[0]["evidence"] and all(MOVER in f["actors"] + f["recipients"] for f in mine[0]["evidence"])


# -- facts ------------------------------------------------------------------------------------------


def test_facts_are_one_per_event_when_reports_are_counted(store: Store) -> None:
    total = len(QUARTERS) * ARTICLES_PER_QUARTER * EVENTS_PER_ARTICLE
    clustered = load_facts(store)  # whatever clustering made of the reports, every event is in one fact
    assert sum(len(f.events) for f in clustered) == total
    facts = load_facts(store, use_clusters=False)
    assert len(facts) == total
    assert all(f.sources == 1 and len(f.events) == 1 and len(f.articles) == 1 for f in facts)
    assert {f.quad for f in facts} == {1, 2, 3, 4}
    assert [f.date for f in facts] == sorted(f.date for f in facts)
    assert len(load_facts(store, since="2023-01", until="2023-03", use_clusters=False)) == \
        ARTICLES_PER_QUARTER * EVENTS_PER_ARTICLE


def test_clusters_become_one_fact_with_distinct_sources(tmp_path) -> None:
    st = Store(f"sqlite:///{tmp_path / 'clustered.db'}")
    writer = st.writer()
    for k in range(4):  # four outlets (two of them the same) report one meeting
        art = article_from_text(f"Version {k} of the meeting.", date="2024-05-02", title=f"m{k}",
                                source=f"outlet{min(k, 2)}", url=f"https://outlet{min(k, 2)}.example/m{k}")
        ev = Event(id=f"ev_{art.id}_0", type="CONSULT", actors=["USA"], recipients=["CHN"] if k % 2 else ["CHN", "USA"],
                   date="2024-05-0" + str(1 + k % 2), score=1.0 + k)
        writer.write(art, ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url,
                                        coder_version="test", events=[ev]))
    with st.engine.begin() as conn:
        conn.execute(update(EventRow.__table__).values(cluster_id="cl_meeting"))
    facts = load_facts(st)
    assert len(facts) == 1
    fact = facts[0]
    assert (fact.id, fact.sources, len(fact.events), len(fact.articles)) == ("cl_meeting", 3, 4, 4)
    assert fact.pairs() == [("CHN", "USA")] and fact.date == "2024-05-01" and fact.score == 2.5
    assert len(load_facts(st, use_clusters=False)) == 4
    st.close()


def test_facts_follow_the_store_clusters(tmp_path) -> None:
    clustering = pytest.importorskip("communique.store.clustering")
    if not hasattr(clustering, "rebuild_clusters"):
        pytest.skip("clustering has no rebuild_clusters yet")
    st = Store(f"sqlite:///{tmp_path / 'rebuilt.db'}")
    writer = st.writer()
    for k, outlet in enumerate(["harbour-post", "river-times", "hill-gazette"]):
        body = f"Version {k}: the foreign ministers of the United States and China met in Geneva on Tuesday for talks."
        art = article_from_text(body, date="2024-05-02", title=f"t{k}", source=outlet, url=f"https://{outlet}.example/a")
        ev = Event(id=f"ev_{art.id}_0", type="CONSULT", actors=["USA"], recipients=["CHN"], date="2024-04-30",
                   score=1.0, evidence=[Evidence(sentence=body, start=0, end=len(body), text=body)])
        writer.write(art, ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url,
                                        coder_version="test", events=[ev]))
    clustering.rebuild_clusters(st.engine)
    facts = load_facts(st)
    assert sum(len(f.events) for f in facts) == 3
    assert len(facts) == clustering.count_clusters(st.engine)
    assert sum(f.sources for f in facts) == 3  # three outlets, however they were grouped
    st.close()


def test_a_person_counts_as_their_state(store: Store) -> None:
    assert resolve_code(store, "Ayla Demir") == MOVER
    assert resolve_code(store, "USA") == "USA"
    with pytest.raises(ValueError):
        resolve_code(store, "Nobody In Particular")


# -- command line ------------------------------------------------------------------------------------


def test_cli_blocs_recover_the_planted_blocs_and_date_the_move(store: Store) -> None:
    for period in LABELS:
        report = _cli(store, "blocs", "--period", period, "--by", "quarter")
        assert report["period"] == period and report["periods"] == LABELS
        _check_blocs(report["blocs"], period)
    west_ids = {next(b["id"] for b in _cli(store, "blocs", "--period", p)["blocs"] if "USA" in b["members"])
                for p in (LABELS[0], LABELS[-1])}
    assert len(west_ids) == 1
    _check_move(report["moves"])


def test_cli_align_dates_the_realignment(store: Store) -> None:
    report = _cli(store, "align", "Ayla Demir", "USA", "--by", "quarter")
    assert (report["a"], report["b"]) == (MOVER, "USA")
    s = [x["s_score"] for x in report["alignment"]]
    assert min(s[: SWITCH - 1]) > max(s[SWITCH + 1:])
    top = next(c for c in report["changes"] if c["measure"] == "alignment")
    assert abs(LABELS.index(top["period"]) - SWITCH) <= 1 and top["delta"] < 0
    assert top["evidence"] and top["evidence"][0]["articles"] and top["drivers"]
    dyad = next(c for c in report["changes"] if c["measure"] == "dyad")
    assert abs(LABELS.index(dyad["period"]) - SWITCH) <= 1 and dyad["delta"] < 0
    assert report["dyad"][0]["score_sum"] > 0 > report["dyad"][-1]["score_sum"]


def test_cli_usage_errors(store: Store) -> None:
    from communique.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["blocs", "--period", "2024-07", "--by", "quarter", "--db", store.url]).exit_code == 2
    assert runner.invoke(app, ["align", "USA", "USA", "--db", store.url]).exit_code == 2
    table = runner.invoke(app, ["align", "TUR", "USA", "--db", store.url])
    assert table.exit_code == 0 and "What changed" in table.stdout


# -- API and pages -----------------------------------------------------------------------------------


def test_api_align_and_dyad_series(client) -> None:
    res = client.get("/api/align", params={"a": MOVER, "b": "RUS", "by": "quarter"})
    assert res.status_code == 200
    body = res.json()
    s = [x["s_score"] for x in body["alignment"]]
    assert max(s[: SWITCH - 1]) < min(s[SWITCH + 1:])
    series = client.get("/api/dyad-series", params={"a": MOVER, "b": "RUS", "by": "quarter"}).json()
    points = series["series"]
    assert [p["period"] for p in points] == sorted(p["period"] for p in points) and len(points) >= 6
    assert points[0]["score_sum"] < 0 < points[-1]["score_sum"]
    assert 0 < points[-1]["confidence"] < 1 and sum(points[-1]["by_quad"].values()) == points[-1]["events"]


def test_api_blocs(client) -> None:
    body = client.get("/api/blocs", params={"period": "2022Q2", "by": "quarter"}).json()
    _check_blocs(body["blocs"], "2022Q2")
    _check_move(body["moves"])
    assert "history" not in body


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/api/blocs", {"period": "2024Q3", "by": "decade"}, "by"),
    ("/api/blocs", {"period": "2024-07", "by": "quarter"}, "period"),
    ("/api/align", {"b": "USA"}, "a"),
    ("/api/dyad-series", {"a": "USA", "b": "RUS", "by": "fortnight"}, "by"),
    ("/api/align", {"a": "USA", "b": "RUS", "since": "2024-02-30"}, "since"),
])
def test_api_validation_names_the_field(client, path: str, params: dict, field: str) -> None:
    res = client.get(path, params=params)
    assert res.status_code == 422
    assert any(err["loc"][-1] == field for err in res.json()["detail"])


def test_an_actor_the_store_does_not_know_is_404(client) -> None:
    """Issue 22: an unknown actor was a 422 (named actor) or an invented S-score (unknown code)."""
    for params in ({"a": "USA", "b": "Nobody In Particular"}, {"a": "XYZ", "b": "USA"}):
        for path in ("/api/align", "/api/dyad-series"):
            res = client.get(path, params=params)
            assert res.status_code == 404 and "no actor" in res.json()["detail"], (path, params)


def test_every_period_groups_the_dyad_and_alignment(client) -> None:
    """Issue 22: the same periods for dyad and align (day was refused by one, week by the other)."""
    for by in ("day", "week", "month", "quarter", "year"):
        assert client.get("/api/dyad-series", params={"a": MOVER, "b": "RUS", "by": by}).status_code == 200, by
        assert client.get("/api/align", params={"a": MOVER, "b": "RUS", "by": by}).status_code == 200, by


def test_pages(client) -> None:
    page = client.get("/align", params={"a": MOVER, "b": "USA", "by": "quarter"})
    assert page.status_code == 200
    assert 'id="align-data"' in page.text and "/static/analysis.js" in page.text
    assert "What changed" in page.text and 'href="/articles/' in page.text
    blocs = client.get("/blocs", params={"by": "quarter", "period": "2023Q2"})
    assert blocs.status_code == 200
    assert 'type="range"' in blocs.text and 'id="blocs-data"' in blocs.text
    data = blocs.text.split('id="blocs-data">', 1)[1].split("</script>", 1)[0]
    parsed = json.loads(data)
    assert parsed["periods"] == LABELS and len(parsed["history"]) == len(LABELS)
    assert client.get("/static/analysis.js").status_code == 200
    assert client.get("/align").status_code == 200
    unknown = client.get("/align", params={"a": "Nobody In Particular", "b": "USA"})
    assert unknown.status_code == 404 and 'id="align-error"' in unknown.text  # issue 22: 404, was 200
