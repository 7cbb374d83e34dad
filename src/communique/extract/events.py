"""Event stage: PLOVER events with actors, recipients, date, status and evidence.

How it works, in order:

1. Triggers: every token is looked up by (part of speech, lemma) in the
   lexicon (``knowledge/data/triggers.yaml``), see ``event_triggers``.
2. Governors: a trigger inside the complement of another ("asked Tanzania
   to *suspend* the ban", "threatened to *ban*") is folded into its governor
   (it sets the governor's mode); under "accuse ... of" it becomes its own
   alleged event; under "pledge/agree/offer to" a cooperative act keeps its
   own type as a planned event.
3. Arguments: subjects, passive agents, objects, prepositional recipients,
   owners and "between" participants from the parse (``event_args``); a verb
   coordinated with another borrows its addressee; a passive act of state
   power with no agent ("was arrested in Lebanon") is the act of that state.
4. Transforms: negated cooperation is REJECT, other negated acts are dropped;
   future or conditional coercion is a THREATEN.
5. Context (date, status, asserted_by) from ``communique.extract.context``
   and location from ``communique.extract.locations`` when those exist.
6. Merge: repeated mentions of one happening become one event with several
   evidence spans (an undated mention fits a dated one; ``context.merge_contexts``
   combines their dates and statuses; a promise derived from another act stays apart).
7. Records: informal groups add their member states; a domestic act with no
   other target takes a named body of the same state (police and protesters)
   as recipient; an attack with no named target, the state where it landed.

>>> find_events(doc, article=article, actors=actors, quotes=quotes)  # doctest: +SKIP
[Event(type='CONSULT', mode='visit', actors=['KEN'], recipients=['TZA'], ...)]
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from communique.extract.event_args import FIRST_PERSON, ArgFinder, DocIndex, unique
from communique.extract.event_confidence import ConfidenceEvidence, confidence, trigger_form
from communique.extract.event_context import ContextSource, merge_contexts
from communique.extract.event_triggers import Hit, find_hits, lemma
from communique.ids import make_id
from communique.knowledge.actor_tables import igos, sectors
from communique.knowledge.events import Frame, Lexicon, cameo_root, frames, goldstein, lexicon, plover_types, score
from communique.records import ActorSet, Article, Event, Evidence, Location, Quote

__all__ = ["find_events"]

log = logging.getLogger(__name__)

# Edges a governed trigger climbs to reach the trigger that governs it.
GOVERN_DEPS = frozenset({"agent", "dobj", "pobj", "prep", "xcomp", "ccomp", "pcomp", "acomp", "attr", "oprd", "nsubjpass", "dative", "advcl", "acl"})
MAX_GOVERN_STEPS = 5
ALLEGE_LEMMAS = frozenset({"accuse", "blame", "charge", "allege", "sue", "accusation", "allegation"})
PROMISE_LEMMAS = frozenset({"pledge", "promise", "offer", "commit", "agree", "vow", "swear", "undertake", "willing", "ready", "prepared", "accept"})
PLANNED_TYPES = frozenset({"AID", "COOPERATE", "CONSULT"})
CONFLICT_ACTS = frozenset({"SANCTION", "COERCE", "ASSAULT", "PROTEST"})
COOPERATIVE_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "AID", "COOPERATE", "CONSULT", "RETREAT"})
MODAL_AUX = frozenset({"can", "ca", "could", "would", "will", "wo", "shall", "should"})
THREAT_DEFAULT = {"SANCTION": "restrict", "COERCE": "arrest", "ASSAULT": "violence", "PROTEST": "restrict", "MOBILIZE": "violence"}
ASK_BY_TYPE = {"CONSULT": "meet", "AID": "assist", "RETREAT": "yield", "CONCEDE": "yield", "COOPERATE": "assist"}
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may"})
CONDITION_MARKS = frozenset({"if", "unless"})
# FORMAT.md: a domestic event has the state as actor and no recipient. PLOVER's own
# gold standard records code the state's government as the target instead; set this
# to True to produce that reading (protests, repression and violence with no named target).
DOMESTIC_SELF_TARGET = False
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "THREATEN", "REQUEST", "CONCEDE", "REJECT"})
# Sectors of bodies inside a state that act against their own state's government (PLOVER sectors).
SUBSTATE_SECTORS = frozenset({"COP", "MIL", "CVL", "REB", "OPP", "PTY", "LAB", "AGR", "BUS", "EDU", "REL", "SOC",
                              "REF", "JRN", "CRM", "MED", "PRM", "UAF", "UNK", "ELI"})
# Acts of state power: done in a state with no agent named, that state is the actor.
JURISDICTION_TYPES = frozenset({"ACCUSE", "COERCE", "SANCTION"})
# Types whose target, when no one is named, is the state where the act landed.
PLACE_TARGET_TYPES = frozenset({"ASSAULT"})
# Acts of state power by unnamed state agents ("police", "security officers"): the state of the place.
STATE_AGENT_TYPES = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "SANCTION"})
# Violence is coded with an unknown attacker when only the victims are named.
UNKNOWN_ACTOR_TYPES = frozenset({"ASSAULT"})
# Speech acts: with no subject of their own inside a quote, the speaker makes them. A material
# act reported in speech keeps its own participants ("gunmen killed 30 villagers, the army said").
SPEECH_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})
# Cooperative acts stated in the future or promised are AGREE in PLOVER ("cooperative acts
# reported in future tense are AGREE"); a planned meeting stays CONSULT (FORMAT.md's example).
FUTURE_AGREE_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT", "RETREAT", "CONCEDE"})
FUTURE_STATUSES = frozenset({"planned", "hypothetical"})
# Prepositions of time and circumstance: a trigger under them is not its governor's complement.
ADJUNCT_PREPS = frozenset({"after", "before", "during", "following", "at", "amid", "despite", "since", "until", "ahead", "while", "near", "outside"})
# Prepositions whose bare nominal sets the scene ("after protests", "held in detention", "resigned in protest").
BACKGROUND_PREPS = ADJUNCT_PREPS | {"in"}
REFERENCE_DETS = frozenset({"the", "this", "that", "these", "those"})
# Verbs whose object is a topic, not a partner ("discussed the crisis").
TOPIC_VERBS = frozenset({"discuss", "negotiate", "debate", "address", "talk", "consult"})
PARTNER_PREPS = frozenset({"with", "between", "among"})
# Rule suffixes of drafts whose type was derived from another act (a promise, a refusal).
DERIVED_SUFFIXES = ("+promised", "+refused")
# Status of merged mentions: the first of these any mention has (context.merge_contexts' order).
STATUS_ORDER = ("occurred", "denied", "alleged", "planned", "hypothetical")


@dataclass
class Draft:
    """An event being built: mutable until it becomes an ``Event`` record."""

    hit: Hit
    type: str
    mode: str | None
    actor_ids: list[str]
    recipient_ids: list[str]
    status: str | None = None
    rule: str = ""
    evidence: list[Token] = field(default_factory=list)
    context_info: Any = None
    actor_source: str = "frame"  # frame, speaker, place or unknown (event_confidence)
    place_code: str | None = None  # the state of the place, for acts of unnamed state agents


def find_events(doc: Doc, *, article: Article, actors: ActorSet, quotes: list[Quote]) -> list[Event]:
    """Return the PLOVER events in ``doc`` (the article body), one per happening.

    Args:
        doc: the parsed article body.
        article: the article (id and date).
        actors: the actor stage's actors and mentions.
        quotes: the quote stage's quotations (speakers code verbal events in quotes).

    Returns:
        The events, in order of first mention.
    """
    lex = lexicon()
    finder = ArgFinder(doc, actors, quotes)
    hits = find_hits(doc, lex, finder.index.lemmas)
    drafts = _drafts(hits, finder, lex)
    context = ContextSource(doc, article=article, actors=actors, quotes=quotes)
    kept: list[Draft] = []
    for draft in drafts:
        if context.apply(draft, actor_codes=_codes(draft.actor_ids, finder)) and _place_actor(draft, context):
            _future_cooperation(draft)
            kept.append(draft)
    merged = _merge(kept, finder)
    return [_record(d, finder, context, article, lex) for d in merged]


# ---------------------------------------------------------------- drafts
def _place_actor(draft: Draft, context: ContextSource) -> bool:
    """Give an act of unnamed state agents the state where it happened; False when no place says so."""
    if draft.actor_source != "state-agent":
        return True
    location = context.fields(draft).get("location")
    state = getattr(location, "state", None)
    if not state:
        if draft.type in UNKNOWN_ACTOR_TYPES and draft.recipient_ids:
            draft.actor_source = "unknown"
            return True
        return False
    draft.place_code, draft.actor_source = state, "place"
    return True


def _state_agent(tok: Token, finder: ArgFinder) -> bool:
    """True when the trigger's subject (or passive agent) is a state body named by its kind only ("police")."""
    subject = _subject_head(tok)
    return subject is not None and finder.index.lemmas[subject.i] in frames().state_agents


def _future_cooperation(draft: Draft) -> None:
    """A cooperative act not yet done ("will give a grant", "pledged aid") is coded AGREE (PLOVER)."""
    if draft.type in FUTURE_AGREE_TYPES and draft.status in FUTURE_STATUSES:
        draft.type, draft.mode = "AGREE", None
        if not draft.rule.endswith(DERIVED_SUFFIXES):
            draft.rule += "+promised"


def _governor(tok: Token, by_index: dict[int, Hit]) -> tuple[Hit | None, list[str]]:
    """Return the hit governing ``tok`` and the path to it (dependency labels and prepositions)."""
    cur = tok
    path: list[str] = []
    for _ in range(MAX_GOVERN_STEPS):
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
            continue
        if cur.dep_ not in GOVERN_DEPS or cur.head.i == cur.i:
            return None, path
        path.append(cur.lower_ if cur.dep_ == "prep" else cur.dep_)
        cur = cur.head
        if cur.i in by_index:
            return by_index[cur.i], path
        if path[-1] == "advcl":
            objs = [c for c in cur.children if c.dep_ == "dobj"]
            objs += [p for c in cur.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
            light = [by_index[c.i] for c in objs if c.i in by_index]
            if light:  # "staged demonstrations to demand ...": the nominal event governs the purpose clause
                return light[0], path
    return None, path


def _relation(gov: Hit, hit: Hit, path: list[str]) -> str:
    """How a governed hit relates to its governor: folded, alleged, promised or free."""
    gtype, htype, glem = gov.trigger.type, hit.trigger.type, lemma(gov.token)
    if gtype == "CONSULT" and gov.trigger.pos == "noun" and ("acl" in path or "relcl" in path):
        return "folded"  # "talks aimed at ending the war", "a meeting to establish ties": the meeting's purpose
    if any(step in ADJUNCT_PREPS for step in path):
        return "free"
    if "acl" in path and gtype == htype:
        return "folded"
    if "acl" in path and gtype in ("REJECT", "REQUEST") and htype in COOPERATIVE_TYPES:
        return "folded"  # "rejected an invitation to attend a meeting": the act refused or asked for
    if path == ["advcl"] and glem in PROMISE_LEMMAS and any(c.dep_ == "aux" and c.lower_ == "to" for c in hit.token.children):
        path = ["xcomp"]  # "have sworn to fight": the parser's purpose clause is the vow's complement
    if "advcl" in path:
        return "folded" if gtype == "PROTEST" and htype == "REQUEST" else "free"
    if "acl" in path:
        speech_noun = gov.trigger.pos == "noun" and gtype in ("REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE")
        return "folded" if speech_noun or (gtype == "PROTEST" and htype == "REQUEST") else "free"
    if gtype == "ACCUSE" and glem in ALLEGE_LEMMAS and ("of" in path or "for" in path):
        return "alleged"
    if gtype == "AGREE" and glem in PROMISE_LEMMAS and htype in PLANNED_TYPES:
        return "promised"
    if gtype == "CONSULT" and htype != "CONSULT":
        return "free"
    return "folded"


def _drafts(hits: list[Hit], finder: ArgFinder, lex: Lexicon) -> list[Draft]:
    """Turn trigger hits into draft events, folding governed triggers into their governors."""
    by_index = {h.token.i: h for h in hits}
    inner: dict[int, list[Hit]] = {}
    roles: dict[int, tuple[str, Hit]] = {}
    folded: set[int] = set()
    for hit in hits:
        gov, path = _governor(hit.token, by_index)
        if gov is None:
            continue
        kind = _relation(gov, hit, path)
        if kind in ("alleged", "promised"):
            roles[hit.token.i] = (kind, gov)
        if kind in ("folded", "promised"):
            inner.setdefault(gov.token.i, []).append(hit)
        if kind == "folded":
            folded.add(hit.token.i)
    promisers = {g.token.i for kind, g in roles.values() if kind == "promised" and lemma(g.token) != "agree"}
    drafts: list[Draft] = []
    for hit in hits:
        idx = hit.token.i
        if idx in folded or idx in promisers or _is_reference(hit, finder) or _is_characterisation(hit):
            continue
        if _is_participial_label(hit) or _is_background(hit, finder):
            continue
        draft = _draft(hit, finder, lex, inner.get(idx, []))
        if draft is None:
            continue
        if idx in roles:
            _apply_role(draft, *roles[idx], finder, lex)
        _resolve_reference(draft, inner.get(idx, []), drafts, finder)
        drafts.append(draft)
    return drafts


def _is_reference(hit: Hit, finder: ArgFinder) -> bool:
    """True for "the ban", "the meeting": a nominal naming an event told elsewhere, with no participants of its own."""
    tok = hit.token
    if hit.trigger.pos != "noun" or not any(c.dep_ == "det" and c.lower_ in REFERENCE_DETS for c in tok.children):
        return False
    owners, between, recipients = finder.noun_args(tok)
    return not (owners or between or recipients)


def _is_background(hit: Hit, finder: ArgFinder) -> bool:
    """True for a bare nominal in a time or circumstance phrase: "eased the curfew after protests".

    With no participants of its own, the nominal sets the scene of its clause's
    event; it is reported elsewhere when it matters.
    """
    tok = hit.token
    if hit.trigger.pos != "noun" or tok.dep_ != "pobj" or tok.head.lower_ not in BACKGROUND_PREPS:
        return False
    if tok.head.lower_ == "in" and (tok.head.head.pos_ in ("NUM", "SYM") or tok.head.head.tag_ == "CD"):
        return False  # "$10 million in aid": the amount of the act, not its setting
    if plover_types()[hit.trigger.type].symmetric:
        return False  # "signed the pact after talks": the clause's subject took part
    if any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        return False  # "during a two-day visit": a particular happening, its participants found by its clause
    owners, between, recipients = finder.noun_args(tok)
    return not (owners or between or recipients)


def _is_participial_label(hit: Hit) -> bool:
    """True for a verb used as a label of its noun: "foreign-funded radicals", "those detained".

    A participle modifying a noun (``amod``), or a reduced relative past participle
    (``acl``, VBN) with no "by" agent, describes the people it modifies; the act
    it names is presupposed, not reported.
    """
    tok = hit.token
    if hit.trigger.pos != "verb":
        return False
    if tok.dep_ == "amod":
        return True
    return tok.dep_ == "acl" and tok.tag_ == "VBN" and not any(c.dep_ == "agent" for c in tok.children)


def _is_characterisation(hit: Hit) -> bool:
    """True for a nominal used as a label ("is an attack on a sovereign state", "described ... as an attack")."""
    tok = hit.token
    if hit.trigger.pos != "noun":
        return False
    return tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _resolve_reference(draft: Draft, inner: list[Hit], earlier: list[Draft], finder: ArgFinder) -> None:
    """A reaction to an event told before ("rejected the warning") targets that event's actors."""
    actor_codes = set(_codes(draft.actor_ids, finder))
    if not set(_codes(draft.recipient_ids, finder)) <= actor_codes:
        return
    for hit in inner:
        if hit.trigger.pos != "noun":
            continue
        for prev in reversed(earlier):
            if prev.hit.trigger.type == hit.trigger.type or lemma(prev.hit.token) == lemma(hit.token):
                targets = [a for a in prev.actor_ids if finder.code(a) not in actor_codes]
                if targets:
                    draft.recipient_ids = unique(draft.recipient_ids + targets)
                    draft.rule += "+reference"
                    return


def _apply_role(draft: Draft, kind: str, gov: Hit, finder: ArgFinder, lex: Lexicon) -> None:
    """An act alleged by an accusation takes the accused as actor; a promised act is planned."""
    gov_draft = _draft(gov, finder, lex, [])
    if kind == "alleged":
        draft.status = "alleged"
        if gov_draft and gov_draft.recipient_ids and not _own_subject(draft.hit.token):
            draft.actor_ids = gov_draft.recipient_ids
            draft.recipient_ids = [r for r in draft.recipient_ids if r not in draft.actor_ids]
        return
    draft.status = "planned"
    if gov_draft and (not draft.actor_ids or not _own_subject(draft.hit.token)):
        draft.actor_ids = unique(gov_draft.actor_ids + draft.actor_ids)
        draft.recipient_ids = unique(r for r in draft.recipient_ids + gov_draft.recipient_ids if r not in draft.actor_ids)


def _own_subject(tok: Token) -> bool:
    """True when the token has its own subject child."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in tok.children)


def _draft(hit: Hit, finder: ArgFinder, lex: Lexicon, inner: list[Hit]) -> Draft | None:
    """Build one draft: arguments, then type/mode transforms; None when no actor is found."""
    tok = hit.token
    actors, recipients = _arguments(tok, finder, hit.trigger.pos, frames().of(hit.trigger.type))
    source = "frame"
    if not actors and hit.trigger.type in JURISDICTION_TYPES:
        actors, recipients = _jurisdiction(tok, finder, recipients)
        source = "place"
    if _empty_frame(hit, [r for r in recipients if r not in actors], inner):
        return None
    if not actors:
        speaker = finder.quote_speaker(tok) if hit.trigger.type in SPEECH_TYPES else None
        if speaker is not None:
            actors, source = [speaker], "speaker"
        elif hit.trigger.type in STATE_AGENT_TYPES and _state_agent(tok, finder):
            source = "state-agent"  # "detained by state security officers in Shanghai": the state of the place
        elif hit.trigger.type in UNKNOWN_ACTOR_TYPES and hit.trigger.pos == "verb" and recipients:
            source = "unknown"
        else:
            return None
    if set(_codes(recipients, finder)) <= set(_codes(actors, finder)):
        recipients = unique(recipients + _inner_recipients(inner, finder))
    if hit.trigger.type == "CONSULT" and hit.trigger.pos == "noun" and len(_codes(actors + recipients, finder)) < 2:
        recipients = unique(recipients + _sentence_subjects(tok, finder))
    draft = Draft(hit, hit.trigger.type, hit.trigger.mode, actors, recipients,
                  rule=hit.trigger.rule, evidence=[tok], actor_source=source)
    _joint_act(draft, finder)
    _refine(draft, lex, inner, finder.index)
    return draft


def _joint_act(draft: Draft, finder: ArgFinder) -> None:
    """Exercises or patrols of two or more states, or with a partner, are COOPERATE (PLOVER.md)."""
    tok = draft.hit.token
    if finder.index.lemmas[tok.i] not in frames().of(draft.type).joint_acts:
        return
    head = _governing_verb(tok) if draft.hit.trigger.pos == "noun" else None
    partners = [i for cur in (tok, head) if cur is not None for i in finder.objects(cur, preps=PARTNER_PREPS, clauses=False)]
    if len(_codes(draft.actor_ids, finder)) >= 2 or partners:
        draft.type, draft.mode, draft.rule = "COOPERATE", None, draft.rule + "+joint"
        draft.recipient_ids = unique(draft.recipient_ids + [p for p in partners if p not in draft.actor_ids])


def _empty_frame(hit: Hit, recipients: list[str], inner: list[Hit]) -> bool:
    """True for frames that code nothing alone: "X said Y must" with no Y, "failed to" with no act."""
    if hit.trigger.pos == "modal":
        return not recipients
    return hit.trigger.lemma == "fail" and not inner


def _sentence_subjects(tok: Token, finder: ArgFinder) -> list[str]:
    """Actors of every subject in the trigger's sentence (participants of a meeting named in passing)."""
    out: list[str] = []
    for cand in finder.index.sentence(tok):
        if cand.dep_ == "nsubj":
            out.extend(finder.phrase_ids(cand))
    return unique(out)


def _inner_recipients(inner: list[Hit], finder: ArgFinder) -> list[str]:
    """Recipients of the acts folded into a governor ("willing to withdraw from Lebanon")."""
    out: list[str] = []
    for hit in inner:
        if hit.trigger.pos == "verb":
            out.extend(finder.objects(hit.token))
        else:
            out.extend(finder.noun_args(hit.token)[2])
    return unique(out)


def _arguments(tok: Token, finder: ArgFinder, pos: str, frame: Frame) -> tuple[list[str], list[str]]:
    """Return (actor ids, recipient ids) of a trigger token, read through its type's frame."""
    if pos == "modal":
        if any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in tok.children):
            return [], []
        speaker, _ = finder.subject(tok.head)
        addressee, patient = finder.subject(tok)
        return speaker, unique(addressee + patient)
    if pos == "verb":
        actors, patient = finder.subject(tok)
        if finder.index.lemmas[tok.i] in TOPIC_VERBS:
            return actors, finder.objects(tok, preps=PARTNER_PREPS, clauses=False)
        recipients = unique(finder.objects(tok, preps=frame.recipient_preps) + patient)
        if not recipients and plover_types()[frame.type].symmetric:
            recipients = [r for r in _nested_partners(tok, finder) if r not in actors]
        if not recipients and _shares_subject(tok):  # "summoned Iran's envoy and demanded ...": same addressee
            recipients = [r for r in finder.objects(tok.head) if r not in actors]
        return actors, recipients
    if pos == "adj":
        head = tok.head if tok.dep_ in ("acomp", "attr", "amod") else tok
        actors, _ = finder.subject(head)
        return actors, finder.objects(tok)
    owners, between, recipients = finder.noun_args(tok, actor_preps=frame.actor_preps, recipient_preps=frame.recipient_preps)
    verb = _governing_verb(tok)
    if verb is not None and not between and plover_types()[frame.type].symmetric:
        # "launched a mediation effort on Saturday between X and Y": the parser hangs "between" on the verb
        between = finder.objects(verb, preps=frozenset({"between", "among"}), clauses=False)
    if verb is not None and between and not owners and plover_types()[frame.type].symmetric:
        owners = [a for a in finder.subject(verb)[0] if a not in between]  # "X launched talks between Y and Z": the third party
    if verb is not None and finder.index.lemmas[verb.i] in frames().receiver_verbs and tok.dep_ == "dobj":
        # "Turkey drew condemnation from Iraq", "Nepal received aid from Japan": the subject undergoes
        # the act and the "from" phrase (of the noun or of the verb) names its source
        sources = finder.noun_args(tok, actor_preps=frame.actor_preps | {"from"},
                                   recipient_preps=frame.recipient_preps - {"from"})[0]
        sources = sources or finder.objects(verb, preps=frame.actor_preps | {"from"}, clauses=False)
        if sources:
            v_act, v_pat = finder.subject(verb)
            owners = sources
            recipients = unique([r for r in recipients + (v_act or v_pat) if r not in owners])
            verb = None
    if verb is not None and not owners and not between:
        v_act, v_pat = finder.subject(verb)
        owners = v_act
        if not v_act and _passive(verb) and pos == "noun":  # "X was put under investigation": X is the target
            recipients = unique(recipients + v_pat)
        else:
            owners = v_act or v_pat
        if not recipients:
            recipients = [r for r in finder.objects(verb) if r not in owners]
    if verb is not None and not recipients and _passive(verb) and pos == "noun":
        recipients = [r for r in finder.subject(verb)[1] if r not in owners]  # "Russia was hit with EU sanctions"
    actors = unique(owners + between)
    return actors, [r for r in recipients if r not in actors]


def _nested_partners(verb: Token, finder: ArgFinder) -> list[str]:
    """Partners of a reciprocal verb named in a "with" phrase inside its adjuncts.

    "met on the sidelines of the summit with the four leaders": the "with" phrase
    hangs from a noun of the verb's prepositional phrase, not from the verb.
    """
    out: list[str] = []
    frontier = [c for c in verb.children if c.dep_ == "prep"]
    for _ in range(3):
        nxt: list[Token] = []
        for prep in frontier:
            for pobj in prep.children:
                if pobj.dep_ != "pobj":
                    continue
                for child in pobj.children:
                    if child.dep_ == "prep" and child.lower_ in PARTNER_PREPS:
                        out.extend(i for p in child.children if p.dep_ == "pobj" for i in finder.np_ids(p))
                    elif child.dep_ == "prep":
                        nxt.append(child)
        frontier = nxt
    return unique(out)


def _passive(verb: Token) -> bool:
    """True for a passive verb without a "by" agent."""
    deps = {c.dep_ for c in verb.children}
    return bool(deps & {"nsubjpass", "auxpass"}) and "agent" not in deps


def _jurisdiction(tok: Token, finder: ArgFinder, recipients: list[str]) -> tuple[list[str], list[str]]:
    """(actors, recipients) of a passive act of state power with no agent: the state it happened in.

    "A missionary was arrested in Lebanon", "was put under investigation in Italy":
    arrests, investigations and sentences are the acts of the state where they happen.
    """
    verb = tok if tok.pos_ in ("VERB", "AUX") else _governing_verb(tok)
    if verb is None or not _passive(verb):
        return [], recipients
    places: list[str] = []
    for prep in [*verb.children, *(tok.children if tok.i != verb.i else ())]:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    states = [i for i in finder.core_ids(pobj) if getattr(finder.by_id.get(i), "kind", None) == "state"]
                    places.extend(states)
    places = unique(places)
    return places, [r for r in recipients if r not in places]


def _shares_subject(tok: Token) -> bool:
    """True for a verb coordinated with a preceding verb and using its subject."""
    return (tok.dep_ == "conj" and tok.head.pos_ == "VERB" and tok.head.i < tok.i
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children))


def _governing_verb(tok: Token) -> Token | None:
    """The verb a nominal trigger is the object of (through prepositions), if any."""
    cur = tok
    for _ in range(4):
        if cur.dep_ in ("nsubj", "nsubjpass", "ROOT") or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


# ---------------------------------------------------------------- refinement
def _refine(draft: Draft, lex: Lexicon, inner: list[Hit], index: DocIndex) -> None:
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


def _negated(tok: Token, index: DocIndex) -> bool:
    """True when the trigger (or the auxiliary chain it heads) is negated."""
    kids = index.children(tok)
    if any(dep == "neg" for _, dep, _ in kids):
        return True
    if any(dep == "det" and low == "no" for _, dep, low in kids) and tok.pos_ == "NOUN":
        return True
    return tok.dep_ == "xcomp" and any(dep == "neg" for _, dep, _ in index.children(tok.head))


def _modal(tok: Token) -> bool:
    """True when the trigger has a modal auxiliary (will/would/can ...)."""
    return any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in tok.children)


def _clause_chain(tok: Token) -> list[Token]:
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
    for cur in _clause_chain(tok):
        for child in cur.children:
            if child.dep_ == "aux" and child.lower_ in FUTURE_AUX | HYPOTHETICAL_AUX:
                return True
        if lemma(cur) in ("ready", "prepared", "willing"):
            return True
    return False


def _conditional(tok: Token) -> bool:
    """True when an if/unless clause hangs from the act or its clause."""
    for cur in _clause_chain(tok):
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


def _contexts(tokens: list[Token], lex: Lexicon, index: DocIndex) -> list[str]:
    """PLOVER contexts from keywords in the evidence sentences (read once per set of sentences)."""
    numbers = tuple(sorted({index.sentence_number(tok) for tok in tokens}))
    found = index.contexts.get(numbers)
    if found is None:
        words = frozenset().union(*(index.sentence_lemmas(tok) for tok in tokens))
        found = index.contexts[numbers] = tuple(name for name, keys in lex.contexts.items() if not words.isdisjoint(keys))
    return list(found)


# ---------------------------------------------------------------- merge
def _codes(ids: list[str], finder: ArgFinder) -> list[str]:
    """Event codes of actor ids, unique, in order; an informal group adds its member states.

    FORMAT.md: an informal group ("NATO's Indo-Pacific partners") stands for its
    members; where the group also has a code of its own, both are listed.
    """
    key = tuple(ids)
    found = finder.code_lists.get(key)
    if found is None:
        found = finder.code_lists[key] = tuple(unique(c for i in ids if (code := finder.code(i)) for c in _with_members(code)))
    return list(found)


@functools.cache
def _with_members(code: str) -> tuple[str, ...]:
    """The code followed by its group's member states."""
    return (code, *group_members(code))


def group_members(code: str) -> tuple[str, ...]:
    """Member states of an informal group of states (``members`` in igos.yaml), else ()."""
    entry = igos().by_code.get(code)
    return entry.members if entry is not None else ()


def _compatible(a: Draft, b: Draft, finder: ArgFinder) -> bool:
    """True when two drafts can be the same happening."""
    if a.type != b.type or _tense(a.status) != _tense(b.status) or _derived(a) != _derived(b):
        return False
    same_mode = not a.mode or not b.mode or a.mode == b.mode
    if not _same_date(a.context_info, b.context_info, wildcard=same_mode):
        return False
    if plover_types()[a.type].symmetric:
        pa = set(_codes(a.actor_ids + a.recipient_ids, finder))
        pb = set(_codes(b.actor_ids + b.recipient_ids, finder))
        return bool(pa & pb) and (pa <= pb or pb <= pa)
    aa, ab = set(_codes(a.actor_ids, finder)), set(_codes(b.actor_ids, finder))
    ra, rb = set(_codes(a.recipient_ids, finder)), set(_codes(b.recipient_ids, finder))
    if not aa or not ab:  # an unknown attacker: the same victims make the same happening
        return bool(ra & rb) and (ra <= rb or rb <= ra)
    return bool(aa & ab) and (not ra or not rb or ra <= rb or rb <= ra)


def _derived(draft: Draft) -> str | None:
    """The act a promise or refusal was derived from ("will lift the ban": lift), else None.

    A promise to do one thing and an agreement on another are two happenings
    even when both end up coded AGREE on the same day.
    """
    if any(draft.rule.endswith(suffix) for suffix in DERIVED_SUFFIXES):
        return lemma(draft.hit.token)
    return None


def _same_date(a: Any, b: Any, *, wildcard: bool = True) -> bool:
    """True when two mentions' dates can be one day.

    With ``wildcard``, an undated (default-dated) mention fits any recent date:
    the undated lede and the dated body mention of one happening merge.
    """
    if a is None or b is None:
        return True
    for undated, dated in ((a, b), (b, a)):
        if wildcard and getattr(undated, "date_source", None) == "default":
            return not getattr(dated, "historical", False)
    da, db = getattr(a, "date", None) or "", getattr(b, "date", None) or ""
    return da.startswith(db) or db.startswith(da)


def _tense(status: str | None) -> str:
    """Statuses that can describe one happening: reported acts vs. acts not (yet) done."""
    return "future" if status in ("planned", "hypothetical") else "past"


def _merge(drafts: list[Draft], finder: ArgFinder) -> list[Draft]:
    """Merge drafts of the same happening, keeping the first's type and collecting evidence."""
    out: list[Draft] = []
    for draft in drafts:
        for prev in out:
            if _compatible(prev, draft, finder):
                targets = set(_codes(prev.recipient_ids, finder)) if prev.actor_ids else set()  # first roles win
                prev.actor_ids = unique(prev.actor_ids + [a for a in draft.actor_ids if finder.code(a) not in targets])
                prev.recipient_ids = unique(r for r in prev.recipient_ids + draft.recipient_ids if r not in prev.actor_ids)
                prev.evidence.extend(draft.evidence)
                prev.mode = prev.mode or draft.mode
                _merge_context(prev, draft)
                break
        else:
            out.append(draft)
    return out


def _merge_context(prev: Draft, draft: Draft) -> None:
    """Combine the date and status of two mentions of one happening (the best-dated mention's date)."""
    infos = [i for i in (prev.context_info, draft.context_info) if i is not None]
    if len(infos) == 2 and merge_contexts is not None:
        merged = merge_contexts(infos)
        if merged is not None:
            prev.context_info = merged
    statuses = {prev.status, draft.status}
    prev.status = next((s for s in STATUS_ORDER if s in statuses), prev.status)


# ---------------------------------------------------------------- records
def _evidence(tok: Token, index: DocIndex) -> Evidence:
    """Evidence: the trigger as written (``start``/``end`` are its offsets) and its sentence."""
    return Evidence(sentence=index.sentence_text(tok), start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


def _record(draft: Draft, finder: ArgFinder, context: ContextSource, article: Article, lex: Lexicon) -> Event:
    """Turn a merged draft into an ``Event`` record."""
    actors = _codes(draft.actor_ids, finder) or ([draft.place_code] if draft.place_code else [])
    named = _codes(draft.recipient_ids, finder)
    recipients = [c for c in named if c not in actors]
    if not recipients and not plover_types()[draft.type].symmetric:
        # a domestic target named apart from the actor ("police dispersed protesters", "demanded
        # that President Y resign"): a body of the same state, never the actor or the state itself
        recipients = _codes([i for i in draft.recipient_ids if _is_body(i, draft, finder)], finder)
        if not recipients and len(actors) >= 2 and set(named) == set(actors):
            recipients = named  # a reciprocal act of two sides ("guards of the two countries exchanged fire")
    if draft.type == "THREATEN":
        targets = _codes(_condition_subjects(draft, finder), finder)
        recipients = unique(recipients + [c for c in targets if c not in actors])
    fields = context.fields(draft)
    if not recipients and draft.type in PLACE_TARGET_TYPES:
        recipients = _place_target(draft, fields.get("location"), actors, finder.index)
    target_ids = list(draft.recipient_ids)
    if not recipients and draft.type in DOMESTIC_TYPES:
        body = _domestic_body(draft, finder, actors)
        if body is not None:  # "police opened fire to disperse demonstrators": the state acts on its own people
            target_ids.append(body)
            recipients = _codes([body], finder)
    if not recipients and DOMESTIC_SELF_TARGET and draft.type in DOMESTIC_TYPES and _substate_actor(draft, finder):
        # protesters, rebels or police of a state acting with no other target named: PLOVER's own
        # gold codes the state's government as target; FORMAT.md (and the default) codes no recipient
        recipients = [c for c in actors if len(c) == 3 and c.isupper()][:1]
    evidence = [_evidence(t, finder.index) for t in sorted(draft.evidence, key=lambda t: t.i)]
    root = cameo_root(draft.type, draft.mode)
    first = evidence[0].start if evidence else 0
    return Event(
        id=make_id("ev", article.id, draft.type, sorted(actors), sorted(recipients), first),
        type=draft.type,
        mode=draft.mode,
        context=_contexts(draft.evidence, lex, finder.index),
        actors=actors,
        recipients=recipients,
        actor_ids=unique(i for i in draft.actor_ids if finder.code(i) and i in finder.by_id),
        recipient_ids=unique(i for i in target_ids if finder.code(i) and finder.code(i) in recipients),
        actor_sectors=_sectors(draft.actor_ids, finder),
        recipient_sectors=_sectors(target_ids, finder),
        cameo_root=root,
        score=score(draft.type, draft.mode),
        goldstein=goldstein(root),
        evidence=evidence,
        rule=draft.rule,
        confidence=_confidence(draft, actors, recipients, fields["status"], finder.index),
        **fields,
    )


def _confidence(draft: Draft, actors: list[str], recipients: list[str], status: str, index: DocIndex) -> float:
    """The event's confidence from how its trigger and participants were found (``event_confidence``)."""
    tok = draft.hit.token
    symmetric = plover_types()[draft.type].symmetric
    complete = len(set(actors) | set(recipients)) >= 2 if symmetric else bool(actors) and bool(recipients)
    sentence = index.sentence(tok)
    return confidence(ConfidenceEvidence(
        trigger_form=trigger_form(draft.hit.trigger.rule, draft.hit.trigger.pos),
        actor_source=draft.actor_source,
        complete=complete,
        status=status,
        derived="+" in draft.rule,
        sentence_tokens=len(sentence),
        mentions=len({index.sentence_number(t) for t in draft.evidence}),
    ))


def _is_body(actor_id: str, draft: Draft, finder: ArgFinder) -> bool:
    """True for a recipient that is a body of the actor's state, not the actor itself.

    A person or organisation not on the actor side; or, when the actor is itself a
    body inside its state ("Iraqi Kurds ... independence from Iraq"), the state.
    """
    if actor_id in draft.actor_ids:
        return _substate_actor(draft, finder)
    return getattr(finder.by_id.get(actor_id), "kind", None) in ("org", "person") or _substate_actor(draft, finder)


def _substate_actor(draft: Draft, finder: ArgFinder) -> bool:
    """True when the actor is a body inside a state, not the state itself.

    A person or an organisation of a sector outside the government ("the
    opposition party", "police", "rebels"), or a
    group the state's name only modifies ("Algerian landowners", "Rwandan
    rebels"): the subject's head word is not itself a name of the state.
    """
    if len(_codes(draft.actor_ids, finder)) != 1:
        return False
    kinds = {getattr(finder.by_id.get(i), "kind", None) for i in draft.actor_ids}
    if kinds & {"org", "person"}:
        return any(finder.sectors.get(i) in SUBSTATE_SECTORS for i in draft.actor_ids)
    subject = _subject_head(draft.hit.token)
    if subject is None or subject.pos_ == "PRON" or set(finder.tok_ids.get(subject.i, ())) & set(draft.actor_ids):
        return False
    sector, _ = sectors().sector_of([subject.lower_])
    if sector is not None:
        return sector in SUBSTATE_SECTORS  # "Algerian students" yes, "Turkey's foreign ministry" no
    return subject.tag_ in ("NNS", "NNPS")  # a group of the state's people ("Iraqi Kurds", "landowners")


def _subject_head(tok: Token) -> Token | None:
    """The head word of the trigger's subject (or of its governing verb's), if any."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else _governing_verb(tok)
    for cur in (tok, verb):
        if cur is None:
            continue
        for child in cur.children:
            if child.dep_ in ("nsubj", "poss", "agent"):
                if child.dep_ == "agent":
                    return next((p for p in child.children if p.dep_ == "pobj"), None)
                return child
    return None


def _place_target(draft: Draft, location: Location | None, actor_codes: list[str], index: DocIndex) -> list[str]:
    """The state where an attack landed, when the attack's own sentence names the place.

    "Israeli tanks fired shells at targets in Jericho": the target is the state the
    place lies in, when that is not the attacker's own.
    """
    if location is None or not location.state or location.state in actor_codes or not actor_codes:
        return []
    if location.text not in index.sentence_text(draft.hit.token):
        return []
    return [location.state]


def _domestic_body(draft: Draft, finder: ArgFinder, actor_codes: list[str]) -> str | None:
    """A body of the actor's own state named in the act's phrase or clause, outside its subject.

    PLOVER codes a domestic act on a named domestic target (police and protesters,
    rebels and the government, a strike over a minister's bill) with that target,
    a body of the same state, as recipient. Organisations and persons only: a
    state named with the actor's own code is not a target.
    """
    tok = draft.hit.token
    head = _governing_verb(tok) if draft.hit.trigger.pos == "noun" else tok
    head = head if head is not None else tok
    excluded = {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent", "csubj") for t in c.subtree}
    for cand in head.subtree:
        if cand.i in excluded:
            continue
        for actor_id in finder.tok_ids.get(cand.i, ()):
            actor = finder.by_id.get(actor_id)
            if actor is None or not (actor.kind in ("org", "person") or _names_people(cand)):
                continue
            if actor_id in draft.actor_ids and actor.kind != "state":
                continue
            if finder.code(actor_id) in actor_codes:
                return actor_id
    return None


def _names_people(tok: Token) -> bool:
    """True for a state's name modifying a plural noun: a group of its people ("the Zambian people", "Palestinian factions")."""
    return tok.dep_ in ("amod", "compound", "nmod") and (tok.head.tag_ in ("NNS", "NNPS") or tok.head.lemma_ == "people")


def _condition_subjects(draft: Draft, finder: ArgFinder) -> list[str]:
    """Subjects of the if/unless clause of a threat: whom the threat is aimed at."""
    out: list[str] = []
    for tok in draft.evidence[:1]:
        for cur in _clause_chain(tok) + [c for c in tok.children if c.dep_ == "xcomp"]:
            for child in cur.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children):
                    out.extend(i for s in child.children if s.dep_ in ("nsubj", "nsubjpass") for i in finder.np_ids(s))
    return out


def _sectors(ids: list[str], finder: ArgFinder) -> list[str]:
    """Primary sectors of the actors, unique."""
    return unique(s for i in ids if (s := finder.sectors.get(i)))
