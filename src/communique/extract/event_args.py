"""Event arguments: who acts and who is acted on, read off the dependency parse.

``ArgFinder`` maps tokens to the actors the actor stage resolved there, and
walks the tree around a trigger: subjects (active, passive agent, controlled
infinitives, relative clauses), objects and prepositional recipients, owners
of nominal events ("Russia's war"), "between X and Y" participants, and the
fallbacks for "we" inside quotes, pronouns and numbered groups ("the two
countries").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from communique.extract.spans import FirstContaining
from communique.knowledge.words import word_set
from communique.nlp import doc_lemmas, doc_text, token_table
from communique.records import Actor, ActorSet, Quote

# Dependencies followed when collecting the actors named inside a noun phrase.
NP_DEPS = frozenset({"poss", "compound", "amod", "nmod", "conj", "appos", "npadvmod", "pobj", "prep", "nummod", "quantmod", "dobj"})
# Prepositions inside a noun phrase that still name the phrase's actor.
NP_PREPS = word_set("events", "NP_PREPS")
JOINT_NOUNS = word_set("events", "JOINT_NOUNS")
MAKER_VERBS = word_set("events", "MAKER_VERBS")
# Prepositions inside an object phrase that name the event's target ("its ban on Kenyan trucks").
OBJECT_NP_PREPS = NP_PREPS | {"on", "against", "to", "toward", "towards", "over"}
# Prepositions whose object is a recipient of the event.
RECIPIENT_PREPS = word_set("events", "RECIPIENT_PREPS")
AGENT_PREPS = word_set("events", "AGENT_PREPS")
LOCATIVE_PREPS = word_set("events", "LOCATIVE_PREPS")
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
RELATIVE_PRONOUNS = word_set("events", "RELATIVE_PRONOUNS")
PLURAL_PRONOUNS = word_set("events", "PLURAL_PRONOUNS")
FIRST_PERSON = word_set("events", "FIRST_PERSON")
THIRD_PERSON = word_set("events", "THIRD_PERSON")
GROUP_NOUNS = word_set("events", "GROUP_NOUNS")
# Group nouns that stand only for states ("both governments", "the two countries").
STATE_NOUNS = word_set("events", "STATE_NOUNS")
# Nouns that name the other party of the clause's subject ("urged the counterpart to sign").
OTHER_SIDE_NOUNS = word_set("events", "OTHER_SIDE_NOUNS")
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "2": 2, "3": 3, "4": 4}


@dataclass
class Args:
    """Actor ids on each side of an event."""

    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)


def unique(items: Iterable[str]) -> list[str]:
    """Return the items in first-seen order without repeats."""
    return list(dict.fromkeys(items))


class DocIndex:
    """Per-Doc facts read once: lower-cased lemmas, each token's sentence, children.

    ``Token.sent``, ``Token.lemma_`` and ``Token.children`` are costly when asked
    token by token and again for every trigger: the sentences are split and the
    lemma column read on first use; sentence texts, sentence lemma sets and each
    token's children (with their labels) are kept once read.
    """

    def __init__(self, doc: Doc) -> None:
        """Index ``doc`` lazily (nothing is read until asked)."""
        self.doc = doc
        self._lemmas: list[str] | None = None
        self._sents: list[Span] | None = None
        self._sent_of: list[int] = []
        self._text: str | None = None
        self._texts: dict[int, str] = {}
        self._lemma_sets: dict[int, frozenset[str]] = {}
        self._children: dict[int, list[tuple[Token, str, str]]] = {}
        # The event stage's PLOVER contexts per set of sentences (by number), filled as read.
        self.contexts: dict[tuple[int, ...], tuple[str, ...]] = {}

    def children(self, tok: Token) -> list[tuple[Token, str, str]]:
        """The token's children with their dependency labels and lower-case forms, read once per token."""
        kids = self._children.get(tok.i)
        if kids is None:
            table, doc = token_table(self.doc), self.doc
            deps, lower = table.deps, table.lower
            kids = self._children[tok.i] = [(doc[j], deps[j], lower[j]) for j in table.children(tok.i)]
        return kids

    @property
    def lemmas(self) -> list[str]:
        """Lower-cased lemma of every token (``lemma(tok)`` for all tokens at once)."""
        if self._lemmas is None:
            self._lemmas = doc_lemmas(self.doc)
        return self._lemmas

    def sentence_number(self, tok: Token) -> int:
        """Index of the token's sentence among the Doc's sentences."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
            self._sent_of = [k for k, sent in enumerate(self._sents) for _ in range(len(sent))]
        return self._sent_of[tok.i]

    def sentence(self, tok: Token) -> Span:
        """The token's sentence (``tok.sent``)."""
        number = self.sentence_number(tok)
        assert self._sents is not None
        return self._sents[number]

    def sentence_text(self, tok: Token) -> str:
        """Text of the token's sentence (``tok.sent.text``)."""
        number = self.sentence_number(tok)
        if number not in self._texts:
            if self._text is None:
                self._text = doc_text(self.doc)
            sent = self.sentence(tok)
            self._texts[number] = self._text[sent.start_char:sent.end_char]
        return self._texts[number]

    def sentence_lemmas(self, tok: Token) -> frozenset[str]:
        """Lower-cased lemmas of the token's sentence."""
        number = self.sentence_number(tok)
        if number not in self._lemma_sets:
            sent = self.sentence(tok)
            self._lemma_sets[number] = frozenset(self.lemmas[sent.start:sent.end])
        return self._lemma_sets[number]


class _TokenOffsets:
    """Token positions by character offset (``Doc.char_span(..., alignment_mode="expand")`` without Spans)."""

    def __init__(self, doc: Doc) -> None:
        """Take the token offsets of ``doc`` from its token table."""
        table = token_table(doc)
        self.starts: list[int] = table.starts
        self.ends: list[int] = table.ends
        self.text_len = len(doc_text(doc))

    def _token_at(self, char: int) -> int:
        """The token whose text or trailing space holds ``char``, or -1 (spaCy's ``token_by_char``)."""
        if char < 0 or char >= self.text_len or not self.starts:
            return -1
        return bisect_right(self.starts, char) - 1

    def tokens_at(self, start: int, end: int) -> range:
        """Positions of the tokens the characters [start, end) touch (empty when they touch none)."""
        first = self._token_at(start)
        last = self._token_at(end - 1)
        if first < 0 or last < 0:
            return range(0)
        if start == self.ends[first]:  # trailing whitespace is not part of the token before
            first += 1
        return range(first, last + 1)


def actor_code(actor: Actor) -> str | None:
    """Return the state/IGO code an actor counts as in events."""
    if actor.kind in ("state", "igo"):
        return actor.code
    if actor.kind == "person":
        return actor.org or actor.country or actor.code
    return actor.country or actor.code


#: Sectors of bodies that belong to one state: parties, unions, rebels, courts, legislatures.
DOMESTIC_SECTORS = frozenset({"PTY", "OPP", "REB", "LAB", "GOV", "LEG", "JUD", "AGR"})


def _story_body(actor: Actor, focus: str | None) -> str | None:
    """The story's state for a party, union, rebel group or court whose state nobody names (no code).

    In events only ("the Frente Rojo party accused the government"): the actor record keeps no
    country, so no person's country is read from it. Companies and NGOs are no such body.
    """
    return focus if actor.kind == "org" and actor.sector in DOMESTIC_SECTORS else None


class ArgFinder:
    """Find the actors around trigger tokens in one parsed article.

    Every lookup is a function of the token and the article alone, and the same
    phrases are looked at from several triggers: answers are kept per token.
    """

    def __init__(self, doc: Doc, actors: ActorSet, quotes: list[Quote]) -> None:
        """Index the actor mentions and quotes of ``doc`` by token."""
        self.doc = doc
        self.index = DocIndex(doc)
        self.actor_set = actors
        self.by_id: dict[str, Actor] = {a.id: a for a in actors.actors}
        self.codes: dict[str, str | None] = {a.id: actor_code(a) or _story_body(a, actors.focus) for a in actors.actors}
        self.sectors: dict[str, str | None] = {a.id: getattr(a, "sector", None) for a in actors.actors}
        self.tok_ids: dict[int, list[str]] = {}
        tokens_at = _TokenOffsets(doc).tokens_at
        for mention in actors.mentions:
            actor = self.by_id.get(mention.actor_id)
            if actor is None or self.codes.get(mention.actor_id) is None:
                continue
            for i in tokens_at(mention.start, mention.end):
                ids = self.tok_ids.setdefault(i, [])
                if mention.actor_id not in ids:
                    ids.append(mention.actor_id)
        self.quotes = [q for q in quotes if q.speaker_id and q.speaker_id in self.by_id]
        self._quote_index = FirstContaining([(q.start, q.end) for q in self.quotes])
        self.named_at = sorted(self.tok_ids)  # positions of the tokens naming an actor
        self._ids_cache: dict[Hashable, tuple[str, ...]] = {}
        self._pair_cache: dict[Hashable, tuple[tuple[str, ...], ...]] = {}
        # Event codes of actor id lists (``events._codes``), kept per list of ids.
        self.code_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._counts: list[tuple[str, int]] | None = None  # article-wide mentions per code (``code_counts``)

    def _ids(self, key: Hashable, compute: Callable[[], list[str]]) -> list[str]:
        """The cached answer for ``key`` (computed once), as a new list."""
        found = self._ids_cache.get(key)
        if found is None:
            found = self._ids_cache[key] = tuple(compute())
        return list(found)

    def _groups(self, key: Hashable, compute: Callable[[], tuple[list[str], ...]]) -> tuple[tuple[str, ...], ...]:
        """The cached tuple of id lists for ``key`` (computed once)."""
        found = self._pair_cache.get(key)
        if found is None:
            found = self._pair_cache[key] = tuple(tuple(ids) for ids in compute())
        return found

    # ------------------------------------------------------------ noun phrases
    def phrase_ids(
        self, tok: Token, *, deep: bool = False, preps: frozenset[str] = NP_PREPS, objective: bool = False
    ) -> list[str]:
        """Return the actor ids named in the noun phrase headed by ``tok``.

        Args:
            tok: the head of the noun phrase.
            deep: also follow clauses and prepositions of any kind.
            preps: prepositions whose objects belong to the phrase.
            objective: the phrase is an object: possessive pronouns in it ("the release
                of the ship and its crew") name the subject's side, not a recipient.
        """
        objective = objective or preps is OBJECT_NP_PREPS
        key = ("phrase", tok.i, deep, preps, objective)
        found = self._ids_cache.get(key)
        if found is None:
            found = self._ids_cache[key] = tuple(self._phrase_ids(tok, deep, preps, objective)) if self.names_within(tok) else ()
        return list(found)

    def _phrase_ids(self, tok: Token, deep: bool, preps: frozenset[str], objective: bool) -> list[str]:
        """``phrase_ids``, uncached."""
        ids: list[str] = []
        self._collect_phrase(tok, deep, preps, objective, ids)
        return unique(ids)

    def _collect_phrase(self, tok: Token, deep: bool, preps: frozenset[str], objective: bool, ids: list[str]) -> None:
        """Append the actor ids of the phrase headed by ``tok`` to ``ids`` (in tree order, repeats kept)."""
        kids = self.index.children(tok)
        ethnic = is_ethnic(tok)  # "ethnic Hungarians in Romania": a people, not the state of its name
        if not ethnic:
            ids.extend(self.tok_ids.get(tok.i, ()))
        # "Palestinian prisoners in Israeli jails": a group whose own state is named is only located by "in"
        own_state = not ethnic and any(dep in ("amod", "compound", "poss") and self.tok_ids.get(child.i)
                                       for child, dep, _ in kids)
        for child, dep, low in kids:
            if dep == "prep" and not deep and (low not in preps or (low == "in" and own_state)):
                continue
            if ethnic and dep in ("amod", "compound"):
                continue
            if dep == "poss" and objective and child.pos_ == "PRON":
                continue  # "its troops": the owner is the subject, not a recipient
            if dep in NP_DEPS or (deep and dep in ("acl", "relcl", "advmod")):
                self._collect_phrase(child, deep, preps, objective, ids)

    def names_within(self, tok: Token) -> bool:
        """True when a token of ``tok``'s subtree (between its edges) names an actor."""
        k = bisect_left(self.named_at, tok.left_edge.i)
        return k < len(self.named_at) and self.named_at[k] <= tok.right_edge.i

    def core_ids(self, tok: Token) -> list[str]:
        """Actors named by the phrase head itself, its appositions and its conjuncts."""
        key = ("core", tok.i)
        found = self._ids_cache.get(key)
        if found is None:
            found = self._ids_cache[key] = tuple(self._core_ids(tok)) if self.names_within(tok) else ()
        return list(found)

    def _core_ids(self, tok: Token) -> list[str]:
        """``core_ids``, uncached."""
        if is_ethnic(tok):
            return []
        kids = self.index.children(tok)
        ids = list(self.tok_ids.get(tok.i, ()))
        for child, dep, _ in kids:
            if dep == "appos" or (dep == "compound" and self.tok_ids.get(child.i)):
                ids.extend(self.core_ids(child))
            elif dep == "amod" and ids and self.tok_ids.get(child.i):
                # "Kenyan and Ugandan police", "the Greek and Egyptian navies": every coordinated state
                conjuncts = [g for g in child.children if g.dep_ == "conj"]
                if conjuncts:
                    ids.extend(self.tok_ids[child.i])
                    ids.extend(i for g in conjuncts for i in self.tok_ids.get(g.i, ()))
        if not ids:
            return []
        for child, dep, _ in kids:
            if dep == "conj":
                ids.extend(self.np_ids(child))
        return unique(ids)

    def np_ids(self, tok: Token, *, preps: frozenset[str] = NP_PREPS) -> list[str]:
        """Actors of a noun phrase, trying pronoun and group fallbacks when none is named."""
        return self._ids(("np", tok.i, preps), lambda: self._np_ids(tok, preps))

    def _np_ids(self, tok: Token, preps: frozenset[str]) -> list[str]:
        """``np_ids``, uncached."""
        ids = self.core_ids(tok) or self.phrase_ids(tok, preps=preps)
        if not ids:
            ids = self.phrase_ids(tok, deep=True, objective=preps is OBJECT_NP_PREPS)
        if not ids and not (tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS):
            ids = self.fallback_ids(tok)
        if not ids:  # "experts from the three countries", "officials of both sides": the group they come from
            ids = [i for prep, dep, low in self.index.children(tok) if dep == "prep" and low in ("from", "of")
                   for p, pdep, _ in self.index.children(prep) if pdep == "pobj" and self.group_size(p)
                   for i in self.fallback_ids(p)]
        return ids

    def fallback_ids(self, tok: Token) -> list[str]:
        """Resolve "we" inside a quote, third-person pronouns and numbered groups."""
        low = tok.lower_
        if low in FIRST_PERSON:
            speaker = self.quote_speaker(tok)
            if speaker:
                return [speaker]
        if low in THIRD_PERSON:
            return self.previous_subject(tok)
        for child, dep, _ in self.index.children(tok):
            if dep == "poss" and child.pos_ == "NOUN" and self.group_size(child):
                return self.recent_states(child, self.group_size(child))
        word = self.index.lemmas[tok.i]
        if word in GROUP_NOUNS or tok.pos_ == "NOUN":
            count = self.group_size(tok)
            if count and word in GROUP_NOUNS:  # "called on both governments": not the caller's own side
                states_only = word in STATE_NOUNS
                return self.recent_states(tok, count, skip=self.clause_subject_codes(tok), states_only=states_only)
            if count:  # "killed four civilians": recent states, but not the clause's own subject
                return self.recent_states(tok, count, skip=self.clause_subject_codes(tok))
            if word in OTHER_SIDE_NOUNS and _has_definite(tok):  # "the counterpart", "its neighbour": the other side
                return self.recent_states(tok, 1, skip=self.clause_subject_codes(tok), states_only=True)
            if word in ("country", "government", "capital") and _has_definite(tok):
                return self.recent_states(tok, 1)
        return []

    def group_size(self, tok: Token) -> int:
        """Return N for "the N countries"/"both sides", else 0."""
        for _, dep, low in self.index.children(tok):
            if dep in ("nummod", "det", "predet", "amod") and low in NUMBER_WORDS:
                return NUMBER_WORDS[low]
        return 0

    def clause_subject_codes(self, tok: Token) -> set[str]:
        """Codes of the actors in the subject of the verb ``tok`` depends on ("Israeli tanks fired four shells")."""
        head = tok.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        subjects = [c for c, dep, _ in self.index.children(head) if dep in ("nsubj", "nsubjpass")]
        return {c for s in subjects for t in s.subtree for i in self.tok_ids.get(t.i, ()) if (c := self.code(i))}

    def recent_states(self, tok: Token, count: int, *, skip: set[str] | frozenset[str] = frozenset(),
                      states_only: bool = False) -> list[str]:
        """Return ``count`` distinct actors (distinct codes) named before ``tok``, nearest first.

        Args:
            tok: the token the search starts before.
            count: how many actors to return.
            skip: codes never returned (the acting side, for a numbered patient).
            states_only: only actors of kind state ("both governments", "the two countries").
        """
        out: list[str] = []
        codes: set[str] = set(skip)
        for i in range(tok.i - 1, -1, -1):
            for actor_id in self.tok_ids.get(i, ()):
                code = self.code(actor_id)
                if states_only and getattr(self.by_id.get(actor_id), "kind", None) != "state":
                    continue
                if code and code not in codes:
                    codes.add(code)
                    out.append(actor_id)
            if len(out) >= count:
                break
        return out[:count]

    def code_counts(self) -> list[tuple[str, int]]:
        """(code, number of tokens naming it) of every state or IGO of the article, most named first."""
        if self._counts is None:
            counts: dict[str, int] = {}
            for ids in self.tok_ids.values():
                for code in {c for a in ids if (c := self.code(a))}:
                    counts[code] = counts.get(code, 0) + 1
            self._counts = sorted(counts.items(), key=lambda kv: -kv[1])
        return self._counts

    def previous_subject(self, tok: Token) -> list[str]:
        """Actors of the nearest subject before ``tok`` (this sentence, then earlier ones)."""
        plural = tok.lower_ in PLURAL_PRONOUNS
        for i in range(tok.i - 1, -1, -1):
            cand = self.doc[i]
            if cand.dep_ in ("nsubj", "nsubjpass") and cand.lower_ not in THIRD_PERSON and _agrees(cand, plural):
                ids = self.phrase_ids(cand)
                if ids:
                    return ids
            if tok.i - i > 120:
                break
        return []

    def quote_speaker(self, tok: Token) -> str | None:
        """Return the speaker id of the quote containing ``tok``, if any."""
        k = self._quote_index.find(tok.idx)
        return None if k is None else self.quotes[k].speaker_id

    def code(self, actor_id: str) -> str | None:
        """Return the event code of an actor id."""
        return self.codes.get(actor_id)

    # ------------------------------------------------------------ verbs
    def subject(self, verb: Token) -> tuple[list[str], list[str]]:
        """Return (actor ids, patient ids) of a verb: subject, or passive agent and patient."""
        actors, patient = self._groups(("subject", verb.i), lambda: self._subject(verb))
        return list(actors), list(patient)

    def _subject(self, verb: Token) -> tuple[list[str], list[str]]:
        """``subject``, uncached."""
        patient: list[str] = []
        agent: list[str] = []
        kids = self.index.children(verb)
        subjects = [c for c, dep, low in kids if dep in SUBJECT_DEPS and low not in RELATIVE_PRONOUNS]
        for child in subjects:  # a dateline ("BAGHDAD -- Iraq summoned") can be parsed as a second subject
            ids = self.np_ids(child)
            if ids or child.i == subjects[-1].i:
                return ids, []
        for child, dep, low in kids:
            if dep == "nsubjpass" and low not in RELATIVE_PRONOUNS:
                patient = self.np_ids(child)
            if dep == "agent":
                agent = unique(i for p, _, _ in self.index.children(child) for i in self.np_ids(p))
            if dep in ("nsubj", "nsubjpass") and low in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                ids = self.np_ids(verb.head)
                if dep == "nsubj":
                    return ids, []
                patient = ids
        if agent or patient:
            return agent or self.inherited_subject(verb), patient
        return self.inherited_subject(verb), []

    def inherited_subject(self, verb: Token) -> list[str]:
        """Subject of a verb that has none: its controller, coordinated head or modified noun."""
        for child, dep, _ in self.index.children(verb):
            # "Heads of state of ECOWAS, meeting in Abuja, demanded ...": the parser hangs the subject
            # on the participle set off before the verb
            if dep == "advcl" and child.i < verb.i and child.tag_ in ("VBG", "VBN"):
                held = [c for c, cdep, _ in self.index.children(child) if cdep == "nsubj" and c.i < child.i]
                if held and (ids := self.np_ids(held[0])):
                    return ids
        head = verb.head
        if head.i == verb.i:
            return []
        if verb.dep_ in ("xcomp",):
            for child, dep, _ in self.index.children(head):
                if dep in ("dobj", "dative") and self.phrase_ids(child):
                    return self.phrase_ids(child)
            return self.subject(head)[0] or self.subject(head)[1]
        if verb.dep_ in ("acomp", "attr"):  # "are due to meet", "is ready to host"
            return self.subject(head)[0]
        if verb.dep_ in ("conj", "advcl", "pcomp", "ccomp", "acl", "relcl", "prep", "pobj"):
            if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
                owner = [i for c, cdep, _ in self.index.children(head) if cdep == "poss" for i in self.np_ids(c)]
                if verb.dep_ == "acl" and owner:
                    return owner  # "Uganda's decision to close the border": the decision's owner acts
                return self.np_ids(head) if verb.dep_ == "relcl" else self.subject(head.head)[0] if head.head.i != head.i else []
            if verb.dep_ in ("pcomp", "prep", "pobj"):
                return self.inherited_subject(head) if head.pos_ == "ADP" else self.subject(head)[0]
            return self.subject(head)[0]
        return []

    def objects(self, verb: Token, *, preps: frozenset[str] = RECIPIENT_PREPS, clauses: bool = True) -> list[str]:
        """Return recipient ids of a verb: objects, clausal subjects and prepositional objects."""
        return self._ids(("objects", verb.i, preps, clauses), lambda: self._objects(verb, preps, clauses))

    def _objects(self, verb: Token, preps: frozenset[str], clauses: bool) -> list[str]:
        """``objects``, uncached."""
        ids: list[str] = []
        complement: list[str] = []
        children = self.index.children
        for child, dep, low in children(verb):
            if not clauses and dep != "prep":
                continue
            if dep in ("dobj", "dative", "attr", "oprd"):
                ids.extend(self.np_ids(child, preps=OBJECT_NP_PREPS))
                ids.extend(self.proposer_ids(child))
            elif dep == "prep" and low in preps:
                ids.extend(i for p, pdep, _ in children(child) if pdep in ("pobj", "pcomp")
                           and self.index.lemmas[p.i] not in JOINT_NOUNS for i in self.np_ids(p))
            elif dep == "prt" and low == "up":
                # "kidnapped up to 16 Russian advisers": the parser reads the quantity "up to" as a
                # particle and a preposition; the object is the noun after it
                ids.extend(i for p, pdep, plow in children(child) if pdep == "prep" and plow == "to"
                           for o, odep, _ in children(p) if odep == "pobj" for i in self.np_ids(o, preps=OBJECT_NP_PREPS))
            elif dep == "ccomp":
                ids.extend(i for s, sdep, _ in children(child) if sdep in ("nsubj", "nsubjpass") for i in self.np_ids(s))
            elif dep == "xcomp":
                complement.extend(i for s, sdep, _ in children(child) if sdep in ("dobj", "dative") for i in self.phrase_ids(s))
        # "called on Ankara to respect Iraq's sovereignty": the addressee, not the topic of the act asked for
        return unique(ids or complement)

    def proposer_ids(self, noun: Token, *, depth: int = 1) -> list[str]:
        """Agents of a passive clause modifying an object (or the object's "of" phrase).

        "rejected the compromise put forward *by Cairo*", "demanded the release of an
        executive who was sentenced *by a Beijing court*": the other side of the act.
        """
        out: list[str] = []
        for child, dep, low in self.index.children(noun):
            if dep in ("acl", "relcl"):
                for sub, sub_dep, _ in self.index.children(child):
                    if sub_dep == "agent":
                        out.extend(i for p, pdep, _ in self.index.children(sub) if pdep == "pobj" for i in self.np_ids(p))
            elif dep == "prep" and low == "of" and depth > 0:
                out.extend(i for p, pdep, _ in self.index.children(child) if pdep == "pobj"
                           for i in self.proposer_ids(p, depth=depth - 1))
        return out

    # ------------------------------------------------------------ nouns
    def noun_args(self, noun: Token, *, actor_preps: frozenset[str] = AGENT_PREPS,
                  recipient_preps: frozenset[str] = RECIPIENT_PREPS) -> tuple[list[str], list[str], list[str]]:
        """Return (owners, participants from between/among, recipients) of a nominal trigger.

        Args:
            noun: the nominal trigger.
            actor_preps: prepositions whose objects are its actor ("condemnation *from* Japan").
            recipient_preps: prepositions whose objects are its recipients ("sanctions *on* Iran").
        """
        key = ("noun", noun.i, actor_preps, recipient_preps)
        owners, between, recipients = self._groups(key, lambda: self._noun_args(noun, actor_preps, recipient_preps))
        return list(owners), list(between), list(recipients)

    def _noun_args(self, noun: Token, actor_preps: frozenset[str],
                   recipient_preps: frozenset[str]) -> tuple[list[str], list[str], list[str]]:
        """``noun_args``, uncached."""
        owners: list[str] = []
        between: list[str] = []
        recipients: list[str] = []
        for child, dep, low in self.index.children(noun):
            if dep in ("poss", "compound", "amod", "nmod"):
                owners.extend(self.phrase_ids(child))
            elif dep == "prep":
                objs = [p for p, pdep, _ in self.index.children(child) if pdep in ("pobj", "pcomp")]
                found = unique(i for p in objs for i in self.np_ids(p))
                if low in ("between", "among"):
                    between.extend(found)
                elif low in actor_preps:
                    owners.extend(found)
                elif low in recipient_preps:
                    recipients.extend(found)
            elif dep in ("acl", "ccomp"):
                grandchildren = self.index.children(child)
                for sub, sub_dep, _ in grandchildren:
                    if sub_dep == "agent":
                        owners.extend(i for p, _, _ in self.index.children(sub) for i in self.np_ids(p))
                    elif sub_dep == "nsubj" and (dep == "ccomp" or any(m_dep == "mark" for _, m_dep, _ in grandchildren)):
                        recipients.extend(self.np_ids(sub))
        if not owners and noun.dep_ == "nsubjpass" and self.index.lemmas[noun.head.i] in MAKER_VERBS:
            # "an embargo on Turkey was announced by Sweden", "a rescue package was unveiled by the UAE":
            # the passive verb's agent made the act its subject names
            owners.extend(i for a, adep, _ in self.index.children(noun.head) if adep == "agent"
                          for p, _, _ in self.index.children(a) for i in self.np_ids(p))
        return unique(owners), unique(between), unique(recipients)


def counterpart(finder: ArgFinder, tok: Token, actors: list[str]) -> str | None:
    """The one other party a directed act with no named target is aimed at, if the text makes it plain.

    The one state or IGO besides the actors named in the act's sentence; with none named there,
    the article's dominant other party (named at least twice, and twice as often as any other).
    With two or more others in the sentence there is no plain counterpart.
    """
    taken = set(actors)
    sentence = finder.index.sentence(tok)
    # partners of a joint act ("in coordination with Syrian forces") are no counterpart
    partners = {t.i for w in sentence if finder.index.lemmas[w.i] in JOINT_NOUNS for t in w.subtree}
    here = {c for i in range(sentence.start, sentence.end) if i not in partners for a in finder.tok_ids.get(i, ())
            if (c := finder.code(a)) and c not in taken}
    if here:
        return next(iter(here)) if len(here) == 1 else None
    ranked = [(code, n) for code, n in finder.code_counts() if code not in taken]
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def names_others(finder: ArgFinder, codes: list[str]) -> bool:
    """True when the article names a state or IGO besides ``codes``."""
    return any(code not in codes for code, _ in finder.code_counts())


def is_ethnic(tok: Token) -> bool:
    """True for a phrase "ethnic X" ("ethnic Hungarians", "ethnic Albanian guerrillas"): a people by origin."""
    return any(c.dep_ in ("amod", "compound") and "ethnic" in (c.lower_, *(g.lower_ for g in c.children))
               for c in tok.children)


def _agrees(subject: Token, plural: bool) -> bool:
    """True when a subject can be the antecedent of a plural ("they", "them") or singular pronoun.

    A state's or body's name is taken for either ("Britain ... they"); a common noun
    must agree in number ("the fishermen ... them", not "the navy ... them").
    """
    if subject.pos_ == "PROPN" or any(c.dep_ == "conj" for c in subject.children):
        return True
    is_plural = subject.tag_ in ("NNS", "NNPS")
    return is_plural == plural


def _has_definite(tok: Token) -> bool:
    """True when the noun has "the"/"this" or a possessive determiner."""
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "its", "their", "her", "his") for c in tok.children)
