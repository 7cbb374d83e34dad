"""Actor step: what a person's title owns and the state a person belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.extract.actors.common import (
    NONSTATE_NOUNS,
    POSSESSIVE,
    POSTING,
    _Desc,
    _Draft,
)
from communique.knowledge import actor_tables as tables
from communique.knowledge import persons as known_persons

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _PersonContext:
    """What a person's title owns and the state a person belongs to."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    def owners(self, start: int, end: int, desc: _Desc) -> None:
        """Find the state, IGO or body a title names ("NATO's", "of Nigeria", "the country's")."""
        for j in range(start, end):
            low = self.r.lower[j]
            if low in ("his", "her", "its", "their") and desc.possessor is None:
                desc.possessor = low
            if low == "country" and j + 1 < end and self.r.lower[j + 1] in POSSESSIVE:
                desc.country_ref = True
            hit = self.r.gaz.get(j)
            posting = hit is not None and hit.start > start and self.r.lower[hit.start - 1] in POSTING
            if hit is not None and hit.start == j and not posting:
                if hit.entry.kind == "state" and desc.country is None:
                    desc.country = hit.entry.key
                elif hit.entry.kind == "igo" and desc.org is None:
                    desc.org = tables.igos().by_key[hit.entry.key].code
                elif hit.entry.kind in ("seat", "org") and desc.org_country is None:
                    key = self.r.tok_key.get(j)
                    if key and key in self.r.drafts:
                        desc.org_country = self.r.drafts[key].country or "-"
            key = self.r.tok_key.get(j)
            if key and key.startswith("org:") and desc.org_sector is None:
                desc.org_sector = self.r.drafts[key].sector
            if key and key.startswith("org:") and desc.org_country is None and not posting:
                desc.org_country = self.r.drafts[key].country or "-"
        if desc.org is None:
            desc.org = self._igo_descriptor_in(start, end, desc)
        if desc.org_country is None:
            body = self._body_word_in(start, end)
            if body is not None:
                desc.org_country = body.country or "-"
                desc.org_sector = desc.org_sector or body.sector

    def _igo_descriptor_in(self, start: int, end: int, desc: _Desc | None = None) -> str | None:
        """Resolve "the (military) alliance" inside a description to an IGO code."""
        for j in range(start, end - 1):
            if self.r.lower[j] == "the":
                key = self.r.refs.igo_by_descriptor(j + 1, end)
                if key:
                    if desc is not None:
                        desc.owner_tokens.update(range(j, j + 1 + self.r.refs.descriptor_len(j + 1, key)))
                    return self.r.drafts[key].code
        return None

    def _body_word_in(self, start: int, end: int) -> _Draft | None:
        """Resolve "the association's"/"the ministry's"/"the group's" inside a description to that body."""
        for j in range(start, end):
            if self.r.lower[j] == "the" and j + 1 < end:
                noun = self.r.lower[j + 1]
                draft = self.r.orgs.recent_org_with(noun, j)
                if draft is None and noun in NONSTATE_NOUNS:
                    draft = self.r.orgs.recent_nonstate_org(j)  # "the group's commander": the armed group named before
                if draft is not None:
                    return draft
        return None

    def apply_desc(self, draft: _Draft, desc: _Desc, at: int) -> None:
        """Merge what a description says into a person: roles, sector, gender, IGO, state."""
        for role in desc.roles:
            draft.add_role(role)
        if desc.head:
            draft.gender = draft.gender or desc.head.gender
            own = desc.org_sector if desc.org_sector not in (None, "GOV", "UNK") else desc.head.sector
            primary, others = tables.sectors().sector_of(desc.words, default=own)  # "spokesman for Hamas": REB
            draft.add_sectors(primary, others)
        honorifics = tables.roles().honorifics
        for word in desc.words:
            draft.gender = draft.gender or honorifics.get(word)
        if desc.head and desc.head.igo and not (desc.org or desc.country or desc.org_country):
            if any(d.kind == "igo" and d.code == desc.head.igo for d in self.r.drafts.values()):
                desc.org = desc.head.igo  # "Energy Commissioner X" in an article about the EU
        if desc.org and not draft.org:
            draft.org = desc.org
            draft.country_explicit = True
        country = self._desc_country(desc, at)
        if country and not draft.country_explicit:
            draft.country = country
            draft.country_explicit = True
        if desc.counterpart and desc.possessor in ("his", "her"):
            self._inherit_roles(draft, at)

    def _desc_country(self, desc: _Desc, at: int) -> str | None:
        """Return the state a description names: directly, through a body, "the country's" or "its"."""
        if desc.country:
            return desc.country
        if desc.org_country not in (None, "-"):
            return desc.org_country
        if desc.country_ref:
            return self.r.refs.country_ref(at)
        if desc.possessor in ("its", "their"):
            return self.r.refs.its_country(at)
        return desc.head.country if desc.head else None

    def _inherit_roles(self, draft: _Draft, at: int) -> None:
        """Give "his/her counterpart" the roles of the person "his/her" refers to."""
        other = self.r.refs.recent_person(at, exclude=draft.key)
        if other is None:
            return
        for role in other.roles:
            draft.add_role(role)
        if other.sector:
            draft.add_sectors(other.sector, other.sectors)

    def finish_person(self, draft: _Draft) -> None:
        """Fill a person's role, sector and state from the known persons (on the article's date) or context."""
        known = self._known(draft)
        if known is not None and not draft.roles:
            if known.role:
                draft.add_role(known.role)
            draft.add_sectors(known.sector, list(known.sectors))
        if draft.org or draft.country_explicit:
            return
        if known is not None and (known.country or known.org):
            draft.country, draft.org = known.country, known.org
            return
        first = min((m.start for m in self.r.index.of_key(draft.key)), default=0)
        country = None
        if any(r.lower().startswith("spokes") or " spokes" in r.lower() for r in draft.roles):
            country = self._recent_body_country(first)
        private = not draft.roles or draft.sector not in (None, "GOV")
        draft.country = country or self.context_state(first, private=private) or self.r.focus
        if draft.roles and not draft.sector:
            draft.add_sectors("GOV", [])

    def _known(self, draft: _Draft) -> known_persons.Standing | None:
        """Return what the person is on the article's date by the known persons, if they know him or her.

        A person the article describes in a role outside the state (a farmer, a
        rebel spokesman) is not looked up in the dictionary of office holders.
        """
        if draft.sector and draft.sector not in known_persons.STATE_SECTORS:
            return None
        names = [draft.name, *draft.aliases]
        if " " in draft.name.strip():  # a full name is looked up by full names only, not by its surname alone
            names = [n for n in names if " " in n.strip()]
        return known_persons.dictionary().standing(names, self.r.article.date)

    def opening_place(self, i: int) -> str | None:
        """The state of the place a sentence opens with, before token ``i`` ("In Kigali, ..."), else None."""
        sent, sent_start = self.r.sent_of[i], self.r.sent_start(i)
        if self.r.lower[sent_start] not in ("in", "at", "from"):
            return None
        return next((c for j, c in self.r.state_cues if j == sent_start + 1 and j < i and self.r.sent_of[j] == sent), None)

    def context_state(self, i: int, *, private: bool) -> str | None:
        """Return the state a person or body at token ``i`` most likely belongs to, else None.

        Officials: an organisation or a subject state earlier in the sentence, or
        its opening place ("In Kigali, ..."). Private persons also take the last
        state named before them (not as part of an organisation's name) in this
        or the two sentences before.
        """
        sent = self.r.sent_of[i]
        orgs = []
        for m in self.r.before(i, "org:"):  # latest first: stop at the sentence's start
            if self.r.sent_of[m.start] != sent:
                break
            if not self.r.in_quote[m.start]:
                orgs.append(self.r.drafts[m.key].country)
        if orgs and orgs[0] and not private:
            return orgs[0]
        same = [(j, c) for j, c in self.r.state_cues if j < i and self.r.sent_of[j] == sent and j not in self.r.title_tokens]
        for j, code in reversed(same):
            root = self.r.doc[self.r.cue_hits[j].start : self.r.cue_hits[j].end].root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ in ("ROOT", "ccomp"):
                return code
        opening = self.opening_place(i)
        if opening is not None:
            return opening
        if not private:
            return self._previous_subject_state(i)
        in_orgs = self._org_tokens()
        earlier = [c for j, c in self.r.state_cues if j < i and sent - 2 <= self.r.sent_of[j] <= sent
                   and j not in in_orgs and j not in self.r.title_tokens
                   and self.r.cue_hits[j].entry.form in ("adj", "people")]  # "Indian fishermen"
        return earlier[-1] if earlier else None

    def _previous_subject_state(self, i: int) -> str | None:
        """Return the state that is the main subject of the sentence before, in the same paragraph."""
        sent_start = self.r.sent_start(i)
        if sent_start == 0 or "\n" in self.r.doc[sent_start - 1].text:
            return None
        previous = self.r.sent_of[sent_start - 1]
        for j, code in self.r.state_cues:
            if self.r.sent_of[j] != previous or self.r.in_quote[j]:
                continue
            root = self.r.doc[self.r.cue_hits[j].start : self.r.cue_hits[j].end].root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
                return code
        return None

    def _org_tokens(self) -> set[int]:
        """Tokens of org mentions (kept until the mentions change; do not modify)."""
        version, tokens = self.r.org_token_cache
        if version != self.r.index.version:
            tokens = {k for m in self.r.ments if m.key.startswith("org:") for k in range(m.start, m.end)}
            self.r.org_token_cache = (self.r.index.version, tokens)
        return tokens

    def _recent_body_country(self, i: int) -> str | None:
        """Return the state of the ministry or seat named last before a spokesperson."""
        for m in self.r.before(i, "org:"):
            if self.r.sent_of[i] - self.r.sent_of[m.start] > 2:
                break
            draft = self.r.drafts[m.key]
            if draft.country and (draft.group_kind or "").endswith(("ministry", "embassy")) or \
                    (draft.country and draft.sector == "GOV"):
                return draft.country
        return None
