"""Issue 22, items 1-6 and LIKE escaping: queries tell the truth, on the CLI, the API and the pages.

A small hand-made store (no model): a person who is a recipient, a person who
never is, a dyad (IND-PAK) with events but no third parties, quotations whose
speakers hold no wildcard. Every test here failed on the code before issue 22.
"""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from communique.server import create_app
from communique.cli import app
from communique.records import Actor, ArticleResult, Event, Evidence, Quote
from communique.store.api import Store
from test_store_support import article, drop_created_databases, person, pg_url_or_skip, state

UNKNOWN = "no actor 'XYZ' in the store"


def _event(art_id: str, n: int, kind: str, actors: list[tuple[str, str]], recipients: list[tuple[str, str]],
           date: str, score: float) -> Event:
    """An event whose sides are (code, local actor id) pairs."""
    return Event(id=f"ev_{art_id}_{n}", type=kind, actors=[c for c, _ in actors], recipients=[c for c, _ in recipients],
                 actor_ids=[i for _, i in actors], recipient_ids=[i for _, i in recipients], actor_sectors=["GOV"],
                 date=date, status="occurred", score=score, evidence=[Evidence(sentence="s", start=0, end=4, text="Talk")],
                 rule="test")


def _write(store: Store, body: str, date: str, title: str, actors: list[Actor],
           events: list[tuple[str, list[str], list[str], float]], speaker: str) -> None:
    """Store one article: ``events`` are (type, actor locals, recipient locals, score)."""
    art = article(body, date=date, title=title)
    by_local = {a.id.split(":")[-1]: a for a in actors}
    stored = [Actor(**{**a.model_dump(), "id": f"{art.id}:{a.id}"}) for a in actors]

    def side(locals_: list[str]) -> list[tuple[str, str]]:
        return [(by_local[x].code or by_local[x].country or "", f"{art.id}:{x}") for x in locals_]

    evs = [_event(art.id, n, kind, side(a), side(r), date, score) for n, (kind, a, r, score) in enumerate(events)]
    quote = Quote(id=f"q_{art.id}", speaker=speaker, speaker_id=None, speaker_mention=speaker, cue="said",
                  text="We will keep talking.", start=0, end=4, kind="direct", sentence="s")
    result = ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url,
                           language=art.language, coder_version="0.1.0", actors=stored, quotes=[quote], events=evs)
    writer = store.writer()
    writer.write(art, result)
    writer.flush_clusters()


def _fill(store: Store) -> None:
    aus, jpn, chn = state("aus", "AUS", "Australia"), state("jpn", "JPN", "Japan"), state("chn", "CHN", "China")
    wong, wang = person("wong", "Penny Wong", "AUS", ["foreign minister"]), person("wang", "Wang Yi", "CHN", ["foreign minister"])
    _write(store, "Australia and Japan agreed to deepen defence ties; Japan consulted Penny Wong.", "2024-07-11",
           "A", [aus, jpn, wong], [("AGREE", ["aus"], ["jpn"], 5.0), ("CONSULT", ["jpn"], ["wong"], 1.0)], "Penny Wong")
    _write(store, "China's Wang Yi accused Japan of provocations near the islands.", "2024-08-02", "B",
           [chn, jpn, wang], [("ACCUSE", ["chn", "wang"], ["jpn"], -3.0)], "Wang Yi")
    ind, pak = state("ind", "IND", "India"), state("pak", "PAK", "Pakistan")
    _write(store, "Indian and Pakistani troops exchanged fire along the Line of Control.", "2020-11-14", "C",
           [ind, pak], [("ASSAULT", ["ind"], ["pak"], -9.5), ("ACCUSE", ["pak"], ["ind"], -2.0)], "an officer")


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def store(request, tmp_path_factory):
    url = (f"sqlite:///{tmp_path_factory.mktemp('truth') / 'store.db'}" if request.param == "sqlite"
           else pg_url_or_skip())
    st = Store(url)
    _fill(st)
    yield st
    st.close()
    drop_created_databases()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store=store)) as c:
        yield c


def cli(store: Store, *args: str, columns: int = 250):
    return CliRunner().invoke(app, [*args, "--db", store.url], env={"COLUMNS": str(columns)})


def jsonl(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _id(store: Store, name: str) -> str:
    return next(a.id for a in store.actors(search=name) if a.name == name)


# -- 1. the recipient filter ---------------------------------------------------------------------


def test_recipient_filter_returns_only_events_with_that_recipient(store, client) -> None:
    assert jsonl(cli(store, "events", "--recipient", "Wang Yi", "--format", "jsonl")) == []
    consulted = jsonl(cli(store, "events", "--recipient", "Penny Wong", "--format", "jsonl"))
    assert [e["type"] for e in consulted] == ["CONSULT"]
    assert client.get("/api/events", params={"recipient": "Wang Yi"}).json()["items"] == []
    assert [e["type"] for e in client.get("/api/events", params={"recipient": _id(store, "Penny Wong")}).json()["items"]] == ["CONSULT"]
    detail = client.get(f"/api/actors/{_id(store, 'Wang Yi')}").json()
    assert detail["as_recipient"] == [] and detail["as_recipient_total"] == 0
    assert [e["type"] for e in detail["as_actor"]] == ["ACCUSE"]
    page = client.get(f"/actors/{_id(store, 'Wang Yi')}").text
    assert page.split("Events as recipient", 1)[1].count("ev_") == 0


# -- 2. unknown actors ---------------------------------------------------------------------------


@pytest.mark.parametrize("args", [("align", "XYZ", "AUS"), ("align", "AUS", "XYZ"), ("dyad", "XYZ", "JPN"),
                                  ("dyad", "XYZ", "JPN", "--by", "month"), ("events", "--actor", "XYZ"),
                                  ("events", "--recipient", "XYZ"), ("clusters", "--actor", "XYZ")])
def test_cli_refuses_an_actor_the_store_does_not_know(store, args) -> None:
    result = cli(store, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and UNKNOWN in result.stderr


def test_align_invents_no_score_for_an_unknown_actor(store) -> None:
    result = cli(store, "align", "XYZ", "AUS", "--format", "json")
    assert result.exit_code == 2 and "s_score" not in result.stdout


@pytest.mark.parametrize(("path", "params"), [
    ("/api/events", {"actor": "XYZ"}), ("/api/events", {"recipient": "XYZ"}), ("/api/dyads", {"a": "XYZ", "b": "JPN"}),
    ("/api/align", {"a": "XYZ", "b": "AUS"}), ("/api/dyad-series", {"a": "AUS", "b": "XYZ"}),
    ("/api/clusters", {"actor": "XYZ"}), ("/api/events.geojson", {"actor": "XYZ"}),
])
def test_api_answers_404_for_an_unknown_actor(client, path, params) -> None:
    res = client.get(path, params=params)
    assert res.status_code == 404 and UNKNOWN in res.json()["detail"]


@pytest.mark.parametrize("path", ["/actors/XYZ", "/dyads/XYZ/JPN", "/events?actor=XYZ", "/align?a=XYZ&b=AUS"])
def test_pages_answer_a_404_page_for_an_unknown_actor(client, path) -> None:
    res = client.get(path)
    assert res.status_code == 404 and res.headers["content-type"].startswith("text/html")
    assert "<html" in res.text and "no actor" in res.text


# -- 3. dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2024-13-45", "2024-02-30", "2023-02-29", "2024-00", "2024-13", "2024-7"])
def test_impossible_dates_are_refused(store, client, day) -> None:
    for command in (("events",), ("export",), ("align", "AUS", "JPN"), ("blocs",), ("dyad", "AUS", "JPN"),
                    ("clusters",)):
        result = cli(store, *command, "--since", day)
        assert result.exit_code == 2 and "--since" in result.stderr and repr(day) in result.stderr, command
    for path in ("/api/events", "/api/network", "/api/articles", "/api/clusters", "/api/blocs"):
        res = client.get(path, params={"since": day})
        assert res.status_code == 422 and res.json()["detail"][0]["loc"] == ["query", "since"], path
        assert repr(day) in res.json()["detail"][0]["msg"]
    page = client.get("/events", params={"since": day})
    assert page.status_code == 422 and "<html" in page.text


def test_real_dates_of_every_precision_are_accepted(store, client) -> None:
    for day in ("2024", "2024-07", "2024-02-29", "2024-07-11"):
        assert cli(store, "events", "--since", day).exit_code == 0, day
        assert client.get("/api/events", params={"since": day}).status_code == 200, day
    july = jsonl(cli(store, "events", "--since", "2024-07", "--until", "2024-07", "--format", "jsonl"))
    assert {e["type"] for e in july} == {"AGREE", "CONSULT"}


def test_a_range_that_ends_before_it_starts_is_refused(store, client) -> None:
    result = cli(store, "events", "--since", "2025", "--until", "2024")
    assert result.exit_code == 2 and "--until" in result.stderr
    assert client.get("/api/events", params={"since": "2025", "until": "2024"}).status_code == 422


# -- 4. every filter validates its value -----------------------------------------------------------


@pytest.mark.parametrize(("args", "path", "params"), [
    (("events", "--type", "FOO"), "/api/events", {"type": "FOO"}),
    (("events", "--status", "maybe"), "/api/events", {"status": "maybe"}),
    (("events", "--actor-sector", "XXX"), "/api/events", {"actor_sector": "XXX"}),
    (("actors", "--kind", "foo"), "/api/actors", {"kind": "foo"}),
    (("dyad", "AUS", "JPN", "--by", "fortnight"), "/api/dyads", {"a": "AUS", "b": "JPN", "by": "fortnight"}),
    (("align", "AUS", "JPN", "--by", "fortnight"), "/api/align", {"a": "AUS", "b": "JPN", "by": "fortnight"}),
    (("blocs", "--by", "fortnight"), "/api/blocs", {"by": "fortnight"}),
    (("dyad", "AUS", "JPN", "--by", "month", "--count", "tweets"), "/api/dyads", {"a": "AUS", "b": "JPN", "count": "tweets"}),
    (("clusters", "--type", "FOO"), "/api/clusters", {"type": "FOO"}),
])
def test_bad_filter_values_are_refused_with_the_same_message(store, client, args, path, params) -> None:
    result = cli(store, *args)
    assert result.exit_code == 2 and result.stdout == "" and len(result.stderr.strip().splitlines()) == 1
    res = client.get(path, params=params)
    assert res.status_code == 422
    message = res.json()["detail"][0]["msg"]
    assert message in " ".join(result.stderr.split()), (message, result.stderr)
    assert "is not one of" in message


def test_filter_values_are_taken_in_any_case(store) -> None:
    assert [e["type"] for e in jsonl(cli(store, "events", "--type", "accuse", "--format", "jsonl"))] == ["ACCUSE", "ACCUSE"]
    assert jsonl(cli(store, "events", "--status", "OCCURRED", "--actor-sector", "gov", "--format", "jsonl"))
    assert {a["kind"] for a in jsonl(cli(store, "actors", "--kind", "Person", "--format", "jsonl"))} == {"person"}


def test_dyad_and_align_take_the_same_periods(store, client) -> None:
    for by in ("day", "week", "month", "quarter", "year"):
        assert cli(store, "dyad", "IND", "PAK", "--by", by).exit_code == 0, by
        assert cli(store, "align", "IND", "PAK", "--by", by).exit_code == 0, by
        assert client.get("/api/dyads", params={"a": "IND", "b": "PAK", "by": by}).status_code == 200, by
        assert client.get(f"/dyads/IND/PAK?by={by}").status_code == 200, by
    weeks = jsonl(cli(store, "dyad", "IND", "PAK", "--by", "week", "--format", "jsonl"))
    assert [p["period"] for p in weeks] == ["2020-W46"]
    quarters = client.get("/api/dyads", params={"a": "IND", "b": "PAK", "by": "quarter"}).json()["periods"]
    assert [p["period"] for p in quarters] == ["2020Q4"]


def test_store_dyad_sums_every_period(store) -> None:
    by = {p: [(d.period, d.events, d.score) for d in store.dyad("IND", "PAK", by=p)]
          for p in ("day", "week", "month", "quarter", "year")}
    assert by["week"] == [("2020-W46", 2, -11.5)] and by["quarter"] == [("2020Q4", 2, -11.5)]
    assert by["day"] == [("2020-11-14", 2, -11.5)] and by["year"] == [("2020", 2, -11.5)]


def test_actors_jsonl_records_carry_the_interface_fields(store) -> None:
    records = jsonl(cli(store, "actors", "--format", "jsonl"))
    assert records and all({"id", "name", "kind", "code", "country", "org", "roles"} <= set(r) for r in records)
    wong = next(r for r in records if r["name"] == "Penny Wong")
    assert wong["country"] == "AUS" and wong["roles"][0]["role"] == "foreign minister"


# -- 5. align shows every period with dyad events --------------------------------------------------


def test_align_table_shows_periods_with_dyad_events_but_no_s_score(store) -> None:
    report = json.loads(cli(store, "align", "IND", "PAK", "--format", "json").stdout)
    assert report["alignment"] == [] or all(x["s_score"] is None for x in report["alignment"])
    assert [(d["period"], d["events"], d["score_sum"]) for d in report["dyad"]] == [("2020Q4", 2, -11.5)]
    table = cli(store, "align", "IND", "PAK")
    assert table.exit_code == 0
    row = next(line for line in table.stdout.splitlines() if "2020Q4" in line)
    cells = [c.strip() for c in re.split(r"[│|]", row) if c.strip()]
    assert cells[0] == "2020Q4" and cells[1] == "–" and cells[-2:] == ["2", "-11.5"]


# -- 6. truncated listings say so ------------------------------------------------------------------


def test_tables_say_what_they_left_out(store) -> None:
    total = len(jsonl(cli(store, "events", "--format", "jsonl")))
    first = cli(store, "events", "--limit", "2")
    assert first.exit_code == 0
    assert f"showing 2 of {total} events; use --limit/--offset or --format jsonl for all" in first.stderr
    full = cli(store, "events")
    assert "showing" not in full.stderr
    for command, noun in (("actors", "actors"), ("quotes", "quotes"), ("clusters", "clusters")):
        result = cli(store, command, "--limit", "1")
        assert result.exit_code == 0 and "showing 1 of " in result.stderr and noun in result.stderr, command


def test_offset_pages_through_every_listing(store) -> None:
    every = [e["id"] for e in jsonl(cli(store, "events", "--format", "jsonl"))]
    paged = [e["id"] for e in jsonl(cli(store, "events", "--limit", "2", "--offset", "2", "--format", "jsonl"))]
    assert paged == every[2:4]
    by_recipient = jsonl(cli(store, "events", "--recipient", "JPN", "--format", "jsonl"))
    assert [e["id"] for e in jsonl(cli(store, "events", "--recipient", "JPN", "--offset", "1", "--format", "jsonl"))] \
        == [e["id"] for e in by_recipient[1:]]
    for command in ("actors", "quotes", "clusters"):
        rows = jsonl(cli(store, command, "--format", "jsonl"))
        assert jsonl(cli(store, command, "--offset", "1", "--limit", "1", "--format", "jsonl")) == rows[1:2], command
    second = cli(store, "quotes", "--offset", "1", "--limit", "1")
    assert f"showing 2-2 of {len(jsonl(cli(store, 'quotes', '--format', 'jsonl')))} quotes" in second.stderr


def test_ids_are_never_cut_at_80_columns(store) -> None:
    events = jsonl(cli(store, "events", "--format", "jsonl"))
    table = cli(store, "events", columns=80).stdout
    assert all(e["article_id"] in table for e in events)
    assert max(len(line) for line in table.splitlines()) <= 80
    actors = jsonl(cli(store, "actors", "--format", "jsonl"))
    listing = cli(store, "actors", columns=80).stdout
    assert all(a["id"] in listing for a in actors)
    clusters = jsonl(cli(store, "clusters", "--format", "jsonl"))
    assert clusters and all(c["id"] in cli(store, "clusters", columns=80).stdout for c in clusters)


def test_api_pages_carry_totals_and_html_pages_say_showing_n_of_m(client, monkeypatch) -> None:
    from communique.web import views

    body = client.get("/api/events", params={"limit": 2}).json()
    assert body["total"] == 5 and len(body["items"]) == 2 and body["next_offset"] == 2
    assert client.get("/api/actors", params={"limit": 1}).json()["total"] >= 7
    assert client.get("/api/quotes", params={"limit": 1}).json()["total"] == 3
    assert client.get("/api/articles", params={"limit": 1}).json()["total"] == 3
    assert client.get("/api/clusters", params={"limit": 1}).json()["total"] >= 4
    monkeypatch.setattr(views, "PAGE", 2)
    first = client.get("/events").text
    assert "showing 1–2 of 5" in first and 'href="/events?offset=2"' in first
    last = client.get("/events", params={"offset": 4}).text
    assert "showing 5–5 of 5" in last and "← previous" in last and "next →" not in last
    actors = client.get("/actors").text
    assert "showing 1–2 of" in actors and "next →" in actors
    articles = client.get("/articles").text
    assert "showing 1–2 of 3" in articles and "next →" in articles


def test_search_page_finds_quotes_in_the_store_and_says_when_it_shows_some(store, client, monkeypatch) -> None:
    from communique.web import views

    monkeypatch.setattr(views, "SEARCH_SHOWN", 1)
    assert client.get("/api/quotes", params={"text": "keep TALKING"}).json()["total"] == 3
    page = client.get("/search", params={"q": "keep talking"}).text
    assert "showing 1 of 3 quotes" in page and "/api/quotes?text=keep+talking" in page


# -- 7. LIKE wildcards ------------------------------------------------------------------------------


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "\\"])
def test_like_wildcards_match_only_themselves(store, client, wildcard) -> None:
    assert client.get("/api/quotes", params={"speaker": wildcard}).json()["items"] == []
    assert client.get("/api/actors", params={"q": wildcard}).json()["items"] == []
    assert jsonl(cli(store, "quotes", "--speaker", wildcard, "--format", "jsonl")) == []
    assert jsonl(cli(store, "actors", "--search", wildcard, "--format", "jsonl")) == []
    assert client.get("/api/quotes", params={"speaker": "Wang"}).json()["total"] == 1
    assert client.get("/api/quotes", params={"text": wildcard}).json()["total"] == 0
