"""Actor step: organisations NER finds that no table knows, and groups such as "riot police"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.extract.actors.common import (
    BARE_GROUPS,
    ORG_WORDS,
    PERSON_WINDOW,
    THE_GROUPS,
    _Draft,
    _ends_in,
)
from communique.knowledge import actor_tables as tables

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _Orgs:
    """Organisations NER finds that no table knows, and groups such as "riot police"."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    def find_ner_orgs(self) -> None:
        """Turn NER organisations that no table knows into org actors named as written."""
        for start, end in self.r.org_spans:
            if not any(self.r.taken[i] for i in range(start, end)):
                self._ner_org(start, end)
        for start, end, label in self.r.ents:
            if label not in ("ORG", "FAC", "NORP", "GPE"):
                continue
            while start < end and self.r.lower[start] == "the":
                start += 1
            if start >= end or start < self.r.dateline_end:
                continue
            if any(self.r.taken[i] or i in self.r.person_tokens for i in range(start, end)):
                continue
            words = [w.lower() for w in self.r.words[start:end]]
            acronym = end - start == 1 and self.r.words[start].isupper() and 2 <= len(self.r.words[start]) <= 6 \
                and self.r.words[start].isalpha()
            cued = label in ("ORG", "FAC") and (tables.org_cues().noun_before(self.r.lower, start) is not None
                                                or words[-1] in tables.org_cues().heads
                                                or self.r.persons.org_apposition(end) is not None)
            if not acronym and not cued and not (label in ("ORG", "FAC") and ORG_WORDS.intersection(words)):
                continue
            self._ner_org(start, end)
        self._unlabelled_orgs()

    def _unlabelled_orgs(self) -> None:
        """Name organisations NER left unlabelled after an organisation noun ("the band Velvet Harrow")."""
        cues = tables.org_cues()
        for i in self.r.name_shaped:
            if self.r.taken[i] or i in self.r.person_tokens or self.r.ent_type[i] or i < 1 or self.r.cap[i - 1]:
                continue
            if cues.noun_before(self.r.lower, i) is None or self.r.heads.get(i - 1) is not None:
                continue
            end = i
            while end < len(self.r.doc) and self.r.cap[end] and self.r.pos[end] == "PROPN" and not self.r.taken[end] \
                    and end not in self.r.person_tokens:
                end += 1
            self._ner_org(i, end)

    def _ner_org(self, start: int, end: int) -> None:
        name = self.r.span_text(start, end)
        if end < len(self.r.doc) - 2 and self.r.words[end] == "(" and self.r.words[end + 2] == ")":
            acronym = self.r.words[end + 1]
        else:
            acronym = None
        country = next((self.r.gaz[j].entry.key for j in range(start, end) if j in self.r.gaz
                        and self.r.gaz[j].entry.kind == "state"), None)
        if country is None:
            country = self.r.bodies.owner_before(start)[0] or self.r.bodies.place_after(end)
        key = f"org:{name}"
        draft = self.r.draft(key, "org", name, country=country)
        described = self.r.lower[max(0, start - 2) : end]  # "the rights group Foro Penal"
        primary, others = tables.sectors().sector_of(described)
        cue = self.r.persons.org_cue_sector(start, end)
        if cue and primary not in ("REB", "PRM", "OPP", "ELI"):  # "the rebel group X": the description first
            primary, others = cue, [cue, *others]
        draft.add_sectors(primary, others)
        if self.r.the_before(start):
            draft.add_alias("the " + name)
        self.r.mention(start, end, key, "name")
        if acronym:
            self._acronym_mentions(acronym, key)
        if end - start > 1 and draft.sector not in (None, "UNK"):
            self._repeated_name(start, end, key)

    def _repeated_name(self, start: int, end: int, key: str) -> None:
        """Mention an organisation again where its name of several words recurs ("the Frente Rojo" later on)."""
        words = self.r.words[start:end]
        n = len(words)
        for i in self.r.capitalised:
            if i > start and self.r.words[i : i + n] == words and not any(self.r.taken[k] for k in range(i, i + n)):
                self.r.mention(i, i + n, key, "name")

    def _acronym_mentions(self, acronym: str, key: str) -> None:
        self.r.drafts[key].add_alias(acronym)
        for i, word in enumerate(self.r.words):
            if word == acronym and not self.r.taken[i]:
                self.r.mention(i, i + 1, key, "alias")

    def find_groups(self) -> None:
        """Create group actors ("riot police", "Rwandan troops", "the army") with their state."""
        sectors = tables.sectors()
        after = 0  # where the last group ends: the next one starts there or later
        for i, low in enumerate(self.r.lower):
            if i < after or low not in sectors.groups or self.r.taken[i]:
                continue
            group = sectors.group_at(self.r.lower, i)
            if group is None or i in self.r.person_tokens or self.r.pos[i] not in ("NOUN", "PROPN"):
                continue
            end = after = i + len(group.words)
            if end < len(self.r.doc) and self.r.taken[end] and self.r.tok_key.get(end, "").startswith("org:"):
                self.r.drafts[self.r.tok_key[end]].add_sectors(group.sector, list(group.sectors))
                continue  # "state broadcaster EBC": the named org is the actor
            if end < len(self.r.doc) and self.r.heads.get(end) is not None:
                continue  # "army chief", "police commander": part of a person's role
            self._group(i, end, group)

    def _group(self, i: int, end: int, group: tables.GroupNoun) -> None:
        country, start = self.r.bodies.owner_before(i)
        if country is None and i > 0 and self.r.lower[i - 1] == "the" and i - 2 >= 0:
            hit = self.r.gaz.get(i - 1)
            if hit is not None:
                country = hit.entry.key
        if country is None and i > 0 and (i - 1) in self.r.gaz and self.r.gaz[i - 1].entry.kind == "state":
            country, start = self.r.gaz[i - 1].entry.key, self.r.gaz[i - 1].start
        explicit = country is not None
        if not explicit:
            bare_ok = group.kind in BARE_GROUPS or (self.r.the_before(i) and group.kind in THE_GROUPS)
            if not bare_ok:
                return
            existing = self._recent_group(group.kind, i)
            if existing is not None:
                self.r.mention(i, end, existing.key, "descriptor")
                return
            country = self.r.context.opening_place(i) or self.r.focus  # "In Mogadishu, police arrested ..."
            start = i
        known = self._known_force(country, group)
        adjective = tables.countries().adjective(country) if country else ""
        name = f"{adjective} {self.r.span_text(i, end)}".strip() if explicit else self.r.span_text(i, end)
        key = known.key if known else (self._group_key(country, group) or f"org:{name}")
        draft = self.r.draft(key, "org", name, country=country, group_kind=group.kind)
        draft.add_sectors(group.sector, list(group.sectors))
        draft.add_alias(self.r.span_text(start, end))
        self.r.mention(start, end, key, "name" if explicit else "descriptor")
        if end + 2 < len(self.r.doc) and self.r.words[end] == "(" and self.r.words[end + 2] == ")":
            acr = self.r.words[end + 1]
            if not self.r.taken[end + 1]:
                self._acronym_mentions(acr, key)

    def _group_key(self, country: str | None, group: tables.GroupNoun) -> str | None:
        for draft in self.r.drafts.values():
            if draft.kind == "org" and draft.group_kind == group.kind and draft.country == country:
                return draft.key
        return None

    def _known_force(self, country: str | None, group: tables.GroupNoun) -> _Draft | None:
        """Return a known armed force of ``country`` already in the article, for "the Congolese army"."""
        if group.sector != "MIL" or country is None:
            return None
        for draft in self.r.drafts.values():
            if draft.kind == "org" and draft.country == country and draft.sector == "MIL" and draft.group_kind is None:
                return draft
        return None

    def _recent_group(self, kind: str, i: int) -> _Draft | None:
        keys = [k for k in self.r.index.keys() if (draft := self.r.drafts.get(k)) is not None and draft.group_kind == kind]
        found = self.r.index.latest(i, keys)
        return None if found is None else self.r.drafts[found.key]

    def org_keys(self) -> list[str]:
        """The keys of the orgs mentioned so far."""
        return [k for k in self.r.index.keys() if k.startswith("org:")]

    def recent_nonstate_org(self, i: int) -> _Draft | None:
        """Return the most recent armed group, party or civil society org before ``i``."""
        for m in self.r.before(i, "org:"):
            if self.r.sent_of[i] - self.r.sent_of[m.start] > PERSON_WINDOW:
                return None
            draft = self.r.drafts[m.key]
            if draft.sector in ("REB", "PRM", "PTY", "SOC", "CVL", "OPP"):
                return draft
        return None

    def recent_org_with(self, noun: str, i: int) -> _Draft | None:
        """Return the most recent org whose name ends in ``noun`` ("the association")."""
        found = self.r.index.latest(i, [k for k in self.org_keys() if (d := self.r.drafts.get(k)) and _ends_in(d, noun)])
        return None if found is None else self.r.drafts[found.key]
