"""Event records: final recipients (domestic bodies, places, threats' targets), confidence and fields."""

from __future__ import annotations

from spacy.tokens import Token

from communique.extract.event_args import ArgFinder, DocIndex, counterpart, names_others, unique
from communique.extract.event_confidence import ConfidenceEvidence, confidence, trigger_form
from communique.extract.event_context import ContextSource
from communique.extract.event_draft import Draft, codes, governing_verb
from communique.extract.event_refine import CONDITION_MARKS, clause_chain, contexts
from communique.ids import make_id
from communique.knowledge.actor_tables import countries, sectors
from communique.knowledge.events import Lexicon, cameo_root, frames, goldstein, lexicon, plover_types, score
from communique.knowledge.words import word_set
from communique.records import Article, Event, Evidence, Location

__all__ = ["record", "subject_head"]

# FORMAT.md: a domestic event has the state as actor and no recipient. PLOVER's own
# gold standard records code the state's government as the target instead; set this
# to True to produce that reading (protests, repression and violence with no named target).
DOMESTIC_SELF_TARGET = False
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE", "ASSAULT", "THREATEN", "REQUEST", "CONCEDE", "REJECT"})
# Sectors of bodies inside a state that act against their own state's government (PLOVER sectors).
SUBSTATE_SECTORS = frozenset({"COP", "MIL", "CVL", "REB", "OPP", "PTY", "LAB", "AGR", "BUS", "EDU", "REL", "SOC",
                              "REF", "JRN", "CRM", "MED", "PRM", "UAF", "UNK", "ELI"})
RECIPROCAL_VERBS = word_set("events", "RECIPROCAL_VERBS")
# Dependents of a nominal that name its own owner ("Russia's blockade", "Chinese sanctions").
OWNER_DEPS = ("poss", "amod", "compound", "nmod")
# Types whose target, when no one is named, is the state where the act landed.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "AID"})  # attacks and aid land somewhere ("airlifted food to camps around Goma")
# Directed acts whose object can be a group of people with no state named ("killed 30 rebels",
# "arrested dozens of militants", "accused communist guerrillas of ..."): in a story about one
# state, or set in the actor's own state, that group is the actor's state's own people.
PEOPLE_TARGET_TYPES = frozenset({"ACCUSE", "COERCE", "ASSAULT", "REQUEST", "THREATEN", "REJECT", "CONCEDE",
                                 "RETREAT", "SANCTION"})


def _wants_counterpart(draft: Draft, finder: ArgFinder, actors: list[str], recipients: list[str]) -> bool:
    """True for an act by a state or IGO itself (not a body inside a state) that lacks its other side.

    A directed act whose frame expects a target and names none, or a joint act (meeting,
    agreement, cooperation) with one participant: "China offered two million dollars" in a
    story about Vanuatu is an offer to Vanuatu.
    """
    if not actors or frames().of(draft.type).alone or _substate_actor(draft, finder):
        return False
    if draft.actor_source == "place":
        return False  # unnamed state agents acting where they are ("police raided her newspaper"): domestic
    if plover_types()[draft.type].symmetric:
        return len(set(actors) | set(recipients)) < 2
    return not recipients


def _visited_state(location: Location | None, actors: list[str]) -> str | None:
    """The state a visit goes to: the state of the place it happens, when that is not the visitor's."""
    state = getattr(location, "state", None)
    return state if state and state not in actors else None


def _evidence(tok: Token, index: DocIndex) -> Evidence:
    """Evidence: the trigger as written (``start``/``end`` are its offsets) and its sentence."""
    return Evidence(sentence=index.sentence_text(tok), start=tok.idx, end=tok.idx + len(tok.text), text=tok.text)


def record(draft: Draft, finder: ArgFinder, context: ContextSource, article: Article,
           lex: Lexicon) -> tuple[Event, ConfidenceEvidence]:
    """Turn a merged draft into an ``Event`` record, with the evidence its confidence was scored on."""
    actors = codes(draft.actor_ids, finder) or ([draft.place_code] if draft.place_code else [])
    named = codes(draft.recipient_ids, finder)
    recipients = [c for c in named if c not in actors]
    if not recipients and not plover_types()[draft.type].symmetric:
        # a domestic target named apart from the actor ("police dispersed protesters", "demanded
        # that President Y resign"): a body of the same state, never the actor or the state itself
        recipients = codes([i for i in draft.recipient_ids if _is_body(i, draft, finder)], finder)
        if not recipients and len(actors) >= 2 and set(named) == set(actors):
            recipients = named  # a reciprocal act of two sides ("guards of the two countries exchanged fire")
        elif not recipients and len(actors) >= 2 and finder.index.lemmas[draft.hit.token.i] in RECIPROCAL_VERBS:
            recipients = list(actors)  # "Russia and Ukraine swapped prisoners": each side to the other
    if draft.type == "THREATEN":
        targets = codes(_condition_subjects(draft, finder), finder)
        recipients = unique(recipients + [c for c in targets if c not in actors])
    fields = context.fields(draft)
    if not recipients and draft.type in PLACE_TARGET_TYPES:
        recipients = _place_target(draft, fields.location, actors, finder.index)
    target_ids = list(draft.recipient_ids)
    if not recipients and draft.type in DOMESTIC_TYPES:
        body = _domestic_body(draft, finder, actors)
        if body is not None:  # "police opened fire to disperse demonstrators": the state acts on its own people
            target_ids.append(body)
            recipients = codes([body], finder)
    if not recipients and draft.type in PEOPLE_TARGET_TYPES and len(actors) == 1 and _people_object(draft, finder):
        # "Burundi's army killed 30 rebels": the state's own people (PLOVER's gold: X -> X); "arrested
        # 12 militants in the West Bank": the people of the place
        at_home = _at_home(actors[0], fields.location, finder)
        recipients = list(actors) if at_home else _place_target(draft, fields.location, actors, finder.index)
    if (not recipients and draft.type in DOMESTIC_TYPES and len(actors) == 1
            and _body_in_clause(draft, finder) and _at_home(actors[0], fields.location, finder)):
        # "police fired tear gas at rioters", "doctors walked off over government plans", "threatened to
        # arrest union leaders": a body of the same state named in the act's clause is its target
        recipients = list(actors)
    if not recipients and DOMESTIC_SELF_TARGET and draft.type in DOMESTIC_TYPES and _substate_actor(draft, finder):
        # protesters, rebels or police of a state acting with no other target named: PLOVER's own
        # gold codes the state's government as target; FORMAT.md (and the default) codes no recipient
        recipients = [c for c in actors if len(c) == 3 and c.isupper()][:1]
    # an IGO or a stateless organisation (NGO, IMG) has no domestic bodies: it is never its own target
    own = {finder.code(i) for i in draft.actor_ids if getattr(finder.by_id.get(i), "kind", None) in ("igo", "org")
           and finder.code(i) not in countries().iso_codes}
    recipients = [c for c in recipients if c not in own]
    if draft.type == "SANCTION" and draft.mode == "expel" and recipients and set(recipients) <= set(actors):
        # "ordered its troops to leave the capital": a state never expels its own; it pulls them out
        draft.type, draft.mode, draft.rule, recipients = "RETREAT", "withdraw", draft.rule + "+own", []
    explicit = recipients  # what the text names; an inferred counterpart does not raise the confidence
    if _wants_counterpart(draft, finder, actors, recipients):
        # "Kenya condemned the decision on Friday": the act is aimed at the story's other party
        other = counterpart(finder, draft.hit.token, actors)
        if other is None and draft.mode == "visit":
            other = _visited_state(fields.location, actors)  # "will travel to Beijing for a state visit"
        recipients = recipients + [other] if other else recipients
    evidence = [_evidence(t, finder.index) for t in sorted(draft.evidence, key=lambda t: t.i)]
    root = cameo_root(draft.type, draft.mode)
    first = evidence[0].start if evidence else 0
    scored = _confidence_evidence(draft, actors, explicit, fields.status, finder.index, inferred=recipients != explicit)
    return Event(
        id=make_id("ev", article.id, draft.type, sorted(actors), sorted(recipients), first),
        type=draft.type,
        mode=draft.mode,
        context=contexts(draft.evidence, lex, finder.index),
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
        confidence=confidence(scored),
        date=fields.date,
        date_text=fields.date_text,
        status=fields.status,
        asserted_by=fields.asserted_by,
        location=fields.location,
    ), scored


def _confidence_evidence(draft: Draft, actors: list[str], recipients: list[str], status: str, index: DocIndex, *,
                         inferred: bool) -> ConfidenceEvidence:
    """How the event's trigger and participants were found (``recipients``: those the text names)."""
    tok = draft.hit.token
    symmetric = plover_types()[draft.type].symmetric
    if frames().of(draft.type).alone:
        complete = bool(actors)
    else:
        complete = len(set(actors) | set(recipients)) >= 2 if symmetric else bool(actors) and bool(recipients)
    sentence = index.sentence(tok)
    return ConfidenceEvidence(
        trigger_form=trigger_form(draft.hit.trigger.rule, draft.hit.trigger.pos),
        actor_source=draft.actor_source,
        complete=complete,
        status=status,
        derived="+" in draft.rule,
        sentence_tokens=len(sentence),
        mentions=len({index.sentence_number(t) for t in draft.evidence}),
        event_type=draft.type,
        counterpart=inferred,
    )


def _is_body(actor_id: str, draft: Draft, finder: ArgFinder) -> bool:
    """True for a recipient that is a body of the actor's state, not the actor itself.

    A person or organisation not on the actor side; or, when the actor is itself a
    body inside its state ("Iraqi Kurds ... independence from Iraq") or unnamed people
    or agents of the place ("thousands rallied in Tbilisi against the Georgian
    government"), the state.
    """
    if draft.actor_source == "place":
        return True
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
    if len(codes(draft.actor_ids, finder)) != 1:
        return False
    kinds = {getattr(finder.by_id.get(i), "kind", None) for i in draft.actor_ids}
    if kinds & {"org", "person"}:
        return any(finder.sectors.get(i) in SUBSTATE_SECTORS for i in draft.actor_ids)
    subject = subject_head(draft.hit.token)
    if subject is None or subject.pos_ == "PRON" or set(finder.tok_ids.get(subject.i, ())) & set(draft.actor_ids):
        return False
    sector, _ = sectors().sector_of([subject.lower_])
    if sector is not None:
        return sector in SUBSTATE_SECTORS  # "Algerian students" yes, "Turkey's foreign ministry" no
    return subject.tag_ in ("NNS", "NNPS")  # a group of the state's people ("Iraqi Kurds", "landowners")


def subject_head(tok: Token) -> Token | None:
    """The head word of the trigger's subject (or of its governing verb's), if any."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else governing_verb(tok)
    for cur in (tok, verb):
        if cur is None:
            continue
        for child in cur.children:
            if child.dep_ in ("nsubj", "poss", "agent"):
                if child.dep_ == "agent":
                    return next((p for p in child.children if p.dep_ == "pobj"), None)
                if child.lower_ in ("who", "which", "that") and cur.dep_ == "relcl":
                    return cur.head  # "rioters who torched shops": the noun the clause describes
                return child
    return None


def _place_target(draft: Draft, location: Location | None, actor_codes: list[str], index: DocIndex) -> list[str]:
    """The state where an attack landed, when the attack's own sentence names the place.

    "Israeli tanks fired shells at targets in Jericho": the target is the state the
    place lies in, when that is not the attacker's own.
    """
    if location is None or not location.state or location.state in actor_codes:
        return []
    if not actor_codes and draft.actor_source != "unknown":
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
    head, excluded = _clause_outside_subject(draft)
    excluded |= {c.i for c in tok.children if c.dep_ in OWNER_DEPS}  # the nominal's own owner
    if draft.hit.trigger.pos == "noun":  # and its actor phrase ("the shelling of Kharkiv by Russian forces")
        preps = frames().of(draft.type).actor_preps
        excluded |= {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ in preps for t in c.subtree}
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


def _people_object(draft: Draft, finder: ArgFinder) -> bool:
    """True when the act's object is a group of people named by kind only, with no state or IGO in it.

    The object of a verb (or the patient of a passive), or the ``of``/``against``/``on`` phrase of
    a nominal; people by kind are the sector words of sectors.yaml ("rebels", "militants",
    "protesters", "journalists") and frames' ``crowds`` ("villagers", "residents").
    """
    tok = draft.hit.token
    if draft.hit.trigger.pos == "noun":
        objects = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "against", "on")
                   for p in c.children if p.dep_ == "pobj"]
    else:
        objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    for obj in objects:
        phrase = list(obj.subtree)
        if any(finder.tok_ids.get(t.i) for t in phrase) or obj.pos_ == "PRON":
            return False
        if _names_group(phrase, finder, SUBSTATE_SECTORS):
            return True
    return False


def _body_in_clause(draft: Draft, finder: ArgFinder) -> bool:
    """True when the act's clause, outside its subject, names a body or group by kind ("at rioters",
    "over government plans", "to arrest union leaders"): a sector word of sectors.yaml or a crowd."""
    tok = draft.hit.token
    head, excluded = _clause_outside_subject(draft)
    excluded |= {t.i for c in tok.children if c.dep_ in OWNER_DEPS for t in c.subtree}
    words = [t for t in head.subtree if t.i not in excluded and t.i != tok.i and t.pos_ in ("NOUN", "ADJ", "PROPN")
             and not finder.tok_ids.get(t.i)]
    return _names_group(words, finder, None)  # any sector word, also "armed groups", "riot police"


def _clause_outside_subject(draft: Draft) -> tuple[Token, set[int]]:
    """The head of the act's clause (a nominal's governing verb) and the tokens of that clause's subject."""
    tok = draft.hit.token
    head = governing_verb(tok) if draft.hit.trigger.pos == "noun" else tok
    head = head if head is not None else tok
    return head, {t.i for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "agent", "csubj") for t in c.subtree}


def _names_group(tokens: list[Token], finder: ArgFinder, allowed: frozenset[str] | None) -> bool:
    """True when ``tokens`` name people by kind: a crowd word (frames' ``crowds``) or a sector word of
    sectors.yaml (any sector, or one of ``allowed``)."""
    if any(finder.index.lemmas[t.i] in frames().crowds for t in tokens):
        return True
    sector, _ = sectors().sector_of([t.lower_ for t in tokens])
    return sector is not None and (allowed is None or sector in allowed)


def _at_home(code: str, location: Location | None, finder: ArgFinder) -> bool:
    """True when an act by ``code`` happens in its own state: the place says so, or the story names no other party."""
    state = getattr(location, "state", None)
    if state is not None:
        return bool(state == code)
    return not names_others(finder, [code])


def _names_people(tok: Token) -> bool:
    """True for a state's name modifying a plural noun: a group of its people ("the Zambian people", "Palestinian factions")."""
    event_noun = any(t.second is None and not t.none for t in lexicon().lookup("noun", tok.head.lemma_.lower()))
    if tok.dep_ not in ("amod", "compound", "nmod") or event_noun:
        return False  # "Turkish attacks": the state's act, not its people
    return tok.head.tag_ in ("NNS", "NNPS") or tok.head.lemma_ == "people"


def _condition_subjects(draft: Draft, finder: ArgFinder) -> list[str]:
    """Subjects of the if/unless clause of a threat: whom the threat is aimed at."""
    out: list[str] = []
    for tok in draft.evidence[:1]:
        for cur in clause_chain(tok) + [c for c in tok.children if c.dep_ == "xcomp"]:
            for child in cur.children:
                if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in child.children):
                    out.extend(i for s in child.children if s.dep_ in ("nsubj", "nsubjpass") for i in finder.np_ids(s))
    return out


def _sectors(ids: list[str], finder: ArgFinder) -> list[str]:
    """Primary sectors of the actors, unique."""
    return unique(s for i in ids if (s := finder.sectors.get(i)))
