"""Event type and mode refinement: negation, futurity, conditions, and modes read off the complement."""

from __future__ import annotations

from spacy.tokens import Token

from communique.extract.event_args import DocIndex
from communique.extract.event_draft import Draft
from communique.extract.event_triggers import Hit, lemma
from communique.knowledge.events import Lexicon
from communique.knowledge.words import word_set

__all__ = ["COOPERATIVE_TYPES", "CONDITION_MARKS", "clause_chain", "contexts", "refine"]

PROMISE_LEMMAS = word_set("events", "PROMISE_LEMMAS")
HOSTILE_INTENTS = word_set("events", "HOSTILE_INTENTS")
CONFLICT_ACTS = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
COOPERATIVE_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "AID", "COOPERATE", "CONSULT", "RETREAT"})
MODAL_AUX = word_set("events", "MODAL_AUX")
THREAT_DEFAULT = {"SANCTION": "restrict", "COERCE": "arrest", "ASSAULT": "violence", "PROTEST": "restrict", "MOBILIZE": "violence"}
ASK_BY_TYPE = {"CONSULT": "meet", "AID": "assist", "RETREAT": "yield", "CONCEDE": "yield", "COOPERATE": "assist"}
FUTURE_AUX = word_set("events", "FUTURE_AUX")
HYPOTHETICAL_AUX = word_set("events", "HYPOTHETICAL_AUX")
CONDITION_MARKS = word_set("events", "CONDITION_MARKS")


def refine(draft: Draft, lex: Lexicon, inner: list[Hit], index: DocIndex) -> None:
    """Adjust type and mode: negation, threats, and modes read off the complement."""
    tok = draft.hit.token
    verbal = draft.hit.trigger.pos == "verb"
    if _negated(tok, index) and not (draft.hit.trigger.mod and "no" in draft.hit.trigger.mod):
        if draft.type in COOPERATIVE_TYPES and (_future(tok) or _modal(tok)):
            inner = [draft.hit]
            draft.type, draft.mode, draft.rule = "REJECT", None, draft.rule + "+refused"
            draft.status = "occurred"
        else:
            draft.status = "negated"
    elif verbal and draft.type in ("RETREAT", "CONCEDE") and _future(tok) and draft.status is None:
        draft.type, draft.mode, draft.rule = "AGREE", None, draft.rule + "+promised"
        draft.status = "occurred"
    if draft.type == "AGREE" and index.lemmas[tok.i] in PROMISE_LEMMAS:
        conflict = [h for h in inner if h.trigger.type in CONFLICT_ACTS]
        if conflict:
            draft.type, draft.rule = "THREATEN", draft.rule + "+threat"
            draft.mode = _threat_mode(conflict[0], lex)
        elif _hostile_intent(tok, index):
            draft.type, draft.mode, draft.rule = "THREATEN", "violence", draft.rule + "+threat"
    if verbal and draft.type in CONFLICT_ACTS and (_conditional(tok) or _future(tok)) and draft.status != "alleged":
        draft.mode = _threat_mode(draft.hit, lex)
        draft.type, draft.rule = "THREATEN", draft.rule + "+future"
    elif verbal and draft.type == "MOBILIZE" and _conditional(tok):
        draft.type, draft.mode, draft.rule = "THREATEN", "violence", draft.rule + "+conditional"
    if draft.type in ("REQUEST", "REJECT") and not draft.mode:
        draft.mode = _ask_mode(tok, lex, inner, index, default="change" if draft.type == "REQUEST" else None)
    elif draft.type == "THREATEN" and not draft.mode:
        draft.mode = _threat_mode_from_words(tok, lex, inner, index)
    elif draft.type == "ASSAULT" and not draft.mode:
        draft.mode = _keyword_mode(tok, lex.assault_modes, index)
    elif draft.type == "CONSULT" and not draft.mode:
        draft.mode = _consult_mode(tok, index)


def _hostile_intent(tok: Token, index: DocIndex) -> bool:
    """True when a promise promises retribution or destruction ("vowed to retaliate", "vowed revenge")."""
    for child, dep, _ in index.children(tok):
        if dep in ("xcomp", "dobj") and index.lemmas[child.i] in HOSTILE_INTENTS:
            return True
        if dep == "xcomp" and any(index.lemmas[g.i] in HOSTILE_INTENTS for g, gdep, _ in index.children(child)
                                  if gdep in ("dobj", "prt", "conj")):
            return True
    return False


def _not_before(tok: Token) -> bool:
    """True for "not a threat", "not an attack": "not" just before the noun's determiner or the noun."""
    doc, i = tok.doc, tok.i - 1
    if i >= 0 and doc[i].dep_ == "det" and doc[i].head.i == tok.i:
        i -= 1
    return i >= 0 and doc[i].lower_ in ("not", "never")


def _negated(tok: Token, index: DocIndex) -> bool:
    """True when the trigger (or the auxiliary chain it heads) is negated."""
    kids = index.children(tok)
    if any(dep == "neg" for _, dep, _ in kids):
        return True
    if any(dep == "det" and low == "no" for _, dep, low in kids) and tok.pos_ == "NOUN":
        return True
    if tok.pos_ == "NOUN" and _not_before(tok):
        return True
    return tok.dep_ == "xcomp" and any(dep == "neg" for _, dep, _ in index.children(tok.head))


def _modal(tok: Token) -> bool:
    """True when the trigger has a modal auxiliary (will/would/can ...)."""
    return any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in tok.children)


def clause_chain(tok: Token) -> list[Token]:
    """The token and the verbs it hangs from through xcomp/conj (same clause)."""
    chain = [tok]
    cur = tok
    for _ in range(3):
        if cur.dep_ in ("xcomp", "conj", "dobj", "pobj", "prep", "acomp") and cur.head.i != cur.i:
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def _future(tok: Token) -> bool:
    """True when the act is stated in the future ("will ban", "is ready to close")."""
    for cur in clause_chain(tok):
        for child in cur.children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX | HYPOTHETICAL_AUX:
                return True
        if lemma(cur) in ("ready", "prepared", "willing"):
            return True
    return False


def _conditional(tok: Token) -> bool:
    """True when an if/unless clause hangs from the act or its clause."""
    for cur in clause_chain(tok):
        for child in cur.children:
            if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children):
                return True
    return False


def _complement_lemmas(tok: Token, index: DocIndex) -> list[str]:
    """Lemmas of the trigger's complement (objects, clauses, prepositions), in tree order."""
    lemmas = index.lemmas
    out: list[str] = []
    for child, dep, _ in index.children(tok):
        if dep in ("dobj", "xcomp", "ccomp", "prep", "dative", "pobj", "acomp", "oprd", "attr"):
            out.extend(lemmas[t.i] for t in child.subtree)
    return out


def _ask_mode(tok: Token, lex: Lexicon, inner: list[Hit], index: DocIndex, default: str | None) -> str | None:
    """REQUEST/REJECT mode from the act asked for (inner triggers first, then words)."""
    for hit in inner:
        if hit.trigger.type in ASK_BY_TYPE:
            return ASK_BY_TYPE[hit.trigger.type]
    words = _complement_lemmas(tok, index)
    if tok.dep_ == "ccomp":
        words.insert(0, lemma(tok))
    for word in words:
        for mode, keys in lex.ask_modes.items():
            if word in keys:
                return mode
    return default


def _threat_mode(hit: Hit, lex: Lexicon) -> str:
    """THREATEN mode for a threatened act (its word, then its object's)."""
    words = [lemma(hit.token)] + [lemma(c) for c in hit.token.children if c.dep_ in ("dobj", "nsubjpass")]
    for word in words:
        for mode, keys in lex.threat_modes.items():
            if word in keys:
                return mode
    return THREAT_DEFAULT.get(hit.trigger.type, "violence")


def _threat_mode_from_words(tok: Token, lex: Lexicon, inner: list[Hit], index: DocIndex) -> str | None:
    """THREATEN mode from inner acts or words of the complement."""
    if inner:
        return _threat_mode(inner[0], lex)
    for word in _complement_lemmas(tok, index):
        for mode, keys in lex.threat_modes.items():
            if word in keys:
                return mode
    return None


def _keyword_mode(tok: Token, table: dict[str, tuple[str, ...]], index: DocIndex) -> str | None:
    """First mode whose keyword occurs around the trigger (its subtree, then its sentence)."""
    scopes = [list(tok.subtree) + list(tok.head.subtree) if tok.head.i != tok.i else list(tok.subtree), list(index.sentence(tok))]
    lemmas = index.lemmas
    for scope in scopes:
        words = {lemmas[t.i] for t in scope} | {t.lower_ for t in scope}
        for mode, keys in table.items():
            if any(k in words for k in keys):
                return mode
    return None


def _consult_mode(tok: Token, index: DocIndex) -> str | None:
    """CONSULT mode from the sentence: phone calls and visits."""
    words = index.sentence_lemmas(tok)
    if words & {"phone", "telephone"}:
        return "phone"
    if words & {"visit", "travel", "host", "arrive"}:
        return "visit"
    return None


def contexts(tokens: list[Token], lex: Lexicon, index: DocIndex) -> list[str]:
    """PLOVER contexts from keywords in the evidence sentences (read once per set of sentences)."""
    numbers = tuple(sorted({index.sentence_number(tok) for tok in tokens}))
    found = index.contexts.get(numbers)
    if found is None:
        words = frozenset().union(*(index.sentence_lemmas(tok) for tok in tokens))
        found = index.contexts[numbers] = tuple(name for name, keys in lex.contexts.items() if not words.isdisjoint(keys))
    return list(found)
