"""Actor step for persons' titles: appositions, titles and the roles they describe."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communique.extract.actors.common import (
    POSSESSIVE,
    POSTING,
    _Desc,
    _Draft,
    _singular,
    _topic_words,
)
from communique.knowledge import actor_tables as tables

if TYPE_CHECKING:
    from communique.extract.actors.reader import _Reader


class _Titles:
    """Persons' context: titles, appositions and the roles they describe."""

    def __init__(self, reader: _Reader) -> None:
        self.r = reader

    # -------------------------------------------------------------- persons: context

    def read_person_context(self, draft: _Draft, start: int, end: int) -> None:
        """Read titles and appositions around one mention of a person."""
        t_start = self._title_start(start)
        descs: list[_Desc] = []
        if t_start < start:
            descs.append(self._describe(t_start, start, pre=True))
        before = t_start - 1
        if before > 0 and self.r.words[before] == ",":
            a_start = self.apposition_start(before)
            if a_start < before:
                desc = self._describe(a_start, before, pre=False)
                if desc.head:
                    descs.append(desc)
        if end < len(self.r.doc) and self.r.words[end] in (",", "("):
            a_end = self.apposition_end(end + 1)
            if a_end > end + 1:
                desc = self._describe(end + 1, a_end, pre=False)
                member = desc.org_country not in (None, "-") and self.r.lower[end + 1] in ("a", "an")  # "a Republican from"
                if (desc.head or member) and self._apposition_ok(end + 1) \
                        and not self.r.person_tokens.intersection(range(end + 1, a_end)):
                    descs.append(desc)
        descs.extend(self._shared_apposition(end))
        if end + 1 < len(self.r.doc) and self.r.lower[end] == "of" and end + 1 in self.r.gaz:
            hit = self.r.gaz[end + 1]
            if hit.entry.kind == "state":
                descs.append(_Desc(country=hit.entry.key))
        for desc in descs:
            self.r.context.apply_desc(draft, desc, start)
            self.r.title_tokens.update(desc.span)

    def _shared_apposition(self, end: int) -> list[_Desc]:
        """Read "X and Y, reporters for Z": a plural description after the second name also fits X."""
        if end + 1 >= len(self.r.doc) or self.r.lower[end] != "and":
            return []
        key = self.r.tok_key.get(end + 1, "")
        if not key.startswith("person:"):
            return []
        other_end = max((m.end for m in self.r.index.of_key(key) if m.start == end + 1), default=None)
        if other_end is None or other_end >= len(self.r.doc) or self.r.words[other_end] != ",":
            return []
        a_end = self.apposition_end(other_end + 1)
        desc = self._describe(other_end + 1, a_end, pre=False)
        return [desc] if desc.head and desc.head.plural else []

    def _title_start(self, i: int) -> int:
        """Return where a title right before token ``i`` starts (``i`` if there is none)."""
        role_table = tables.roles()
        j, start = i - 1, i
        sent_start = self.r.sent_start(i)
        while j >= sent_start and j not in self.r.person_tokens:
            low = self.r.lower[j]
            hit = self.r.gaz.get(j)
            if hit is not None:
                if hit.entry.kind == "block":
                    break
                j, start = hit.start - 1, hit.start
                continue
            if low in POSSESSIVE and start < i:
                j, start = j - 1, j
                continue
            if low in role_table.heads or low in role_table.modifiers or low in role_table.honorifics \
                    or j in self.r.head_cover:
                j, start = j - 1, j
                continue
            if self.r.is_cap(j) and self.r.doc[j].pos_ in ("PROPN", "NOUN", "ADJ") and j != sent_start:
                j, start = j - 1, j
                continue
            if low in ("of", "for", "and", "-") and start < i and j - 1 >= sent_start and self.r.is_cap(j - 1) \
                    and self.r.persons.topic_word(j - 1) and self.r.is_cap(j + 1):
                j, start = j - 1, j
                continue
            break
        return self._trim_title(start, i)

    def _trim_title(self, start: int, end: int) -> int:
        """Keep a title only if it ends in a role head or honorific or is a state adjective."""
        role_table = tables.roles()
        if start >= end:
            return end
        last = end - 1
        if self.r.lower[last] in role_table.honorifics:
            return start
        for j in range(start, end):
            head = self.r.heads.get(j)
            if head and j + len(head.words) == end:
                return start
        hit = self.r.gaz.get(last)
        if hit is not None and hit.entry.kind == "state" and hit.start >= start:
            return hit.start
        return end

    def apposition_start(self, comma: int) -> int:
        """Return where a description before ``, Name`` starts (``comma`` if none)."""
        j = comma - 1
        sent_start = self.r.sent_start(comma)
        start = comma
        while j >= sent_start and j not in self.r.person_tokens:
            tok = self.r.doc[j]
            if j in self.r.gaz:
                hit = self.r.gaz[j]
                j, start = hit.start - 1, hit.start
                continue
            if tok.pos_ in ("DET", "PRON") or tok.tag_ == "PRP$":
                start = j
                if j - 1 >= sent_start and self.r.lower[j - 1] in ("of", "for"):
                    j -= 1
                    continue
                break
            if tok.is_punct and tok.text not in POSSESSIVE and tok.text != "-":
                break
            posting = tok.lower_ in POSTING | {"for"} and j + 1 in self.r.gaz
            if tok.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") or (tok.pos_ == "ADP" and tok.lower_ not in ("of", "for")
                                                                  and not posting):
                if not (tok.lower_ == "and" and self.r.is_cap(j - 1) and self.r.is_cap(j + 1)):
                    break
            start, j = j, j - 1
        return start

    def apposition_end(self, begin: int) -> int:
        """Return where a description after ``Name,`` ends (``begin`` if none)."""
        j = begin
        while j < len(self.r.doc):
            tok = self.r.doc[j]
            if tok.is_punct and tok.text not in POSSESSIVE and tok.text not in ("-",):
                break
            if tok.lower_ in ("who", "which", "that", "whose") or (tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN",)):
                break
            j += 1
        return j

    def _apposition_ok(self, begin: int) -> bool:
        tok = self.r.doc[begin]
        return tok.pos_ in ("DET", "PRON", "ADJ", "NOUN", "PROPN") or begin in self.r.gaz

    def _describe(self, start: int, end: int, *, pre: bool) -> _Desc:
        """Read a title or description over tokens ``[start, end)``."""
        role_table = tables.roles()
        desc = _Desc(words=self.r.lower[start:end], span=range(start, end))
        heads = [(j, h) for j in range(start, end) if (h := self.r.heads.get(j))]
        heads = [(j, h) for j, h in heads if j + len(h.words) <= end]
        heads = [(j, h) for j, h in heads  # drop "minister" inside "prime minister"
                 if not any(k <= j and j + len(h.words) <= k + len(g.words) and (k, g) != (j, h) for k, g in heads)]
        modifiers = role_table.modifiers
        heads = [(j, h) for j, h in heads  # "Chief Cabinet Secretary": "chief" modifies the next head
                 if not (set(h.words) <= modifiers and any(k == j + len(h.words) for k, _ in heads))]
        if heads:
            if pre:
                h_pos, head = heads[0]
                for k, other in heads:  # "government spokesman Colonel": one role per head
                    floor = max((p + len(g.words) for p, g in heads if p < k), default=start)
                    desc.roles.extend(self._role_texts(floor, end, k, other))
            else:
                h_pos, head = min(heads, key=lambda item: (item[0], -len(item[1].words)))
                desc.roles = self._role_texts(start, end, h_pos, head, full=True)
            desc.head = head
            desc.counterpart = head.words == ("counterpart",)
            if desc.counterpart:
                desc.roles = []
        self.r.context.owners(start, end, desc)
        desc.words = [self.r.lower[j] for j in range(start, end) if j not in desc.owner_tokens and j not in self.r.gaz]
        return desc

    def _role_texts(self, start: int, end: int, h_pos: int, head: tables.RoleHead, *, full: bool = False) -> list[str]:
        """Return the role as written (with modifiers and "of X"), its head and (``full``) the whole description."""
        role_table = tables.roles()
        left = h_pos
        while left - 1 >= start and left - 1 not in self.r.gaz and self.r.lower[left - 1] not in POSSESSIVE:
            prev = self.r.doc[left - 1]
            if prev.pos_ in ("DET", "PRON") or prev.tag_ == "PRP$":
                break
            ok = (self.r.lower[left - 1] in role_table.modifiers or self.r.lower[left - 1] in role_table.heads
                  or (self.r.is_cap(left - 1) and prev.pos_ in ("PROPN", "NOUN", "ADJ"))
                  or (self.r.lower[left - 1] == "and" and self.r.is_cap(left - 2) and self.r.is_cap(left))
                  or prev.pos_ in ("NOUN", "ADJ"))
            if not ok:
                break
            left -= 1
        right = h_pos + len(head.words)
        if right + 1 < end and self.r.lower[right] in ("of", "for") and right + 1 not in self.r.gaz:
            k = right + 1
            while k < end and k not in self.r.gaz and (self.r.is_cap(k) or self.r.lower[k] in ("and", ",")
                                                     or self.r.lower[k] in _topic_words()):
                k += 1
            if k > right + 1 and self.r.lower[k - 1] not in ("and", ","):
                right = k
        texts = [self.r.span_text(left, right)]
        head_text = head.role or self.r.span_text(h_pos, h_pos + len(head.words))
        if head.plural:
            texts, head_text = [_singular(texts[0], h_pos + len(head.words) - left)], _singular(head_text, len(head.words))
        if head_text.lower() != texts[0].lower() and head.words != ("counterpart",):
            texts.append(head_text)
        if head.role:
            texts = [head.role]
        if full and end > right and self.r.lower[right] in ("of", "for", "at", "in", "to", "on") and not head.plural:
            texts.append(self.r.span_text(left, end))
        return [t for t in texts if t]
