"""Status of an event: walk from its trigger up to the cue that governs it.

The path's markers (auxiliaries, negation, conditions, hedges) and the governing
cue ("denied that", "plans to", "accused of") give the status and the negation
flag; see :mod:`communique.extract.context` for the rules.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from communique.extract.context_parse import (
    FINITE_TAGS,
    PAST_PREPS,
    VERBAL_POS,
    Analysis,
    DocStep,
    DocTables,
    is_verbal,
)
from communique.records import Quote, Status

#: Subjects that deny the act they do.
NO_ONE = frozenset({"nobody", "none", "neither", "no-one"})


class StatusSteps(DocStep):
    """Analyses the path above a trigger (memoised per token) and turns it into a status."""

    def __init__(self, tables: DocTables, quote_at: Callable[[Token], Quote | None]) -> None:
        super().__init__(tables)
        self._quote_at = quote_at
        self._analysis_memo: dict[int, Analysis] = {}

    def analyse(self, trig: Token) -> Analysis:
        """Walk from the trigger up to the cue that governs it, collecting markers (once per token; read-only)."""
        found = self._analysis_memo.get(trig.i)
        if found is None:
            found = self._analysis_memo[trig.i] = self._walk(trig)
        return found

    def _walk(self, trig: Token) -> Analysis:
        """``_analyse``, uncached."""
        a = Analysis()
        node: Token | None = trig
        if not is_verbal(trig):
            self._noun_markers(trig, a)
            node = self._noun_climb(trig, a)
            if a.cue_head is not None and is_verbal(a.cue_head):
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

    def _step(self, node: Token, a: Analysis) -> Token | None:
        """Apply what links a clause head to its governor; return the governor to go on with, or None."""
        cues = self._cues
        head, dep = node.head, node.dep_
        if head == node or self._para(head) != self._para(node):
            return None
        if dep in ("xcomp", "ccomp", "csubj") or (dep == "pcomp" and head.pos_ == "ADP"):
            return self._complement_step(node, a)
        if dep == "conj" and node.pos_ in VERBAL_POS:
            own_aux = [c for c in self._children(node, "aux", "auxpass") if c.lower_ != "to"]
            if self._children(node, "nsubj", "nsubjpass") or own_aux:
                return None
            if node.tag_ not in FINITE_TAGS:
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

    def _complement_step(self, node: Token, a: Analysis) -> Token | None:
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

    def _noun_markers(self, noun: Token, a: Analysis) -> None:
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

    def _noun_climb(self, noun: Token, a: Analysis) -> Token | None:
        """Climb from a nominal trigger to its verb, applying object and noun cues on the way."""
        cur, rel, prep = noun, "dobj", None
        for _ in range(10):
            head, dep = cur.head, cur.dep_
            if head == cur:
                return cur if is_verbal(cur) else None
            if dep == "pobj" and self._lemma(head) in PAST_PREPS and cur == noun:
                a.past_ref = True
            if dep == "pobj":
                rel, prep, up = "pobj", self._lemma(head), head.head
                if not (is_verbal(up) or up.pos_ == "ADJ") and prep in ("of", "for", "to"):
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
            if is_verbal(cur) or cur.pos_ == "ADJ":
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

    def _verb_markers(self, verb: Token, a: Analysis) -> None:
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
            elif dep in ("nsubj", "nsubjpass") and (low in NO_ONE or any(
                    d.dep_ == "det" and d.lower_ == "no" for d in child.children)):
                a.neg = True  # "no member state had offered troops", "nobody attacked"
            elif dep == "advmod" and low in cues.allege_adverbs:
                a.allege_adv = True
        for child in clauses:
            marks = {self._lemma(m) for m in self._children(child, "mark", "advmod")} & cues.conditional_marks
            if marks - {"once"} or (marks and (a.future or a.would or a.modal)):
                a.cond = True
        if verb.dep_ == "advcl" and {self._lemma(m) for m in self._children(verb, "mark")} & (cues.conditional_marks - {"once"}):
            a.cond = True

    def _find_reporting(self, node: Token, a: Analysis) -> None:
        """Record the verb of saying above ``node`` (for asserted_by), if any."""
        if a.reported is not None:
            return
        cues = self._cues
        for _ in range(10):
            if self._lemma(node) in cues.say_verbs and node.pos_ in VERBAL_POS:
                a.reported = node
                return
            if a.cue_head == node and self._lemma(node) in cues.allege_heads | cues.deny_heads:
                a.reported = node
                return
            if node.head == node or self._para(node.head) != self._para(node):
                return
            if node.dep_ in ("relcl", "acl") and node.pos_ in VERBAL_POS:
                return
            node = node.head

    def status(self, trig: Token, a: Analysis, kind: str) -> tuple[Status, bool]:
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
        verb = trig if is_verbal(trig) else trig.head
        candidates = [trig, verb, *self._children(verb, "dobj", "nsubjpass", "attr")]
        for tok in candidates:
            for rel in self._children(tok, "relcl", "advcl"):
                if self._lemma(rel) not in self._cues.deny_heads:
                    continue
                if any(self._lemma(c) in ("which", "that") for c, _dep in self._labelled_children(rel)):
                    return True
        return False


def _finite_host(verb: Token) -> Token | None:
    """Return the finite verb a finite conjunct is really coordinated with.

    "called on X to agree to a ceasefire and condemned attacks": the parser hangs
    "condemned" on "agree"; its tense says it goes with "called".
    """
    head = verb.head
    if head.tag_ in FINITE_TAGS:
        return head
    for anc in head.ancestors:
        if anc.tag_ in FINITE_TAGS:
            return anc
    return None


def _marker_status(a: Analysis) -> Status:
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
