"""Browser tests: Playwright drives Debian's Chromium against a live server on loopback.

Screenshots go to ``test-artifacts/`` (set COMMUNIQUE_SCREENSHOTS=docs/screenshots to refresh
the README's).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed")
playwright_api = pytest.importorskip("playwright.sync_api")

ARTIFACTS = Path(os.environ.get("COMMUNIQUE_SCREENSHOTS", Path(__file__).resolve().parent.parent / "test-artifacts"))
HOSTILE = """ date 2025-02-03 <script>window.__pwned = "title"</script> Hostile "quotes" & entities

ACCRA -- Ghana's foreign ministry said on Monday it had summoned Togo's ambassador <script>window.__pwned = 1</script> over a border incident, "calling it </script><script>window.__pwned = 2</script> unacceptable," the ministry said.

The statement linked to javascript:window.__pwned=3 and <img src=x onerror="window.__pwned=4"> &lt;b&gt;bold&lt;/b&gt; &amp; more, "we <a href='javascript:window.__pwned=5'>reject</a> this," it added.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    from communique.api.app import create_app
    from web_fixtures import filled_store

    tmp = tmp_path_factory.mktemp("web")
    hostile = tmp / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    store = filled_store(f"sqlite:///{tmp / 'store.db'}", str(hostile))
    port = _free_port()
    config = uvicorn.Config(create_app(store=store, token="t"), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "store": store}
    srv.should_exit = True
    thread.join(timeout=10)
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
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


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
    shot(page, "article-reader")
    state_link = page.locator("aside.records-panel li[data-actor] a").filter(has_text="a").first
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
    shot(page, "dyad")
    assert not page.errors and state_link is not None


def test_charts_graph_and_map_render_with_data(server, page):
    base = server["base"]
    page.goto(base + "/")
    page.wait_for_selector("#timeline[data-rendered]")
    assert int(page.get_attribute("#timeline", "data-rendered")) >= 1
    assert page.locator("#timeline rect").count() > 0
    shot(page, "dashboard")
    page.goto(base + "/network")
    page.wait_for_selector("#network[data-rendered]")
    assert page.locator("#network circle").count() >= 2 and page.locator("#network line.edge").count() >= 1
    page.wait_for_timeout(800)
    shot(page, "network")
    page.goto(base + "/map")
    page.wait_for_selector("#map[data-rendered]", timeout=10_000)
    assert int(page.get_attribute("#map", "data-rendered")) >= 1
    assert page.locator("#map circle.event-dot").count() >= 1
    shot(page, "map")
    assert not page.errors and not page.outside


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


def test_hostile_article_runs_no_script(server, page):
    base = server["base"]
    target = next(a for a in server["store"].articles(limit=500) if "Hostile" in (a.title or ""))
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
    shot(page, "hostile-article")
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
