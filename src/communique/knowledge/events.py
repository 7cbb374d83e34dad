"""Loader for the event tables: PLOVER types, CAMEO roots and the trigger lexicon.

Each table is read once per process (``functools.cache``) and looked up in dicts:

- ``plover_types()`` -> {type: PloverType} (quad, score, modes, CAMEO root)
- ``cameo_roots()`` -> {root: CameoRoot} (Goldstein value, GDELT quad class)
- ``lexicon()`` -> Lexicon (triggers by (pos, lemma), mode keyword tables)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from communique.config import data_path, load_data_yaml
from communique.errors import ConfigError

__all__ = [
    "CameoRoot",
    "Frame",
    "Frames",
    "Lexicon",
    "PloverType",
    "Trigger",
    "cameo_root",
    "cameo_roots",
    "frames",
    "goldstein",
    "lexicon",
    "plover_types",
    "score",
]

POS_KINDS = ("verb", "noun", "adj")


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type with its scores and CAMEO root."""

    name: str
    quad: str
    score: float
    cameo_root: str
    symmetric: bool
    modes: dict[str, float] = field(default_factory=dict)
    mode_cameo_roots: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CameoRoot:
    """A CAMEO root code with its Goldstein value and GDELT quad class."""

    code: str
    name: str
    goldstein: float
    quad: int


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a word (or two-word phrase) that starts an event.

    ``second`` is the particle/object (verb phrases) or modifier (noun
    phrases) that must accompany the head word. ``obj``/``subj``/``mod``/
    ``dep`` are conditions on the object, subject, modifiers or the children's
    dependency labels; ``comp`` lists lemmas one of the clauses it governs
    (or its object's clause) must have ("ordered the envoy *to leave*"); ``of`` lists
    the nouns whose "of" phrase the word must be ("prisoners *of war*", empty: any noun);
    ``none`` marks a blocking entry (the word is no event).
    """

    type: str
    mode: str | None
    lemma: str
    pos: str
    rule: str
    second: str | None = None
    obj: frozenset[str] | None = None
    subj: frozenset[str] | None = None
    mod: frozenset[str] | None = None
    dep: frozenset[str] | None = None
    head: frozenset[str] | None = None
    comp: frozenset[str] | None = None
    of: frozenset[str] | None = None
    none: bool = False

    @property
    def specificity(self) -> int:
        """How many conditions the entry sets (more specific entries are tried first)."""
        return sum(v is not None for v in (self.obj, self.subj, self.mod, self.dep, self.head, self.comp, self.of))


@dataclass(frozen=True)
class Lexicon:
    """The trigger lexicon, keyed by (pos, head lemma), most specific entries first."""

    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    assault_modes: dict[str, tuple[str, ...]]
    ask_modes: dict[str, tuple[str, ...]]
    threat_modes: dict[str, tuple[str, ...]]
    contexts: dict[str, tuple[str, ...]]

    def lookup(self, pos: str, lemma: str) -> tuple[Trigger, ...]:
        """Return the entries for a head word, conditional and phrasal ones first."""
        return self.triggers.get((pos, lemma), ())


@dataclass(frozen=True)
class Frame:
    """Where one PLOVER type's participants are (``frames.yaml``)."""

    type: str
    source: str
    actor_preps: frozenset[str]
    recipient_preps: frozenset[str]
    joint_acts: frozenset[str] = frozenset()
    alone: bool = False  # complete with its actor alone (no recipient expected)


@dataclass(frozen=True)
class Frames:
    """The argument frames of all types and the verbs that receive a nominal event."""

    by_type: dict[str, Frame]
    receiver_verbs: frozenset[str]
    state_agents: frozenset[str] = frozenset()
    crowds: frozenset[str] = frozenset()
    unnamed_attackers: frozenset[str] = frozenset()
    light_nouns: frozenset[str] = frozenset()
    proposal_nouns: frozenset[str] = frozenset()
    prison_words: frozenset[str] = frozenset()

    def of(self, event_type: str) -> Frame:
        """The frame of a type (every PLOVER type has one)."""
        return self.by_type[event_type]


def _load_yaml(name: str) -> dict[str, Any]:
    """Read one YAML file from ``knowledge/data``."""
    data: dict[str, Any] = load_data_yaml(name)
    return data


@functools.cache
def plover_types() -> dict[str, PloverType]:
    """Return the 16 PLOVER types from ``plover.yaml``."""
    data = _load_yaml("plover.yaml")["types"]
    return {
        name: PloverType(
            name=name,
            quad=entry["quad"],
            score=float(entry["score"]),
            cameo_root=str(entry["cameo_root"]),
            symmetric=bool(entry["symmetric"]),
            modes={k: float(v) for k, v in (entry.get("modes") or {}).items()},
            mode_cameo_roots={k: str(v) for k, v in (entry.get("mode_cameo_roots") or {}).items()},
        )
        for name, entry in data.items()
    }


@functools.cache
def cameo_roots() -> dict[str, CameoRoot]:
    """Return the CAMEO roots from ``cameo.yaml``."""
    data = _load_yaml("cameo.yaml")["roots"]
    return {
        str(code): CameoRoot(code=str(code), name=e["name"], goldstein=float(e["goldstein"]), quad=int(e["quad"]))
        for code, e in data.items()
    }


def cameo_root(event_type: str, mode: str | None) -> str | None:
    """Return the CAMEO root of a PLOVER type and mode (a mode may have its own root)."""
    info = plover_types().get(event_type)
    if info is None:
        return None
    return info.mode_cameo_roots.get(mode or "", info.cameo_root)


def score(event_type: str, mode: str | None) -> float | None:
    """Return the PLOVER score of a type and mode (the type's score when the mode has none)."""
    info = plover_types().get(event_type)
    if info is None:
        return None
    return info.modes.get(mode or "", info.score)


def goldstein(root: str | None) -> float | None:
    """Return the Goldstein value of a CAMEO root, or None."""
    entry = cameo_roots().get(root or "")
    return entry.goldstein if entry else None


@functools.cache
def frames() -> Frames:
    """Return the argument frames from ``frames.yaml``, one per PLOVER type."""
    data = _load_yaml("frames.yaml")
    default_actor = _words(data["default_actor_preps"], "default_actor_preps")
    default_recipient = _words(data["default_recipient_preps"], "default_recipient_preps")
    by_type: dict[str, Frame] = {}
    for name, entry in data["types"].items():
        entry = entry or {}
        by_type[name] = Frame(
            type=name,
            source=str(entry["source"]),
            actor_preps=_words(entry["actor_preps"], f"{name}.actor_preps") if "actor_preps" in entry else default_actor,
            recipient_preps=(_words(entry["recipient_preps"], f"{name}.recipient_preps")
                             if "recipient_preps" in entry else default_recipient),
            joint_acts=_words(entry.get("joint_acts") or [], f"{name}.joint_acts"),
            alone=bool(entry.get("alone", False)),
        )
    return Frames(by_type=by_type, receiver_verbs=_words(data["receiver_verbs"], "receiver_verbs"),
                  state_agents=_words(data.get("state_agents") or [], "state_agents"),
                  crowds=_words(data.get("crowds") or [], "crowds"),
                  unnamed_attackers=_words(data.get("unnamed_attackers") or [], "unnamed_attackers"),
                  light_nouns=_words(data.get("light_nouns") or [], "light_nouns"),
                  proposal_nouns=_words(data.get("proposal_nouns") or [], "proposal_nouns"),
                  prison_words=_words(data.get("prison_words") or [], "prison_words"))


def _words(values: list[Any], where: str) -> frozenset[str]:
    """A list of words from a data file; YAML reads bare on/no/yes as booleans, so those must be quoted."""
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"frames.yaml {where}: {value!r} is not a word (quote on/off/yes/no)")
    return frozenset(values)


def _opt_set(values: Any) -> frozenset[str] | None:
    return None if values is None else frozenset(str(v) for v in values)


def _cond_trigger(type_name: str, entry: dict[str, Any]) -> Trigger:
    """Build a conditional entry (``cond:`` list) of one type."""
    lemma = str(entry["lemma"])
    return Trigger(
        type=str(entry.get("type", type_name)),
        mode=str(entry.get("mode") or "") or None,
        lemma=lemma,
        pos=str(entry["pos"]),
        rule=f"{type_name.lower()}.cond.{entry['pos']}.{lemma}",
        obj=_opt_set(entry.get("obj")),
        subj=_opt_set(entry.get("subj")),
        mod=_opt_set(entry.get("mod")),
        dep=_opt_set(entry.get("dep")),
        head=_opt_set(entry.get("head")),
        comp=_opt_set(entry.get("comp")),
        of=_opt_set(entry.get("of")),
        none=bool(entry.get("none", False)),
    )


def _type_triggers(type_name: str, spec: dict[str, Any]) -> list[tuple[int, Trigger]]:
    """Return (priority, trigger) pairs of one type; lower priority is tried first."""
    out: list[tuple[int, Trigger]] = [(0, _cond_trigger(type_name, e)) for e in spec.get("cond") or []]
    for kind, pos, head_last in (("verb_phrase", "verb", False), ("noun_phrase", "noun", True)):
        for phrase, mode in (spec.get(kind) or {}).items():
            words = str(phrase).split()
            head, second = (words[-1], words[0]) if head_last else (words[0], words[-1])
            rule = f"{type_name.lower()}.{kind}.{'_'.join(words)}"
            out.append((1, Trigger(type_name, str(mode) or None, head, pos, rule, second=second)))
    for pos in POS_KINDS:
        for lemma, mode in (spec.get(pos) or {}).items():
            rule = f"{type_name.lower()}.{pos}.{lemma}"
            out.append((2, Trigger(type_name, str(mode) or None, str(lemma), pos, rule)))
    return out


def _wordnet_triggers() -> list[tuple[int, Trigger]]:
    """The triggers derived from WordNet (``wordnet_triggers.tsv``), tried after every hand-written entry."""
    out: list[tuple[int, Trigger]] = []
    path = data_path("wordnet_triggers.tsv")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 7:
            raise ConfigError(f"{path.name} line {number}: {len(fields)} fields, expected 7")
        pos, word, type_name, mode, seed, synset, _relation = fields
        rule = f"{type_name.lower()}.wordnet.{word}.{seed}.{synset}"
        out.append((3, Trigger(type_name, mode or None, word, pos, rule)))
    return out


@functools.cache
def lexicon(*, derived: bool = True) -> Lexicon:
    """Return the trigger lexicon from ``triggers.yaml`` and (``derived``) the WordNet-derived triggers."""
    data = _load_yaml("triggers.yaml")
    pairs: list[tuple[int, Trigger]] = []
    for type_name, spec in data["types"].items():
        if not (spec or {}).get("source"):
            raise ConfigError(f"triggers.yaml {type_name}: no source (the PLOVER definition the entries implement)")
        pairs.extend(_type_triggers(type_name, spec))
    hand = {(t.pos, t.lemma) for _, t in pairs}
    if derived:
        pairs.extend(p for p in _wordnet_triggers() if (p[1].pos, p[1].lemma) not in hand)
    pairs.sort(key=lambda p: (p[0], -p[1].specificity))
    table: dict[tuple[str, str], list[Trigger]] = {}
    for _prio, trig in pairs:
        table.setdefault((trig.pos, trig.lemma), []).append(trig)

    def words(key: str) -> dict[str, tuple[str, ...]]:
        return {str(k): tuple(str(w) for w in v) for k, v in (data.get(key) or {}).items()}

    return Lexicon(
        triggers={k: tuple(v) for k, v in table.items()},
        assault_modes=words("assault_modes"),
        ask_modes=words("ask_modes"),
        threat_modes=words("threat_modes"),
        contexts=words("contexts"),
    )
