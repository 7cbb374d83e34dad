"""Word lists, name helpers and the drafts the actor steps build.

The word lists are data (``knowledge/data/words/actors.yaml``, each with the pattern it covers);
the names bound here are what the steps import.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from communique.knowledge import actor_tables as tables
from communique.knowledge.words import word_set

#: Prepositions after which a capital is a place, not an actor ("talks in Lima").
LOCATIVE = word_set("actors", "LOCATIVE")
#: Diplomatic posts: a capital after their "to"/"from" is the state ("its ambassador from Kigali").
ENVOY_NOUNS = word_set("actors", "ENVOY_NOUNS")
#: Prepositions after which a state in a description is a posting ("ambassador to China").
POSTING = word_set("actors", "POSTING")
#: Place nouns: a name before or right after them is a place ("Jabal Mohsen districts", "port of X").
PLACE_NOUNS = word_set("actors", "PLACE_NOUNS")
#: First words of names that are not persons ("Cyclone Mako", "Mount Kenya").
NOT_PERSON_FIRST = word_set("actors", "NOT_PERSON_FIRST")
MALE = word_set("actors", "MALE")
FEMALE = word_set("actors", "FEMALE")
NEUTER = word_set("actors", "NEUTER")
REFERENCE_WORDS = MALE | FEMALE | NEUTER | {"the"}  # words that may start a reference to an actor
#: Possessive endings: punctuation tokens, kept in code (not a word list).
POSSESSIVE = frozenset({"'s", "’s", "'"})
#: Groups that form an actor of the article's state without a named owner ("riot police").
BARE_GROUPS = word_set("actors", "BARE_GROUPS")
#: Groups that do so after "the" ("the army said").
THE_GROUPS = word_set("actors", "THE_GROUPS")
#: Verbs whose lone-name subject is taken as a person ("Putin said").
PERSON_VERBS = word_set("actors", "PERSON_VERBS")
PERSON_WINDOW = 4  # sentences a pronoun or title looks back for its person
NAME_PARTICLES = word_set("actors", "NAME_PARTICLES")
ROMAN = word_set("actors", "ROMAN")
ORG_WORDS = word_set("actors", "ORG_WORDS")
#: Nouns by which an article refers back to a non-state organisation it named ("the group").
NONSTATE_NOUNS = word_set("actors", "NONSTATE_NOUNS")
#: NER labels a name-like token may carry: strictly, and whatever NER said (``relaxed``).
NAME_ENT_TYPES = frozenset({"", "PERSON"})
RELAXED_NAME_ENT_TYPES = NAME_ENT_TYPES | {"ORG", "NORP", "FAC", "WORK_OF_ART", "PRODUCT", "GPE", "LOC"}
#: NER labels of numbers and times: a token NER put there is never a person's name.
NOT_NAME_ENT_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
#: Dependency labels of a noun phrase's head: subject, object, prepositional object, apposition,
#: possessive, conjunct, attribute (a compound modifies another noun: "the Albanese government").
NOUN_PHRASE_HEADS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "appos", "poss", "conj", "attr"})


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



def _ends_in(draft: _Draft, noun: str) -> bool:
    """Whether the org's name or its kind ends in ``noun`` ("the association")."""
    last_words = draft.name.lower().split()
    if last_words and last_words[-1] == noun:
        return True
    kind = draft.group_kind
    return bool(kind) and kind is not None and kind.lower().split()[-1] == noun
