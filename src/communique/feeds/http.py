"""A polite HTTP client: one User-Agent, timeouts, bounded retries, robots.txt.

- Retries (exponential backoff) on timeouts and 5xx answers only; a 4xx or a
  network failure (refused connection, unknown host) is returned at once.
- Redirects are followed by hand so that robots.txt is checked at every hop.
- robots.txt is fetched with the same client, once per origin and cached; a
  missing one (any 4xx) allows everything; an unreachable one (5xx, timeout,
  network) disallows everything for now (RFC 9309) and is a retryable failure.
- Bodies are read up to a size limit.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from communique.feeds.errors import DisallowedError, FetchError
from communique.version import __version__

log = logging.getLogger(__name__)

#: Sent with every request; the product token ("Communique") is what robots.txt rules match.
USER_AGENT = f"Communique/{__version__} (event-data research crawler)"

REDIRECTS = frozenset({301, 302, 303, 307, 308})

#: Seconds an unreachable robots.txt keeps its origin closed before it is asked again.
ROBOTS_DOWN_SECONDS = 300.0


@dataclass(frozen=True)
class HttpSettings:
    """How the client behaves.

    Attributes:
        timeout: seconds allowed to connect and between two reads.
        deadline: seconds allowed for a whole answer (a server trickling bytes times out too).
        retries: further attempts after a timeout or a 5xx answer.
        backoff: seconds before the first retry; doubled at each further one.
        max_bytes: largest body read (larger ones fail).
        max_redirects: redirects followed per request.
        robots_ttl: seconds a fetched robots.txt is trusted.
        user_agent: the User-Agent header.
    """

    timeout: float = 10.0
    deadline: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    robots_ttl: float = 3600.0
    user_agent: str = USER_AGENT


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer: the URL that gave it (after redirects), status, headers, body."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    content: bytes = b""

    @property
    def media_type(self) -> str:
        """Return the Content-Type without parameters, lower case ('' if absent)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """Return the charset parameter of the Content-Type, if any."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"').lower()
        return None


class Fetcher:
    """GET with retries, manual redirects and robots.txt, over one ``httpx.Client``.

    Args:
        settings: timeouts, retries and limits.
        client: an ``httpx.Client`` to use (default: one built from ``settings``).
        sleep: how to wait between retries (tests pass a no-op).
    """

    def __init__(self, settings: HttpSettings | None = None, *, client: httpx.Client | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings or HttpSettings()
        self.client = client or httpx.Client(
            headers={"User-Agent": self.settings.user_agent}, timeout=httpx.Timeout(self.settings.timeout),
            follow_redirects=False)
        self._sleep = sleep
        self._robots: dict[str, tuple[float, RobotFileParser | FetchError | None]] = {}

    def close(self) -> None:
        """Close the connections."""
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def get(self, url: str, *, headers: Mapping[str, str] | None = None,
            check: Callable[[str], None] | None = None) -> Fetched:
        """Fetch ``url``, following redirects; return a 2xx or 304 answer.

        ``check`` is called with the URL and with every redirect target before it is
        requested (it raises to refuse one: see ``feeds.hosts``).

        Raises:
            DisallowedError: robots.txt (or ``check``) forbids the URL or a redirect target.
            FetchError: any other status, a timeout or network failure (after retries), a bad redirect.
        """
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if check is not None:
                check(current)
            self.check_allowed(current)
            fetched = self._get_with_retries(current, headers)
            if fetched.status not in REDIRECTS:
                return _checked(fetched)
            current = _redirect_target(fetched)
        raise FetchError(f"more than {self.settings.max_redirects} redirects", source=url, kind="redirects")

    def check_allowed(self, url: str) -> None:
        """Raise ``DisallowedError`` if robots.txt forbids ``url`` (``FetchError`` if it is unreachable)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FetchError("not an http(s) URL", source=url, kind="bad_url")
        rules = self._rules(f"{parts.scheme}://{parts.netloc}")
        if rules is not None and not rules.can_fetch(self.settings.user_agent, url):
            raise DisallowedError("disallowed by robots.txt", source=url, kind="robots")

    def _rules(self, origin: str) -> RobotFileParser | None:
        """Return the cached rules of ``origin``; an unreachable robots.txt is asked again after a while."""
        cached = self._robots.get(origin)
        if cached is not None:
            age, rules = time.monotonic() - cached[0], cached[1]
            if isinstance(rules, FetchError) and age < min(ROBOTS_DOWN_SECONDS, self.settings.robots_ttl):
                raise rules
            if not isinstance(rules, FetchError) and age < self.settings.robots_ttl:
                return rules
        try:
            rules = self._fetch_robots(origin)
        except FetchError as exc:
            self._robots[origin] = (time.monotonic(), exc)
            raise
        self._robots[origin] = (time.monotonic(), rules)
        return rules

    def _fetch_robots(self, origin: str) -> RobotFileParser | None:
        """Return the rules of ``origin`` (None: allow all)."""
        url = f"{origin}/robots.txt"
        try:
            fetched = self._get_with_retries(url, None)
            for _ in range(self.settings.max_redirects):
                if fetched.status not in REDIRECTS:
                    break
                fetched = self._get_with_retries(_redirect_target(fetched), None)
        except FetchError as exc:
            raise FetchError(f"robots.txt unreachable ({exc.message}); not fetching from {origin} for now",
                             source=url, kind="robots_unreachable") from exc
        if 400 <= fetched.status < 500 or fetched.status in REDIRECTS:
            return None
        rules = RobotFileParser(url)
        rules.parse(fetched.content.decode(fetched.charset or "utf-8", errors="replace").splitlines())
        rules.modified()
        return rules

    def _get_with_retries(self, url: str, headers: Mapping[str, str] | None) -> Fetched:
        error = FetchError("not fetched", source=url)
        for attempt in range(self.settings.retries + 1):
            if attempt:
                self._sleep(self.settings.backoff * 2 ** (attempt - 1))
            try:
                fetched = self._get_once(url, headers)
            except httpx.TimeoutException as exc:
                error = FetchError(f"timed out ({type(exc).__name__}, limit {self.settings.timeout:g}s)",
                                   source=url, kind="timeout")
                log.info("%s: timeout (attempt %d)", url, attempt + 1)
                continue
            except httpx.HTTPError as exc:
                raise FetchError(f"network error ({type(exc).__name__}: {exc})", source=url, kind="network") from exc
            if fetched.status < 500:
                return fetched
            error = _status_error(fetched)
            log.info("%s: HTTP %d (attempt %d)", url, fetched.status, attempt + 1)
        raise error

    def _get_once(self, url: str, headers: Mapping[str, str] | None) -> Fetched:
        started = time.monotonic()
        with self.client.stream("GET", url, headers=dict(headers or {})) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if time.monotonic() - started > self.settings.deadline:
                    raise httpx.ReadTimeout(f"no complete answer within {self.settings.deadline:g}s")
                if len(body) > self.settings.max_bytes:
                    raise FetchError(f"body larger than {self.settings.max_bytes} bytes", source=url,
                                     kind="too_large")
            return Fetched(url=str(response.url), status=response.status_code,
                           headers={k.lower(): v for k, v in response.headers.items()}, content=bytes(body))


def _checked(fetched: Fetched) -> Fetched:
    if 200 <= fetched.status < 300 or fetched.status == 304:
        return fetched
    raise _status_error(fetched)


def _status_error(fetched: Fetched) -> FetchError:
    phrase = httpx.codes.get_reason_phrase(fetched.status)
    return FetchError(f"HTTP {fetched.status} {phrase}".strip(), source=fetched.url, kind=f"http_{fetched.status}")


def _redirect_target(fetched: Fetched) -> str:
    location = fetched.headers.get("location")
    target = urljoin(fetched.url, location) if location else ""
    if urlsplit(target).scheme not in ("http", "https"):
        raise FetchError(f"HTTP {fetched.status} redirect to an unusable location {location!r}",
                         source=fetched.url, kind="bad_redirect")
    return target
