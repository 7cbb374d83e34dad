"""What the UI's charts are fed: true time axes, empty periods empty, line gaps, a distinguishable palette.

A small store is written through the store's writer (no NLP model): events
far apart in time, a dyad with empty months between its events, and two
states whose S-score exists in two quarters with two empty quarters between.
The pages are read as a browser gets them (the JSON blocks the charts draw).
"""

from __future__ import annotations

import itertools
import json
import math
import re

import pytest
from fastapi.testclient import TestClient

from communique.server import create_app
from communique.errors import ConfigError
from communique.ingest import article_from_text
from communique.knowledge import palette
from communique.knowledge.events import plover_types
from communique.records import ArticleResult, Event
from communique.store.api import Store
from communique.web import charts

#: (article date, event date, type, actors, recipients, score)
EVENTS = [
    ("2019-09-10", "2019-09-10", "ACCUSE", "GBR", "IRN", -3.0),
    ("2020-11-05", "2020-11-05", "CONSULT", "KEN", "SOM", 2.5),
    ("2020-03-04", "2020", "AGREE", "BOL", "PER", 2.5),  # dated to the year only: the store's day is the article's
    ("2020-01-14", "2020-01-14", "ASSAULT", "IND", "PAK", -9.5),
    ("2020-04-02", "2020-04-02", "ACCUSE", "PAK", "IND", -2.0),
    # alignment of USA and FRA: third parties in 2020Q1 and 2020Q4 only, a USA-FRA dyad event in 2020Q4
    ("2020-02-10", "2020-02-10", "COOPERATE", "USA", "JPN", 6.0),
    ("2020-02-11", "2020-02-11", "COOPERATE", "FRA", "JPN", 6.0),
    ("2020-11-20", "2020-11-20", "SANCTION", "USA", "RUS", -7.0),
    ("2020-11-21", "2020-11-21", "AID", "FRA", "RUS", 7.0),
    ("2020-11-22", "2020-11-22", "CONSULT", "USA", "FRA", 2.5),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('charts') / 'store.db'}")
    writer = store.writer()
    for n, (day, date, kind, a, b, score) in enumerate(EVENTS):
        art = article_from_text(f"Report {n}: officials met and argued.", date=day, title=f"report {n}",
                                source=f"outlet{n}", url=f"https://outlet{n}.example/{n}")
        event = Event(id=f"ev_{n}", type=kind, actors=[a], recipients=[b], date=date, status="occurred",
                      score=score, rule="synthetic")
        writer.write(art, ArticleResult(id=art.id, title=art.title, date=art.date, source=art.source, url=art.url,
                                        coder_version="test", events=[event]))
    with TestClient(create_app(store=store)) as test_client:
        yield test_client
    store.close()


def chart_data(html: str, block: str) -> dict:
    found = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.S)
    assert found, block
    return json.loads(found.group(1))


# -- periods ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "last", "by", "expected"), [
    ("2019-12-30", "2020-01-02", "day", ["2019-12-30", "2019-12-31", "2020-01-01", "2020-01-02"]),
    ("2024-02-28", "2024-03-01", "day", ["2024-02-28", "2024-02-29", "2024-03-01"]),
    ("2020-W52", "2021-W02", "week", ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]),
    ("2019-11", "2020-02", "month", ["2019-11", "2019-12", "2020-01", "2020-02"]),
    ("2019Q3", "2020Q2", "quarter", ["2019Q3", "2019Q4", "2020Q1", "2020Q2"]),
    ("2019", "2021", "year", ["2019", "2020", "2021"]),
    ("2024-07", "2024-07", "month", ["2024-07"]),
])
def test_period_range_has_every_period(first: str, last: str, by: str, expected: list[str]) -> None:
    assert charts.period_range(first, last, by) == expected


def test_period_labels_match_the_rest_of_communique() -> None:
    from communique.analysis.alignment import period_of as analysis_period

    for day in ["2020-12-31", "2021-01-01", "2024-07-15", "2024-09-30"]:
        for by in ("week", "month", "quarter", "year"):
            assert charts.period_of(day, by) == analysis_period(day, by)
    assert charts.period_of("2024-07-15", "day") == "2024-07-15"


def test_period_range_refuses_what_is_no_range() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        charts.period_range("2020-03", "2020-01", "month")
    with pytest.raises(ValueError, match="not a month label"):
        charts.period_range("2020Q1", "2020Q2", "month")
    with pytest.raises(ValueError, match="period unit"):
        charts.period_range("2020", "2021", "decade")


# -- the pages' chart data --------------------------------------------------------------------------


def test_dashboard_month_axis_is_true(client: TestClient) -> None:
    data = chart_data(client.get("/").text, "timeline-data")
    periods = [r["period"] for r in data["rows"]]
    assert periods == charts.period_range("2019-09", "2020-11", "month")  # 15 months, not the 8 with events
    by_period = {r["period"]: r for r in data["rows"]}
    assert by_period["2019-10"] == {"period": "2019-10", "total": 0, "counts": {}}
    assert by_period["2019-09"]["counts"] == {"ACCUSE": 1}
    # the event dated "2020" sits where the store's filters put it: the article's day, 2020-03
    assert by_period["2020-03"]["counts"] == {"AGREE": 1}
    assert sum(r["total"] for r in data["rows"]) == len(EVENTS)
    assert data["types"] == [t for t in plover_types() if t in {e[2] for e in EVENTS}]  # PLOVER order
    assert data["colours"] == {t: palette.plover_colours()[t] for t in data["types"]}


def test_dyad_axis_is_true_and_empty_months_have_no_score(client: TestClient) -> None:
    data = chart_data(client.get("/dyads/IND/PAK", params={"by": "month"}).text, "dyad-data")
    assert [p["period"] for p in data["points"]] == ["2020-01", "2020-02", "2020-03", "2020-04"]
    assert [p["events"] for p in data["points"]] == [1, 0, 0, 1]
    assert [p["score"] for p in data["points"]] == [-9.5, None, None, -2.0]
    assert data["by"] == "month" and data["count"] == "clusters"
    assert set(data["by_period"]) == {"2020-01", "2020-04"}


def test_dyad_click_groups_year_dated_events_where_the_chart_counts_them(client: TestClient) -> None:
    data = chart_data(client.get("/dyads/BOL/PER", params={"by": "month"}).text, "dyad-data")
    assert [p["period"] for p in data["points"]] == ["2020-03"]
    assert list(data["by_period"]) == ["2020-03"]


def test_alignment_line_has_gaps_where_there_is_no_score(client: TestClient) -> None:
    data = chart_data(client.get("/align", params={"a": "USA", "b": "FRA", "by": "quarter"}).text, "align-data")
    assert data["periods"] == ["2020Q1", "2020Q2", "2020Q3", "2020Q4"]
    scores = [p["s_score"] for p in data["alignment"]]
    assert scores[0] is not None and scores[3] is not None
    assert scores[1] is None and scores[2] is None  # the line breaks: 2020Q1 is not joined to 2020Q4
    assert [d["events"] for d in data["dyad"]] == [0, 0, 0, 1]
    assert [d["score_sum"] for d in data["dyad"]][:3] == [None, None, None]
    assert data["a"] == "USA" and data["b"] == "FRA" and data["by"] == "quarter"


def test_templates_run_no_inline_script(client: TestClient) -> None:
    """Pages work under a Content-Security-Policy of script-src 'self': only JSON blocks and files."""
    for path in ["/", "/dyads/IND/PAK", "/align?a=USA&b=FRA", "/network", "/map", "/blocs", "/articles"]:
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert 'type="application/json"' in tag or "src=" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), path


# -- palette ----------------------------------------------------------------------------------------


def srgb_to_lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB hex colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal's formulation)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    d_big_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    dl, dc, dh_ = (l2 - l1) / s_l, (c2p - c1p) / s_c, d_big_h / s_h
    return math.sqrt(dl ** 2 + dc ** 2 + dh_ ** 2 + r_t * dc * dh_)


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [  # pairs 1, 7 and 17 of Sharma et al.'s test data
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
])
def test_ciede2000_matches_published_values(lab1, lab2, expected) -> None:
    assert ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_palette_has_sixteen_pairwise_distinguishable_colours() -> None:
    colours = palette.plover_colours()
    assert list(colours) == list(plover_types()) and len(colours) == 16
    labs = {t: srgb_to_lab(c) for t, c in colours.items()}
    closest = min((ciede2000(labs[a], labs[b]), a, b) for a, b in itertools.combinations(labs, 2))
    assert closest[0] > 10, closest


def test_palette_colours_say_the_family() -> None:
    """Cooperative types green to blue, conflictual ones red, orange or purple; verbal lighter than material."""
    colours, quads = palette.plover_colours(), {t: p.quad for t, p in plover_types().items()}
    lab = {t: srgb_to_lab(c) for t, c in colours.items()}
    for t, (_l, a, b) in lab.items():
        hue = math.degrees(math.atan2(b, a)) % 360
        cooperative = 100 <= hue < 290  # CIELAB hue: green (~130) through blue (~280)
        assert cooperative == quads[t].endswith("cooperation"), (t, colours[t], round(hue))
    for family in ("cooperation", "conflict"):
        verbal = [lab[t][0] for t in lab if quads[t] == f"verbal_{family}"]
        material = [lab[t][0] for t in lab if quads[t] == f"material_{family}"]
        assert min(verbal) > max(material) + 10, family


def test_palette_file_must_cover_every_type(monkeypatch: pytest.MonkeyPatch) -> None:
    full = {"colours": dict(palette.plover_colours())}
    cases = [({"colours": {k: v for k, v in full["colours"].items() if k != "AID"}}, "no colour for PLOVER types: AID"),
             ({"colours": {**full["colours"], "HUG": "#123456"}}, "unknown PLOVER types: HUG"),
             ({"colours": {**full["colours"], "AID": "blue"}}, "must be #rrggbb: AID=blue")]
    for data, message in cases:
        palette.plover_colours.cache_clear()
        monkeypatch.setattr(palette, "load_data_yaml", lambda _name, data=data: data)
        with pytest.raises(ConfigError, match=message) as err:
            palette.plover_colours()
        assert err.value.source == "plover_colours.yaml"
    palette.plover_colours.cache_clear()


def test_dyad_click_lists_a_cluster_where_the_chart_counts_it() -> None:
    """A clustered report dated "2025" counts on its cluster's day (2025-01-01); unclustered, on its store day."""
    from communique.store.views import StoredEvent

    def stored(ident: str, date: str | None, article_date: str, cluster: str | None) -> StoredEvent:
        return StoredEvent(id=ident, type="AID", actors=["BOL"], recipients=["PER"], date=date, status="planned",
                           rule="synthetic", article_id=f"art_{ident}", article_date=article_date, cluster=cluster)

    events = [stored("e1", "2025", "2025-06-22", "cl_1"), stored("e2", "2025-02-03", "2025-02-04", "cl_1"),
              stored("e3", "2025", "2025-06-22", None), stored("e4", None, "2025-03-09", None)]
    assert charts.events_by_period(events, "month") == {"2025-01": ["e1", "e2"], "2025-06": ["e3"],
                                                        "2025-03": ["e4"]}
    assert charts.first_day("2025-06") == "2025-06-01" and charts.first_day("2025-06-07") == "2025-06-07"


def test_bloc_slider_runs_over_every_period(client: TestClient) -> None:
    html = client.get("/blocs", params={"by": "quarter"}).text
    data = chart_data(html, "blocs-data")
    assert data["periods"] and data["axis"] == charts.period_range(data["periods"][0], data["periods"][-1], "quarter")
    assert len(data["axis"]) > len(data["periods"])  # quarters without cooperation are on the slider
    assert f'max="{len(data["axis"]) - 1}"' in html


def test_timeline_counts_what_it_cannot_place() -> None:
    """Events with no day, or a stored date that is no calendar day, are counted off the axis, not dropped."""
    from communique.store.views import StoredEvent

    def stored(ident: str, date: str | None, article_date: str | None) -> StoredEvent:
        return StoredEvent(id=ident, type="AGREE", actors=["BOL"], recipients=["PER"], date=date, status="occurred",
                           rule="synthetic", article_id=f"art_{ident}", article_date=article_date)

    data = charts.timeline([stored("e1", "2024-01-05", None), stored("e2", None, None),
                            stored("e3", "2024-13", None), stored("e4", None, "2024-03-02")])
    assert [r["period"] for r in data["rows"]] == ["2024-01", "2024-02", "2024-03"]
    assert [r["total"] for r in data["rows"]] == [1, 0, 1]
    assert data["undated"] == 2
