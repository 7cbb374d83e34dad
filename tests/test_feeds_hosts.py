"""``watch`` fetches item links only from allowed hosts and public addresses, at most N per poll (issue 21)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from communique.feeds import DisallowedError, HostPolicy, PollReport, Watcher
from communique.feeds.hosts import is_public, resolve
from communique.feeds.tables import feed_items
from communique.feeds.watcher import DEFAULT_MAX_ITEMS
from communique.store import open_store
from test_feeds import HTML, Clock, Route, Site, _fixture, _settings

RSS = {"Content-Type": "application/rss+xml"}


def _rss(*links: str) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link><guid>g-{i}</guid></item>"
                    for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Mixed</title>{items}</channel></rss>'.encode()


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as running:
        base, r = running.base, running.routes
        other = base.replace("127.0.0.1", "localhost")  # the same server under another host name
        r["/news/harbour-talks.html"] = Route(body=_fixture("harbour-talks.html", base), headers=HTML)
        r["/news/summit.html"] = Route(body=_fixture("summit.html", base), headers=HTML)
        r["/news/grain-deal.html"] = Route(body=_fixture("grain-deal.html", base), headers=HTML)
        r["/news/other-host.html"] = Route(body=_fixture("summit.html", base), headers=HTML)
        r["/news/away"] = Route(302, headers={"Location": f"{other}/news/elsewhere.html"})
        r["/news/elsewhere.html"] = Route(body=_fixture("grain-deal.html", base), headers=HTML)
        r["/feeds/mixed.rss"] = Route(body=_rss(f"{base}/news/harbour-talks.html", f"{other}/news/other-host.html",
                                                f"{base}/news/away", "http://10.255.255.1/intranet.html"),
                                      headers=RSS)
        r["/feeds/three.rss"] = Route(body=_rss(f"{base}/news/harbour-talks.html", f"{base}/news/summit.html",
                                                f"{base}/news/grain-deal.html"), headers=RSS, etag='"three"')
        yield running


def _poll(db: str, url: str, **settings: object) -> PollReport:
    with open_store(db) as store:
        watcher = Watcher(store, [url], _settings(**settings), clock=Clock())  # type: ignore[arg-type]
        try:
            return watcher.poll()
        finally:
            watcher.close()


def _recorded(db: str) -> dict[str, tuple[str, str | None]]:
    with open_store(db) as store, store.engine.connect() as conn:
        rows = conn.execute(select(feed_items.c.url, feed_items.c.status, feed_items.c.last_error)).all()
    return {row.url: (row.status, row.last_error) for row in rows}


FAKE_DNS = {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.5"],
            "mixed.example": ["93.184.216.34", "127.0.0.1"], "mapped.example": ["::ffff:127.0.0.1"],
            "v6.example": ["2606:4700::1111"], "metadata.example": ["169.254.169.254"]}


def _fake_resolver(host: str, port: int) -> list[str]:
    return FAKE_DNS[host]


def _kind(policy: HostPolicy, url: str, feed: str) -> str:
    try:
        policy.check(url, feed_url=feed)
    except DisallowedError as exc:
        return exc.kind
    return "ok"


def test_host_policy() -> None:
    policy = HostPolicy.allowing([], resolver=_fake_resolver)
    assert _kind(policy, "https://news.example/a", "https://news.example/feed.xml") == "ok"
    assert _kind(policy, "http://v6.example/a", "https://v6.example/feed.xml") == "ok"
    assert _kind(policy, "https://other.example/a", "https://news.example/feed.xml") == "host_not_allowed"
    for host in ["intranet.example", "mixed.example", "mapped.example", "metadata.example"]:
        assert _kind(policy, f"http://{host}/a", f"http://{host}/feed") == "address_not_allowed", host
    for url in ["file:///etc/passwd", "ftp://news.example/a", "gopher://news.example/", "http:///nohost"]:
        assert _kind(policy, url, "https://news.example/feed.xml") == "bad_url", url
    feed = "https://news.example/feed.xml"  # a feed is read from the URL given; its redirects must be public
    policy.check_feed(feed, feed_url=feed)
    policy.check_feed("http://10.0.0.9/f", feed_url="http://10.0.0.9/f")  # the user named that host
    policy.check_feed("https://v6.example/feed.xml", feed_url=feed)  # a redirect to a public address
    for redirect in ["http://metadata.example/latest", "http://intranet.example/f", "file:///etc/passwd"]:
        with pytest.raises(DisallowedError):
            policy.check_feed(redirect, feed_url=feed)
    allowed = HostPolicy.allowing(["Intranet.Example.", "[::1]"], resolver=_fake_resolver)
    assert _kind(allowed, "http://intranet.example/a", "https://news.example/feed.xml") == "ok"
    assert _kind(allowed, "http://[::1]:8080/a", "https://news.example/feed.xml") == "ok"


def test_addresses_are_judged_by_ipaddress() -> None:
    for address in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "224.0.0.1", "0.0.0.0",
                    "240.0.0.1", "100.64.0.1", "::1", "fe80::1%eth0", "fc00::1", "ff02::1", "::ffff:10.0.0.1", "::"]:
        assert not is_public(address), address
    for address in ["8.8.8.8", "93.184.216.34", "2606:4700::1111"]:
        assert is_public(address), address
    assert set(resolve("127.0.0.1", 80)) == {"127.0.0.1"}  # literals resolve without DNS


def test_item_links_are_fetched_only_from_allowed_hosts(site: Site, tmp_path: Path, nlp: object) -> None:
    db, base = f"sqlite:///{tmp_path / 'w.db'}", site.base
    other = base.replace("127.0.0.1", "localhost")
    report = _poll(db, f"{base}/feeds/mixed.rss")  # 127.0.0.1 allowed explicitly; localhost is not
    states = {item.url: (item.state, item.reason) for item in report.items}
    assert states[f"{base}/news/harbour-talks.html"][0] == "ingested"
    assert states[f"{other}/news/other-host.html"][0] == "disallowed"
    assert "neither the feed's (127.0.0.1) nor allowed with --allow-host" in str(states[f"{other}/news/other-host.html"][1])
    assert states[f"{base}/news/away"][0] == "disallowed"  # its redirect to another host is checked too
    assert states["http://10.255.255.1/intranet.html"][0] == "disallowed"
    assert site.count("/news/other-host.html") == 0 and site.count("/news/elsewhere.html") == 0
    recorded = _recorded(db)
    assert recorded[f"{other}/news/other-host.html"][0] == "disallowed" and recorded[f"{other}/news/other-host.html"][1]
    assert recorded["http://10.255.255.1/intranet.html"][0] == "disallowed"
    with open_store(db) as store:
        assert [a.url for a in store.articles()] == [f"{base}/news/harbour-talks.html"]


def test_a_loopback_feed_host_needs_allow_host(site: Site, tmp_path: Path) -> None:
    db, base = f"sqlite:///{tmp_path / 'w.db'}", site.base
    report = _poll(db, f"{base}/feeds/mixed.rss", allow=())
    first = report.items[0]
    assert first.url == f"{base}/news/harbour-talks.html" and first.state == "disallowed"
    assert "non-public address 127.0.0.1" in (first.reason or "")
    assert site.count("/news/harbour-talks.html") == 0


def test_max_items_leaves_the_rest_for_the_next_poll(site: Site, tmp_path: Path, nlp: object) -> None:
    db, url = f"sqlite:///{tmp_path / 'w.db'}", f"{site.base}/feeds/three.rss"
    first = _poll(db, url, max_items=2)
    assert len(first.items) == 2 and "--max-items 2 reached" in (first.feeds[0].reason or "")
    second = _poll(db, url, max_items=2)  # no validators were kept: the feed is read again, not 304
    assert second.feeds[0].state == "updated" and [i.url for i in second.items] == [f"{site.base}/news/grain-deal.html"]
    third = _poll(db, url, max_items=2)
    assert third.feeds[0].state == "unchanged" and third.items == []
    assert DEFAULT_MAX_ITEMS == 100


def test_watch_cli_allow_host_and_max_items(site: Site, tmp_path: Path) -> None:
    from communique.cli import app
    from communique.cli.watch import DEFAULT_MAX_ITEMS as CLI_DEFAULT

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    result = CliRunner().invoke(app, ["watch", "--once", "--db", db, "--max-items", "1", f"{site.base}/feeds/three.rss"])
    assert result.exit_code == 0, result.output
    assert f"skipped {site.base}/news/harbour-talks.html: host 127.0.0.1 resolves to the non-public address" in result.stderr
    assert "--max-items 1 reached" in result.stderr and site.count("/news/summit.html") == 0
    assert CliRunner().invoke(app, ["watch", "--once", "--max-items", "0", "--db", db, site.base]).exit_code == 2
    assert CLI_DEFAULT == DEFAULT_MAX_ITEMS
