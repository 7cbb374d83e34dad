"""Actor step for bodies: ministries, embassies, seats of power, courts and offices with their state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.extract.actors.common import (
    POSSESSIVE,
    _Draft,
)
from communique.knowledge import actor_tables as tables

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _Bodies:
    """Bodies: ministries, embassies, seats of power, courts and offices with their state."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    # -------------------------------------------------------------- orgs

    def find_bodies(self) -> None:
        """Find ministries, embassies, courts and offices with their state."""
        body_heads = {"ministry", "embassy", "consulate", "court", "office", "department", "presidency",
                      "commission", "party"}
        for i, low in enumerate(self.r.lower):
            if low not in body_heads or self.r.taken[i] or i in self.r.person_tokens:
                continue
            if low == "ministry":
                self._ministry(i)
            elif low in ("embassy", "consulate"):
                self._embassy(i)
            elif low == "office" and i > 0 and self.r.lower[i - 1] in ("foreign", "home") and self.r.is_cap(i - 1):
                self._ministry(i)
            elif low == "commission" and i > 0 and self.r.lower[i - 1] == "high":
                self._embassy(i, first=i - 1)
            elif low == "party" and i > 0 and self.r.is_cap(i - 1) and not self.r.taken[i - 1]:
                self._named_body(i, "PTY", "party")
            elif low == "presidency" and (self.r.the_before(i) or self.owner_before(i)[0]):
                self._presidency(i)
            elif low == "court" and self.r.is_cap(i):
                self._named_body(i, "JUD", "court")
            elif low == "office" and i >= 2 and self.r.lower[i - 1] in POSSESSIVE and self.r.lower[i - 2] == "prosecutor":
                self._prosecutor_office(i)

    def owner_before(self, i: int) -> tuple[str | None, int]:
        """Return (state, start) of an owner right before token ``i``: adjective, "X's", "its"."""
        j = i - 1
        if j >= 0 and self.r.words[j] in POSSESSIVE:
            j -= 1
        if j >= 0 and j in self.r.gaz and self.r.gaz[j].entry.kind == "state":
            hit = self.r.gaz[j]
            return hit.entry.key, hit.start
        if j >= 0 and self.r.lower[j] in ("its", "their"):
            return self.r.refs.its_country(j), j
        return None, i

    def _ministry(self, i: int) -> None:
        topics = tables.sectors().ministry_topics
        start, topic = i, None
        if i + 2 < len(self.r.doc) and self.r.lower[i + 1] == "of":
            k = i + 2
            while k < len(self.r.doc) and (self.r.is_cap(k) or self.r.lower[k] in ("and", ",")) and k not in self.r.gaz:
                k += 1
            while k > i + 2 and self.r.lower[k - 1] in ("and", ","):
                k -= 1
            phrase = self.r.span_text(i + 2, k).lower()
            topic = topics.get(phrase) or topics.get(phrase.replace(",", ""))
            end = k
        else:
            end = i + 1
            for n in (3, 2, 1):
                if i - n >= 0 and " ".join(self.r.lower[i - n : i]) in topics:
                    topic, start = topics[" ".join(self.r.lower[i - n : i])], i - n
                    break
        country, owner_start = self.owner_before(start)
        if topic is None and country is None and end == i + 1:
            return  # "the ministry": a reference, resolved later
        country = country or self.place_after(end) or self._ministry_context(topic, i)
        written_start = owner_start if owner_start < start else start
        topic_name = topic or self.r.span_text(start, end)
        adjective = tables.countries().adjective(country) if country else ""
        name = f"{adjective} {topic} Ministry".strip() if topic else self.r.span_text(written_start, end)
        key = f"org:{name}"
        existing = self._body_like(country, f"{topic_name} ministry") if topic else None
        if existing is not None:
            key = existing.key
        draft = self.r.draft(key, "org", name, country=country, group_kind=f"{topic_name} ministry")
        draft.add_sectors("GOV", [])
        draft.add_alias(self.r.span_text(written_start, end))
        self.r.mention(written_start, end, key, "name")

    def _body_like(self, country: str | None, kind: str) -> _Draft | None:
        for draft in self.r.drafts.values():
            if draft.kind == "org" and draft.group_kind == kind and draft.country == country:
                return draft
        return None

    def place_after(self, end: int) -> str | None:
        """Return the state of "in <capital>" right after a body ("the Foreign Ministry in Minsk")."""
        if end + 1 < len(self.r.doc) and self.r.lower[end] == "in" and end + 1 in self.r.gaz:
            hit = self.r.gaz[end + 1]
            if hit.entry.kind == "state":
                return hit.entry.key
        return None

    def _ministry_context(self, topic: str | None, i: int) -> str | None:
        """Guess the state of an unowned ministry: a recent minister of that topic, else context."""
        here = self.r.context.context_state(i, private=False)
        if here:
            return here
        if topic:
            kind = f"{topic} ministry"
            found = self.r.index.latest(i, [k for k in self.r.orgs.org_keys() if (d := self.r.drafts.get(k)) and d.group_kind == kind])
            if found is not None:
                return self.r.drafts[found.key].country
        return self.r.focus

    def _embassy(self, i: int, *, first: int | None = None) -> None:
        first = i if first is None else first
        country, start = self.owner_before(first)
        if country is None and first > 0 and self.r.lower[first - 1] == "the":
            start = first - 1
        end = i + 1
        city = None
        if end + 1 < len(self.r.doc) and self.r.lower[end] == "in" and self.r.is_cap(end + 1):
            k = end + 1
            while k < len(self.r.doc) and self.r.is_cap(k):
                k += 1
            city, end = self.r.span_text(end + 1, k), k
        if country is None:
            return
        adjective = tables.countries().adjective(country)
        noun = "High Commission" if first < i else "Embassy"
        name = f"{adjective} {noun}" + (f" in {city}" if city else "")
        existing = self._body_like(country, "embassy")
        key = existing.key if existing else f"org:{name}"
        draft = self.r.draft(key, "org", name, country=country, group_kind="embassy")
        draft.add_sectors("GOV", [])
        draft.add_alias(self.r.span_text(start, end))
        self.r.mention(start, end, key, "name")

    def _presidency(self, i: int) -> None:
        """"The presidency in Cairo", "Egypt's presidency": an org of the head of state's office."""
        country, start = self.owner_before(i)
        country = country or self.place_after(i + 1) or self.r.context.context_state(i, private=False) or self.r.focus
        if country is None:
            return
        if start == i and self.r.the_before(i):
            start = i - 1
        name = f"{tables.countries().adjective(country)} Presidency"
        existing = self._body_like(country, "presidency")
        key = existing.key if existing else f"org:{name}"
        draft = self.r.draft(key, "org", name, country=country, group_kind="presidency")
        draft.add_sectors("GOV", [])
        draft.add_alias(self.r.span_text(start, i + 1))
        self.r.mention(start, i + 1, key, "name")

    def _named_body(self, i: int, sector: str, kind: str) -> None:
        """A body named as written before its head noun ("Beijing No. 2 Intermediate People's Court")."""
        sent_start = self.r.sent_start(i)
        start = i
        while start - 1 >= sent_start and start - 1 not in self.r.person_tokens:
            prev = self.r.doc[start - 1]
            joined = not prev.whitespace_ or (start - 2 >= 0 and not self.r.doc[start - 2].whitespace_)
            if prev.pos_ == "DET" or not (self.r.is_cap(start - 1) or prev.text in POSSESSIVE or prev.like_num
                                          or (joined and prev.text.isalpha()) or prev.text == "-"):
                break
            start -= 1
        if start == i and not self.r.is_cap(i):
            return
        name = self.r.span_text(start, i + 1)
        country = next((self.r.gaz[j].entry.key for j in range(start, i) if j in self.r.gaz
                        and self.r.gaz[j].entry.kind == "state"), None) or self.r.focus
        key = f"org:{name}"
        draft = self.r.draft(key, "org", name, country=country, group_kind=kind)
        draft.add_sectors(sector, [])
        if self.r.the_before(start):
            draft.add_alias("the " + name)
        self.r.mention(start, i + 1, key, "name")

    def _prosecutor_office(self, i: int) -> None:
        start = i - 2
        while start - 1 >= 0 and self.r.doc[start - 1].pos_ in ("ADJ", "PROPN", "NOUN") and not self.r.taken[start - 1]:
            start -= 1
        name = self.r.span_text(start, i + 1)
        key = f"org:{name}"
        country = self.r.context.context_state(i, private=False) or self.r.focus
        draft = self.r.draft(key, "org", name, country=country, group_kind="prosecutor")
        draft.add_sectors("JUD", [])
        self.r.mention(start, i + 1, key, "name")
