"""Browser tests: Playwright drives Debian's Chromium against live servers on loopback.

Two stores: the demo store (the bundled example corpus, ingested as ``./run.sh demo`` does) for
the pages and charts, and a store holding one hostile article for the escaping test. The charts
are checked as drawn (true axes, titled axes, line gaps, the network inside its frame, zoom and
pan). Screenshots of the demo store's pages are written only when COMMUNIQUE_SCREENSHOTS names a
directory (``./run.sh screenshots`` writes docs/screenshots), so a test run never rewrites files.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
playwright_api = pytest.importorskip("playwright.sync_api")

SCREENSHOTS = os.environ.get("COMMUNIQUE_SCREENSHOTS")
HOSTILE = """ date 2025-02-03 <script>window.__pwned = "title"</script> Hostile "quotes" & entities

ACCRA -- Ghana's foreign ministry said on Monday it had summoned Togo's ambassador <script>window.__pwned = 1</script> over a border incident, "calling it </script><script>window.__pwned = 2</script> unacceptable," the ministry said.

The statement linked to javascript:window.__pwned=3 and <img src=x onerror="window.__pwned=4"> &lt;b&gt;bold&lt;/b&gt; &amp; more, "we <a href='javascript:window.__pwned=5'>reject</a> this," it added.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(store) -> Iterator[str]:
    """Serve ``store``'s app on a free loopback port; yield its base URL."""
    import uvicorn

    from communique.server import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(store=store, token="t"), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The demo store: the bundled example corpus, nothing else."""
    from communique.config import examples_dir
    from web_fixtures import ingested_store

    articles = examples_dir() / "articles"  # named as ./run.sh demo names it, from the checkout when run there
    where = os.path.relpath(articles) if Path.cwd() in articles.parents else str(articles)
    store = ingested_store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'store.db'}", where)
    with serving(store) as base:
        yield {"base": base, "store": store}
    store.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """A store holding one article written to break out of the page."""
    from web_fixtures import ingested_store

    tmp = tmp_path_factory.mktemp("hostile")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    store = ingested_store(f"sqlite:///{tmp / 'store.db'}", str(hostile))
    with serving(store) as base:
        yield {"base": base, "store": store}
    store.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    outside: list[str] = []
    pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    pg.errors, pg.outside = errors, outside  # type: ignore[attr-defined]
    yield pg
    context.close()


def shot(page, name: str) -> None:
    """Write the page's screenshot to $COMMUNIQUE_SCREENSHOTS/<name>.png when that is set."""
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def chart_json(page, block: str) -> dict:
    return json.loads(page.locator(f"script#{block}").text_content())


def inside(box: dict, frame: dict, slack: float = 0.5) -> bool:
    return (box["x"] >= frame["x"] - slack and box["y"] >= frame["y"] - slack
            and box["x"] + box["width"] <= frame["x"] + frame["width"] + slack
            and box["y"] + box["height"] <= frame["y"] + frame["height"] + slack)


def runs(values: list[object]) -> int:
    """How many runs of consecutive non-None values ``values`` holds (the segments of a gapped line)."""
    return sum(1 for prev, v in itertools.pairwise([None, *values]) if v is not None and prev is None)


def test_every_page_loads(server, page):
    base = server["base"]
    for path in ["/", "/articles", "/actors", "/events", "/network", "/map", "/search?q=minister", "/docs",
                 "/clusters", "/align", "/blocs"]:
        response = page.goto(base + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert not page.errors and not page.outside


def test_article_to_actor_to_dyad(server, page):
    base = server["base"]
    page.goto(base + "/articles")
    page.locator("table.records tbody tr a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article.text .mention").count() > 0
    assert page.locator("article.text .quote").count() > 0
    assert page.locator("article.text .trigger").count() > 0
    page.locator("article.text .trigger").first.hover()  # the reader widget lights up the event's record
    assert page.locator("aside.records-panel .flash").count() >= 1
    shot(page, "article-reader")
    # follow a highlighted mention of a state or person to its actor page
    page.locator("article.text a.mention").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(base + "/actors/")
    assert page.locator("h1").inner_text()
    counterpart = page.locator("a.counterpart").first
    if counterpart.count() == 0:  # a person with no events: go through a state instead
        page.goto(base + "/actors?kind=state")
        page.locator("table.records tbody tr a").first.click()
        page.wait_for_load_state("networkidle")
        counterpart = page.locator("a.counterpart").first
    counterpart.click()
    page.wait_for_load_state("networkidle")
    assert "/dyads/" in page.url
    chart = page.locator("#dyad-chart")
    assert int(chart.get_attribute("data-rendered")) >= 1
    assert page.locator("#dyad-chart circle.point").count() >= 1
    page.locator("#dyad-chart circle.point").first.click()
    assert "in " in page.locator("#dyad-filter").inner_text()
    assert not page.errors


def test_dashboard_timeline_has_a_true_month_axis(server, page):
    from communique.knowledge.palette import plover_colours

    page.goto(server["base"] + "/")
    page.wait_for_selector("#timeline[data-rendered]")
    data = chart_json(page, "timeline-data")
    periods = [r["period"] for r in data["rows"]]
    assert periods == [*itertools.takewhile(lambda p: p != periods[-1], _months(periods[0])), periods[-1]]
    assert any(r["total"] == 0 for r in data["rows"])  # the demo has empty months, and they are on the axis
    assert int(page.get_attribute("#timeline", "data-rendered")) == len(periods)
    bars = page.locator("#timeline rect.bar")
    assert bars.count() == sum(len(r["counts"]) for r in data["rows"])
    titles = page.locator("#timeline text.axis-title").all_text_contents()
    assert len(titles) == 2 and titles[1] == "events per month" and titles[0].startswith("month")
    fills = {page.locator("#timeline g.layer").nth(i).get_attribute("fill")
             for i in range(page.locator("#timeline g.layer").count())}
    assert fills == {plover_colours()[t] for t in data["types"]}
    _assert_within(page, "#timeline svg", "#timeline rect.bar")
    shot(page, "dashboard")
    assert not page.errors and not page.outside


def _months(first: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:])
    while True:
        yield f"{year:04d}-{month:02d}"
        year, month = year + month // 12, month % 12 + 1


def test_dyad_chart_has_titled_axes_and_breaks_its_line(server, page):
    a, b = _longest_dyad(server["store"])
    page.goto(server["base"] + f"/dyads/{a}/{b}?by=month")
    page.wait_for_selector("#dyad-chart[data-rendered]")
    data = chart_json(page, "dyad-data")
    scores = [p["score"] for p in data["points"]]
    titles = page.locator("#dyad-chart text.axis-title").all_text_contents()
    assert len(titles) == 3 and titles[0].startswith("month") and "PLOVER score" in titles[1]
    assert "per month" in titles[2]
    # a click on a point lists the events the point counts: same periods on both sides
    assert set(data["by_period"]) == {p["period"] for p in data["points"] if p["events"]}
    path = page.get_attribute("#dyad-chart path.score-line", "d")
    assert path.count("M") == runs(scores)
    assert page.locator("#dyad-chart circle.point").count() == sum(s is not None for s in scores)
    shot(page, "dyad")
    assert not page.errors


def _longest_dyad(store) -> tuple[str, str]:
    """The dyad of the demo store whose events span the most months (the richest dyad chart)."""
    spans: dict[tuple[str, str], set[str]] = {}
    for e in store.events(limit=5000):
        for a in e.actors:
            for b in e.recipients:
                if a != b:
                    spans.setdefault(tuple(sorted((a, b))), set()).add((e.date or e.article_date or "")[:7])
    return max(spans, key=lambda pair: (len(spans[pair]), pair))


def test_network_stays_in_its_frame_and_zooms_and_pans(server, page):
    page.goto(server["base"] + "/network")
    page.wait_for_selector("#network[data-rendered]")
    assert page.locator("#network circle").count() >= 2 and page.locator("#network line.edge").count() >= 1
    _assert_within(page, "#network svg", "#network g.node circle")
    _assert_within(page, "#network svg", "#network g.node text")
    shot(page, "network")
    frame = page.locator("#network svg").bounding_box()
    page.mouse.move(frame["x"] + frame["width"] / 2, frame["y"] + frame["height"] / 2)
    page.mouse.wheel(0, -400)
    page.wait_for_function("document.querySelector('#network').getAttribute('data-zoom') !== '1.000'")
    assert float(page.get_attribute("#network", "data-zoom")) > 1.2
    zoomed = page.get_attribute("#network g.viewport", "transform")
    x, y = page.evaluate("""() => {  // a point of the background, not a node or an edge
        const svg = document.querySelector('#network svg'), r = svg.getBoundingClientRect();
        for (let i = 5; i < 95; i += 5) for (let j = 5; j < 95; j += 5) {
            const px = r.left + r.width * i / 100, py = r.top + r.height * j / 100;
            if (document.elementFromPoint(px, py) === svg) return [px, py];
        }
        return null;
    }""")
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 120, y + 60, steps=5)
    page.mouse.up()
    assert page.get_attribute("#network g.viewport", "transform") != zoomed  # dragging the background pans
    page.locator("#network button.chart-reset").click()
    assert page.get_attribute("#network", "data-zoom") == "1.000"
    _assert_within(page, "#network svg", "#network g.node circle")
    assert not page.errors and not page.outside


def _assert_within(page, frame_selector: str, selector: str) -> None:
    frame = page.locator(frame_selector).bounding_box()
    boxes = [page.locator(selector).nth(i).bounding_box() for i in range(page.locator(selector).count())]
    assert boxes, selector
    outside = [b for b in boxes if not inside(b, frame)]
    assert not outside, (selector, frame, outside[:3])


def test_alignment_line_breaks_where_there_is_no_score(server, page):
    a, b = _gapped_pair(server["store"])
    page.goto(server["base"] + f"/align?a={a}&b={b}&by=quarter")
    page.wait_for_selector("#align-chart[data-rendered]")
    data = chart_json(page, "align-data")
    scores = [p["s_score"] for p in data["alignment"]]
    assert runs(scores) >= 2  # the pair was chosen for a gap
    assert page.get_attribute("#align-chart path.s-line", "d").count("M") == runs(scores)
    assert page.locator("#align-chart circle.s").count() == sum(s is not None for s in scores)
    titles = page.locator("#align-chart text.axis-title").all_text_contents()
    assert len(titles) == 3 and titles[0].startswith("quarter") and "S-score" in titles[1] and "PLOVER" in titles[2]
    shot(page, "alignment")
    assert not page.errors


def _gapped_pair(store) -> tuple[str, str]:
    """The two states of the demo store whose quarterly S-score line has a gap and the most points."""
    from communique.analysis.alignment import alignment, dyad_series
    from communique.analysis.facts import load_facts

    facts = load_facts(store)
    states = sorted({c for f in facts for c in (*f.actors, *f.recipients) if re.fullmatch(r"[A-Z]{3}", c)})
    best: tuple[tuple[int, int, int], tuple[str, str]] | None = None
    for a, b in itertools.combinations(states, 2):
        scored = [x.period for x in alignment(facts, a, b, by="quarter") if x.s_score is not None]
        if len(scored) < 2:
            continue
        gaps = sum(1 for p, q in itertools.pairwise(scored) if _next_quarter(p) != q)
        rank = (min(gaps, 1), len(scored), len(dyad_series(facts, a, b, by="quarter")))
        if gaps and (best is None or rank > best[0]):
            best = (rank, (a, b))
    assert best is not None, "no pair of states with a gap in its alignment line"
    return best[1]


def _next_quarter(label: str) -> str:
    year, quarter = int(label[:4]), int(label[5])
    return f"{year + quarter // 4}Q{quarter % 4 + 1}"


def test_clusters_and_map_pages_draw(server, page):
    base = server["base"]
    page.goto(base + "/clusters")
    assert page.locator("table.clusters tbody tr").count() >= 1
    shot(page, "clusters")
    page.goto(base + "/map")
    page.wait_for_selector("#map[data-rendered]", timeout=10_000)
    assert int(page.get_attribute("#map", "data-rendered")) >= 1
    assert page.locator("#map circle.event-dot").count() >= 1
    shot(page, "map")
    page.goto(base + "/blocs")
    page.wait_for_selector("#blocs-chart[data-rendered]")
    assert page.locator("#blocs-chart g.node").count() >= 1
    page.wait_for_timeout(1500)  # the bloc layout animates; let it settle
    _assert_within(page, "#blocs-chart svg", "#blocs-chart g.node circle")
    _assert_within(page, "#blocs-chart svg", "#blocs-chart g.node text")
    data = chart_json(page, "blocs-data")
    empty_period = next(p for p in data["axis"] if p not in data["periods"])  # the demo has quarters without
    page.locator("#period-slider").fill(str(data["axis"].index(empty_period)))
    assert page.get_attribute("#blocs-chart", "data-period") == empty_period
    assert page.locator("#blocs-chart g.node").count() == 0
    assert page.locator("#blocs-chart .period-note").inner_text() == f"No cooperation in {empty_period}."
    assert not page.errors and not page.outside


CSP = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"


def test_widgets_draw_under_a_strict_content_security_policy(server, page):
    """With script-src 'self' (no inline script), every widget still draws and nothing is refused."""
    def with_csp(route):
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-security-policy": CSP})

    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    page.route("http://127.0.0.1*/**", with_csp)
    base, (a, b) = server["base"], _longest_dyad(server["store"])
    article = server["store"].articles(limit=1)[0].id
    x, y = _gapped_pair(server["store"])
    for path, widget in [("/", "#timeline"), ("/network", "#network"), (f"/dyads/{a}/{b}", "#dyad-chart"),
                         ("/map", "#map"), ("/blocs", "#blocs-chart"), (f"/align?a={x}&b={y}", "#align-chart")]:
        page.goto(base + path)
        page.wait_for_selector(f"{widget}[data-rendered]", timeout=10_000)
        assert page.get_attribute(widget, "data-rendered") not in ("error", "empty"), path
    page.goto(base + f"/articles/{article}")
    page.locator("article.text .trigger").first.hover()
    assert page.locator("aside.records-panel .flash").count() >= 1  # the reader's hover works too
    assert not refused and not page.errors


def test_event_explorer_downloads_the_current_filter(server, page):
    base = server["base"]
    page.goto(base + "/events")
    page.select_option("select[name=type]", index=2)
    page.locator("form.filters button").click()
    page.wait_for_load_state("networkidle")
    href = page.get_attribute("#download-csv", "href")
    assert "type=" in href
    body = page.request.get(base + href).text()
    chosen = page.locator("select[name=type]").input_value()
    rows = body.strip().splitlines()[1:]
    assert all(f",{chosen}," in row for row in rows)


def test_hostile_article_runs_no_script(hostile_server, page):
    base = hostile_server["base"]
    target = next(a for a in hostile_server["store"].articles(limit=500) if "Hostile" in (a.title or ""))
    for path in [f"/articles/{target.id}", "/articles", "/search?q=Ghana", "/events", "/"]:
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__pwned === undefined"), path
    page.goto(base + f"/articles/{target.id}")
    text = page.locator("article.text").inner_text()
    assert "<script>" in text and "javascript:" in text  # shown as text, not run
    for link in page.locator("a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript:")
    assert not page.errors


def test_pages_and_api_docs_run_under_the_content_security_policy(server, page):
    """Issue 21: every page is served with a CSP allowing scripts from /static only, and still works under it."""
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    base = server["base"]
    for path, drawn in [("/", "#timeline[data-rendered]"), ("/network", "#network[data-rendered]"),
                        ("/map", "#map[data-rendered]"), ("/align?a=USA&b=CHN", "#align-chart[data-rendered]"),
                        ("/blocs", "#blocs-chart[data-rendered]")]:
        response = page.goto(base + path)
        assert "script-src 'self';" in response.headers["content-security-policy"], path
        assert response.headers["x-frame-options"] == "DENY", path
        page.wait_for_selector(drawn, timeout=10_000)
    response = page.goto(base + "/docs")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 10
    assert not violations and not page.errors and not page.outside
