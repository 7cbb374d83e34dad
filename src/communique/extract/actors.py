"""Actor stage: persons with roles, states, IGOs and organisations, resolved within the article.

``find_actors(doc, article=...)`` reads the parsed article once and returns an
:class:`~communique.records.ActorSet`:

- ``actors``: one record per person, state, IGO and organisation, with ids
  ``make_id("act", article.id, kind, name)``;
- ``mentions``: every resolved mention (names, surnames, acronyms, adjectives,
  capitals used as actors, titles such as "the minister", descriptors such as
  "the alliance" or "the country", and pronouns), as character spans of
  ``doc.text`` aligned on tokens;
- ``focus``: the state the article is mostly about.

>>> find_actors(nlp("NATO chief Jens Stoltenberg met Japan's foreign minister."), article=a)  # doctest: +SKIP
ActorSet(actors=[Actor(name='NATO', kind='igo', code='NATO'), Actor(name='Jens Stoltenberg',
  kind='person', org='NATO', roles=['chief']), Actor(name='Japan', kind='state', code='JPN')], ...)

Conventions other stages rely on: a mention of two states ("the two
countries") is two Mention records over the same span; a seat of power, a
ministry, an embassy or a group such as "riot police" is an ``org`` actor with
``country``; IGOs of the UN system carry ``code`` "UN" and their own name.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from communique.extract.spans import MentionIndex, SpanIndex
from communique.extract.story_place import story_state
from communique.ids import make_id
from communique.knowledge import actor_tables as tables
from communique.knowledge import persons as known_persons
from communique.knowledge.gazetteer import Match, gazetteer
from communique.nlp import doc_text, token_table
from communique.records import ActorSet, Article

__all__ = ["find_actors"]

log = logging.getLogger(__name__)

#: Prepositions after which a capital is a place, not an actor ("talks in Lima").
LOCATIVE = frozenset({"in", "at", "to", "from", "near", "outside", "into", "via", "toward", "towards",
                      "across", "inside", "around", "through", "within", "of", "between", "over"})
#: Prepositions after which a state in a description is a posting ("ambassador to China").
POSTING = frozenset({"to", "in", "at", "from", "on"})
#: Place nouns: a name before or right after them is a place ("Jabal Mohsen districts", "port of X").
PLACE_NOUNS = frozenset({"port", "city", "town", "village", "district", "districts", "province", "region",
                         "island", "islands", "border", "crossing", "camp", "valley", "river", "strait", "sea",
                         "area", "neighbourhood", "neighborhood", "state", "county", "municipality", "capital",
                         "base", "airport", "prison", "hospital", "square", "street", "road", "highway"})
#: First words of names that are not persons ("Cyclone Mako", "Mount Kenya").
NOT_PERSON_FIRST = frozenset({"cyclone", "typhoon", "hurricane", "storm", "tropical", "mount", "lake", "river",
                              "cape", "port", "fort", "gulf", "bay", "camp", "operation"})
MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"it", "its", "itself"})
REFERENCE_WORDS = MALE | FEMALE | NEUTER | {"the"}  # words that may start a reference to an actor
POSSESSIVE = frozenset({"'s", "’s", "'"})
QUOTE_CHARS = frozenset({'"', "“", "”"})
#: Groups that form an actor of the article's state without a named owner ("riot police").
BARE_GROUPS = frozenset({"police", "protesters", "rebels"})
#: Groups that do so after "the" ("the army said").
THE_GROUPS = frozenset({"army", "navy", "coast guard", "air force", "police", "security forces"})
#: Verbs whose lone-name subject is taken as a person ("Putin said").
PERSON_VERBS = frozenset({
    "say", "tell", "add", "warn", "accuse", "urge", "call", "announce", "meet", "visit", "sign", "speak",
    "write", "deny", "reject", "welcome", "praise", "criticise", "criticize", "condemn", "vow", "promise",
    "insist", "argue", "claim", "ask", "demand", "thank", "describe", "tweet", "declare", "pledge", "threaten",
    "order", "appoint", "resign", "fire", "sack", "host", "travel", "arrive", "express", "stress", "note",
})
PERSON_WINDOW = 4  # sentences a pronoun or title looks back for its person
NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "da", "do", "dos", "van", "von", "der", "le", "la",
                            "abu", "abdel", "abd", "ben", "di", "du", "mac", "st", "st."})
ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "jr", "jr.", "sr", "sr."})
ORG_WORDS = frozenset({
    "association", "party", "council", "ministry", "force", "forces", "army", "navy", "court", "office",
    "front", "movement", "union", "group", "company", "corp", "corp.", "inc", "inc.", "ltd", "bank", "agency",
    "committee", "commission", "organisation", "organization", "institute", "university", "authority",
    "government", "congress", "parliament", "assembly", "guard", "police", "service", "services", "media",
    "news", "times", "post", "brigade", "brigades", "battalion", "coalition", "alliance", "federation",
    "foundation", "network", "daily", "television", "radio", "chamber", "corporation", "airlines",
    "fund", "embassy", "senate", "cabinet", "junta", "militia", "tribunal", "watch", "league",
})
#: Nouns by which an article refers back to a non-state organisation it named ("the group").
NONSTATE_NOUNS = frozenset({"group", "movement", "militia", "organisation", "organization", "rebels", "militants"})
#: NER labels a name-like token may carry: strictly, and whatever NER said (``relaxed``).
NAME_ENT_TYPES = frozenset({"", "PERSON"})
RELAXED_NAME_ENT_TYPES = NAME_ENT_TYPES | {"ORG", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "GPE", "LOC"}


@functools.cache
def _topic_words() -> frozenset[str]:
    """Words of ministry topics ("foreign", "affairs", "mines"), for office names."""
    words: set[str] = set()
    for form in tables.sectors().ministry_topics:
        words.update(form.replace(",", " ").split())
    return frozenset(words - {"and"})


@functools.cache
def _descriptor_prefixes() -> frozenset[str]:
    """Every prefix of an IGO descriptor ("the alliance"): a word that is none starts no descriptor."""
    return frozenset(phrase[:k] for phrase in tables.igos().descriptors for k in range(len(phrase) + 1))


def _singular(text: str, n_words: int) -> str:
    """Put the last word of a role in the singular ("reporters" -> "reporter")."""
    words = text.split(" ")
    if not words:
        return text
    last = words[-1]
    if last.endswith("men"):
        last = last[:-3] + "man"
    elif last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s"):
        last = last[:-1]
    return " ".join([*words[:-1], last])


def _same_name(one: list[str], other: list[str]) -> bool:
    """Tell whether two full names (name keys) name one person: equal, same first and last name, or
    one inside the other with the same first name ("Pedro Sánchez" in "Pedro Sánchez Pérez-Castejón",
    "Barack Obama" in "Barack Hussein Obama")."""
    if not one or not other:
        return False
    if one == other or (one[0] == other[0] and one[-1] == other[-1]):
        return True
    short, long_ = sorted((one, other), key=len)
    if len(short) < 2 or short[0] != long_[0]:
        return False
    rest = iter(long_[1:])
    return all(word in rest for word in short[1:])  # in order


# ------------------------------------------------------------------ drafts


@dataclass(slots=True)
class _Draft:
    """An actor while the article is being read (mutable until frozen)."""

    key: str
    kind: str
    name: str
    code: str | None = None
    country: str | None = None
    org: str | None = None
    roles: list[str] = field(default_factory=list)
    sector: str | None = None
    sectors: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    gender: str | None = None
    group_kind: str | None = None  # for groups and bodies: "army", "Foreign ministry", ...
    country_explicit: bool = False

    def add_role(self, role: str) -> None:
        """Add a role unless an equal one (ignoring case) is there."""
        if role and role.lower() not in {r.lower() for r in self.roles}:
            self.roles.append(role)

    def add_alias(self, alias: str) -> None:
        """Add another name used for this actor."""
        if alias and alias != self.name and alias not in self.aliases:
            self.aliases.append(alias)

    def add_sectors(self, primary: str | None, others: list[str]) -> None:
        """Set the primary sector if none yet and merge the others."""
        if primary and not self.sector:
            self.sector = primary
        for code in [primary, *others]:
            if code and code not in self.sectors:
                self.sectors.append(code)


@dataclass(slots=True)
class _Ment:
    """A mention while reading: token span, actor key and mention kind."""

    start: int
    end: int
    key: str
    kind: str


@dataclass(slots=True)
class _Desc:
    """What a title or apposition tells about a person."""

    roles: list[str] = field(default_factory=list)
    head: tables.RoleHead | None = None
    country: str | None = None
    org: str | None = None
    org_country: str | None = None
    country_ref: bool = False  # "the country's"
    possessor: str | None = None  # his/her/its/their
    counterpart: bool = False
    org_sector: str | None = None  # sector of a non-state organisation the description names ("for Hamas")
    words: list[str] = field(default_factory=list)
    owner_tokens: set[int] = field(default_factory=set)
    span: range = range(0)


# ------------------------------------------------------------------ entry point


def _ends_in(draft: _Draft, noun: str) -> bool:
    """Whether the org's name or its kind ends in ``noun`` ("the association")."""
    last_words = draft.name.lower().split()
    if last_words and last_words[-1] == noun:
        return True
    kind = draft.group_kind
    return bool(kind) and kind is not None and kind.lower().split()[-1] == noun


def find_actors(doc: Doc, *, article: Article) -> ActorSet:
    """Return the article's actors, every resolved mention and the focus state.

    Args:
        doc: the parsed article body (``nlp.parse(article.text)``).
        article: the article (its id seeds the actor ids).

    Returns:
        The ActorSet: actors, mentions (sorted by position) and focus.
    """
    if len(doc) == 0:
        return ActorSet()
    reader = _Reader(doc, article)
    return reader.run()


class _Reader:
    """Reads one Doc and builds its ActorSet."""

    def __init__(self, doc: Doc, article: Article) -> None:
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
        self._org_token_cache: tuple[int, set[int]] = (-1, set())
        self.title_tokens: set[int] = set()  # tokens of persons' titles and appositions
        self.org_spans: list[tuple[int, int]] = []  # names NER took for persons that are organisations
        self.focus: str | None = None
        self.cue_hits: dict[int, Match] = {}  # state_cues' gazetteer hits

    # -------------------------------------------------------------- driver

    def run(self) -> ActorSet:
        """Run every step and freeze the result."""
        self._scan_gazetteer()
        self.focus = self._compute_focus()
        names = self._person_names()
        self._find_bodies()
        self._find_ner_orgs()
        self._find_groups()
        self._add_persons(names)
        self._resolve_references()
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
        self.name_shaped = [i for i in self.proper if self._name_shape(i)]
        self.ents = [(ent.start, ent.end, ent.label_) for ent in self.doc.ents]
        role_table = tables.roles()
        #: The longest role head starting at a token, by token.
        self.heads: dict[int, tables.RoleHead] = {
            j: head for j, low in enumerate(self.lower) if low in role_table.heads
            if (head := role_table.head_at(self.lower, j)) is not None}
        #: Tokens inside a role head of several tokens after its first ("-", "maker" of "film-maker").
        self.head_cover = {k for j, head in self.heads.items() for k in range(j + 1, j + len(head.words))}

    def _name_shape(self, i: int) -> bool:
        """Tell whether a capitalised proper noun is spelt like a word of a name (no title, no org word)."""
        return not self._title_word(i) and self.words[i].isalpha() and self.lower[i] not in ORG_WORDS

    def _sentence_index(self) -> list[int]:
        """Return each token's sentence number (and keep each sentence's first token)."""
        self.sent_starts: list[int] = token_table(self.doc).sentence_starts
        ends = [*self.sent_starts[1:], len(self.doc)]
        index: list[int] = []
        for n, (start, end) in enumerate(zip(self.sent_starts, ends, strict=True)):
            index += [n] * (end - start)
        return index

    def _sent_start(self, i: int) -> int:
        """Return the first token of token ``i``'s sentence."""
        return self.sent_starts[self.sent_of[i]]

    def _quote_mask(self) -> list[bool]:
        """Mark tokens inside double quotes (straight or curly), per paragraph."""
        mask = [False] * len(self.doc)
        inside = False
        for i, word in enumerate(self.words):
            if "\n" in word:
                inside = False
                continue
            if word in QUOTE_CHARS:
                if word == "“":
                    inside = True
                elif word == "”":
                    inside = False
                else:
                    inside = not inside
                continue
            mask[i] = inside
        return mask

    def _dateline_end(self) -> int:
        """Return the token index after a dateline ("OSLO --", "PUNO, Peru --"), else 0."""
        for i, word in enumerate(self.words[:12]):
            if word in ("--", "—", "–") and i > 0:
                return i + 1
            if "\n" in word:
                break
        return 0

    def _draft(self, key: str, kind: str, name: str, **attrs: object) -> _Draft:
        draft = self.drafts.get(key)
        if draft is None:
            draft = _Draft(key=key, kind=kind, name=name)
            for attr, value in attrs.items():
                setattr(draft, attr, value)
            self.drafts[key] = draft
        return draft

    def _mention(self, start: int, end: int, key: str, kind: str) -> None:
        if key not in self.drafts and key.startswith("state:"):  # a state first met as "the country"
            code = key.split(":", 1)[1]
            self._draft(key, "state", tables.countries().name(code), code=code)
        ment = _Ment(start, end, key, kind)
        self.ments.append(ment)
        self.index.add(ment)
        for i in range(start, end):
            self.taken[i] = True
            self.tok_key.setdefault(i, key)

    def _before(self, i: int, prefix: str = "") -> Iterator[_Ment]:
        """Yield the mentions that start before token ``i``, most recent first."""
        return self.index.before(i, prefix)

    def _root_dep(self, start: int, end: int) -> str:
        """Return the dependency label of a span's syntactic root."""
        return self.doc[start:end].root.dep_

    def _text(self, start: int, end: int) -> str:
        start_char, end_char = self._chars(start, end)
        return self.text[start_char:end_char]

    def _chars(self, start: int, end: int) -> tuple[int, int]:
        """Return the character offsets of tokens ``[start, end)`` (as ``doc[start:end]`` has them)."""
        end = min(end, len(self.words))
        if start >= end:
            span = self.doc[start:end]
            return span.start_char, span.end_char
        return self.idx[start], self.idx[end - 1] + len(self.words[end - 1])

    def _is_cap(self, i: int) -> bool:
        return self.cap[i]

    def _the_before(self, i: int) -> bool:
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
                if self._text(hit.start, hit.end) in igo.places and (
                        hit.start > 0 and self.lower[hit.start - 1] in LOCATIVE or self._capital_is_place(hit)):
                    continue
                key = f"igo:{igo.acronym}"
                self._draft(key, "igo", igo.name, code=igo.code)
                self._mention(hit.start, hit.end, key, "name" if self._text(hit.start, hit.end) == igo.name else "alias")
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
        elif hit.entry.form == "capital" and hit.start > 0 and self.lower[hit.start - 1] in LOCATIVE:
            return  # a place ("talks in Lima"), kept as a context cue only
        if hit.entry.form == "capital" and self._capital_is_place(hit):
            return
        key = f"state:{code}"
        self._draft(key, "state", countries.name(code), code=code)
        kind = "name" if hit.entry.form == "name" else "alias"
        self._mention(hit.start, hit.end, key, kind)

    def _capital_is_place(self, hit: Match) -> bool:
        """Tell whether a capital is used as a place ("the Beijing court", "Nairobi-based")."""
        end = hit.end
        if end < len(self.doc) and self.words[end] in ("-", "–") and end + 1 < len(self.doc):
            return True
        tok = self.doc[hit.end - 1]
        return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE

    def _org_hit(self, hit: Match) -> None:
        table = tables.seats() if hit.entry.kind == "seat" else tables.known_orgs()
        entry = table[hit.entry.key]
        key = f"org:{entry.name}"
        draft = self._draft(key, "org", entry.name, country=entry.country, country_explicit=True)
        draft.add_sectors(entry.sector, list(entry.sectors))
        written = self._text(hit.start, hit.end)
        draft.add_alias(written)
        if self._the_before(hit.start):
            draft.add_alias("the " + written)
        self._mention(hit.start, hit.end, key, "name" if written == entry.name else "alias")

    # -------------------------------------------------------------- focus

    def _compute_focus(self) -> str | None:
        """Return the state the article is mostly about (dateline, subjects, mentions)."""
        score: dict[str, float] = {}
        for i, code in self.state_cues:
            hit = self.cue_hits[i]
            weight = 1.0 if hit.entry.form in ("name", "acr", "capital") else 0.5
            if i < self.dateline_end:
                weight += 3.0
            elif self.sent_of[i] == self.sent_of[self.dateline_end] and self._root_dep(hit.start, hit.end) in ("nsubj", "nsubjpass"):
                weight += 2.0
            score[code] = score.get(code, 0.0) + weight
        if not score:  # no state named: the state of the story's city ("police in Lagos"), issue 20
            return story_state(self.doc)
        best = max(score.values())
        for _, code in self.state_cues:  # ties: first mentioned
            if score[code] == best:
                return code
        return None

    # -------------------------------------------------------------- persons: names

    def _person_names(self) -> list[tuple[int, int]]:
        """Return token spans of person names (full or single), NER fixed by context."""
        spans: list[tuple[int, int]] = []
        for start, end, label in self.ents:
            if label != "PERSON":
                continue
            span = self._clean_person_span(start, end)
            if span and self._plausible_person(*span):
                spans.append(span)
        spans.extend(self._titled_names(spans))
        spans.extend(self._known_single_names(spans))
        spans = sorted(set(spans))
        for s, e in spans:
            self.person_tokens.update(range(s, e))
        return spans

    def _clean_person_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Strip titles and possessives from a name span and extend it over a missed surname."""
        role_table = tables.roles()
        while start < end and (self._title_word(start) or self.lower[start] in role_table.honorifics):
            start += 1
        while end > start and (self.words[end - 1] in POSSESSIVE or not self.words[end - 1][:1].isalpha()):
            end -= 1
        while end < len(self.doc) and self._name_like(end) and self.doc[end - 1].whitespace_:
            end += 1
        while start > 0 and self._name_like(start - 1) and self.doc[start - 1].whitespace_ \
                and not self.doc[start - 1].is_sent_start:
            start -= 1
        if start >= end:
            return None
        if any(i in self.gaz for i in range(start, end)):
            if all(i in self.gaz for i in range(start, end)) or end - start == 1:
                return None
            for i in range(start, end):
                self._unclaim(i)
        return start, end

    def _unclaim(self, i: int) -> None:
        """Drop a gazetteer mention that turned out to be part of a person's name."""
        hit = self.gaz.pop(i, None)
        if hit is None:
            return
        self.ments = [m for m in self.ments if not (m.start <= i < m.end)]
        self.index.remove_covering(i)
        self.taken[i] = False
        self.tok_key.pop(i, None)

    def _name_like(self, i: int, *, relaxed: bool = False) -> bool:
        """Tell whether token ``i`` can be part of a person's name (``relaxed``: whatever NER said)."""
        types = RELAXED_NAME_ENT_TYPES if relaxed else NAME_ENT_TYPES
        return (self.pos[i] == "PROPN" and self.cap[i] and i not in self.gaz and self.ent_type[i] in types
                and self._name_shape(i))

    def _topic_word(self, i: int) -> bool:
        """Tell whether token ``i`` can stand inside an office name ("Industry", "Mines")."""
        role_table = tables.roles()
        return self.lower[i] in _topic_words() or self.lower[i] in role_table.modifiers or self.lower[i] in role_table.heads

    def _title_word(self, i: int) -> bool:
        low = self.lower[i]
        role_table = tables.roles()
        return low in role_table.heads or low in role_table.modifiers

    def _plausible_person(self, start: int, end: int) -> bool:
        """Reject NER persons that are places or words ("north of Goma", "on Twitter")."""
        if not self._is_cap(start):
            return False
        org_end = self._org_name_end(start, end)
        if not org_end and self.org_spans:
            tail = self._name_tail(end)
            if any(self._text(s, e) == self._text(start, tail) for s, e in self.org_spans):
                org_end = tail  # a name the article introduced as an organisation's ("the armed group X")
        if org_end:
            self.org_spans.append((start, org_end))  # "the rights group Foro Penal", "the Harlow Times"
            return False
        if self._has_title_before(start):
            return True
        if self._place_context(start, end):
            return False
        last = self.doc[end - 1]
        if last.dep_ == "compound" and last.head.i >= end and last.head.pos_ == "NOUN" and last.head.is_lower:
            return False  # "the Biden administration", "Ly Son island"
        if known_persons.dictionary().knows(self._text(start, end)):
            return True
        if end - start == 1:
            return (last.dep_ in ("nsubj", "nsubjpass") and last.head.lemma_ in PERSON_VERBS
                    and not (start > 0 and self.lower[start - 1] in LOCATIVE))
        return True

    def _org_name_end(self, start: int, end: int) -> int:
        """Return where a name NER took for a person ends if cues make it an organisation's, else 0.

        The cues (org_cues.yaml): an organisation noun right before it ("the band
        X", "broadcaster X"), a name ending such as "Times" or "Ltd" (also just
        after the span: "Aldo Vance Broadcasting"), or an apposition headed by an
        organisation noun ("X, a newspaper,").
        """
        cues = tables.org_cues()
        if cues.noun_before(self.lower, start) is not None:
            return self._name_tail(end)
        k = end
        while k < len(self.doc) and self.cap[k] and self.lower[k] in cues.heads:
            k += 1
        if k > end or self.lower[end - 1] in cues.heads:
            return k
        return end if self._org_apposition(end) is not None else 0

    def _name_tail(self, end: int) -> int:
        """Extend an organisation's name over "for/of" and capitalised words ("Bread for Tomorrow")."""
        k = end
        while k + 1 < len(self.doc) and self.lower[k] in ("for", "of") and self.cap[k + 1] and k + 1 not in self.gaz:
            k += 2
            while k < len(self.doc) and self.cap[k] and self.pos[k] == "PROPN" and k not in self.gaz:
                k += 1
        return k

    def _org_apposition(self, end: int) -> tuple[int, str | None] | None:
        """Return ``(noun, sector)`` of an apposition such as ", a newspaper," or ", the rock band," after a name."""
        if end + 2 >= len(self.doc) or self.words[end] != "," or self.lower[end + 1] not in ("a", "an", "the"):
            return None
        nouns = tables.org_cues().nouns
        stop = self._apposition_end(end + 1)
        if any(self.heads.get(j) is not None for j in range(end + 2, stop)):
            return None  # "X, a journalist at the broadcaster ...", "X, the association's chairman": a role
        for j in range(end + 2, min(end + 6, stop)):
            after = self.lower[j + 1] if j + 1 < len(self.doc) else ""
            if self.lower[j] in nouns and after not in POSSESSIVE and not (
                    j + 1 < len(self.doc) and self.pos[j + 1] in ("NOUN", "PROPN")):
                return j, nouns[self.lower[j]]
            if self.pos[j] not in ("ADJ", "NOUN", "PROPN", "ADV") and self.words[j] != "-":
                return None
        return None

    def _org_cue_sector(self, start: int, end: int) -> str | None:
        """Return the sector the cues of an organisation's name give ("band": SOC, "Times": JRN), else None."""
        cues = tables.org_cues()
        before = cues.noun_before(self.lower, start)
        if before is not None and before[1]:
            return before[1]
        if cues.heads.get(self.lower[end - 1]):
            return cues.heads[self.lower[end - 1]]
        after = self._org_apposition(end)
        return after[1] if after is not None else None

    def _place_context(self, start: int, end: int) -> bool:
        """Tell whether a name stands where places stand ("the port of Bandar Abbas", "X districts")."""
        if self.lower[start] in NOT_PERSON_FIRST:
            return True
        if end < len(self.doc) and self.lower[end] in PLACE_NOUNS:
            return True
        if start >= 2 and self.lower[start - 1] == "of" and self.lower[start - 2] in PLACE_NOUNS:
            return True
        return start > 0 and self.lower[start - 1] in ("in", "near", "at", "outside", "from", "on") \
            and self.doc[end - 1].dep_ == "pobj"

    def _has_title_before(self, i: int) -> bool:
        if i == 0:
            return False
        if self.lower[i - 1] in tables.roles().honorifics:
            return True
        for j in range(max(0, i - 4), i):
            head = self.heads.get(j)
            if head is not None and j + len(head.words) == i:
                return True
        return False

    def _known_single_names(self, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Find well-known office holders named alone that NER missed ("Guterres urged calm")."""
        covered = {i for s, e in known for i in range(s, e)}
        dictionary = known_persons.dictionary()
        found: list[tuple[int, int]] = []
        for i in self.proper:
            if i in covered or i in self.gaz or not dictionary.knows(self.words[i]):
                continue
            tok = self.doc[i]
            if self._has_title_before(i) or (tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in PERSON_VERBS):
                found.append((i, i + 1))
        return found

    def _role_apposition_before(self, i: int) -> bool:
        """Tell whether ``, Name`` at ``i`` follows a role description ("Japan's ambassador to China,")."""
        if self.words[i - 1] != ",":
            return False
        start = self._apposition_start(i - 1)
        return any(self.heads.get(j) for j in range(start, i - 1))

    def _role_apposition_after(self, end: int) -> bool:
        """Tell whether ``Name, `` at ``end`` opens a role description ("X, chairman of ...", "X, a cleric,")."""
        if end + 1 >= len(self.doc) or self.words[end] != ",":
            return False
        j = end + 1 + (self.lower[end + 1] in ("a", "an", "the"))
        for k in range(j, min(j + 3, len(self.doc))):
            if self.heads.get(k) is not None:
                return True
            if self.pos[k] not in ("ADJ", "NOUN") or self.lower[k] in tables.org_cues().nouns:
                return False
        return False

    def _titled_names(self, known: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Find names NER missed right after a role title ("Defence Minister Rūta X")."""
        covered = {i for s, e in known for i in range(s, e)}
        found: list[tuple[int, int]] = []
        for i in self.name_shaped:
            if i in covered or not self._name_like(i, relaxed=True) or (i > 0 and self._name_like(i - 1, relaxed=True)):
                continue
            end = i
            while end < len(self.doc) and self._name_like(end, relaxed=True) and end not in covered:
                end += 1
            titled = (i > 0 and (self._has_title_before(i) or self._role_apposition_before(i))) \
                or self._role_apposition_after(end)
            paired = end + 1 < len(self.doc) and self.lower[end] == "and" and any(s == end + 1 for s, _ in known)
            if not (titled or paired):
                continue
            if 2 <= end - i <= 4 and (end == len(self.doc) or self.doc[end].is_punct or paired):
                found.append((i, end))
                covered.update(range(i, end))
        return found

    # -------------------------------------------------------------- persons: grouping

    def _add_persons(self, spans: list[tuple[int, int]]) -> None:
        """Create persons from full names, then attach single-name mentions and read titles."""
        full = [(s, e) for s, e in spans if e - s >= 2]
        single = [(s, e) for s, e in spans if e - s == 1]
        for s, e in full:
            key = self._person_for_full(s, e)
            self._mention(s, e, key, "name")
        self._surname_mentions(single)
        for m in sorted((m for m in self.ments if m.key.startswith("person:")), key=lambda m: m.start):
            self._read_person_context(self.drafts[m.key], m.start, m.end)
        for draft in self.drafts.values():
            if draft.kind == "person":
                self._finish_person(draft)

    def _name_tokens(self, name: str) -> list[str]:
        """Return the words of a name that tell persons apart, as lookup keys ("Sánchez" = "sanchez")."""
        parts = [p for p in name.replace("-", " ").split() if p]
        return [tables.name_key(p) for p in parts
                if p.lower() not in NAME_PARTICLES and p.lower() not in ROMAN and len(p) > 1]

    def _person_for_full(self, s: int, e: int) -> str:
        name = self._text(s, e)
        toks = self._name_tokens(name)
        for draft in self.drafts.values():
            if draft.kind != "person":
                continue
            if _same_name(toks, self._name_tokens(draft.name)):
                if len(name) > len(draft.name):
                    draft.add_alias(draft.name)
                    draft.name = name
                else:
                    draft.add_alias(name)
                return draft.key
        key = f"person:{name}"
        self._draft(key, "person", name)
        return key

    def _surname_mentions(self, singles: list[tuple[int, int]]) -> None:
        """Attach one-word mentions (any NER label) to persons by first or last name.

        A surname two persons of the article share goes to the one named last
        before it ("Ana Ruiz ... Pablo Ruiz said ... Ruiz added": Pablo Ruiz).
        """
        last: dict[str, list[str]] = {}
        first: dict[str, list[str]] = {}
        second: dict[str, list[str]] = {}
        for draft in self.drafts.values():
            if draft.kind == "person":
                toks = self._name_tokens(draft.name)
                if toks:
                    last.setdefault(toks[-1], []).append(draft.key)
                    first.setdefault(toks[0], []).append(draft.key)
                    if len(toks) >= 3:  # "Sánchez" of "Pedro Sánchez Pérez-Castejón": the first surname
                        second.setdefault(toks[1], []).append(draft.key)
        single_starts = {s for s, _ in singles}
        for i in self.capitalised:
            if self.taken[i]:
                continue
            word = tables.name_key(self.words[i])
            key = self._nearest(last.get(word), i) or self._nearest(first.get(word), i) \
                or self._nearest(second.get(word), i)
            if key is None:
                if i in single_starts:
                    key = self._single_person(i)
                else:
                    continue
            start = self._extend_particles(i)
            self._mention(start, i + 1, key, "name" if self._text(start, i + 1) == self.drafts[key].name else "alias")
            self.drafts[key].add_alias(self._text(start, i + 1))

    def _nearest(self, keys: list[str] | None, i: int) -> str | None:
        """Return the one person of ``keys``, or the one of them mentioned last before token ``i``."""
        if not keys:
            return None
        if len(keys) > 1:
            for m in self._before(i, "person:"):
                if m.key in keys:
                    return m.key
        return keys[0]

    def _single_person(self, i: int) -> str:
        name = self.words[i]
        key = f"person:{name}"
        self._draft(key, "person", name)
        return key

    def _extend_particles(self, i: int) -> int:
        """Extend a surname left over joined particles ("al-Jubouri", "Abdel-Ghani")."""
        start = i
        while start >= 2 and self.words[start - 1] == "-" and not self.doc[start - 2].whitespace_ \
                and not self.doc[start - 1].whitespace_:
            start -= 2
        return start

    # -------------------------------------------------------------- persons: context

    def _read_person_context(self, draft: _Draft, start: int, end: int) -> None:
        """Read titles and appositions around one mention of a person."""
        t_start = self._title_start(start)
        descs: list[_Desc] = []
        if t_start < start:
            descs.append(self._describe(t_start, start, pre=True))
        before = t_start - 1
        if before > 0 and self.words[before] == ",":
            a_start = self._apposition_start(before)
            if a_start < before:
                desc = self._describe(a_start, before, pre=False)
                if desc.head:
                    descs.append(desc)
        if end < len(self.doc) and self.words[end] in (",", "("):
            a_end = self._apposition_end(end + 1)
            if a_end > end + 1:
                desc = self._describe(end + 1, a_end, pre=False)
                member = desc.org_country not in (None, "-") and self.lower[end + 1] in ("a", "an")  # "a Republican from"
                if (desc.head or member) and self._apposition_ok(end + 1) \
                        and not self.person_tokens.intersection(range(end + 1, a_end)):
                    descs.append(desc)
        descs.extend(self._shared_apposition(end))
        if end + 1 < len(self.doc) and self.lower[end] == "of" and end + 1 in self.gaz:
            hit = self.gaz[end + 1]
            if hit.entry.kind == "state":
                descs.append(_Desc(country=hit.entry.key))
        for desc in descs:
            self._apply_desc(draft, desc, start)
            self.title_tokens.update(desc.span)

    def _shared_apposition(self, end: int) -> list[_Desc]:
        """Read "X and Y, reporters for Z": a plural description after the second name also fits X."""
        if end + 1 >= len(self.doc) or self.lower[end] != "and":
            return []
        key = self.tok_key.get(end + 1, "")
        if not key.startswith("person:"):
            return []
        other_end = max((m.end for m in self.index.of_key(key) if m.start == end + 1), default=None)
        if other_end is None or other_end >= len(self.doc) or self.words[other_end] != ",":
            return []
        a_end = self._apposition_end(other_end + 1)
        desc = self._describe(other_end + 1, a_end, pre=False)
        return [desc] if desc.head and desc.head.plural else []

    def _title_start(self, i: int) -> int:
        """Return where a title right before token ``i`` starts (``i`` if there is none)."""
        role_table = tables.roles()
        j, start = i - 1, i
        sent_start = self._sent_start(i)
        while j >= sent_start and j not in self.person_tokens:
            low = self.lower[j]
            hit = self.gaz.get(j)
            if hit is not None:
                if hit.entry.kind == "block":
                    break
                j, start = hit.start - 1, hit.start
                continue
            if low in POSSESSIVE and start < i:
                j, start = j - 1, j
                continue
            if low in role_table.heads or low in role_table.modifiers or low in role_table.honorifics \
                    or j in self.head_cover:
                j, start = j - 1, j
                continue
            if self._is_cap(j) and self.doc[j].pos_ in ("PROPN", "NOUN", "ADJ") and j != sent_start:
                j, start = j - 1, j
                continue
            if low in ("of", "for", "and", "-") and start < i and j - 1 >= sent_start and self._is_cap(j - 1) \
                    and self._topic_word(j - 1) and self._is_cap(j + 1):
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
        if self.lower[last] in role_table.honorifics:
            return start
        for j in range(start, end):
            head = self.heads.get(j)
            if head and j + len(head.words) == end:
                return start
        hit = self.gaz.get(last)
        if hit is not None and hit.entry.kind == "state" and hit.start >= start:
            return hit.start
        return end

    def _apposition_start(self, comma: int) -> int:
        """Return where a description before ``, Name`` starts (``comma`` if none)."""
        j = comma - 1
        sent_start = self._sent_start(comma)
        start = comma
        while j >= sent_start and j not in self.person_tokens:
            tok = self.doc[j]
            if j in self.gaz:
                hit = self.gaz[j]
                j, start = hit.start - 1, hit.start
                continue
            if tok.pos_ in ("DET", "PRON") or tok.tag_ == "PRP$":
                start = j
                if j - 1 >= sent_start and self.lower[j - 1] in ("of", "for"):
                    j -= 1
                    continue
                break
            if tok.is_punct and tok.text not in POSSESSIVE and tok.text != "-":
                break
            posting = tok.lower_ in POSTING | {"for"} and j + 1 in self.gaz
            if tok.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ") or (tok.pos_ == "ADP" and tok.lower_ not in ("of", "for")
                                                                  and not posting):
                if not (tok.lower_ == "and" and self._is_cap(j - 1) and self._is_cap(j + 1)):
                    break
            start, j = j, j - 1
        return start

    def _apposition_end(self, begin: int) -> int:
        """Return where a description after ``Name,`` ends (``begin`` if none)."""
        j = begin
        while j < len(self.doc):
            tok = self.doc[j]
            if tok.is_punct and tok.text not in POSSESSIVE and tok.text not in ("-",):
                break
            if tok.lower_ in ("who", "which", "that", "whose") or (tok.pos_ in ("VERB", "AUX") and tok.tag_ not in ("VBN",)):
                break
            j += 1
        return j

    def _apposition_ok(self, begin: int) -> bool:
        tok = self.doc[begin]
        return tok.pos_ in ("DET", "PRON", "ADJ", "NOUN", "PROPN") or begin in self.gaz

    def _describe(self, start: int, end: int, *, pre: bool) -> _Desc:
        """Read a title or description over tokens ``[start, end)``."""
        role_table = tables.roles()
        desc = _Desc(words=self.lower[start:end], span=range(start, end))
        heads = [(j, h) for j in range(start, end) if (h := self.heads.get(j))]
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
        self._owners(start, end, desc)
        desc.words = [self.lower[j] for j in range(start, end) if j not in desc.owner_tokens and j not in self.gaz]
        return desc

    def _role_texts(self, start: int, end: int, h_pos: int, head: tables.RoleHead, *, full: bool = False) -> list[str]:
        """Return the role as written (with modifiers and "of X"), its head and (``full``) the whole description."""
        role_table = tables.roles()
        left = h_pos
        while left - 1 >= start and left - 1 not in self.gaz and self.lower[left - 1] not in POSSESSIVE:
            prev = self.doc[left - 1]
            if prev.pos_ in ("DET", "PRON") or prev.tag_ == "PRP$":
                break
            ok = (self.lower[left - 1] in role_table.modifiers or self.lower[left - 1] in role_table.heads
                  or (self._is_cap(left - 1) and prev.pos_ in ("PROPN", "NOUN", "ADJ"))
                  or (self.lower[left - 1] == "and" and self._is_cap(left - 2) and self._is_cap(left))
                  or prev.pos_ in ("NOUN", "ADJ"))
            if not ok:
                break
            left -= 1
        right = h_pos + len(head.words)
        if right + 1 < end and self.lower[right] in ("of", "for") and right + 1 not in self.gaz:
            k = right + 1
            while k < end and k not in self.gaz and (self._is_cap(k) or self.lower[k] in ("and", ",")
                                                     or self.lower[k] in _topic_words()):
                k += 1
            if k > right + 1 and self.lower[k - 1] not in ("and", ","):
                right = k
        texts = [self._text(left, right)]
        head_text = head.role or self._text(h_pos, h_pos + len(head.words))
        if head.plural:
            texts, head_text = [_singular(texts[0], h_pos + len(head.words) - left)], _singular(head_text, len(head.words))
        if head_text.lower() != texts[0].lower() and head.words != ("counterpart",):
            texts.append(head_text)
        if head.role:
            texts = [head.role]
        if full and end > right and self.lower[right] in ("of", "for", "at", "in", "to", "on") and not head.plural:
            texts.append(self._text(left, end))
        return [t for t in texts if t]

    def _owners(self, start: int, end: int, desc: _Desc) -> None:
        """Find the state, IGO or body a title names ("NATO's", "of Nigeria", "the country's")."""
        for j in range(start, end):
            low = self.lower[j]
            if low in ("his", "her", "its", "their") and desc.possessor is None:
                desc.possessor = low
            if low == "country" and j + 1 < end and self.lower[j + 1] in POSSESSIVE:
                desc.country_ref = True
            hit = self.gaz.get(j)
            posting = hit is not None and hit.start > start and self.lower[hit.start - 1] in POSTING
            if hit is not None and hit.start == j and not posting:
                if hit.entry.kind == "state" and desc.country is None:
                    desc.country = hit.entry.key
                elif hit.entry.kind == "igo" and desc.org is None:
                    desc.org = tables.igos().by_key[hit.entry.key].code
                elif hit.entry.kind in ("seat", "org") and desc.org_country is None:
                    key = self.tok_key.get(j)
                    if key and key in self.drafts:
                        desc.org_country = self.drafts[key].country or "-"
            key = self.tok_key.get(j)
            if key and key.startswith("org:") and desc.org_sector is None:
                desc.org_sector = self.drafts[key].sector
            if key and key.startswith("org:") and desc.org_country is None and not posting:
                desc.org_country = self.drafts[key].country or "-"
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
            if self.lower[j] == "the":
                key = self._igo_by_descriptor(j + 1, end)
                if key:
                    if desc is not None:
                        desc.owner_tokens.update(range(j, j + 1 + self._descriptor_len(j + 1, key)))
                    return self.drafts[key].code
        return None

    def _body_word_in(self, start: int, end: int) -> _Draft | None:
        """Resolve "the association's"/"the ministry's"/"the group's" inside a description to that body."""
        for j in range(start, end):
            if self.lower[j] == "the" and j + 1 < end:
                noun = self.lower[j + 1]
                draft = self._recent_org_with(noun, j)
                if draft is None and noun in NONSTATE_NOUNS:
                    draft = self._recent_nonstate_org(j)  # "the group's commander": the armed group named before
                if draft is not None:
                    return draft
        return None

    def _apply_desc(self, draft: _Draft, desc: _Desc, at: int) -> None:
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
            if any(d.kind == "igo" and d.code == desc.head.igo for d in self.drafts.values()):
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
            return self._country_ref(at)
        if desc.possessor in ("its", "their"):
            return self._its_country(at)
        return desc.head.country if desc.head else None

    def _inherit_roles(self, draft: _Draft, at: int) -> None:
        """Give "his/her counterpart" the roles of the person "his/her" refers to."""
        other = self._recent_person(at, exclude=draft.key)
        if other is None:
            return
        for role in other.roles:
            draft.add_role(role)
        if other.sector:
            draft.add_sectors(other.sector, other.sectors)

    def _finish_person(self, draft: _Draft) -> None:
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
        first = min((m.start for m in self.index.of_key(draft.key)), default=0)
        country = None
        if any(r.lower().startswith("spokes") or " spokes" in r.lower() for r in draft.roles):
            country = self._recent_body_country(first)
        private = not draft.roles or draft.sector not in (None, "GOV")
        draft.country = country or self._context_state(first, private=private) or self.focus
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
        return known_persons.dictionary().standing(names, self.article.date)

    def _context_state(self, i: int, *, private: bool) -> str | None:
        """Return the state a person or body at token ``i`` most likely belongs to, else None.

        Officials: an organisation or a subject state earlier in the sentence, or
        its opening place ("In Kigali, ..."). Private persons also take the last
        state named before them (not as part of an organisation's name) in this
        or the two sentences before.
        """
        sent = self.sent_of[i]
        orgs = []
        for m in self._before(i, "org:"):  # latest first: stop at the sentence's start
            if self.sent_of[m.start] != sent:
                break
            if not self.in_quote[m.start]:
                orgs.append(self.drafts[m.key].country)
        if orgs and orgs[0] and not private:
            return orgs[0]
        same = [(j, c) for j, c in self.state_cues if j < i and self.sent_of[j] == sent and j not in self.title_tokens]
        for j, code in reversed(same):
            root = self.doc[self.cue_hits[j].start : self.cue_hits[j].end].root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ in ("ROOT", "ccomp"):
                return code
        sent_start = self._sent_start(i)
        for j, code in same:
            if j - 1 == sent_start and self.lower[sent_start] in ("in", "at", "from"):
                return code
        if not private:
            return self._previous_subject_state(i)
        in_orgs = self._org_tokens()
        earlier = [c for j, c in self.state_cues if j < i and sent - 2 <= self.sent_of[j] <= sent
                   and j not in in_orgs and j not in self.title_tokens
                   and self.cue_hits[j].entry.form in ("adj", "people")]  # "Indian fishermen"
        return earlier[-1] if earlier else None

    def _previous_subject_state(self, i: int) -> str | None:
        """Return the state that is the main subject of the sentence before, in the same paragraph."""
        sent_start = self._sent_start(i)
        if sent_start == 0 or "\n" in self.doc[sent_start - 1].text:
            return None
        previous = self.sent_of[sent_start - 1]
        for j, code in self.state_cues:
            if self.sent_of[j] != previous or self.in_quote[j]:
                continue
            root = self.doc[self.cue_hits[j].start : self.cue_hits[j].end].root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT":
                return code
        return None

    def _org_tokens(self) -> set[int]:
        """Tokens of org mentions (kept until the mentions change; do not modify)."""
        version, tokens = self._org_token_cache
        if version != self.index.version:
            tokens = {k for m in self.ments if m.key.startswith("org:") for k in range(m.start, m.end)}
            self._org_token_cache = (self.index.version, tokens)
        return tokens

    def _recent_body_country(self, i: int) -> str | None:
        """Return the state of the ministry or seat named last before a spokesperson."""
        for m in self._before(i, "org:"):
            if self.sent_of[i] - self.sent_of[m.start] > 2:
                break
            draft = self.drafts[m.key]
            if draft.country and (draft.group_kind or "").endswith(("ministry", "embassy")) or \
                    (draft.country and draft.sector == "GOV"):
                return draft.country
        return None

    # -------------------------------------------------------------- orgs

    def _find_bodies(self) -> None:
        """Find ministries, embassies, courts and offices with their state."""
        body_heads = {"ministry", "embassy", "consulate", "court", "office", "department", "presidency",
                      "commission", "party"}
        for i, low in enumerate(self.lower):
            if low not in body_heads or self.taken[i] or i in self.person_tokens:
                continue
            if low == "ministry":
                self._ministry(i)
            elif low in ("embassy", "consulate"):
                self._embassy(i)
            elif low == "office" and i > 0 and self.lower[i - 1] in ("foreign", "home") and self._is_cap(i - 1):
                self._ministry(i)
            elif low == "commission" and i > 0 and self.lower[i - 1] == "high":
                self._embassy(i, first=i - 1)
            elif low == "party" and i > 0 and self._is_cap(i - 1) and not self.taken[i - 1]:
                self._named_body(i, "PTY", "party")
            elif low == "presidency" and (self._the_before(i) or self._owner_before(i)[0]):
                self._presidency(i)
            elif low == "court" and self._is_cap(i):
                self._named_body(i, "JUD", "court")
            elif low == "office" and i >= 2 and self.lower[i - 1] in POSSESSIVE and self.lower[i - 2] == "prosecutor":
                self._prosecutor_office(i)

    def _owner_before(self, i: int) -> tuple[str | None, int]:
        """Return (state, start) of an owner right before token ``i``: adjective, "X's", "its"."""
        j = i - 1
        if j >= 0 and self.words[j] in POSSESSIVE:
            j -= 1
        if j >= 0 and j in self.gaz and self.gaz[j].entry.kind == "state":
            hit = self.gaz[j]
            return hit.entry.key, hit.start
        if j >= 0 and self.lower[j] in ("its", "their"):
            return self._its_country(j), j
        return None, i

    def _ministry(self, i: int) -> None:
        topics = tables.sectors().ministry_topics
        start, topic = i, None
        if i + 2 < len(self.doc) and self.lower[i + 1] == "of":
            k = i + 2
            while k < len(self.doc) and (self._is_cap(k) or self.lower[k] in ("and", ",")) and k not in self.gaz:
                k += 1
            while k > i + 2 and self.lower[k - 1] in ("and", ","):
                k -= 1
            phrase = self._text(i + 2, k).lower()
            topic = topics.get(phrase) or topics.get(phrase.replace(",", ""))
            end = k
        else:
            end = i + 1
            for n in (3, 2, 1):
                if i - n >= 0 and " ".join(self.lower[i - n : i]) in topics:
                    topic, start = topics[" ".join(self.lower[i - n : i])], i - n
                    break
        country, owner_start = self._owner_before(start)
        if topic is None and country is None and end == i + 1:
            return  # "the ministry": a reference, resolved later
        country = country or self._place_after(end) or self._ministry_context(topic, i)
        written_start = owner_start if owner_start < start else start
        topic_name = topic or self._text(start, end)
        adjective = tables.countries().adjective(country) if country else ""
        name = f"{adjective} {topic} Ministry".strip() if topic else self._text(written_start, end)
        key = f"org:{name}"
        existing = self._body_like(country, f"{topic_name} ministry") if topic else None
        if existing is not None:
            key = existing.key
        draft = self._draft(key, "org", name, country=country, group_kind=f"{topic_name} ministry")
        draft.add_sectors("GOV", [])
        draft.add_alias(self._text(written_start, end))
        self._mention(written_start, end, key, "name")

    def _body_like(self, country: str | None, kind: str) -> _Draft | None:
        for draft in self.drafts.values():
            if draft.kind == "org" and draft.group_kind == kind and draft.country == country:
                return draft
        return None

    def _place_after(self, end: int) -> str | None:
        """Return the state of "in <capital>" right after a body ("the Foreign Ministry in Minsk")."""
        if end + 1 < len(self.doc) and self.lower[end] == "in" and end + 1 in self.gaz:
            hit = self.gaz[end + 1]
            if hit.entry.kind == "state":
                return hit.entry.key
        return None

    def _ministry_context(self, topic: str | None, i: int) -> str | None:
        """Guess the state of an unowned ministry: a recent minister of that topic, else context."""
        here = self._context_state(i, private=False)
        if here:
            return here
        if topic:
            kind = f"{topic} ministry"
            found = self.index.latest(i, [k for k in self._org_keys() if (d := self.drafts.get(k)) and d.group_kind == kind])
            if found is not None:
                return self.drafts[found.key].country
        return self.focus

    def _embassy(self, i: int, *, first: int | None = None) -> None:
        first = i if first is None else first
        country, start = self._owner_before(first)
        if country is None and first > 0 and self.lower[first - 1] == "the":
            start = first - 1
        end = i + 1
        city = None
        if end + 1 < len(self.doc) and self.lower[end] == "in" and self._is_cap(end + 1):
            k = end + 1
            while k < len(self.doc) and self._is_cap(k):
                k += 1
            city, end = self._text(end + 1, k), k
        if country is None:
            return
        adjective = tables.countries().adjective(country)
        noun = "High Commission" if first < i else "Embassy"
        name = f"{adjective} {noun}" + (f" in {city}" if city else "")
        existing = self._body_like(country, "embassy")
        key = existing.key if existing else f"org:{name}"
        draft = self._draft(key, "org", name, country=country, group_kind="embassy")
        draft.add_sectors("GOV", [])
        draft.add_alias(self._text(start, end))
        self._mention(start, end, key, "name")

    def _presidency(self, i: int) -> None:
        """"The presidency in Cairo", "Egypt's presidency": an org of the head of state's office."""
        country, start = self._owner_before(i)
        country = country or self._place_after(i + 1) or self._context_state(i, private=False) or self.focus
        if country is None:
            return
        if start == i and self._the_before(i):
            start = i - 1
        name = f"{tables.countries().adjective(country)} Presidency"
        existing = self._body_like(country, "presidency")
        key = existing.key if existing else f"org:{name}"
        draft = self._draft(key, "org", name, country=country, group_kind="presidency")
        draft.add_sectors("GOV", [])
        draft.add_alias(self._text(start, i + 1))
        self._mention(start, i + 1, key, "name")

    def _named_body(self, i: int, sector: str, kind: str) -> None:
        """A body named as written before its head noun ("Beijing No. 2 Intermediate People's Court")."""
        sent_start = self._sent_start(i)
        start = i
        while start - 1 >= sent_start and start - 1 not in self.person_tokens:
            prev = self.doc[start - 1]
            joined = not prev.whitespace_ or (start - 2 >= 0 and not self.doc[start - 2].whitespace_)
            if prev.pos_ == "DET" or not (self._is_cap(start - 1) or prev.text in POSSESSIVE or prev.like_num
                                          or (joined and prev.text.isalpha()) or prev.text == "-"):
                break
            start -= 1
        if start == i and not self._is_cap(i):
            return
        name = self._text(start, i + 1)
        country = next((self.gaz[j].entry.key for j in range(start, i) if j in self.gaz
                        and self.gaz[j].entry.kind == "state"), None) or self.focus
        key = f"org:{name}"
        draft = self._draft(key, "org", name, country=country, group_kind=kind)
        draft.add_sectors(sector, [])
        if self._the_before(start):
            draft.add_alias("the " + name)
        self._mention(start, i + 1, key, "name")

    def _prosecutor_office(self, i: int) -> None:
        start = i - 2
        while start - 1 >= 0 and self.doc[start - 1].pos_ in ("ADJ", "PROPN", "NOUN") and not self.taken[start - 1]:
            start -= 1
        name = self._text(start, i + 1)
        key = f"org:{name}"
        country = self._context_state(i, private=False) or self.focus
        draft = self._draft(key, "org", name, country=country, group_kind="prosecutor")
        draft.add_sectors("JUD", [])
        self._mention(start, i + 1, key, "name")

    def _find_ner_orgs(self) -> None:
        """Turn NER organisations that no table knows into org actors named as written."""
        for start, end in self.org_spans:
            if not any(self.taken[i] for i in range(start, end)):
                self._ner_org(start, end)
        for start, end, label in self.ents:
            if label not in ("ORG", "FAC", "NORP", "GPE"):
                continue
            while start < end and self.lower[start] == "the":
                start += 1
            if start >= end or start < self.dateline_end:
                continue
            if any(self.taken[i] or i in self.person_tokens for i in range(start, end)):
                continue
            words = [w.lower() for w in self.words[start:end]]
            acronym = end - start == 1 and self.words[start].isupper() and 2 <= len(self.words[start]) <= 6 \
                and self.words[start].isalpha()
            cued = label in ("ORG", "FAC") and (tables.org_cues().noun_before(self.lower, start) is not None
                                                or words[-1] in tables.org_cues().heads
                                                or self._org_apposition(end) is not None)
            if not acronym and not cued and not (label in ("ORG", "FAC") and ORG_WORDS.intersection(words)):
                continue
            self._ner_org(start, end)
        self._unlabelled_orgs()

    def _unlabelled_orgs(self) -> None:
        """Name organisations NER left unlabelled after an organisation noun ("the band Velvet Harrow")."""
        cues = tables.org_cues()
        for i in self.name_shaped:
            if self.taken[i] or i in self.person_tokens or self.ent_type[i] or i < 1 or self.cap[i - 1]:
                continue
            if cues.noun_before(self.lower, i) is None or self.heads.get(i - 1) is not None:
                continue
            end = i
            while end < len(self.doc) and self.cap[end] and self.pos[end] == "PROPN" and not self.taken[end] \
                    and end not in self.person_tokens:
                end += 1
            self._ner_org(i, end)

    def _ner_org(self, start: int, end: int) -> None:
        name = self._text(start, end)
        if end < len(self.doc) - 2 and self.words[end] == "(" and self.words[end + 2] == ")":
            acronym = self.words[end + 1]
        else:
            acronym = None
        country = next((self.gaz[j].entry.key for j in range(start, end) if j in self.gaz
                        and self.gaz[j].entry.kind == "state"), None)
        if country is None:
            country = self._owner_before(start)[0] or self._place_after(end)
        key = f"org:{name}"
        draft = self._draft(key, "org", name, country=country)
        described = self.lower[max(0, start - 2) : end]  # "the rights group Foro Penal"
        primary, others = tables.sectors().sector_of(described)
        cue = self._org_cue_sector(start, end)
        if cue and primary not in ("REB", "PRM", "OPP", "ELI"):  # "the rebel group X": the description first
            primary, others = cue, [cue, *others]
        draft.add_sectors(primary, others)
        if self._the_before(start):
            draft.add_alias("the " + name)
        self._mention(start, end, key, "name")
        if acronym:
            self._acronym_mentions(acronym, key)
        if end - start > 1 and draft.sector not in (None, "UNK"):
            self._repeated_name(start, end, key)

    def _repeated_name(self, start: int, end: int, key: str) -> None:
        """Mention an organisation again where its name of several words recurs ("the Frente Rojo" later on)."""
        words = self.words[start:end]
        n = len(words)
        for i in self.capitalised:
            if i > start and self.words[i : i + n] == words and not any(self.taken[k] for k in range(i, i + n)):
                self._mention(i, i + n, key, "name")

    def _acronym_mentions(self, acronym: str, key: str) -> None:
        self.drafts[key].add_alias(acronym)
        for i, word in enumerate(self.words):
            if word == acronym and not self.taken[i]:
                self._mention(i, i + 1, key, "alias")

    def _find_groups(self) -> None:
        """Create group actors ("riot police", "Rwandan troops", "the army") with their state."""
        sectors = tables.sectors()
        after = 0  # where the last group ends: the next one starts there or later
        for i, low in enumerate(self.lower):
            if i < after or low not in sectors.groups or self.taken[i]:
                continue
            group = sectors.group_at(self.lower, i)
            if group is None or i in self.person_tokens or self.pos[i] not in ("NOUN", "PROPN"):
                continue
            end = after = i + len(group.words)
            if end < len(self.doc) and self.taken[end] and self.tok_key.get(end, "").startswith("org:"):
                self.drafts[self.tok_key[end]].add_sectors(group.sector, list(group.sectors))
                continue  # "state broadcaster EBC": the named org is the actor
            if end < len(self.doc) and self.heads.get(end) is not None:
                continue  # "army chief", "police commander": part of a person's role
            self._group(i, end, group)

    def _group(self, i: int, end: int, group: tables.GroupNoun) -> None:
        country, start = self._owner_before(i)
        if country is None and i > 0 and self.lower[i - 1] == "the" and i - 2 >= 0:
            hit = self.gaz.get(i - 1)
            if hit is not None:
                country = hit.entry.key
        if country is None and i > 0 and (i - 1) in self.gaz and self.gaz[i - 1].entry.kind == "state":
            country, start = self.gaz[i - 1].entry.key, self.gaz[i - 1].start
        explicit = country is not None
        if not explicit:
            bare_ok = group.kind in BARE_GROUPS or (self._the_before(i) and group.kind in THE_GROUPS)
            if not bare_ok:
                return
            existing = self._recent_group(group.kind, i)
            if existing is not None:
                self._mention(i, end, existing.key, "descriptor")
                return
            country = self.focus
            start = i
        known = self._known_force(country, group)
        adjective = tables.countries().adjective(country) if country else ""
        name = f"{adjective} {self._text(i, end)}".strip() if explicit else self._text(i, end)
        key = known.key if known else (self._group_key(country, group) or f"org:{name}")
        draft = self._draft(key, "org", name, country=country, group_kind=group.kind)
        draft.add_sectors(group.sector, list(group.sectors))
        draft.add_alias(self._text(start, end))
        self._mention(start, end, key, "name" if explicit else "descriptor")
        if end + 2 < len(self.doc) and self.words[end] == "(" and self.words[end + 2] == ")":
            acr = self.words[end + 1]
            if not self.taken[end + 1]:
                self._acronym_mentions(acr, key)

    def _group_key(self, country: str | None, group: tables.GroupNoun) -> str | None:
        for draft in self.drafts.values():
            if draft.kind == "org" and draft.group_kind == group.kind and draft.country == country:
                return draft.key
        return None

    def _known_force(self, country: str | None, group: tables.GroupNoun) -> _Draft | None:
        """Return a known armed force of ``country`` already in the article, for "the Congolese army"."""
        if group.sector != "MIL" or country is None:
            return None
        for draft in self.drafts.values():
            if draft.kind == "org" and draft.country == country and draft.sector == "MIL" and draft.group_kind is None:
                return draft
        return None

    def _recent_group(self, kind: str, i: int) -> _Draft | None:
        keys = [k for k in self.index.keys() if (draft := self.drafts.get(k)) is not None and draft.group_kind == kind]
        found = self.index.latest(i, keys)
        return None if found is None else self.drafts[found.key]

    def _org_keys(self) -> list[str]:
        """The keys of the orgs mentioned so far."""
        return [k for k in self.index.keys() if k.startswith("org:")]

    def _recent_nonstate_org(self, i: int) -> _Draft | None:
        """Return the most recent armed group, party or civil society org before ``i``."""
        for m in self._before(i, "org:"):
            if self.sent_of[i] - self.sent_of[m.start] > PERSON_WINDOW:
                return None
            draft = self.drafts[m.key]
            if draft.sector in ("REB", "PRM", "PTY", "SOC", "CVL", "OPP"):
                return draft
        return None

    def _recent_org_with(self, noun: str, i: int) -> _Draft | None:
        """Return the most recent org whose name ends in ``noun`` ("the association")."""
        found = self.index.latest(i, [k for k in self._org_keys() if (d := self.drafts.get(k)) and _ends_in(d, noun)])
        return None if found is None else self.drafts[found.key]

    # -------------------------------------------------------------- references

    def _resolve_references(self) -> None:
        """Resolve descriptors, titles and pronouns, left to right."""
        for i, low in enumerate(self.lower):
            if low not in REFERENCE_WORDS or self.taken[i]:
                continue
            if low == "the" and i + 1 < len(self.doc):
                self._the_reference(i)
            elif low in MALE or low in FEMALE:
                self._person_pronoun(i)
            elif low in NEUTER:
                self._neuter_pronoun(i)

    def _the_reference(self, i: int) -> None:
        nxt = self.lower[i + 1]
        if self.taken[i + 1]:
            return
        if nxt in ("country", "nation") and not self._followed_by_name(i + 2):
            code = self._country_ref(i)
            if code:
                self._mention(i, i + 2, f"state:{code}", "descriptor")
            return
        if nxt in ("two", "both") and i + 2 < len(self.doc) and self.lower[i + 2] in ("countries", "nations", "neighbours", "neighbors", "governments"):
            for code in self._top_states(i, 2):
                self._mention(i, i + 3, f"state:{code}", "descriptor")
            return
        if nxt in ("government", "authorities") and not self._followed_by_name(i + 2):
            code = self._place_after(i + 2) or self._country_ref(i)
            if code:
                self._mention(i, i + 2, f"state:{code}", "descriptor")
            return
        key = self._igo_by_descriptor(i + 1, len(self.doc))
        if key:
            n = self._descriptor_len(i + 1, key)
            self._mention(i, i + 1 + n, key, "descriptor")
            return
        if nxt in ("ministry", "embassy", "association", "court", "navy", "army", "military", "party", "agency",
                   "presidency"):
            draft = self._recent_org_with(nxt, i)
            if draft is not None:
                self._mention(i, i + 2, draft.key, "descriptor")
            return
        if nxt in NONSTATE_NOUNS:
            draft = self._recent_org_with(nxt, i) or self._recent_nonstate_org(i)
            if draft is not None:
                self._mention(i, i + 2, draft.key, "descriptor")
            return
        self._title_reference(i)

    def _followed_by_name(self, i: int) -> bool:
        return i < len(self.doc) and self.lower[i] == "of" and i + 1 in self.gaz

    def _igo_by_descriptor(self, i: int, limit: int) -> str | None:
        """Return the IGO in focus that a descriptor at ``i`` ("alliance") names, if any."""
        table = tables.igos().descriptors
        if i >= limit or self.lower[i] not in _descriptor_prefixes():
            return None
        for n in (3, 2, 1):
            if i + n > limit:
                continue
            phrase = " ".join(self.lower[i : i + n])
            if phrase in table:
                found = self.index.latest(i, {f"igo:{k}" for k in table[phrase]})
                if found is not None:
                    return found.key
        return None

    def _descriptor_len(self, i: int, key: str) -> int:
        table = tables.igos().descriptors
        for n in (3, 2, 1):
            if " ".join(self.lower[i : i + n]) in table:
                return n
        return 1

    def _title_reference(self, i: int) -> None:
        """Resolve "the president", "the foreign minister" to the person who holds that role."""
        role_table = tables.roles()
        j = i + 1
        while j < len(self.doc) and self.lower[j] in role_table.modifiers and not self.heads.get(j):
            j += 1
        if j >= len(self.doc):
            return
        head = self.heads.get(j)
        if head is None or head.words == ("counterpart",):
            return
        end = j + len(head.words)
        if end < len(self.doc) and (self._is_cap(end) and end in self.person_tokens or self.words[end] == ","):
            return
        phrase = " ".join(self.lower[i + 1 : end])
        for m in self._before(i, "person:"):
            if self.sent_of[i] - self.sent_of[m.start] > PERSON_WINDOW * 2:
                break
            draft = self.drafts[m.key]
            if any(phrase in r.lower() or r.lower().endswith(" ".join(head.words)) and phrase.endswith(" ".join(head.words)) and phrase == " ".join(head.words)
                   for r in draft.roles):
                self._mention(i, end, draft.key, "title")
                return

    def _person_pronoun(self, i: int) -> None:
        gender = "m" if self.lower[i] in MALE else "f"
        exclude = None
        tok = self.doc[i]
        if tok.dep_ in ("dobj", "dative", "iobj", "pobj") and tok.lower_ in ("him", "her"):
            exclude = self._subject_person(tok.head if tok.dep_ != "pobj" else tok.head.head)
        draft = self._recent_person(i, gender=gender, exclude=exclude)
        if draft is None:
            return
        if draft.gender is None:
            draft.gender = gender
        self._mention(i, i + 1, draft.key, "pronoun")

    def _unnamed_role_before(self, i: int, gender: str | None) -> int:
        """Return where the last unnamed role holder ("a police spokeswoman said") before ``i`` is, else -1.

        A pronoun after such a phrase refers to that unnamed person, not to a
        named person further back.
        """
        sent = self.sent_of[i]
        for j in range(i - 1, -1, -1):
            if sent - self.sent_of[j] > 1:
                break
            head = self.heads.get(j)
            if head is None or head.plural or self.taken[j] or j in self.title_tokens \
                    or self.in_quote[j] != self.in_quote[i]:
                continue
            if head.gender and gender and head.gender != gender:
                continue
            if self.doc[j].dep_ in ("nsubj", "nsubjpass") and head.words[0] not in ("counterpart",):
                return j
        return -1

    def _subject_person(self, verb: Token) -> str | None:
        """Return the key of the person who is the subject of ``verb`` ("Sisi told him": Sisi)."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                key = self.tok_key.get(child.i)
                if key and key.startswith("person:"):
                    return key
        return None

    def _recent_person(self, i: int, *, gender: str | None = None, exclude: str | None = None) -> _Draft | None:
        quoted = self.in_quote[i]
        blocker = self._unnamed_role_before(i, gender)
        for m in self._before(i, "person:"):
            if m.start < blocker:
                return None
            if self.sent_of[i] - self.sent_of[m.start] > PERSON_WINDOW:
                return None
            if m.key == exclude or (not quoted and self.in_quote[m.start]):
                continue
            draft = self.drafts[m.key]
            if gender and draft.gender and draft.gender != gender:
                continue
            return draft
        return None

    def _neuter_pronoun(self, i: int) -> None:
        if self.lower[i] == "it" and self.doc[i].dep_ not in ("nsubj", "nsubjpass"):
            return
        key = self._recent_body(i)
        if key:
            self._mention(i, i + 1, key, "pronoun")

    def _recent_body(self, i: int) -> str | None:
        """Return the key of the org/IGO/state that ``it``/``its`` at ``i`` most likely means.

        A subject earlier in the same sentence first, then main-clause subjects
        of the sentences before, then subjects of other clauses, then any
        nominal mention, within the last two sentences and outside quotes
        (unless the pronoun itself is quoted).
        """
        sub_subject: str | None = None
        fallback: str | None = None
        quoted = self.in_quote[i]
        for m in (m for m in self._before(i) if not m.key.startswith("person:")):
            if self.sent_of[i] - self.sent_of[m.start] > 2:
                break
            if not quoted and self.in_quote[m.start]:
                continue
            root = self.doc[m.start : m.end].root
            same_sentence = self.sent_of[m.start] == self.sent_of[i]
            if root.dep_ in ("nsubj", "nsubjpass") or (root.dep_ == "appos" and root.head.i < self.dateline_end) \
                    or (same_sentence and self._subjectish(m.start, m.end)):
                if same_sentence or root.head.dep_ == "ROOT" or root.head.i < self.dateline_end:
                    return m.key
                sub_subject = sub_subject or m.key
            elif fallback is None and root.dep_ not in ("amod", "compound", "poss") and m.kind != "pronoun":
                fallback = m.key
        return sub_subject or fallback

    def _its_country(self, i: int) -> str | None:
        key = self._recent_body(i)
        if key is None:
            return self.focus
        draft = self.drafts[key]
        return draft.code if draft.kind == "state" else draft.country

    def _country_ref(self, i: int) -> str | None:
        """Resolve "the country" at token ``i``: a state named in this or the last sentence, else focus."""
        sent = self.sent_of[i]
        nominal = [(j, c) for j, c in self.state_cues if j < i and self.sent_of[j] == sent
                   and self._root_dep(self.cue_hits[j].start, self.cue_hits[j].end) not in ("amod", "compound")]
        subjects = [c for j, c in nominal if self._subjectish(self.cue_hits[j].start, self.cue_hits[j].end)]
        if subjects:
            return subjects[-1]
        if nominal:
            return nominal[-1][1]
        previous = [(j, c) for j, c in self.state_cues if self.sent_of[j] == sent - 1]
        subjects = [c for j, c in previous if self._root_dep(self.cue_hits[j].start, self.cue_hits[j].end) in ("nsubj", "nsubjpass")]
        if subjects:
            return subjects[0]
        same = [c for j, c in self.state_cues if j < i and self.sent_of[j] == sent]
        if same:
            return same[-1]
        return self.focus

    def _subjectish(self, start: int, end: int) -> bool:
        """Tell whether a mention is a subject or the owner of one ("Mali's government said")."""
        root = self.doc[start:end].root
        if root.dep_ in ("nsubj", "nsubjpass"):
            return True
        return root.dep_ in ("poss", "compound", "amod") and root.head.dep_ in ("nsubj", "nsubjpass")

    def _top_states(self, i: int, n: int) -> list[str]:
        counts: Counter[str] = Counter(c for j, c in self.state_cues if j < i)
        return [code for code, _ in counts.most_common(n)]

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
