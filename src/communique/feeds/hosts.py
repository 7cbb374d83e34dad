"""Which item links ``watch`` may fetch: the feed's own host and the hosts the user allowed, on public addresses.

A feed is written by someone else; its item links must not make the watcher read
the user's own network. An item link (and every redirect it leads to) is fetched
only when

- it is ``http`` or ``https``;
- its host is the feed's own host or one listed with ``watch --allow-host HOST``;
- every address its host resolves to is a public one (not loopback, private,
  link-local, multicast, reserved or unspecified), unless the host is listed with
  ``--allow-host`` (naming a host there is the explicit permission).

Anything else is a ``DisallowedError`` (kind ``host_not_allowed`` or
``address_not_allowed``): the item is skipped and recorded, not retried.

The feed itself is fetched from the URL the user gave; a redirect of it to another
host is followed only to a public address (or an ``--allow-host`` host).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from communique.feeds.errors import DisallowedError, FetchError

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Return every address ``host`` resolves to (``FetchError`` if it does not resolve)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host!r} ({exc})", source=host, kind="network") from exc
    return [str(info[4][0]) for info in infos]


def normalise_host(host: str) -> str:
    """Return a host name as compared here: lower case, no trailing dot, IPv6 without brackets."""
    return host.strip().lower().rstrip(".").removeprefix("[").removesuffix("]")


def is_public(address: str) -> bool:
    """Whether ``address`` is a public unicast address (IPv4-mapped IPv6 addresses are judged by their IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    forbidden = (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast or ip.is_reserved
                 or ip.is_unspecified)
    return ip.is_global and not forbidden


@dataclass(frozen=True)
class HostPolicy:
    """The hosts item links may be fetched from, besides the feed's own.

    Attributes:
        allow_hosts: hosts named by the user (``--allow-host``); any of their addresses is allowed.
        resolver: how host names become addresses (tests pass their own).
    """

    allow_hosts: frozenset[str] = frozenset()
    resolver: Resolver = field(default=resolve, compare=False)

    @classmethod
    def allowing(cls, hosts: Iterable[str], resolver: Resolver = resolve) -> HostPolicy:
        """Return the policy allowing ``hosts`` (as given on the command line)."""
        return cls(frozenset(normalise_host(h) for h in hosts if h.strip()), resolver)

    def check(self, url: str, *, feed_url: str) -> None:
        """Raise ``DisallowedError`` unless ``url`` may be fetched for an item of the feed at ``feed_url``."""
        host = _http_host(url)
        if host in self.allow_hosts:
            return
        feed_host = normalise_host(urlsplit(feed_url).hostname or "")
        if host != feed_host:
            raise DisallowedError(f"host {host} is neither the feed's ({feed_host}) nor allowed with --allow-host",
                                  source=url, kind="host_not_allowed")
        self._check_addresses(url, host)

    def check_feed(self, url: str, *, feed_url: str) -> None:
        """Raise ``DisallowedError`` unless the feed at ``feed_url`` may be read from ``url`` (itself or a redirect)."""
        host = _http_host(url)
        if host in self.allow_hosts or host == normalise_host(urlsplit(feed_url).hostname or ""):
            return  # the host the user named
        self._check_addresses(url, host)

    def _check_addresses(self, url: str, host: str) -> None:
        parts = urlsplit(url)
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise DisallowedError("bad port in the URL", source=url, kind="bad_url") from exc
        for address in self.resolver(host, port):
            if not is_public(address):
                raise DisallowedError(f"host {host} resolves to the non-public address {address} "
                                      "(allow it with --allow-host)", source=url, kind="address_not_allowed")


def _http_host(url: str) -> str:
    """Return the host of an http(s) URL (``DisallowedError`` for any other URL)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DisallowedError("not an http(s) URL", source=url, kind="bad_url")
    return normalise_host(parts.hostname)
