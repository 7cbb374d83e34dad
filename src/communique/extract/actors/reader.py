"""The actor reader: reads one Doc, runs the steps in order and freezes the ActorSet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc

from communique.extract.actors.bodies import _Bodies
from communique.extract.actors.common import (
    ENVOY_NOUNS,
    LOCATIVE,
    ORG_WORDS,
    POSSESSIVE,
    _Draft,
    _Ment,
)
from communique.extract.actors.context import _PersonContext
from communique.extract.actors.grouping import _PersonGrouping
from communique.extract.actors.orgs import _Orgs
from communique.extract.actors.persons import _PersonNames
from communique.extract.actors.references import _References
from communique.extract.actors.titles import _Titles
from communique.extract.quote_marks import quote_spans
from communique.extract.spans import MentionIndex, SpanIndex
from communique.extract.story_place import story_state
from communique.ids import make_id
from communique.knowledge import actor_tables as tables
from communique.knowledge.gazetteer import Match, gazetteer
from communique.nlp import doc_text, token_table
from communique.records import ActorSet, Article


class _Reader:
    """Reads one Doc and builds its ActorSet."""

    def __init__(self, doc: Doc, article: Article) -> None:
        self.persons = _PersonNames(self)
        self.grouping = _PersonGrouping(self)
        self.titles = _Titles(self)
        self.context = _PersonContext(self)
        self.bodies = _Bodies(self)
        self.orgs = _Orgs(self)
        self.refs = _References(self)
        self.doc = doc
        self.article = article
        self._read_tokens()
        self.drafts: dict[str, _Draft] = {}
        self.ments: list[_Ment] = []
        self.taken = [False] * len(doc)
        self.tok_key: dict[int, str] = {}
        self.gaz: dict[int, Match] = {}
        self.state_cues: list[tuple[int, str]] = []  # (token, alpha-3) incl. locative capitals
        self.sent_of = self._sentence_index()
        self.in_quote = self._quote_mask()
        self.dateline_end = self._dateline_end()
        self.person_tokens: set[int] = set()
        self.index: MentionIndex[_Ment] = MentionIndex()  # self.ments by (start, end), ties in order of creation
        self.org_token_cache: tuple[int, set[int]] = (-1, set())
        self.title_tokens: set[int] = set()  # tokens of persons' titles and appositions
        self.org_spans: list[tuple[int, int]] = []  # names NER took for persons that are organisations
        self.focus: str | None = None
        self.cue_hits: dict[int, Match] = {}  # state_cues' gazetteer hits

    # -------------------------------------------------------------- driver

    def run(self) -> ActorSet:
        """Run every step and freeze the result."""
        self._scan_gazetteer()
        self.focus = self._compute_focus()
        names = self.persons.person_names()
        self.bodies.find_bodies()
        self.orgs.find_ner_orgs()
        self.orgs.find_groups()
        self.grouping.add_persons(names)
        self.refs.resolve_references()
        return self._freeze()

    # -------------------------------------------------------------- helpers

    def _read_tokens(self) -> None:
        """Read the token attributes the steps look up again and again, once, into lists."""
        table = token_table(self.doc)
        self.words = table.words
        self.lower = table.lower
        self.pos = table.pos
        self.ent_type = table.ent_type
        self.idx: list[int] = table.starts
        self.text = doc_text(self.doc)
        self.cap = [w[:1].isupper() for w in self.words]
        self.capitalised = [i for i, cap in enumerate(self.cap) if cap]
        #: Capitalised proper nouns, and those of them that may be part of a person's name
        #: whatever their NER label and the gazetteer say.
        self.proper = [i for i in self.capitalised if self.pos[i] == "PROPN"]
        self.name_shaped = [i for i in self.proper if self.name_shape(i)]
        self.ents = [(ent.start, ent.end, ent.label_) for ent in self.doc.ents]
        role_table = tables.roles()
        #: The longest role head starting at a token, by token.
        self.heads: dict[int, tables.RoleHead] = {
            j: head for j, low in enumerate(self.lower) if low in role_table.heads
            if (head := role_table.head_at(self.lower, j)) is not None}
        #: Tokens inside a role head of several tokens after its first ("-", "maker" of "film-maker").
        self.head_cover = {k for j, head in self.heads.items() for k in range(j + 1, j + len(head.words))}

    def name_shape(self, i: int) -> bool:
        """Tell whether a capitalised proper noun is spelt like a word of a name (no title, no org word)."""
        return not self.persons.title_word(i) and self.words[i].isalpha() and self.lower[i] not in ORG_WORDS

    def _sentence_index(self) -> list[int]:
        """Return each token's sentence number (and keep each sentence's first token)."""
        self.sent_starts: list[int] = token_table(self.doc).sentence_starts
        ends = [*self.sent_starts[1:], len(self.doc)]
        index: list[int] = []
        for n, (start, end) in enumerate(zip(self.sent_starts, ends, strict=True)):
            index += [n] * (end - start)
        return index

    def sent_start(self, i: int) -> int:
        """Return the first token of token ``i``'s sentence."""
        return self.sent_starts[self.sent_of[i]]

    def _quote_mask(self) -> list[bool]:
        """Mark the tokens inside a quotation: see :func:`quote_mask`."""
        return quote_mask(self.doc)

    def _dateline_end(self) -> int:
        """Return the token index after a dateline ("OSLO --", "PUNO, Peru --"), else 0."""
        for i, word in enumerate(self.words[:12]):
            if word in ("--", "—", "–") and i > 0:
                return i + 1
            if "\n" in word:
                break
        return 0

    def draft(self, key: str, kind: str, name: str, **attrs: object) -> _Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = _Draft(key=key, kind=kind, name=name)
            for attr, value in attrs.items():
                setattr(draft, attr, value)
            self.drafts[key] = draft
        return draft

    def mention(self, start: int, end: int, key: str, kind: str) -> None:
        if key not in self.drafts and key.startswith("state:"):  # a state first met as "the country"
            code = key.split(":", 1)[1]
            self.draft(key, "state", tables.countries().name(code), code=code)
        ment = _Ment(start, end, key, kind)
        self.ments.append(ment)
        self.index.add(ment)
        for i in range(start, end):
            self.taken[i] = True
            self.tok_key.setdefault(i, key)

    def before(self, i: int, prefix: str = "") -> Iterator[_Ment]:
        """Yield the mentions that start before token ``i``, most recent first."""
        return self.index.before(i, prefix)

    def root_dep(self, start: int, end: int) -> str:
        """Return the dependency label of a span's syntactic root."""
        return self.doc[start:end].root.dep_

    def span_text(self, start: int, end: int) -> str:
        start_char, end_char = self._chars(start, end)
        return self.text[start_char:end_char]

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        """Return the character offsets of tokens ``[start, end)`` (as ``doc[start:end]`` has them)."""
        end = min(end, len(self.words))
        if start >= end:
            span = self.doc[start:end]
            return span.start_char, span.end_char
        return self.idx[start], self.idx[end - 1] + len(self.words[end - 1])

    def is_cap(self, i: int) -> bool:
        return self.cap[i]

    def the_before(self, i: int) -> bool:
        return i > 0 and self.lower[i - 1] == "the"

    # -------------------------------------------------------------- gazetteer

    def _scan_gazetteer(self) -> None:
        """Turn gazetteer hits into state, IGO, seat and known-org mentions."""
        tables_igos = tables.igos()
        countries = tables.countries()
        person_spans = SpanIndex((start, end - (self.words[end - 1] in POSSESSIVE))
                                 for start, end, label in self.ents if label == "PERSON" and end - start > 1)
        self._dateline_cues()
        for hit in gazetteer().match(self.words):
            if hit.entry.kind == "block":
                continue
            if person_spans.contains_longer(hit.start, hit.end):
                if hit.entry.kind == "state" and hit.entry.form != "adj":
                    continue
            for i in range(hit.start, hit.end):
                self.gaz[i] = hit
            if hit.entry.kind == "state":
                self._state_hit(hit, countries)
            elif hit.entry.kind == "igo":
                igo = tables_igos.by_key[hit.entry.key]
                if self.span_text(hit.start, hit.end) in igo.places and (
                        hit.start > 0 and self.lower[hit.start - 1] in LOCATIVE or self._capital_is_place(hit)):
                    continue
                key = f"igo:{igo.acronym}"
                self.draft(key, "igo", igo.name, code=igo.code)
                self.mention(hit.start, hit.end, key, "name" if self.span_text(hit.start, hit.end) == igo.name else "alias")
            else:
                self._org_hit(hit)

    def _dateline_cues(self) -> None:
        """Read an upper-case dateline place ("KINSHASA --") as a cue for the focus."""
        words = [w.title() if w.isupper() and len(w) > 1 else w for w in self.words[: self.dateline_end]]
        for hit in gazetteer().match(words):
            if hit.entry.kind == "state" and self.words[hit.start].isupper():
                self.state_cues.append((hit.start, hit.entry.key))
                self.cue_hits[hit.start] = hit

    def _state_hit(self, hit: Match, countries: tables.CountryTable) -> None:
        code = hit.entry.key
        self.state_cues.append((hit.start, code))
        self.cue_hits[hit.start] = hit
        if hit.start < self.dateline_end:
            if hit.entry.form == "capital":
                return
        elif (hit.entry.form == "capital" and hit.start > 0 and self.lower[hit.start - 1] in LOCATIVE
              and not self._envoy_post(hit)):
            return  # a place ("talks in Lima"), kept as a context cue only
        if hit.entry.form == "capital" and self._capital_is_place(hit):
            return
        key = f"state:{code}"
        self.draft(key, "state", countries.name(code), code=code)
        kind = "name" if hit.entry.form == "name" else "alias"
        self.mention(hit.start, hit.end, key, kind)

    def _capital_is_place(self, hit: Match) -> bool:
        """Tell whether a capital is used as a place ("the Beijing court", "Nairobi-based")."""
        end = hit.end
        if end < len(self.doc) and self.words[end] in ("-", "–") and end + 1 < len(self.doc):
            return True
        if self._envoy_post(hit):
            return False
        tok = self.doc[hit.end - 1]
        return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE

    def _envoy_post(self, hit: Match) -> bool:
        """True for a capital after an envoy's "to"/"from": "recalled its ambassador from Kigali" names the state."""
        tok = self.doc[hit.end - 1]
        if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "from"):
            return False
        owner = tok.head.head  # the envoy noun, or the verb whose object it is ("recalled its ambassador to Kigali")
        return owner.lemma_.lower() in ENVOY_NOUNS or any(
            c.dep_ == "dobj" and c.lemma_.lower() in ENVOY_NOUNS for c in owner.children)

    def _org_hit(self, hit: Match) -> None:
        table = tables.seats() if hit.entry.kind == "seat" else tables.known_orgs()
        entry = table[hit.entry.key]
        key = f"org:{entry.name}"
        draft = self.draft(key, "org", entry.name, country=entry.country, country_explicit=True, code=entry.code)
        draft.add_sectors(entry.sector, list(entry.sectors))
        written = self.span_text(hit.start, hit.end)
        draft.add_alias(written)
        if self.the_before(hit.start):
            draft.add_alias("the " + written)
        self.mention(hit.start, hit.end, key, "name" if written == entry.name else "alias")

    # -------------------------------------------------------------- focus

    def _compute_focus(self) -> str | None:
        """Return the state the article is mostly about (dateline, subjects, mentions)."""
        score: dict[str, float] = {}
        for i, code in self.state_cues:
            hit = self.cue_hits[i]
            weight = 1.0 if hit.entry.form in ("name", "acr", "capital") else 0.5
            if i < self.dateline_end:
                weight += 3.0
            elif self.sent_of[i] == self.sent_of[self.dateline_end] and self.root_dep(hit.start, hit.end) in ("nsubj", "nsubjpass"):
                weight += 2.0
            score[code] = score.get(code, 0.0) + weight
        if not score:  # no state named: the state of the story's city ("police in Lagos"), issue 20
            return story_state(self.doc)
        best = max(score.values())
        for _, code in self.state_cues:  # ties: first mentioned
            if score[code] == best:
                return code
        return None

    # -------------------------------------------------------------- freeze

    def _freeze(self) -> ActorSet:
        """Turn drafts and mentions into records (validated in one go: faster than one model at a time)."""
        ids: dict[str, str] = {}
        spans: dict[str, list[tuple[int, int]]] = {}
        mentions: list[dict[str, Any]] = []
        for m in self.index:
            draft = self.drafts.get(m.key)
            if draft is None:
                continue
            actor_id = ids.get(m.key)
            if actor_id is None:
                actor_id = ids[m.key] = make_id("act", self.article.id, draft.kind, draft.name)
            start_char, end_char = self._chars(m.start, m.end)
            mentions.append({"start": start_char, "end": end_char, "actor_id": actor_id,
                             "text": self.text[start_char:end_char], "kind": m.kind})
            spans.setdefault(m.key, []).append((start_char, end_char))
        actors = [self._actor(d, ids[d.key], spans.get(d.key, [])) for d in self.drafts.values() if d.key in ids]
        return ActorSet.model_validate({"actors": actors, "mentions": mentions, "focus": self.focus})

    def _actor(self, draft: _Draft, actor_id: str, spans: list[tuple[int, int]]) -> dict[str, Any]:
        """Return the fields of a draft's :class:`Actor` record."""
        if draft.kind == "person" and not draft.sector:
            draft.add_sectors("GOV" if draft.roles else "CVL", [])
        elif draft.kind == "org" and not draft.sector:
            draft.add_sectors("UNK", [])
        return {
            "id": actor_id, "name": draft.name, "kind": draft.kind, "code": draft.code,
            "country": draft.country if draft.kind in ("person", "org") else None,
            "org": draft.org, "roles": draft.roles, "sector": draft.sector, "sectors": draft.sectors,
            "aliases": [a for a in draft.aliases if a != draft.name],
            "mentions": sorted(set(spans)), "gender": draft.gender,
        }


def quote_mask(doc: Doc) -> list[bool]:
    """Mark each token that starts inside a quotation, as :func:`quote_spans` finds them in the text
    (the one definition of "inside a quote"; the quote marks themselves are outside)."""
    pieces = [piece for span in quote_spans(doc.text) for piece in span.pieces]
    return [any(start <= tok.idx < end for start, end in pieces) for tok in doc]
