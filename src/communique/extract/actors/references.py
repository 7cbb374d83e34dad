"""Actor step for references: "the minister", "the alliance", "the country" and pronouns."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from spacy.tokens import Token

from communique.extract.actors.common import (
    FEMALE,
    MALE,
    NEUTER,
    NONSTATE_NOUNS,
    PERSON_WINDOW,
    REFERENCE_WORDS,
    _descriptor_prefixes,
    _Draft,
)
from communique.knowledge import actor_tables as tables

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _References:
    """References: "the minister", "the alliance", "the country" and pronouns."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    # -------------------------------------------------------------- references

    def resolve_references(self) -> None:
        """Resolve descriptors, titles and pronouns, left to right."""
        for i, low in enumerate(self.r.lower):
            if low not in REFERENCE_WORDS or self.r.taken[i]:
                continue
            if low == "the" and i + 1 < len(self.r.doc):
                self._the_reference(i)
            elif low in MALE or low in FEMALE:
                self._person_pronoun(i)
            elif low in NEUTER:
                self._neuter_pronoun(i)

    def _the_reference(self, i: int) -> None:
        nxt = self.r.lower[i + 1]
        if self.r.taken[i + 1]:
            return
        if nxt in ("country", "nation") and not self._followed_by_name(i + 2):
            code = self.country_ref(i)
            if code:
                self.r.mention(i, i + 2, f"state:{code}", "descriptor")
            return
        if nxt in ("two", "both") and i + 2 < len(self.r.doc) and self.r.lower[i + 2] in ("countries", "nations", "neighbours", "neighbors", "governments"):
            for code in self._top_states(i, 2):
                self.r.mention(i, i + 3, f"state:{code}", "descriptor")
            return
        if nxt in ("government", "authorities") and not self._followed_by_name(i + 2):
            code = self.r.bodies.place_after(i + 2) or self.country_ref(i)
            if code:
                self.r.mention(i, i + 2, f"state:{code}", "descriptor")
            return
        key = self.igo_by_descriptor(i + 1, len(self.r.doc))
        if key:
            n = self.descriptor_len(i + 1, key)
            self.r.mention(i, i + 1 + n, key, "descriptor")
            return
        if nxt in ("ministry", "embassy", "association", "court", "navy", "army", "military", "party", "agency",
                   "presidency"):
            draft = self.r.orgs.recent_org_with(nxt, i)
            if draft is not None:
                self.r.mention(i, i + 2, draft.key, "descriptor")
            return
        if nxt in NONSTATE_NOUNS:
            draft = self.r.orgs.recent_org_with(nxt, i) or self.r.orgs.recent_nonstate_org(i)
            if draft is not None:
                self.r.mention(i, i + 2, draft.key, "descriptor")
            return
        self._title_reference(i)

    def _followed_by_name(self, i: int) -> bool:
        return i < len(self.r.doc) and self.r.lower[i] == "of" and i + 1 in self.r.gaz

    def igo_by_descriptor(self, i: int, limit: int) -> str | None:
        """Return the IGO in focus that a descriptor at ``i`` ("alliance") names, if any."""
        table = tables.igos().descriptors
        if i >= limit or self.r.lower[i] not in _descriptor_prefixes():
            return None
        for n in (3, 2, 1):
            if i + n > limit:
                continue
            phrase = " ".join(self.r.lower[i : i + n])
            if phrase in table:
                found = self.r.index.latest(i, {f"igo:{k}" for k in table[phrase]})
                if found is not None:
                    return found.key
        return None

    def descriptor_len(self, i: int, key: str) -> int:
        table = tables.igos().descriptors
        for n in (3, 2, 1):
            if " ".join(self.r.lower[i : i + n]) in table:
                return n
        return 1

    def _title_reference(self, i: int) -> None:
        """Resolve "the president", "the foreign minister" to the person who holds that role."""
        role_table = tables.roles()
        j = i + 1
        while j < len(self.r.doc) and self.r.lower[j] in role_table.modifiers and not self.r.heads.get(j):
            j += 1
        if j >= len(self.r.doc):
            return
        head = self.r.heads.get(j)
        if head is None or head.words == ("counterpart",):
            return
        end = j + len(head.words)
        if end < len(self.r.doc) and (self.r.is_cap(end) and end in self.r.person_tokens or self.r.words[end] == ","):
            return
        phrase = " ".join(self.r.lower[i + 1 : end])
        for m in self.r.before(i, "person:"):
            if self.r.sent_of[i] - self.r.sent_of[m.start] > PERSON_WINDOW * 2:
                break
            draft = self.r.drafts[m.key]
            if any(phrase in r.lower() or r.lower().endswith(" ".join(head.words)) and phrase.endswith(" ".join(head.words)) and phrase == " ".join(head.words)
                   for r in draft.roles):
                self.r.mention(i, end, draft.key, "title")
                return

    def _person_pronoun(self, i: int) -> None:
        gender = "m" if self.r.lower[i] in MALE else "f"
        exclude = None
        tok = self.r.doc[i]
        if tok.dep_ in ("dobj", "dative", "iobj", "pobj") and tok.lower_ in ("him", "her"):
            exclude = self._subject_person(tok.head if tok.dep_ != "pobj" else tok.head.head)
        draft = self.recent_person(i, gender=gender, exclude=exclude)
        if draft is None:
            return
        if draft.gender is None:
            draft.gender = gender
        self.r.mention(i, i + 1, draft.key, "pronoun")

    def _unnamed_role_before(self, i: int, gender: str | None) -> int:
        """Return where the last unnamed role holder ("a police spokeswoman said") before ``i`` is, else -1.

        A pronoun after such a phrase refers to that unnamed person, not to a
        named person further back.
        """
        sent = self.r.sent_of[i]
        for j in range(i - 1, -1, -1):
            if sent - self.r.sent_of[j] > 1:
                break
            head = self.r.heads.get(j)
            if head is None or head.plural or self.r.taken[j] or j in self.r.title_tokens \
                    or self.r.in_quote[j] != self.r.in_quote[i]:
                continue
            if head.gender and gender and head.gender != gender:
                continue
            if self.r.doc[j].dep_ in ("nsubj", "nsubjpass") and head.words[0] not in ("counterpart",):
                return j
        return -1

    def _subject_person(self, verb: Token) -> str | None:
        """Return the key of the person who is the subject of ``verb`` ("Sisi told him": Sisi)."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                key = self.r.tok_key.get(child.i)
                if key and key.startswith("person:"):
                    return key
        return None

    def recent_person(self, i: int, *, gender: str | None = None, exclude: str | None = None) -> _Draft | None:
        quoted = self.r.in_quote[i]
        blocker = self._unnamed_role_before(i, gender)
        for m in self.r.before(i, "person:"):
            if m.start < blocker:
                return None
            if self.r.sent_of[i] - self.r.sent_of[m.start] > PERSON_WINDOW:
                return None
            if m.key == exclude or (not quoted and self.r.in_quote[m.start]):
                continue
            draft = self.r.drafts[m.key]
            if gender and draft.gender and draft.gender != gender:
                continue
            return draft
        return None

    def _neuter_pronoun(self, i: int) -> None:
        if self.r.lower[i] == "it" and self.r.doc[i].dep_ not in ("nsubj", "nsubjpass"):
            return
        key = self._recent_body(i)
        if key:
            self.r.mention(i, i + 1, key, "pronoun")

    def _recent_body(self, i: int) -> str | None:
        """Return the key of the org/IGO/state that ``it``/``its`` at ``i`` most likely means.

        A subject earlier in the same sentence first, then main-clause subjects
        of the sentences before, then subjects of other clauses, then any
        nominal mention, within the last two sentences and outside quotes
        (unless the pronoun itself is quoted).
        """
        sub_subject: str | None = None
        fallback: str | None = None
        quoted = self.r.in_quote[i]
        for m in (m for m in self.r.before(i) if not m.key.startswith("person:")):
            if self.r.sent_of[i] - self.r.sent_of[m.start] > 2:
                break
            if not quoted and self.r.in_quote[m.start]:
                continue
            root = self.r.doc[m.start : m.end].root
            same_sentence = self.r.sent_of[m.start] == self.r.sent_of[i]
            if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.i < self.r.dateline_end) \
                    or (same_sentence and self._subjectish(m.start, m.end)):
                if same_sentence or root.head.dep_ == "ROOT" or root.head.i < self.r.dateline_end:
                    return m.key
                sub_subject = sub_subject or m.key
            elif fallback is None and root.dep_ not in ("amod", "compound", "poss") and m.kind != "pronoun":
                fallback = m.key
        return sub_subject or fallback

    def its_country(self, i: int) -> str | None:
        key = self._recent_body(i)
        if key is None:
            return self.r.focus
        draft = self.r.drafts[key]
        return draft.code if draft.kind == "state" else draft.country

    def country_ref(self, i: int) -> str | None:
        """Resolve "the country" at token ``i``: a state named in this or the last sentence, else focus."""
        sent = self.r.sent_of[i]
        nominal = [(j, c) for j, c in self.r.state_cues if j < i and self.r.sent_of[j] == sent
                   and self.r.root_dep(self.r.cue_hits[j].start, self.r.cue_hits[j].end) not in ("amod", "compound")]
        subjects = [c for j, c in nominal if self._subjectish(self.r.cue_hits[j].start, self.r.cue_hits[j].end)]
        if subjects:
            return subjects[-1]
        if nominal:
            return nominal[-1][1]
        previous = [(j, c) for j, c in self.r.state_cues if self.r.sent_of[j] == sent - 1]
        subjects = [c for j, c in previous if self.r.root_dep(self.r.cue_hits[j].start, self.r.cue_hits[j].end) in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        same = [c for j, c in self.r.state_cues if j < i and self.r.sent_of[j] == sent]
        if same:
            return same[-1]
        return self.r.focus

    def _subjectish(self, start: int, end: int) -> bool:
        """Tell whether a mention is a subject or the owner of one ("Mali's government said")."""
        root = self.r.doc[start:end].root
        if root.dep_ in ("nsubj", "nsubjpass"):
            return True
        return root.dep_ in ("poss", "compound", "amod") and root.head.dep_ in ("nsubj", "nsubjpass")

    def _top_states(self, i: int, n: int) -> list[str]:
        counts: Counter[str] = Counter(c for j, c in self.r.state_cues if j < i)
        return [code for code, _ in counts.most_common(n)]
