"""Event context: the date, status and source of an event, read off its trigger's clause.

Build a resolver once per parsed article, then ask it about each event trigger::

    resolver = build_context(doc, article=article, actors=actors, quotes=quotes)
    ctx = resolver.resolve(trigger.i, event_type="CONSULT", actor_codes=("USA",))
    # EventContext(date='2024-07-11', date_text='on Thursday', status='occurred',
    #              asserted_by='Jens Stoltenberg', negated=False, historical=False,
    #              date_source='own')

Rules (FORMAT.md "status" and "date"):

- status, from the dependency path between the trigger and the cue that governs
  it: planned (will, shall, plans to, is due to, agreed to meet, pledged aid,
  would in reported speech), hypothetical (if-clauses, could/might/may, the act
  threatened or requested), alleged (accused of, allegedly, claimed that; a
  hostile act reported only by the other side), denied (denied that, rejected
  claims that, "..., which X denied"); otherwise occurred. A negated act is
  flagged ``negated``. A threat, promise or refusal (``performative_types``)
  occurred when it was made.
- date, from the first of: a time expression in the trigger's own clause; an
  offset to another clause ("two days after"); one in a governing clause of the
  same tense; one elsewhere in the sentence; a day named in an earlier sentence
  of the same paragraph (past acts); the article date (past acts) or the article
  year (planned and hypothetical acts).
- asserted_by: the speaker of the quote holding the trigger, the subject of the
  verb of saying or accusing that governs it, or X in "according to X".
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from communique.config import load_data_yaml
from communique.extract.dates import (
    TimeMatch,
    date_bounds,
    find_time_expressions,
    resolve_match,
    shift_date,
)
from communique.extract.spans import FirstContaining
from communique.knowledge.actor_tables import igos
from communique.nlp import doc_lemmas, doc_text, token_table
from communique.records import Actor, ActorSet, Article, Mention, Quote, Status

__all__ = ["ContextResolver", "EventContext", "build_context", "merge_contexts"]

#: How a date was found, best first (``merge_contexts`` keeps the best).
DATE_SOURCES = ("own", "relation", "clause", "sentence", "paragraph", "default")
#: A hostile act alleged by one side and denied by the other within this many
#: following sentences is "denied" (the denial usually follows the claim).
DENIAL_WINDOW = 2
#: A date this many days before the article date is historical background.
HISTORICAL_DAYS = 31

_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp"})
_VERBAL = frozenset({"VERB", "AUX"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
# prepositions whose object is an act before the clause ("pledged aid after a meeting")
_PAST_PREPS = frozenset({"after", "following", "since"})
_NOMINAL = frozenset({"NOUN", "PROPN", "NUM", "PRON", "X", "SYM"})
_LONGEST_MENTION = 200  # characters: how far before a span an overlapping mention can start
# words that point a time expression forward or back ("next week", "last week")
_FORWARD = re.compile(r"\b(?:next|coming|tomorrow|upcoming|following|later (?:this|in))\b", re.IGNORECASE)
_BACKWARD = re.compile(r"\b(?:last|ago|yesterday|previous|past|earlier (?:this|in))\b", re.IGNORECASE)


@dataclass(frozen=True)
class EventContext:
    """What the text says about when an event happened, whether, and who says so."""

    date: str | None = None
    date_text: str | None = None
    status: Status = "occurred"
    asserted_by: str | None = None
    negated: bool = False
    historical: bool = False
    date_source: str = "default"


# ---------------------------------------------------------------- cue tables


@dataclass(frozen=True)
class _Cues:
    """The word lists of ``status_cues.yaml`` as frozensets."""

    lists: dict[str, frozenset[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name, words in self.lists.items():  # plain attributes: read in inner loops
            object.__setattr__(self, name, words)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.lists[name]
        except KeyError:
            raise AttributeError(name) from None


@functools.cache
def _cues() -> _Cues:
    """Load ``status_cues.yaml`` once."""
    raw: dict[str, list[str]] = load_data_yaml("status_cues.yaml")
    return _Cues({key: frozenset(str(v).lower() for v in values) for key, values in raw.items()})


# ---------------------------------------------------------------- records used inside


@dataclass(frozen=True)
class _Time:
    """A time expression located in the parse."""

    match: TimeMatch
    start_i: int
    end_i: int  # exclusive
    attach_i: int  # the token it modifies
    clause_i: int  # clause head of that token
    sent_start: int


@dataclass
class _Analysis:
    """What the path from a trigger up to its governing cue says."""

    cue: str | None = None  # planned | hypothetical | request | alleged | denied | negated
    cue_head: Token | None = None
    future: bool = False
    would: bool = False
    modal: bool = False
    cond: bool = False
    neg: bool = False
    allege_adv: bool = False
    reported: Token | None = None  # the verb of saying
    modal_top: Token | None = None  # highest clause head carrying the modality
    past_ref: bool = False  # a nominal trigger after "after"/"following": an earlier act


# ---------------------------------------------------------------- helpers on tokens


def _is_verbal(tok: Token) -> bool:
    return tok.pos_ in _VERBAL or (tok.dep_ in _CLAUSAL and tok.pos_ not in _NOMINAL) or tok.dep_ == "ROOT"


def _clause_head(tok: Token) -> Token:
    """Return the head of the clause ``tok`` belongs to."""
    while tok.head != tok:
        if tok.dep_ in _CLAUSAL and tok.pos_ not in _NOMINAL:
            return tok
        if tok.dep_ == "conj" and tok.pos_ in _VERBAL:
            return tok
        tok = tok.head
    return tok


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _subject(verb: Token) -> Token | None:
    """Return the subject of ``verb``, borrowing it from the first conjunct when missing."""
    node = verb
    for _ in range(4):
        subj = _children(node, "nsubj", "nsubjpass", "csubj")
        if subj:
            return subj[0]
        if node.dep_ not in ("conj", "xcomp") or node.head == node:
            return None
        node = node.head
    return None


def _codes(actor: Actor) -> set[str]:
    """Return the state or IGO codes an actor stands for."""
    if actor.kind in ("state", "igo"):
        return {actor.code} if actor.code else set()
    return {c for c in (actor.country, actor.org) if c}


# ---------------------------------------------------------------- the resolver


def build_context(doc: Doc, *, article: Article, actors: ActorSet, quotes: Sequence[Quote]) -> ContextResolver:
    """Precompute time expressions, clauses and speakers of ``doc``; return the resolver.

    Args:
        doc: the parsed article body.
        article: the article (its ``date`` anchors relative dates).
        actors: the actor stage's output (speakers resolve through its mentions).
        quotes: the quote stage's output (a trigger inside a quote is asserted by its speaker).
    """
    return ContextResolver(doc, article=article, actors=actors, quotes=quotes)


class ContextResolver:
    """Answers ``resolve(trigger_i)`` for the triggers of one article."""

    def __init__(self, doc: Doc, *, article: Article, actors: ActorSet, quotes: Sequence[Quote]) -> None:
        self._doc = doc
        self._text = doc_text(doc)
        self._cues = _cues()
        self._base = _parse_base(article.date)
        self._actors = actors
        self._mentions = sorted(actors.mentions, key=lambda m: (m.start, m.end))
        self._mention_starts = [m.start for m in self._mentions]
        self._quotes = sorted(quotes, key=lambda q: q.start)
        self._quote_index = FirstContaining([(q.start, q.end) for q in self._quotes])
        self._sent_starts = token_table(doc).sentence_starts
        self._lemmas = doc_lemmas(doc)
        self._accordings = _according_words(doc, self._lemmas)
        self._times = self._locate_times()
        self._time_at = {i: t for t in self._times for i in range(t.start_i, t.end_i)}
        self._by_clause: dict[int, list[_Time]] = {}
        self._by_sent: dict[int, list[_Time]] = {}
        for t in self._times:
            self._by_clause.setdefault(t.clause_i, []).append(t)
            self._by_sent.setdefault(t.sent_start, []).append(t)
        self._breaks = [m.start() for m in re.finditer(r"\n", self._text)]
        self._denials = self._locate_denials()
        self._memo: dict[tuple[int, str | None, tuple[str, ...]], EventContext] = {}
        self._future_memo: dict[int, bool] = {}
        self._analysis_memo: dict[int, _Analysis] = {}
        self._children_memo: dict[int, list[tuple[Token, str]]] = {}
        self._time_memo: dict[tuple[TimeMatch, bool, str | None], str | None] = {}

    # ------------------------------------------------------------ setup

    def _locate_times(self) -> list[_Time]:
        """Find time expressions in the text and tie each to the token it modifies."""
        found: list[_Time] = []
        for match in find_time_expressions(self._text):
            span = self._doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            attach = _attachment(span)
            sent_start = self._sent_start(span.start)
            found.append(_Time(match, span.start, span.end, attach.i, _clause_head(attach).i, sent_start))
        return found

    def _locate_denials(self) -> list[tuple[int, set[str]]]:
        """Return (sentence number, codes of the denier) for each verb of denial."""
        found: list[tuple[int, set[str]]] = []
        deny_heads = self._cues.deny_heads
        for i, lemma in enumerate(self._lemmas):
            if lemma not in deny_heads or self._doc[i].pos != VERB:
                continue
            subj = _subject(self._doc[i])
            if subj is not None:
                codes = self._name_of(subj)[1]
                if codes:
                    found.append((self._sent_no(self._doc[i]), codes))
        return found

    def _lemma(self, tok: Token) -> str:
        return self._lemmas[tok.i]

    def _labelled_children(self, tok: Token) -> list[tuple[Token, str]]:
        """Return (child, dependency label) for the children of ``tok``, in order.

        ``Token.children`` rescans the token's whole subtree on each call: take it once per token.
        """
        kids = self._children_memo.get(tok.i)
        if kids is None:
            table, doc = token_table(self._doc), self._doc
            deps = table.deps
            kids = self._children_memo[tok.i] = [(doc[j], deps[j]) for j in table.children(tok.i)]
        return kids

    def _children(self, tok: Token, *deps: str) -> list[Token]:
        """Return the children of ``tok`` with one of the labels ``deps``."""
        return [child for child, dep in self._labelled_children(tok) if dep in deps]

    def _sent_no(self, tok: Token) -> int:
        return bisect.bisect_right(self._sent_starts, tok.i) - 1

    def _sent_start(self, i: int) -> int:
        """Return the index of the first token of the sentence holding token ``i``."""
        return self._sent_starts[bisect.bisect_right(self._sent_starts, i) - 1]

    def _sent_end(self, i: int) -> int:
        """Return the index after the last token of the sentence holding token ``i``."""
        number = bisect.bisect_right(self._sent_starts, i)
        return self._sent_starts[number] if number < len(self._sent_starts) else len(self._doc)

    def _denied_nearby(self, trig: Token, actor_codes: set[str]) -> bool:
        """True when the actor's side denies something in this or the next two sentences."""
        here = self._sent_no(trig)
        return any(here <= sent <= here + DENIAL_WINDOW and codes & actor_codes for sent, codes in self._denials)

    def _para(self, tok: Token) -> int:
        """Return the paragraph number of a token (paragraphs end at line breaks)."""
        return bisect.bisect_right(self._breaks, tok.idx)

    # ------------------------------------------------------------ public

    def resolve(
        self, trigger_i: int, *, event_type: str | None = None, actor_codes: Iterable[str] = ()
    ) -> EventContext:
        """Return the context of the event whose trigger is token ``trigger_i``.

        Args:
            trigger_i: index in the Doc of the event's trigger token (verb or noun).
            event_type: the PLOVER type, when known: a threat, promise or refusal
                occurred when made; a hostile act reported only by the other side is alleged.
            actor_codes: the event's actor codes, when known (for that last rule).
        """
        key = (trigger_i, event_type, tuple(sorted(actor_codes)))
        if key not in self._memo:
            self._memo[key] = self._resolve(self._doc[trigger_i], event_type, set(key[2]))
        return self._memo[key]

    # ------------------------------------------------------------ the three answers

    def _resolve(self, trig: Token, event_type: str | None, actor_codes: set[str]) -> EventContext:
        kind = (event_type or "").lower()
        analysis = self._analyse(trig)
        speaker, speaker_codes = self._speaker(trig, analysis)
        status, negated = self._status(trig, analysis, kind)
        if kind in self._cues.contested_types and not negated:
            status = self._contested(trig, analysis, status, speaker_codes, actor_codes)
        start = trig
        if kind in self._cues.performative_types and _modal(analysis) and analysis.modal_top is not None:
            top = analysis.modal_top  # date a promise or threat by the clause that makes it
            start = top.head if top.head != top else trig
        future = status in ("planned", "hypothetical")
        date, text, source = self._date(trig, start, future=future)
        historical = self._historical(date, source)
        return EventContext(date, text, status, speaker, negated, historical, source)

    # ------------------------------------------------------------ status

    def _analyse(self, trig: Token) -> _Analysis:
        """Walk from the trigger up to the cue that governs it, collecting markers (once per token; read-only)."""
        found = self._analysis_memo.get(trig.i)
        if found is None:
            found = self._analysis_memo[trig.i] = self._walk(trig)
        return found

    def _walk(self, trig: Token) -> _Analysis:
        """``_analyse``, uncached."""
        a = _Analysis()
        node: Token | None = trig
        if not _is_verbal(trig):
            self._noun_markers(trig, a)
            node = self._noun_climb(trig, a)
            if a.cue_head is not None and _is_verbal(a.cue_head):
                self._verb_markers(a.cue_head, a)
            if node is None or a.cue:
                self._find_reporting(a.cue_head or node or trig, a)
                return a
        assert node is not None  # a noun trigger whose climb found no verb returned above
        for _ in range(12):
            self._verb_markers(node, a)
            a.modal_top = node
            step = self._step(node, a)
            if step is None:
                break
            node = step
        if a.reported is None:
            self._find_reporting(a.cue_head or node, a)
        return a

    def _step(self, node: Token, a: _Analysis) -> Token | None:
        """Apply what links a clause head to its governor; return the governor to go on with, or None."""
        cues = self._cues
        head, dep = node.head, node.dep_
        if head == node or self._para(head) != self._para(node):
            return None
        if dep in ("xcomp", "ccomp", "csubj") or (dep == "pcomp" and head.pos_ == "ADP"):
            return self._complement_step(node, a)
        if dep == "conj" and node.pos_ in _VERBAL:
            own_aux = [c for c in self._children(node, "aux", "auxpass") if c.lower_ != "to"]
            if self._children(node, "nsubj", "nsubjpass") or own_aux:
                return None
            if node.tag_ not in _FINITE:
                return head  # "will donate boats and train police": the conjuncts share "will"
            host = _finite_host(node)
            if host is not None and host != head:
                self._verb_markers(host, a)
                a.modal_top = host
                self._find_reporting(host, a)
                return None
            return host
        if dep == "advcl":
            if {self._lemma(c) for c in self._children(node, "mark", "advmod")} & cues.conditional_marks:
                a.cond = True
                return None
            if node.tag_ == "VBD" or (node.tag_ == "VBN" and self._children(node, "aux", "auxpass")):
                return None  # a finite past clause ("after its navy arrested ...") stands on its own
            return head
        if dep in ("acl", "relcl"):
            cue = self._noun_cue(head, node)
            if cue:
                a.cue, a.cue_head = cue, head
        return None

    def _complement_step(self, node: Token, a: _Analysis) -> Token | None:
        """A complement clause: pass through light verbs, stop at a cue or a verb of saying."""
        head, dep = node.head, node.dep_
        governor = head.head if dep == "pcomp" else head
        prep = self._lemma(head) if dep == "pcomp" else None
        if governor.pos_ == "ADV" and governor.dep_ == "advmod":
            governor = governor.head  # "stopped short of"
        cue = self._cue_of(governor, dep, prep)
        if cue:
            a.cue, a.cue_head = cue, governor
            return None
        if dep == "xcomp" and self._lemma(governor) in self._cues.light_heads:
            if self._lemma(governor) == "go" and governor.tag_ == "VBG":
                a.future = True  # "is going to"
            return governor
        if dep == "ccomp" and self._lemma(governor) in self._cues.say_verbs:
            a.reported = governor
        return None

    def _cue_of(self, governor: Token, dep: str, prep: str | None) -> str | None:
        """Return the status cue a governing word gives its complement, or None."""
        cues, lemma = self._cues, self._lemma(governor)
        if lemma in cues.deny_heads:
            return "denied"
        if lemma in cues.allege_heads and (dep == "ccomp" or prep in ("of", "for", "with")):
            return "alleged"
        if lemma in cues.threat_heads:
            return "hypothetical"
        if lemma in cues.request_heads and (dep in ("xcomp", "ccomp") or prep == "for"):
            return "request"
        if lemma in cues.negating_heads and (dep == "xcomp" or prep in ("of", "from")):
            return "negated"
        if lemma in cues.plan_heads and dep in ("xcomp", "ccomp") and not self._children(governor, "prt"):
            return "planned"
        if lemma in cues.plan_nouns and prep in ("of", "for", "to"):
            return self._noun_cue(governor, None)
        if lemma == "say" and governor.tag_ == "VBN" and dep == "xcomp":
            return "alleged"  # "is said to have"
        return None

    def _noun_cue(self, noun: Token, clause: Token | None) -> str | None:
        """Return the cue a noun gives its complement ("invitation to visit", "claims that")."""
        cues, lemma = self._cues, self._lemma(noun)
        if self._children(noun, "det") and any(self._lemma(d) == "no" for d in self._children(noun, "det")):
            return "negated"
        if lemma in cues.plan_nouns:
            return "planned"
        if lemma in cues.threat_nouns:
            return "hypothetical"
        if lemma in cues.allege_nouns:
            head = noun.head
            if noun.dep_ in ("dobj", "nsubjpass") and self._lemma(head) in cues.deny_object_heads:
                return "denied"
            return "alleged" if clause is not None and clause.dep_ == "acl" else None
        return None

    def _noun_markers(self, noun: Token, a: _Analysis) -> None:
        """Markers on a nominal trigger: "no talks", "the planned visit", "talks to be held"."""
        cues = self._cues
        for child, dep in self._labelled_children(noun):
            if dep == "det" and self._lemma(child) == "no":
                a.neg = True
            elif dep in ("amod", "compound") and self._lemma(child) in cues.plan_modifiers:
                a.cue = a.cue or "planned"
                a.cue_head = noun
            elif dep in ("acl", "relcl") and self._children(child, "aux") and any(
                c.lower_ == "to" for c in self._children(child, "aux")
            ):
                if any(self._lemma(c) == "be" for c in self._children(child, "auxpass")):
                    a.cue, a.cue_head = "planned", noun

    def _noun_climb(self, noun: Token, a: _Analysis) -> Token | None:
        """Climb from a nominal trigger to its verb, applying object and noun cues on the way."""
        cur, rel, prep = noun, "dobj", None
        for _ in range(10):
            head, dep = cur.head, cur.dep_
            if head == cur:
                return cur if _is_verbal(cur) else None
            if dep == "pobj" and self._lemma(head) in _PAST_PREPS and cur == noun:
                a.past_ref = True
            if dep == "pobj":
                rel, prep, up = "pobj", self._lemma(head), head.head
                if not (_is_verbal(up) or up.pos_ == "ADJ") and prep in ("of", "for", "to"):
                    cue = self._noun_cue(up, None)
                    if cue == "negated":
                        a.neg = True
                    elif cue and self._lemma(up) not in self._cues.clause_only_plan_nouns:
                        a.cue, a.cue_head = cue, up
                        return up
                cur = up
            else:
                if dep in ("dobj", "nsubj", "nsubjpass", "attr", "oprd", "dative", "npadvmod"):
                    rel, prep = dep, None
                cur = head
            if _is_verbal(cur) or cur.pos_ == "ADJ":
                cue = self._object_cue(cur, rel, prep)
                if cue:
                    a.cue, a.cue_head = cue, cur
                return cur
        return None

    def _object_cue(self, verb: Token, dep: str, prep: str | None) -> str | None:
        """Cues on a noun's governing verb: "pledged aid", "called for talks", "accused X of an attack"."""
        cues, lemma = self._cues, self._lemma(verb)
        if dep == "dobj":
            if lemma in cues.plan_object_heads:
                return "planned"
            if lemma in cues.threat_heads:
                return "hypothetical"
            if lemma in cues.request_object_heads:
                return "request"
            if lemma in cues.deny_heads:
                return "denied"
            return None
        if prep is None:
            return None
        if lemma in cues.request_heads and prep == "for":
            return "request"
        if lemma in cues.allege_heads and prep in ("of", "for", "with"):
            return "alleged"
        if lemma in cues.threat_heads and prep in ("of", "with"):
            return "hypothetical"
        if lemma in cues.negating_heads and prep in ("of", "from"):
            return "negated"
        return None

    def _verb_markers(self, verb: Token, a: _Analysis) -> None:
        """Auxiliaries, negation, conditions and hedges on one clause head."""
        cues = self._cues
        clauses: list[Token] = []
        for child, dep in self._labelled_children(verb):
            low = child.lower_
            if dep == "advcl":
                clauses.append(child)
            elif dep in ("aux", "auxpass"):
                if low in cues.future_aux or (self._lemma(child) in ("will", "shall") and low not in ("would", "should")):
                    a.future = True
                elif low in cues.reported_future_aux:
                    a.would = True
                elif low in cues.possibility_aux:
                    a.modal = True
            elif dep == "neg" or (dep == "advmod" and low in ("never", "not")):
                a.neg = True
            elif dep == "advmod" and low in cues.allege_adverbs:
                a.allege_adv = True
        for child in clauses:
            marks = {self._lemma(m) for m in self._children(child, "mark", "advmod")} & cues.conditional_marks
            if marks - {"once"} or (marks and (a.future or a.would or a.modal)):
                a.cond = True
        if verb.dep_ == "advcl" and {self._lemma(m) for m in self._children(verb, "mark")} & (cues.conditional_marks - {"once"}):
            a.cond = True

    def _find_reporting(self, node: Token, a: _Analysis) -> None:
        """Record the verb of saying above ``node`` (for asserted_by), if any."""
        if a.reported is not None:
            return
        cues = self._cues
        for _ in range(10):
            if self._lemma(node) in cues.say_verbs and node.pos_ in _VERBAL:
                a.reported = node
                return
            if a.cue_head == node and self._lemma(node) in cues.allege_heads | cues.deny_heads:
                a.reported = node
                return
            if node.head == node or self._para(node.head) != self._para(node):
                return
            if node.dep_ in ("relcl", "acl") and node.pos_ in _VERBAL:
                return
            node = node.head

    def _status(self, trig: Token, a: _Analysis, kind: str) -> tuple[Status, bool]:
        """Combine the markers into a status and the negation flag."""
        if a.past_ref and not a.neg:
            return "occurred", False
        negated = a.neg or a.cue == "negated"
        status = "denied" if self._denied_by_relative(trig) else _marker_status(a)
        if kind in self._cues.performative_types:
            if status in ("planned", "hypothetical"):
                status = "occurred"  # a promise, offer or threat happened when it was made
            if kind == "reject":
                negated = False  # "will not accept" is the refusal itself
        if negated and status == "occurred" and (a.reported is not None or self._quote_at(trig) is not None):
            status = "denied"  # someone says it did not happen
        return status, negated

    def _denied_by_relative(self, trig: Token) -> bool:
        """True for "fired live rounds, which the ministry denied"."""
        verb = trig if _is_verbal(trig) else trig.head
        candidates = [trig, verb, *self._children(verb, "dobj", "nsubjpass", "attr")]
        for tok in candidates:
            for rel in self._children(tok, "relcl", "advcl"):
                if self._lemma(rel) not in self._cues.deny_heads:
                    continue
                if any(self._lemma(c) in ("which", "that") for c, _dep in self._labelled_children(rel)):
                    return True
        return False

    # ------------------------------------------------------------ attribution

    def _speaker(self, trig: Token, a: _Analysis) -> tuple[str | None, set[str]]:
        """Return the speaker's name (None when unresolved) and the codes of the speaker's side."""
        quote = self._quote_at(trig)
        if quote is not None and (quote.speaker or quote.speaker_mention):
            actor = self._actors.by_id(quote.speaker_id) if quote.speaker_id else None
            return quote.speaker or quote.speaker_mention, _codes(actor) if actor else set()
        according = self._according_to(trig)
        if according is not None:
            return self._name_of(according)
        if a.reported is not None:
            subj = _subject(a.reported)
            if subj is not None:
                return self._name_of(subj)
        return None, set()

    def _name_of(self, tok: Token) -> tuple[str | None, set[str]]:
        """The actor a noun phrase names (its name and codes), else the codes of actors inside it."""
        actor = self._actor_for(tok)
        if actor is not None:
            return actor.name, _codes(actor)
        return None, self._codes_in(tok)

    def _quote_at(self, trig: Token) -> Quote | None:
        """Return the quote whose span holds the trigger, if any."""
        k = self._quote_index.find(trig.idx)
        return None if k is None else self._quotes[k]

    def _according_to(self, trig: Token) -> Token | None:
        """Return X of "according to X" in the trigger's sentence."""
        first = bisect.bisect_left(self._accordings, self._sent_start(trig.i))
        last = bisect.bisect_left(self._accordings, self._sent_end(trig.i))
        for i in self._accordings[first:last]:
            for to in self._doc[i].children:
                if to.lower_ == "to":
                    objs = self._children(to, "pobj")
                    if objs:
                        return objs[0]
        return None

    def _actor_for(self, tok: Token) -> Actor | None:
        """Return the actor the noun phrase headed by ``tok`` refers to."""
        span = _phrase(tok)
        own = self._mentions_in(tok.idx, tok.idx + len(tok.text))
        found = own or self._mentions_in(span[0], span[1])
        if not found:
            return None
        best = max(found, key=lambda m: (m.kind != "pronoun" or bool(own), m.end - m.start))
        return self._actors.by_id(best.actor_id)

    def _codes_in(self, tok: Token) -> set[str]:
        """Return the codes of any actors mentioned inside the phrase of ``tok``."""
        start, end = _phrase(tok)
        codes: set[str] = set()
        for mention in self._mentions_in(start, end):
            actor = self._actors.by_id(mention.actor_id)
            if actor is not None:
                codes |= _codes(actor)
        return codes

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        """Return the actor mentions overlapping the character span [start, end)."""
        lo = bisect.bisect_left(self._mention_starts, start - _LONGEST_MENTION)
        hi = bisect.bisect_left(self._mention_starts, end)
        return [m for m in self._mentions[lo:hi] if start < m.end]

    def _contested(
        self, trig: Token, a: _Analysis, status: Status, speaker_codes: set[str], actor_codes: set[str]
    ) -> Status:
        """A hostile act reported only by the other side is alleged; denied when its actor denies it."""
        if status == "occurred" and self._is_reported(trig, a) and self._adversarial(speaker_codes, actor_codes, a):
            status = "alleged"
        if status == "alleged" and actor_codes and self._denied_nearby(trig, actor_codes):
            status = "denied"
        return status

    def _is_reported(self, trig: Token, a: _Analysis) -> bool:
        return a.reported is not None or self._quote_at(trig) is not None or self._according_to(trig) is not None

    def _adversarial(self, speaker_codes: set[str], actor_codes: set[str], a: _Analysis) -> bool:
        """True when the speaker is not on the actor's side (or is a claimant: activists, witnesses)."""
        if a.future or a.would or a.modal:
            return False
        if speaker_codes and actor_codes:
            if speaker_codes <= set(igos().by_code):  # the UN or a regional body reporting: a third party
                return False
            return not (speaker_codes & actor_codes)
        subj = _subject(a.reported) if a.reported is not None else None
        if subj is None:
            return False
        words = {self._lemma(t) for t in subj.subtree}
        return bool(words & self._cues.claimant_nouns) and not (words & self._cues.official_modifiers)

    # ------------------------------------------------------------ dates

    def _date(self, trig: Token, start: Token, *, future: bool) -> tuple[str | None, str | None, str]:
        """Return (date, date_text, source) for the trigger.

        ``start`` is the trigger, or for a promise or threat worded in the
        future the clause that makes it (its date is when it was made).
        """
        if self._base is None:
            return self._date_without_base(trig)
        clause = _clause_head(start)
        source = "own" if start == trig else "clause"
        found = (self._relation_date(trig) if start == trig else None) or self._pick(
            self._by_clause.get(clause.i, []), trig, future, source
        )
        found = found or self._climb_date(clause, trig, future)
        if not found and not _in_relative_clause(clause):  # background ("who was sentenced") keeps no other date
            found = self._sentence_date(trig, future) or (None if future else self._paragraph_date(trig))
        if found:
            return found
        default = f"{self._base.year:04d}" if future else self._base.isoformat()
        return default, None, "default"

    def _date_without_base(self, trig: Token) -> tuple[str | None, str | None, str]:
        """Without an article date only absolute expressions ("March 3, 2024") resolve."""
        for t in self._by_clause.get(_clause_head(trig).i, []):
            one = resolve_match(t.match, dt.date(2000, 6, 15), future=False)
            two = resolve_match(t.match, dt.date(2010, 6, 15), future=False)
            if one and one == two:
                return one, t.match.text, "own"
        return None, None, "default"

    def _resolve_time(self, t: _Time, future: bool, anchor: str | None = None) -> str | None:
        assert self._base is not None
        key = (t.match, future, anchor)
        if key not in self._time_memo:
            self._time_memo[key] = resolve_match(t.match, self._base, future=future, anchor=anchor)
        return self._time_memo[key]

    def _compatible(self, t: _Time, value: str | None, future: bool) -> bool:
        """Past acts take dates that start on or before the article date; future acts the reverse."""
        if value is None or self._base is None:
            return False
        if (_BACKWARD if future else _FORWARD).search(t.match.text):
            return False
        first, last = date_bounds(value)
        return last >= self._base if future else first <= self._base

    def _pick(
        self, times: list[_Time], trig: Token, future: bool, source: str
    ) -> tuple[str, str, str] | None:
        """Return the compatible time nearest the trigger, as (date, text, source)."""
        best: tuple[int, str, str] | None = None
        for t in times:
            if t.match.kind == "offset":
                continue
            value = self._resolve_time(t, future)
            if not self._compatible(t, value, future):
                continue
            distance = min(abs(trig.i - t.start_i), abs(trig.i - (t.end_i - 1)))
            if best is None or distance < best[0]:
                best = (distance, value, t.match.text)  # type: ignore[assignment]
        return (best[1], best[2], source) if best else None

    def _relation_date(self, trig: Token) -> tuple[str, str, str] | None:
        """Date an act "two days after"/"a day before" another clause from that clause's date."""
        clauses = [_clause_head(trig)]
        while clauses[-1].dep_ == "conj" and len(clauses) < 4:
            clauses.append(_clause_head(clauses[-1].head))
        times = [t for c in clauses for t in self._by_clause.get(c.i, [])]
        for t in times:
            if t.match.kind != "offset":
                continue
            word = next((self._doc[i] for i in range(t.start_i, t.end_i) if self._doc[i].lower_ in ("after", "before")), None)
            if word is None:
                if self._doc[t.end_i - 1].lower_ in ("later", "earlier", "afterwards", "previously"):
                    value = self._resolve_time(t, False, self._previous_day(t, trig))
                    return (value, t.match.text, "relation") if value else None
                continue
            governed = word.head if word.dep_ == "mark" else word
            if trig not in list(governed.subtree) and trig != governed:
                continue
            outer = governed.head if word.dep_ == "mark" else word.head
            anchor = self._anchor_date(outer)
            if anchor is None:
                continue
            value = self._resolve_time(t, False, anchor)
            if value is None:
                continue
            return _flip(value, anchor), t.match.text, "relation"
        return None

    def _previous_day(self, offset: _Time, trig: Token) -> str | None:
        """The day named before an offset ("arrived on Tuesday and met him a day later")."""
        earlier = [
            t for t in self._by_sent.get(offset.sent_start, [])
            if t.end_i <= offset.start_i and t.match.kind == "point"
        ]
        for t in reversed(earlier):
            value = self._resolve_time(t, False)
            if value and len(value) == 10:
                return value
        found = self._paragraph_date(trig)
        return found[0] if found else None

    def _anchor_date(self, tok: Token) -> str | None:
        """The date of the clause ``tok`` belongs to (own or governing clauses), or the article date."""
        clause = _clause_head(tok)
        for _ in range(6):
            found = self._pick(self._by_clause.get(clause.i, []), tok, False, "clause")
            if found:
                return found[0]
            if clause.head == clause:
                break
            clause = _clause_head(clause.head)
        return self._base.isoformat() if self._base else None

    def _climb_date(self, clause: Token, trig: Token, future: bool) -> tuple[str, str, str] | None:
        """Look for the date in governing clauses of the same tense, then (future acts) in complements."""
        node, source = clause, "clause"
        for _ in range(6):
            if node.head == node or self._para(node.head) != self._para(trig):
                break
            if node.dep_ == "advcl" and {self._lemma(m) for m in self._children(node, "mark")} & (_PAST_PREPS | {"before"}):
                source = "sentence"  # "X after Y": Y's day is not X's day
            parent_tok = node.head
            time = self._time_at.get(parent_tok.i)
            if time is not None and node.dep_ == "relcl":
                value = self._resolve_time(time, future)
                if self._compatible(time, value, future):
                    return value, time.match.text, "clause"  # type: ignore[return-value]
            if node.dep_ in ("relcl", "acl") and node.pos_ in _VERBAL:
                break
            parent = _clause_head(parent_tok)
            same_frame = node.dep_ == "xcomp" and (
                self._lemma(parent_tok) in self._cues.light_heads
                or (self._lemma(parent_tok) in self._cues.plan_heads and (parent_tok.pos_ == "ADJ" or parent_tok.tag_ == "VBN"))
            )
            if not same_frame and self._clause_future(parent) != future:
                break
            found = self._pick(self._by_clause.get(parent.i, []), trig, future, source)
            if found:
                return found
            node = parent
        if future:
            for child in self._children(clause, "xcomp", "ccomp"):
                found = self._pick(self._by_clause.get(child.i, []), trig, future, "clause")
                if found:
                    return found
        return None

    def _clause_future(self, verb: Token) -> bool:
        """True when a clause is planned, conditional or hypothetical."""
        if verb.i not in self._future_memo:
            self._future_memo[verb.i] = _modal(self._analyse(verb))
        return self._future_memo[verb.i]

    def _sentence_date(self, trig: Token, future: bool) -> tuple[str, str, str] | None:
        """A time anywhere in the sentence, outside relative clauses that do not hold the trigger."""
        usable = [
            t
            for t in self._by_sent.get(self._sent_start(trig.i), [])
            if not self._in_foreign_relcl(t, trig)
            and self._para(self._doc[t.start_i]) == self._para(trig)
            and self._clause_future(self._doc[t.clause_i]) == future
        ]
        return self._pick(usable, trig, future, "sentence")

    def _in_foreign_relcl(self, t: _Time, trig: Token) -> bool:
        tok = self._doc[t.attach_i]
        while tok.head != tok:
            if tok.dep_ == "relcl":
                return trig not in list(tok.subtree)
            tok = tok.head
        return False

    def _paragraph_date(self, trig: Token) -> tuple[str, str, str] | None:
        """The last day named in an earlier sentence of the same paragraph (past acts)."""
        paragraph, sent_start = self._para(trig), self._sent_start(trig.i)
        for t in reversed(self._times):
            if t.start_i >= sent_start or t.match.kind != "point":
                continue
            if self._para(self._doc[t.start_i]) != paragraph:
                break
            if self._clause_future(self._doc[t.clause_i]):
                continue
            value = self._resolve_time(t, False)
            if value and len(value) == 10 and self._compatible(t, value, False):
                return value, t.match.text, "paragraph"
        return None

    def _historical(self, date: str | None, source: str) -> bool:
        if date is None or self._base is None or source not in ("own", "relation", "clause"):
            return False
        return date_bounds(date)[1] < self._base - dt.timedelta(days=HISTORICAL_DAYS)


# ---------------------------------------------------------------- module helpers


def _parse_base(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _according_words(doc: Doc, lemmas: Sequence[str]) -> list[int]:
    """Return the indices of the tokens "according" or of lemma "accord", in order."""
    according = doc.vocab.strings["according"]
    lowers = token_table(doc).lower_ids
    return [i for i, (lemma, lower) in enumerate(zip(lemmas, lowers, strict=True)) if lemma == "accord" or lower == according]


def _attachment(span: Span) -> Token:
    """Return the token a time expression modifies (past its preposition)."""
    root = span.root
    tok = root.head if root.head != root else root
    while tok.i >= span.start and tok.i < span.end and tok.head != tok:
        tok = tok.head
    while tok.pos_ in ("ADP", "SCONJ") and tok.head != tok:
        tok = tok.head
    return tok


def _phrase(tok: Token) -> tuple[int, int]:
    """Character span of a noun phrase, without its relative clauses."""
    excluded: set[int] = set()
    for t in tok.subtree:
        if t != tok and t.dep_ in ("relcl", "acl"):
            excluded |= {x.i for x in t.subtree}
    tokens = [t for t in tok.subtree if t.i not in excluded] or [tok]
    first, last = tokens[0], tokens[-1]
    return first.idx, last.idx + len(last.text)


def _in_relative_clause(clause: Token) -> bool:
    """True when a clause is a relative clause or sits inside one."""
    return any(t.dep_ == "relcl" and t.pos_ in _VERBAL for t in [clause, *clause.ancestors])


def _finite_host(verb: Token) -> Token | None:
    """Return the finite verb a finite conjunct is really coordinated with.

    "called on X to agree to a ceasefire and condemned attacks": the parser hangs
    "condemned" on "agree"; its tense says it goes with "called".
    """
    head = verb.head
    if head.tag_ in _FINITE:
        return head
    for anc in head.ancestors:
        if anc.tag_ in _FINITE:
            return anc
    return None


def _marker_status(a: _Analysis) -> Status:
    """The status the cue and the clause markers give, strongest first."""
    cue = a.cue
    if cue in ("denied", "alleged"):
        return cue  # type: ignore[return-value]
    if cue in ("hypothetical", "request") or a.cond:
        return "hypothetical"
    if cue == "planned":
        return "hypothetical" if a.modal else "planned"
    if a.modal:
        return "hypothetical"
    if a.future:
        return "planned"
    if a.would:
        return "planned" if a.reported is not None else "hypothetical"
    return "alleged" if a.allege_adv else "occurred"


def _modal(a: _Analysis) -> bool:
    return a.future or a.would or a.modal or a.cond or a.cue in ("planned", "hypothetical", "request")


def _flip(value: str, anchor: str) -> str:
    """Turn "anchor + n" into "anchor - n": the act in an after-clause precedes the anchor."""
    first, _ = date_bounds(value)
    base, _ = date_bounds(anchor)
    return shift_date(anchor, (base - first).days) if len(value) == 10 and len(anchor) == 10 else anchor


def merge_contexts(contexts: Sequence[EventContext]) -> EventContext | None:
    """Combine the contexts of several mentions of one happening; None when all are negated.

    Status: occurred if any mention reports it as occurred, else denied, alleged,
    planned, hypothetical in that order (an act claimed by one side and denied by
    the other is denied). Date: from the mention with the best ``date_source``.
    """
    live = [c for c in contexts if not c.negated]
    if not live:
        return None
    denials = [c for c in contexts if c.negated and c.status == "denied"]
    order = ("occurred", "denied", "alleged", "planned", "hypothetical")
    statuses = {c.status for c in live} | ({"denied"} if denials else set())
    status = next(s for s in order if s in statuses)
    dated = min(live, key=lambda c: DATE_SOURCES.index(c.date_source) if c.date_source in DATE_SOURCES else 99)
    asserted = next((c.asserted_by for c in live if c.asserted_by), None)
    return replace(dated, status=status, asserted_by=asserted)  # type: ignore[arg-type]
