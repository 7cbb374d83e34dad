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

import logging
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from communique.extract.event_allegations import allegations
from communique.extract.event_args import FIRST_PERSON, ArgFinder, is_ethnic, unique
from communique.extract.event_confidence import ConfidenceEvidence, reported
from communique.extract.event_context import ContextSource, merge_contexts
from communique.extract.event_draft import Draft, codes, governing_verb
from communique.extract.event_records import record, subject_head
from communique.extract.event_reference import REFERENCE_DETS, SPEECH_TYPES, resolve_reference
from communique.extract.event_refine import COOPERATIVE_TYPES, PROMISE_LEMMAS, refine
from communique.extract.event_triggers import Hit, find_hits, lemma
from communique.knowledge.events import Frame, Lexicon, frames, lexicon, plover_types
from communique.knowledge.words import word_set
from communique.records import ActorSet, Article, Event, Quote

__all__ = ["find_events"]

log = logging.getLogger(__name__)

# Edges a governed trigger climbs to reach the trigger that governs it.
GOVERN_DEPS = frozenset({"agent", "dobj", "pobj", "prep", "xcomp", "ccomp", "pcomp", "acomp", "attr", "oprd", "nsubjpass", "dative", "advcl", "acl", "relcl"})
MAX_GOVERN_STEPS = 5
ALLEGE_LEMMAS = word_set("events", "ALLEGE_LEMMAS")
PLANNED_TYPES = frozenset({"AID", "COOPERATE", "CONSULT"})
# Acts of state power: done in a state with no agent named, that state is the actor.
JURISDICTION_TYPES = frozenset({"ACCUSE", "COERCE", "SANCTION"})
# Acts of state power by unnamed state agents ("police", "security officers"): the state of the place.
STATE_AGENT_TYPES = frozenset({"COERCE", "ASSAULT", "MOBILIZE", "SANCTION"})
# Violence is coded with an unknown attacker when only the victims are named.
UNKNOWN_ACTOR_TYPES = frozenset({"ASSAULT"})
# Cooperative acts stated in the future or promised are AGREE in PLOVER ("cooperative acts
# reported in future tense are AGREE"); a planned meeting stays CONSULT (FORMAT.md's example).
FUTURE_AGREE_TYPES = frozenset({"AID", "COOPERATE", "SUPPORT", "RETREAT", "CONCEDE"})
FUTURE_STATUSES = frozenset({"planned", "hypothetical"})
# Violence that sets the scene of its clause's act ("surrendered following a government offensive",
# "suspended talks after a bomb attack") is not made by that clause's subject.
SCENE_TYPES = frozenset({"ASSAULT", "COERCE"})
# Prepositions of time and circumstance: a trigger under them is not its governor's complement.
ADJUNCT_PREPS = word_set("events", "ADJUNCT_PREPS")
# Prepositions whose bare nominal sets the scene ("after protests", "held in detention", "resigned in protest").
BACKGROUND_PREPS = ADJUNCT_PREPS | {"in"}
# Verbs whose object is a topic, not a partner ("discussed the crisis").
TOPIC_VERBS = word_set("events", "TOPIC_VERBS")
PARTNER_PREPS = word_set("events", "PARTNER_PREPS")
# Hostile speech acts that are events of their own when rejected ("rejected Armenia's accusation"); a rejected
# invitation or request is folded into the rejection.
SPEECH_ACTS = frozenset({"THREATEN", "ACCUSE"})
# Rule suffixes of drafts whose type was derived from another act (a promise, a refusal).
DERIVED_SUFFIXES = ("+promised", "+refused")
# Status of merged mentions: the first of these any mention has (context.merge_contexts' order).
STATUS_ORDER = ("occurred", "denied", "alleged", "planned", "hypothetical")


def find_events(doc: Doc, *, article: Article, actors: ActorSet, quotes: list[Quote],
                evidence: list[tuple[Event, ConfidenceEvidence]] | None = None) -> list[Event]:
    """Return the PLOVER events in ``doc`` (the article body), one per happening.

    Args:
        doc: the parsed article body.
        article: the article (id and date).
        actors: the actor stage's actors and mentions.
        quotes: the quote stage's quotations (speakers code verbal events in quotes).
        evidence: if given, receives every event (also those under the report floor) with the
            evidence its confidence was scored on (for training the scorer, ``evaluate.scorer``).

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
        if context.apply(draft, actor_codes=codes(draft.actor_ids, finder)) and _place_actor(draft, context):
            _future_cooperation(draft)
            kept.append(draft)
    _relief(kept, finder, lex)
    merged = _merge(_fold_promises(kept), finder)
    scored = [(event, proof) for d in merged for event, proof in [record(d, finder, context, article, lex)]
              if event.actors or event.recipients]  # an unknown attacker of no known place codes nothing
    scored += allegations(scored, actors, article.id)
    if evidence is not None:
        evidence.extend(scored)
    return reported([event for event, _ in scored])


# ---------------------------------------------------------------- drafts
def _place_actor(draft: Draft, context: ContextSource) -> bool:
    """Give an act of unnamed state agents the state where it happened; False when no place says so."""
    if draft.actor_source != "state-agent":
        return True
    location = context.fields(draft).location
    state = getattr(location, "state", None)
    if not state:
        if draft.type in UNKNOWN_ACTOR_TYPES and draft.recipient_ids:
            draft.actor_source = "unknown"
            return True
        return False
    draft.place_code, draft.actor_source = state, "place"
    return True


def _state_agent(tok: Token, finder: ArgFinder, heads: frozenset[str]) -> bool:
    """True when the trigger's subject (or passive agent) is named by its kind only, one of ``heads``.

    ``heads``: state bodies ("police", frames' ``state_agents``) or crowds of people (``crowds``).
    """
    subject = subject_head(tok)
    return subject is not None and finder.index.lemmas[subject.i] in heads


def _ethnic_subject(tok: Token) -> bool:
    """True when the trigger's subject is a people by origin ("ethnic Albanians"): the people of the place."""
    subject = subject_head(tok)
    return subject is not None and is_ethnic(subject)


def _future_cooperation(draft: Draft) -> None:
    """A cooperative act not yet done ("will give a grant", "pledged aid") is coded AGREE (PLOVER)."""
    if draft.type in FUTURE_AGREE_TYPES and draft.status in FUTURE_STATUSES:
        draft.type, draft.mode = "AGREE", None
        if not draft.rule.endswith(DERIVED_SUFFIXES):
            draft.rule += "+promised"


DISASTER_STORY_MENTIONS = 2


def _relief(drafts: list[Draft], finder: ArgFinder, lex: Lexicon) -> None:
    """In a story about a disaster, forces sent or deployed are relief: AID (PLOVER.md's convention).

    A story is about a disaster when it names one (``contexts.disasters`` of ``triggers.yaml``)
    at least twice: "sent a navy ship with engineers" after a cyclone brings help, not a threat.
    """
    disasters = frozenset(lex.contexts.get("disasters", ()))
    if sum(lemma in disasters for lemma in finder.index.lemmas) < DISASTER_STORY_MENTIONS:
        return
    for draft in drafts:
        if draft.type == "MOBILIZE" and draft.status != "negated":
            draft.type, draft.mode, draft.rule = "AID", None, draft.rule + "+relief"


PROMISE_PATH_DEPS = frozenset({"xcomp", "ccomp", "conj", "pcomp", "prep", "advcl", "acl"})


def _fold_promises(drafts: list[Draft]) -> list[Draft]:
    """"agreed to share intelligence and to patrol together": the promise and what it promises are one AGREE.

    A promised cooperative act (``+promised``) whose trigger depends on an AGREE trigger of its
    own clause chain (to-clause, conjunct, prepositional complement) joins that AGREE: its
    participants and evidence are added, and no second AGREE is coded.
    """
    hosts = {d.hit.token.i: d for d in drafts if d.type == "AGREE" and not d.rule.endswith("+promised")}
    out: list[Draft] = []
    for draft in drafts:
        host = _promise_host(draft.hit.token, hosts) if draft.rule.endswith("+promised") else None
        if host is None or host is draft:
            out.append(draft)
            continue
        host.actor_ids = unique(host.actor_ids + [a for a in draft.actor_ids if a not in host.recipient_ids])
        host.recipient_ids = unique(r for r in host.recipient_ids + draft.recipient_ids if r not in host.actor_ids)
        host.evidence.extend(draft.evidence)
    return out


def _promise_host(tok: Token, hosts: dict[int, Draft]) -> Draft | None:
    """The AGREE draft whose trigger governs ``tok`` through its clause chain, if any."""
    cur = tok
    for _ in range(MAX_GOVERN_STEPS):
        if cur.dep_ not in PROMISE_PATH_DEPS or cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.i in hosts:
            return hosts[cur.i]
    return None


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
        path.append(cur.lower_ if cur.dep_ == "prep" else "acl" if cur.dep_ == "relcl" else cur.dep_)
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
    if hit.token.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ not in ("who", "which", "that")
                                         for c in hit.token.children):
        return "free"  # "an allegation Baku swiftly rejected": another party's act on the noun, not its content
    if htype == "COOPERATE" and "in" in path:
        return "free"  # "attacked the town in coordination with Syrian forces": a joint act of its own, no target
    if "acl" in path and gtype == htype:
        return "folded"
    if "acl" in path and gtype in ("REJECT", "REQUEST") and htype in COOPERATIVE_TYPES:
        return "folded"  # "rejected an invitation to attend a meeting": the act refused or asked for
    if path == ["advcl"] and glem in PROMISE_LEMMAS and any(c.dep_ == "aux" and c.lower_ == "to" for c in hit.token.children):
        path = ["xcomp"]  # "have sworn to fight": the parser's purpose clause is the vow's complement
    if path == ["advcl"] and _purpose(hit.token):
        return "folded"  # "resigned to allow elections", "gave a grant to finance projects": the aim, not a report
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
    if gtype == "REJECT" and htype in SPEECH_ACTS and hit.trigger.pos == "noun" and _own_maker(hit.token):
        return "free"  # "Baku rejected Armenia's accusation", "a threat by Egypt ... was dismissed": both happened
    return "folded"


def _own_maker(noun: Token) -> bool:
    """True when a nominal speech act names who made it ("Egypt's threat", "a threat by Egypt", "Chinese accusations")."""
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("by", "from")):
            return True
        if child.dep_ in ("amod", "compound") and child.text[:1].isupper():
            return True
    return False


def _purpose(tok: Token) -> bool:
    """True for a purpose clause: a "to"-infinitive with no subject of its own."""
    kids = list(tok.children)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in kids)


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
        if _is_participial_label(hit) or _is_background(hit, finder) or _is_proposal_content(hit):
            continue
        draft = _draft(hit, finder, lex, inner.get(idx, []), alleged=roles.get(idx, ("",))[0] == "alleged")
        if draft is None:
            continue
        if idx in roles:
            _apply_role(draft, *roles[idx], finder, lex)
        resolve_reference(draft, inner.get(idx, []), drafts, finder)
        drafts.append(draft)
        if draft.type == "SANCTION" and draft.mode == "convict" and _prison_follows(draft.hit.token, finder):
            drafts.append(replace(draft, type="COERCE", mode="arrest", rule=draft.rule + "+prison",
                                  evidence=list(draft.evidence)))
    return drafts


def _prison_follows(tok: Token, finder: ArgFinder) -> bool:
    """True when a sentence sends someone to prison: PLOVER adds COERCE arrest to SANCTION convict."""
    lemmas = finder.index.lemmas
    prison = frames().prison_words
    return any(lemmas[t.i] in prison for c in tok.children if c.dep_ == "prep" for t in c.subtree)


def _is_reference(hit: Hit, finder: ArgFinder) -> bool:
    """True for "the ban", "the meeting": a nominal naming an event told elsewhere, with no participants of its own."""
    tok = hit.token
    if hit.trigger.pos != "noun" or not any(c.dep_ == "det" and c.lower_ in REFERENCE_DETS for c in tok.children):
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in ("responsibility", "credit"):
        return False  # "claimed responsibility for the attack": the claimant names the attacker
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


def _is_proposal_content(hit: Hit) -> bool:
    """True for an act a text only proposes: "a resolution that aims to tighten sanctions", "a bill that would ban".

    The act hangs (through its clause) from a relative or participial clause of a
    proposal noun (``frames.yaml`` proposal_nouns); the proposal's adoption, support
    or rejection is the event.
    """
    cur = hit.token
    nouns = frames().proposal_nouns
    for _ in range(4):
        if cur.dep_ in ("relcl", "acl") and cur.head.lemma_.lower() in nouns:
            return True
        if cur.dep_ not in ("xcomp", "conj", "dobj", "ccomp", "relcl", "acl") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


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
    for _ in range(2):  # "the dam is a source of development, not a threat": the label's conjunct or apposition
        if tok.dep_ in ("conj", "appos") and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
    return tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as")


def _apply_role(draft: Draft, kind: str, gov: Hit, finder: ArgFinder, lex: Lexicon) -> None:
    """An act alleged by an accusation takes the accused as actor; a promised act is planned."""
    gov_draft = _draft(gov, finder, lex, [])
    if kind == "alleged":
        draft.status = "alleged"
        if gov.token.dep_ == "acl" and gov.token.tag_ == "VBN":  # "officials accused of ordering a crackdown"
            accused = finder.np_ids(gov.token.head)
        else:
            accused = [r for r in gov_draft.recipient_ids if finder.code(r) not in set(codes(gov_draft.actor_ids, finder))] \
                if gov_draft else []
        if accused and not _own_subject(draft.hit.token):
            # the accused, never the accuser ("accused Azerbaijan of shelling villages in its province")
            draft.actor_ids = accused
            draft.recipient_ids = [r for r in draft.recipient_ids if r not in draft.actor_ids]
        return
    draft.status = "planned"
    if gov_draft and (not draft.actor_ids or not _own_subject(draft.hit.token)):
        draft.actor_ids = unique(gov_draft.actor_ids + draft.actor_ids)
        draft.recipient_ids = unique(r for r in draft.recipient_ids + gov_draft.recipient_ids if r not in draft.actor_ids)


def _own_subject(tok: Token) -> bool:
    """True when the token has its own subject child."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "poss") for c in tok.children)


def _draft(hit: Hit, finder: ArgFinder, lex: Lexicon, inner: list[Hit], *, alleged: bool = False) -> Draft | None:
    """Build one draft: arguments, then type/mode transforms; None when no actor is found."""
    tok = hit.token
    actors, recipients = _arguments(tok, finder, hit.trigger.pos, frames().of(hit.trigger.type))
    source = "frame"
    if not actors and hit.trigger.type == "MOBILIZE" and hit.trigger.pos == "verb":
        patient = finder.subject(tok)[1]
        if patient:  # "Indian troops were deployed along the border": forces are moved by their own state
            actors, recipients = patient, [r for r in recipients if r not in patient]
    if not actors and hit.trigger.type in JURISDICTION_TYPES:
        actors, recipients = _jurisdiction(tok, finder, recipients)
        source = "place"
    if _empty_frame(hit, [r for r in recipients if r not in actors], inner):
        return None
    # a crowd protesting or doing violence ("thousands rallied", "rioters torched shops"): people of the place
    crowd = hit.trigger.type in ("PROTEST", "ASSAULT") and _state_agent(tok, finder, frames().crowds)
    if not actors:
        speaker = finder.quote_speaker(tok) if hit.trigger.type in SPEECH_TYPES else None
        if speaker is not None:
            actors, source = [speaker], "speaker"
        elif hit.trigger.type in STATE_AGENT_TYPES and _state_agent(tok, finder, frames().state_agents):
            source = "state-agent"  # "detained by state security officers in Shanghai": the state of the place
        elif _ethnic_subject(tok):
            source = "state-agent"  # "ethnic Albanian guerrillas attacked a police station in Macedonia"
        elif crowd or (hit.trigger.type == "PROTEST" and hit.trigger.pos == "noun"):
            # "thousands rallied in Tbilisi", "demonstrations were held in Khartoum": people of the place's state
            source = "state-agent"
        elif hit.trigger.type in UNKNOWN_ACTOR_TYPES and hit.trigger.pos == "verb" and (
                recipients or _state_agent(tok, finder, frames().unnamed_attackers)):
            source = "unknown"  # "gunmen kidnapped 42 pupils in Niger state": the victims' or the place's state
        elif not alleged:
            return None  # an act alleged by an accusation takes the accused as actor (_apply_role)
    if set(codes(recipients, finder)) <= set(codes(actors, finder)):
        recipients = unique(recipients + _inner_recipients(inner, finder))
    if hit.trigger.type == "CONSULT" and hit.trigger.pos == "noun" and len(codes(actors + recipients, finder)) < 2:
        recipients = unique(recipients + _sentence_subjects(tok, finder))
    draft = Draft(hit, hit.trigger.type, hit.trigger.mode, actors, recipients,
                  rule=hit.trigger.rule, evidence=[tok], actor_source=source)
    if draft.type == "ASSAULT" and crowd:
        # violence by a crowd ("protesters torched a police station", "rioters who torched shops") is a riot
        draft.type, draft.mode, draft.rule = "PROTEST", "riot", draft.rule + "+crowd"
    _joint_act(draft, finder)
    refine(draft, lex, inner, finder.index)
    return draft


def _joint_act(draft: Draft, finder: ArgFinder) -> None:
    """Exercises or patrols of two or more states, or with a partner, are COOPERATE (PLOVER.md)."""
    tok = draft.hit.token
    if finder.index.lemmas[tok.i] not in frames().of(draft.type).joint_acts:
        return
    head = governing_verb(tok) if draft.hit.trigger.pos == "noun" else None
    partners = [i for cur in (tok, head) if cur is not None for i in finder.objects(cur, preps=PARTNER_PREPS, clauses=False)]
    if len(codes(draft.actor_ids, finder)) >= 2 or partners:
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
    verb = governing_verb(tok)
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
    if verb is not None and not owners and not between and not (frame.type in SCENE_TYPES and _in_adjunct(tok, verb)):
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


def _in_adjunct(noun: Token, verb: Token) -> bool:
    """True for a nominal in a time or circumstance phrase of its verb ("suspended talks after a bomb attack")."""
    cur = noun
    while cur.i != verb.i and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ in ADJUNCT_PREPS:
            return True
        cur = cur.head
    return False


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
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
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


# ---------------------------------------------------------------- merge
def _compatible(a: Draft, b: Draft, finder: ArgFinder) -> bool:
    """True when two drafts can be the same happening."""
    if a.type != b.type or _tense(a.status) != _tense(b.status) or _derived(a) != _derived(b):
        return False
    same_mode = not a.mode or not b.mode or a.mode == b.mode
    if not _same_date(a.context_info, b.context_info, wildcard=same_mode):
        return False
    if plover_types()[a.type].symmetric:
        pa = set(codes(a.actor_ids + a.recipient_ids, finder))
        pb = set(codes(b.actor_ids + b.recipient_ids, finder))
        return bool(pa & pb) and (pa <= pb or pb <= pa)
    aa, ab = set(codes(a.actor_ids, finder)), set(codes(b.actor_ids, finder))
    ra, rb = set(codes(a.recipient_ids, finder)), set(codes(b.recipient_ids, finder))
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
    index = _MergeIndex(finder)
    for draft in drafts:
        for prev in index.candidates(draft, out):
            if _compatible(prev, draft, finder):
                targets = set(codes(prev.recipient_ids, finder)) if prev.actor_ids else set()  # first roles win
                prev.actor_ids = unique(prev.actor_ids + [a for a in draft.actor_ids if finder.code(a) not in targets])
                prev.recipient_ids = unique(r for r in prev.recipient_ids + draft.recipient_ids if r not in prev.actor_ids)
                prev.evidence.extend(draft.evidence)
                prev.mode = prev.mode or draft.mode
                _merge_context(prev, draft)
                index.update(prev, out)
                break
        else:
            out.append(draft)
            index.update(draft, out)
    return out


class _MergeIndex:
    """Which merged drafts a draft may be compatible with: the same type, tense and derived act, sharing a code.

    Those three never change when drafts merge, and :func:`_compatible` needs
    one actor or recipient code in common, so only the drafts filed under the
    draft's key and one of its codes are tried, in their order in ``out`` (the
    first compatible one wins, as when trying them all).
    """

    def __init__(self, finder: ArgFinder) -> None:
        self.finder = finder
        self.by_code: dict[tuple[str, str, str | None, str], list[int]] = {}
        self.position: dict[int, int] = {}  # id(draft) -> its index in out
        self.filed: dict[int, set[str]] = {}  # id(draft) -> the codes it is filed under

    def _key(self, draft: Draft) -> tuple[str, str, str | None]:
        return draft.type, _tense(draft.status), _derived(draft)

    def _codes(self, draft: Draft) -> set[str]:
        return set(codes(draft.actor_ids + draft.recipient_ids, self.finder))

    def candidates(self, draft: Draft, out: list[Draft]) -> list[Draft]:
        """The drafts of ``out`` that may be compatible with ``draft``, in order."""
        key = self._key(draft)
        found: set[int] = set()
        for code in self._codes(draft):
            found.update(self.by_code.get((*key, code), ()))
        return [out[k] for k in sorted(found)]

    def update(self, draft: Draft, out: list[Draft]) -> None:
        """File ``draft`` (just added to ``out``, or just grown by a merge) under its codes."""
        ident = id(draft)
        if ident not in self.position:
            self.position[ident] = len(out) - 1
        filed = self.filed.setdefault(ident, set())
        key = self._key(draft)
        for code in self._codes(draft) - filed:
            self.by_code.setdefault((*key, code), []).append(self.position[ident])
            filed.add(code)


def _merge_context(prev: Draft, draft: Draft) -> None:
    """Combine the date and status of two mentions of one happening (the best-dated mention's date)."""
    infos = [i for i in (prev.context_info, draft.context_info) if i is not None]
    if len(infos) == 2 and merge_contexts is not None:
        merged = merge_contexts(infos)
        if merged is not None:
            prev.context_info = merged
    statuses = {prev.status, draft.status}
    prev.status = next((s for s in STATUS_ORDER if s in statuses), prev.status)
