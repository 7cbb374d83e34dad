"""Actor knowledge: states, IGOs, seats of power, organisations, role titles, sectors.

Every table is a YAML file under ``knowledge/data`` (each says where its facts
come from), loaded once per process with ``functools.cache`` and looked up in
dicts. ISO 3166-1 facts come from pycountry, read once here and never on the
per-article path.

>>> countries().code_of_name("Burma")
'MMR'
>>> igos().by_code["NATO"].name
'NATO'
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any

from communique.config import load_data_yaml
from communique.knowledge.names import ascii_letters

__all__ = [
    "BodyTables",
    "CountryTable",
    "GroupNoun",
    "IgoEntry",
    "IgoTable",
    "OrgCues",
    "OrgEntry",
    "RoleHead",
    "RoleTable",
    "SectorCue",
    "countries",
    "igos",
    "install_user_orgs",
    "known_orgs",
    "load_yaml",
    "name_key",
    "not_states",
    "org_cues",
    "roles",
    "seats",
    "sectors",
]


def load_yaml(name: str) -> Any:
    """Return the parsed YAML file ``knowledge/data/<name>``."""
    return load_data_yaml(name)


# ----------------------------------------------------------------- states


@dataclass(frozen=True)
class CountryTable:
    """Names, adjectives, people nouns, acronyms and capitals of states.

    ``forms`` maps a form as written to ``(alpha-3, form kind)`` where the kind
    is one of ``name``, ``adj``, ``people``, ``acr``, ``capital``.
    """

    short_names: dict[str, str]
    adjectives: dict[str, str]
    forms: dict[str, tuple[str, str]]
    iso_codes: frozenset[str]  # ISO 3166-1 alpha-3, and the states countries.yaml adds (Kosovo, XKX)

    def code_of_name(self, text: str) -> str | None:
        """Return the alpha-3 code a state form stands for, or None."""
        hit = self.forms.get(text)
        return hit[0] if hit else None

    def name(self, code: str) -> str:
        """Return the short English name of a state (its code if unknown)."""
        return self.short_names.get(code, code)

    def adjective(self, code: str) -> str:
        """Return the state's adjective ("Chinese"), else its short name."""
        return self.adjectives.get(code) or self.name(code)

    def is_state(self, code: str | None) -> bool:
        """Tell whether ``code`` is an ISO 3166-1 alpha-3 code."""
        return code is not None and code in self.iso_codes


def _plural(adj: str) -> str | None:
    """Return the regular plural noun of a demonym ("Russian" -> "Russians")."""
    if adj.endswith(("an", "i")) and " " not in adj:
        return adj + "s"
    return None


def _pycountry_names() -> tuple[dict[str, list[str]], frozenset[str]]:
    """Return plain pycountry names per alpha-3 code, and the set of all codes."""
    import pycountry  # loaded once, off the per-article path

    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        forms = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        names[country.alpha_3] = [f for f in forms if f and "," not in f and "(" not in f]
    return names, frozenset(names)


@functools.cache
def countries() -> CountryTable:
    """Load the state table (countries.yaml + pycountry)."""
    table: dict[str, dict[str, list[str]]] = load_yaml("countries.yaml")
    iso_names, iso_codes = _pycountry_names()
    forms: dict[str, tuple[str, str]] = {}
    short: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    for code, entry in table.items():
        names = list(entry.get("names") or [])
        short[code] = names[0] if names else (iso_names.get(code) or [code])[0]
        adjs = list(entry.get("adj") or [])
        if adjs:
            adjectives[code] = adjs[0]
        regional = list(entry.get("regional") or [])  # peoples of regions inside the state: adjectives too
        people = list(entry.get("people") or []) + [p for p in map(_plural, adjs + regional) if p]
        for kind, values in (("capital", entry.get("capitals") or []), ("people", people),
                             ("adj", adjs + regional), ("acr", entry.get("acr") or []), ("name", names)):
            for value in values:
                forms[value] = (code, kind)
    for code, names in iso_names.items():  # ISO names never shadow the table's own forms
        short.setdefault(code, names[0] if names else code)
        for value in names:
            forms.setdefault(value, (code, "name"))
    return CountryTable(short, adjectives, forms, iso_codes | (table.keys() - iso_names.keys()))


@functools.cache
def not_states() -> frozenset[str]:
    """Load phrases that contain a state form but do not refer to a state."""
    return frozenset(load_yaml("not_states.yaml"))


# ------------------------------------------------------------------- IGOs


@dataclass(frozen=True)
class IgoEntry:
    """One intergovernmental organisation or group of states."""

    code: str
    name: str
    acronym: str
    aliases: tuple[str, ...]
    descriptors: tuple[str, ...]
    members: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # aliases that are also places ("Brussels")


@dataclass(frozen=True)
class IgoTable:
    """IGOs by key (acronym) and by scored code, and descriptors -> keys."""

    by_key: dict[str, IgoEntry]
    by_code: dict[str, IgoEntry]
    descriptors: dict[str, tuple[str, ...]]


@functools.cache
def igos() -> IgoTable:
    """Load igos.yaml."""
    by_key: dict[str, IgoEntry] = {}
    by_code: dict[str, IgoEntry] = {}
    descriptors: dict[str, list[str]] = {}
    for raw in load_yaml("igos.yaml"):
        entry = IgoEntry(
            code=raw["code"], name=raw["name"], acronym=raw.get("acronym", raw["code"]),
            aliases=tuple(raw.get("aliases") or ()), descriptors=tuple(raw.get("descriptors") or ()),
            members=tuple(raw.get("members") or ()), places=tuple(raw.get("places") or ()),
        )
        by_key[entry.acronym] = entry
        by_code.setdefault(entry.code, entry)
        for desc in entry.descriptors:
            descriptors.setdefault(desc, []).append(entry.acronym)
    return IgoTable(by_key, by_code, {k: tuple(v) for k, v in descriptors.items()})


# ------------------------------------------------------- seats and orgs


@dataclass(frozen=True)
class OrgEntry:
    """A seat of power or a well-known organisation."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str
    sectors: tuple[str, ...]
    seat: bool = False
    #: the generic code an organisation with no state counts as in events ("NGO", "IMG"), else None
    code: str | None = None


def _org_entries(name: str, *, seat: bool) -> dict[str, OrgEntry]:
    entries: dict[str, OrgEntry] = {}
    for raw in load_yaml(name):
        sector = raw.get("sector") or "GOV"
        entries[raw["name"]] = OrgEntry(
            name=raw["name"], aliases=tuple(raw.get("aliases") or ()), country=raw.get("country"),
            sector=sector, sectors=tuple(raw.get("sectors") or (sector,)), seat=seat, code=raw.get("code"),
        )
    return entries


@functools.cache
def seats() -> dict[str, OrgEntry]:
    """Load seats.yaml: seats of power by canonical name."""
    return _org_entries("seats.yaml", seat=True)


_USER_ORGS: list[OrgEntry] = []


@functools.cache
def known_orgs() -> dict[str, OrgEntry]:
    """Load orgs.yaml: well-known organisations by canonical name, with the user's (which win)."""
    entries = _org_entries("orgs.yaml", seat=False)
    entries.update((org.name, org) for org in _USER_ORGS)
    return entries


def install_user_orgs(orgs: list[OrgEntry]) -> None:
    """Make ``orgs`` the user's organisations of :func:`known_orgs` (callers rebuild the gazetteer)."""
    _USER_ORGS[:] = orgs
    known_orgs.cache_clear()


@dataclass(frozen=True)
class OrgCues:
    """Nouns and name endings that make a name an organisation's, with the sector they give (None: by cues)."""

    nouns: dict[str, str | None]
    heads: dict[str, str | None]
    #: nouns as token sequences ("news agency") by their last token, longest first
    by_last: dict[str, tuple[tuple[tuple[str, ...], str | None], ...]]

    def noun_before(self, words: list[str], end: int) -> tuple[int, str | None] | None:
        """Return ``(start, sector)`` of an organisation noun ending right before ``words[end]``, else None."""
        if end < 1:
            return None
        for seq, sector in self.by_last.get(words[end - 1], ()):
            start = end - len(seq)
            if start >= 0 and tuple(words[start:end]) == seq:
                return start, sector
        return None


@functools.cache
def org_cues() -> OrgCues:
    """Load org_cues.yaml."""
    raw = load_yaml("org_cues.yaml")
    nouns: dict[str, str | None] = dict(raw["nouns"])
    by_last: dict[str, list[tuple[tuple[str, ...], str | None]]] = {}
    for noun, sector in nouns.items():
        seq = tuple(_split_words(noun))
        by_last.setdefault(seq[-1], []).append((seq, sector))
    ordered = {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in by_last.items()}
    return OrgCues(nouns, dict(raw["name_heads"]), ordered)


# ------------------------------------------------------------- name keys


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Return a person-name lookup key: no accents, lower case, single spaces (cached: names recur)."""
    return " ".join(ascii_letters(text).replace("-", " ").lower().split())


# ------------------------------------------------------------------ roles


@dataclass(frozen=True)
class RoleHead:
    """A role head noun phrase ("foreign minister" ends in the head "minister")."""

    words: tuple[str, ...]
    sector: str
    sectors: tuple[str, ...]
    gender: str | None = None
    country: str | None = None
    honorific: bool = False
    role: str | None = None  # the role an abbreviation stands for ("Rep." -> Representative)
    igo: str | None = None  # the IGO a title without a state usually serves ("Commissioner": EU)
    plural: bool = False  # matched in the plural ("reporters"); roles are given in the singular


@dataclass(frozen=True)
class RoleTable:
    """Role heads by first word (longest first), honorifics and title modifiers."""

    heads: dict[str, tuple[RoleHead, ...]]
    honorifics: dict[str, str | None]
    modifiers: frozenset[str]

    def head_at(self, words: list[str], i: int) -> RoleHead | None:
        """Return the longest role head starting at ``words[i]`` (lower-case words)."""
        for head in self.heads.get(words[i], ()):
            n = len(head.words)
            if tuple(words[i : i + n]) == head.words:
                return head
        return None


@functools.cache
def roles() -> RoleTable:
    """Load roles.yaml."""
    raw = load_yaml("roles.yaml")
    heads: dict[str, list[RoleHead]] = {}
    for phrase, info in raw["heads"].items():
        sector = info.get("sector", "GOV")
        head = RoleHead(
            words=tuple(_split_words(phrase)), sector=sector, sectors=tuple(info.get("sectors") or (sector,)),
            gender=info.get("gender"), country=info.get("country"), honorific=bool(info.get("honorific")),
            role=info.get("role"), igo=info.get("igo"),
        )
        heads.setdefault(head.words[0], []).append(head)
        plural = _plural_words(head.words)
        if plural and not head.honorific:
            heads.setdefault(plural[0], []).append(dataclasses.replace(head, words=plural, plural=True))
    ordered = {k: tuple(sorted(v, key=lambda h: -len(h.words))) for k, v in heads.items()}
    return RoleTable(ordered, dict(raw.get("honorifics") or {}), frozenset(raw.get("modifiers") or ()))


def _plural_words(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """Return the plural of a role phrase ("foreign minister" -> "foreign ministers")."""
    last = words[-1]
    if not last.isalpha() or last.endswith("s"):
        return None
    if last.endswith("man"):
        plural = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return (*words[:-1], plural)


def _split_words(phrase: str) -> list[str]:
    """Split a table phrase into the lower-case words spaCy's tokenizer gives."""
    from communique.knowledge.tokens import tokenize

    return [w.lower() for w in tokenize(phrase[:1].upper() + phrase[1:])]


# ---------------------------------------------------------------- sectors


@dataclass(frozen=True)
class SectorCue:
    """Words whose presence in a description decides its sector."""

    words: tuple[tuple[str, ...], ...]
    sector: str


@dataclass(frozen=True)
class GroupNoun:
    """A collective noun ("riot police") that forms a group actor with a state."""

    words: tuple[str, ...]
    kind: str
    sector: str
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class BodyTables:
    """Sector cues, group nouns, body heads and ministry topics."""

    cues: tuple[SectorCue, ...]
    groups: dict[str, tuple[GroupNoun, ...]]
    bodies: dict[str, str]
    ministry_topics: dict[str, str] = field(default_factory=dict)
    cue_index: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = field(default_factory=dict)

    def sector_of(self, words: list[str], default: str | None = None) -> tuple[str | None, list[str]]:
        """Return ``(primary sector, all sectors)`` for lower-case description words.

        The first cue (in table order) found among the words is primary; the
        others and ``default`` (the role's own sector) follow.
        """
        hits: set[int] = set()
        for i, word in enumerate(words):
            for seq, rank in self.cue_index.get(word, ()):
                if tuple(words[i : i + len(seq)]) == seq:
                    hits.add(rank)
        found: list[str] = []
        for rank in sorted(hits):
            if self.cues[rank].sector not in found:
                found.append(self.cues[rank].sector)
        if default and default not in found:
            found.append(default)
        return (found[0] if found else None), found

    def group_at(self, words: list[str], i: int) -> GroupNoun | None:
        """Return the longest group noun starting at ``words[i]``."""
        for group in self.groups.get(words[i], ()):
            n = len(group.words)
            if tuple(words[i : i + n]) == group.words:
                return group
        return None


@functools.cache
def sectors() -> BodyTables:
    """Load sectors.yaml."""
    raw = load_yaml("sectors.yaml")
    cues = tuple(
        SectorCue(tuple(tuple(_split_words(w)) for w in item["words"]), item["sector"]) for item in raw["cues"]
    )
    groups: dict[str, list[GroupNoun]] = {}
    for phrase, info in raw["groups"].items():
        words = tuple(_split_words(phrase))
        sector = info["sector"]
        groups.setdefault(words[0], []).append(
            GroupNoun(words, info["kind"], sector, tuple(info.get("sectors") or (sector,)))
        )
    topics = {form: canon for canon, forms in raw["ministry_topics"].items() for form in forms}
    bodies = {phrase: info["sector"] for phrase, info in raw["bodies"].items()}
    ordered = {k: tuple(sorted(v, key=lambda g: -len(g.words))) for k, v in groups.items()}
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for rank, cue in enumerate(cues):
        for seq in cue.words:
            index.setdefault(seq[0], []).append((seq, rank))
    return BodyTables(cues, ordered, bodies, topics, {k: tuple(v) for k, v in index.items()})
