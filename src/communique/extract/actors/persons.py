"""Actor step for persons' names: the spans NER and the name shape give, cleaned by their context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.extract.actors.common import (
    LOCATIVE,
    NAME_ENT_TYPES,
    NOT_NAME_ENT_TYPES,
    NOT_PERSON_FIRST,
    NOUN_PHRASE_HEADS,
    PERSON_VERBS,
    PLACE_NOUNS,
    POSSESSIVE,
    RELAXED_NAME_ENT_TYPES,
    _topic_words,
)
from communique.knowledge import actor_tables as tables
from communique.knowledge import persons as known_persons

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _PersonNames:
    """Persons' names: spans NER and the name shape give, cleaned by their context."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    # -------------------------------------------------------------- persons: names

    def person_names(self) -> list[tuple[int, int]]:
        """Return token spans of person names (full or single), NER fixed by context."""
        spans: list[tuple[int, int]] = []
        for start, end, label in self.r.ents:
            if label != "PERSON":
                continue
            span = self._clean_person_span(start, end)
            if span and self._plausible_person(*span):
                spans.append(span)
        spans.extend(self._titled_names(spans))
        spans.extend(self._known_single_names(spans))
        spans = sorted(set(spans))
        for s, e in spans:
            self.r.person_tokens.update(range(s, e))
        return spans

    def _clean_person_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Strip titles and possessives from a name span and extend it over a missed surname."""
        role_table = tables.roles()
        while start < end and (self.title_word(start) or self.r.lower[start] in role_table.honorifics):
            start += 1
        while end > start and (self.r.words[end - 1] in POSSESSIVE or not self.r.words[end - 1][:1].isalpha()):
            end -= 1
        while end < len(self.r.doc) and self._name_like(end) and self.r.doc[end - 1].whitespace_:
            end += 1
        while start > 0 and self._name_like(start - 1) and self.r.doc[start - 1].whitespace_ \
                and not self.r.doc[start - 1].is_sent_start:
            start -= 1
        if start >= end:
            return None
        if any(i in self.r.gaz for i in range(start, end)):
            if all(i in self.r.gaz for i in range(start, end)) or end - start == 1:
                return None
            for i in range(start, end):
                self._unclaim(i)
        return start, end

    def _unclaim(self, i: int) -> None:
        """Drop a gazetteer mention that turned out to be part of a person's name."""
        hit = self.r.gaz.pop(i, None)
        if hit is None:
            return
        self.r.ments = [m for m in self.r.ments if not (m.start <= i < m.end)]
        self.r.index.remove_covering(i)
        self.r.taken[i] = False
        self.r.tok_key.pop(i, None)

    def _name_like(self, i: int, *, relaxed: bool = False) -> bool:
        """Tell whether token ``i`` can be part of a person's name (``relaxed``: whatever NER said)."""
        types = RELAXED_NAME_ENT_TYPES if relaxed else NAME_ENT_TYPES
        return (self.r.pos[i] == "PROPN" and self.r.cap[i] and i not in self.r.gaz and self.r.ent_type[i] in types
                and self.r.name_shape(i))

    def topic_word(self, i: int) -> bool:
        """Tell whether token ``i`` can stand inside an office name ("Industry", "Mines")."""
        role_table = tables.roles()
        return self.r.lower[i] in _topic_words() or self.r.lower[i] in role_table.modifiers or self.r.lower[i] in role_table.heads

    def title_word(self, i: int) -> bool:
        low = self.r.lower[i]
        role_table = tables.roles()
        return low in role_table.heads or low in role_table.modifiers

    def _plausible_person(self, start: int, end: int) -> bool:
        """Reject NER persons that are places or words ("north of Goma", "on Twitter")."""
        if not self.r.is_cap(start):
            return False
        org_end = self._org_name_end(start, end)
        if not org_end and self.r.org_spans:
            tail = self._name_tail(end)
            if any(self.r.span_text(s, e) == self.r.span_text(start, tail) for s, e in self.r.org_spans):
                org_end = tail  # a name the article introduced as an organisation's ("the armed group X")
        if org_end:
            self.r.org_spans.append((start, org_end))  # "the rights group Foro Penal", "the Harlow Times"
            return False
        if self._has_title_before(start):
            return True
        if self._place_context(start, end):
            return False
        last = self.r.doc[end - 1]
        if last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN" and last.head.is_lower:
            return False  # "the Biden administration", "Ly Son island"
        if known_persons.dictionary().knows(self.r.span_text(start, end)):
            return True
        if end - start == 1:
            return (last.dep_ in ("nsubj", "nsubjpass") and last.head.lemma_ in PERSON_VERBS
                    and not (start > 0 and self.r.lower[start - 1] in LOCATIVE))
        return True

    def _org_name_end(self, start: int, end: int) -> int:
        """Return where a name NER took for a person ends if cues make it an organisation's, else 0.

        The cues (org_cues.yaml): an organisation noun right before it ("the band
        X", "broadcaster X"), a name ending such as "Times" or "Ltd" (also just
        after the span: "Aldo Vance Broadcasting"), or an apposition headed by an
        organisation noun ("X, a newspaper,").
        """
        cues = tables.org_cues()
        if cues.noun_before(self.r.lower, start) is not None:
            return self._name_tail(end)
        k = end
        while k < len(self.r.doc) and self.r.cap[k] and self.r.lower[k] in cues.heads:
            k += 1
        if k > end or self.r.lower[end - 1] in cues.heads:
            return k
        return end if self.org_apposition(end) is not None else 0

    def _name_tail(self, end: int) -> int:
        """Extend an organisation's name over "for/of" and capitalised words ("Bread for Tomorrow")."""
        k = end
        while k + 1 < len(self.r.doc) and self.r.lower[k] in ("for", "of") and self.r.cap[k + 1] and k + 1 not in self.r.gaz:
            k += 2
            while k < len(self.r.doc) and self.r.cap[k] and self.r.pos[k] == "PROPN" and k not in self.r.gaz:
                k += 1
        return k

    def org_apposition(self, end: int) -> tuple[int, str | None] | None:
        """Return ``(noun, sector)`` of an apposition such as ", a newspaper," or ", the rock band," after a name."""
        if end + 2 >= len(self.r.doc) or self.r.words[end] != "," or self.r.lower[end + 1] not in ("a", "an", "the"):
            return None
        nouns = tables.org_cues().nouns
        stop = self.r.titles.apposition_end(end + 1)
        if any(self.r.heads.get(j) is not None for j in range(end + 2, stop)):
            return None  # "X, a journalist at the broadcaster ...", "X, the association's chairman": a role
        for j in range(end + 2, min(end + 6, stop)):
            after = self.r.lower[j + 1] if j + 1 < len(self.r.doc) else ""
            if self.r.lower[j] in nouns and after not in POSSESSIVE and not (
                    j + 1 < len(self.r.doc) and self.r.pos[j + 1] in ("NOUN", "PROPN")):
                return j, nouns[self.r.lower[j]]
            if self.r.pos[j] not in ("ADJ", "NOUN", "PROPN", "ADV") and self.r.words[j] != "-":
                return None
        return None

    def org_cue_sector(self, start: int, end: int) -> str | None:
        """Return the sector the cues of an organisation's name give ("band": SOC, "Times": JRN), else None."""
        cues = tables.org_cues()
        before = cues.noun_before(self.r.lower, start)
        if before is not None and before[1]:
            return before[1]
        if cues.heads.get(self.r.lower[end - 1]):
            return cues.heads[self.r.lower[end - 1]]
        after = self.org_apposition(end)
        return after[1] if after is not None else None

    def _place_context(self, start: int, end: int) -> bool:
        """Tell whether a name stands where places stand ("the port of Bandar Abbas", "X districts")."""
        if self.r.lower[start] in NOT_PERSON_FIRST:
            return True
        if end < len(self.r.doc) and self.r.lower[end] in PLACE_NOUNS:
            return True
        if start >= 2 and self.r.lower[start - 1] == "of" and self.r.lower[start - 2] in PLACE_NOUNS:
            return True
        return start > 0 and self.r.lower[start - 1] in ("in", "near", "at", "outside", "from", "on") \
            and self.r.doc[end - 1].dep_ == "pobj"

    def _has_title_before(self, i: int) -> bool:
        if i == 0:
            return False
        if self.r.lower[i - 1] in tables.roles().honorifics:
            return True
        for j in range(max(0, i - 4), i):
            head = self.r.heads.get(j)
            if head is not None and j + len(head.words) == i:
                return True
        return False

    def _known_single_names(self, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Find well-known office holders named alone that NER missed ("Guterres urged calm", "Albanese held talks")."""
        covered = {i for s, e in known for i in range(s, e)}
        dictionary = known_persons.dictionary()
        found: list[tuple[int, int]] = []
        for i in self.r.proper:
            if i in covered or i in self.r.gaz or not dictionary.knows(self.r.words[i]):
                continue
            tok = self.r.doc[i]
            if self._has_title_before(i) or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in PERSON_VERBS) \
                    or self._mislabelled_known(i):
                found.append((i, i + 1))
        return found

    def _mislabelled_known(self, i: int) -> bool:
        """Tell whether a known person's name NER did not take for a person heads a noun phrase.

        "Albanese held talks with ...": NER says NORP (or LANGUAGE, ORG ..., or nothing),
        but the word is no state form (demonym, people noun) or group and is the name or
        alias of a person the known persons resolve on the article's date (whose career
        has begun by then), standing as a subject, object, appositive or possessive.
        """
        if self.r.ent_type[i] == "PERSON" or self.r.ent_type[i] in NOT_NAME_ENT_TYPES:
            return False
        if self.r.doc[i].dep_ not in NOUN_PHRASE_HEADS or self._place_context(i, i + 1):
            return False
        word = self.r.words[i]
        if tables.countries().code_of_name(word) is not None or tables.sectors().group_at([word.lower()], 0) is not None:
            return False
        date = self.r.article.date
        found = known_persons.dictionary().standing([word], date)
        if found is None:
            return False
        day = date[:10] if date else None
        return day is None or any(not t.start or t.start <= day for t in found.person.terms)

    def _role_apposition_before(self, i: int) -> bool:
        """Tell whether ``, Name`` at ``i`` follows a role description ("Japan's ambassador to China,")."""
        if self.r.words[i - 1] != ",":
            return False
        start = self.r.titles.apposition_start(i - 1)
        return any(self.r.heads.get(j) for j in range(start, i - 1))

    def _role_apposition_after(self, end: int) -> bool:
        """Tell whether ``Name, `` at ``end`` opens a role description ("X, chairman of ...", "X, a cleric,")."""
        if end + 1 >= len(self.r.doc) or self.r.words[end] != ",":
            return False
        j = end + 1 + (self.r.lower[end + 1] in ("a", "an", "the"))
        for k in range(j, min(j + 3, len(self.r.doc))):
            if self.r.heads.get(k) is not None:
                return True
            if self.r.pos[k] not in ("ADJ", "NOUN") or self.r.lower[k] in tables.org_cues().nouns:
                return False
        return False

    def _titled_names(self, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Find names NER missed right after a role title ("Defence Minister Rūta X")."""
        covered = {i for s, e in known for i in range(s, e)}
        found: list[tuple[int, int]] = []
        for i in self.r.name_shaped:
            if i in covered or not self._name_like(i, relaxed=True) or (i > 0 and self._name_like(i - 1, relaxed=True)):
                continue
            end = i
            while end < len(self.r.doc) and self._name_like(end, relaxed=True) and end not in covered:
                end += 1
            titled = (i > 0 and (self._has_title_before(i) or self._role_apposition_before(i))) \
                or self._role_apposition_after(end)
            paired = end + 1 < len(self.r.doc) and self.r.lower[end] == "and" and any(s == end + 1 for s, _ in known)
            if not (titled or paired):
                continue
            if 2 <= end - i <= 4 and (end == len(self.r.doc) or self.r.doc[end].is_punct or paired):
                found.append((i, end))
                covered.update(range(i, end))
        return found
