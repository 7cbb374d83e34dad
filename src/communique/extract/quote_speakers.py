"""Turning a cue's subject into a speaker: mentions, appositions, spokespersons, pronouns, nearby subjects."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from communique.extract.quote_context import QuoteContext, Speaker, Subject
from communique.extract.quote_cues import (
    according_object,
    quote_token_indices,
    same_paragraph,
    subject_near,
    subject_of,
)
from communique.extract.quote_marks import (
    ALL_MARKS,
    QuoteSpan,
)
from communique.knowledge.words import word_set
from communique.records import Actor, Mention

#: Longest phrase (in tokens) kept as a speaker name as written.
MAX_NAME_TOKENS = 8
#: Paragraphs back (besides the pronoun's own) where a main-clause subject is preferred as antecedent.
PRONOUN_PARAGRAPHS = 2


_PERSONAL = {"he": ("person", "m", False), "him": ("person", "m", False), "she": ("person", "f", False),
             "her": ("person", "f", False), "it": ("thing", None, False), "they": ("any", None, True),
             "them": ("any", None, True)}
_RELATIVE = word_set("quotes", "RELATIVE_PRONOUNS")


def speaker_of_cue(ctx: QuoteContext, cue: Token) -> Speaker | None:
    """Return the speaker a cue names: "according to" object, else the verb's subject."""
    if cue.lower_ == "according":
        obj = according_object(cue)
        return resolve_speaker(ctx, obj) if obj is not None else None
    subject = subject_of(ctx, cue) or subject_near(ctx, cue)
    return resolve_speaker(ctx, subject) if subject is not None else None


def resolve_speaker(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Map a subject token to the speaker it names."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ in ("relcl", "acl") and tok.head.head is not tok:
        tok = tok.head.head
    covering = _covering_mention(ctx, tok)
    if tok.pos_ == "PRON":
        # our own reading first (speaker-oriented); the actor stage's link when we find none
        own = _resolve_pronoun(ctx, tok)
        if own is not None or covering is None:
            return own
        return _from_mention(ctx, covering, tok.text)
    if covering is not None:
        return _from_mention(ctx, covering, _written(ctx, tok) or covering.text)
    return _resolve_phrase(ctx, tok)


def _written(ctx: QuoteContext, tok: Token) -> str | None:
    """Return the phrase headed by ``tok`` as written ("China's coast guard"), when short enough to be a name."""
    start, end = _phrase_bounds(ctx, tok)
    if len(ctx.token_range(start, end)) > MAX_NAME_TOKENS:
        return None
    return _clean(ctx.text[start:end]) or None


def _covering_mention(ctx: QuoteContext, tok: Token) -> Mention | None:
    """Return the first mention (in text order) that covers ``tok``."""
    first = bisect.bisect_left(ctx.mention_reach, tok.idx + len(tok.text))  # the first that reaches the token's end
    return ctx.mentions[first] if first < bisect.bisect_right(ctx.mention_starts, tok.idx) else None


def _from_mention(ctx: QuoteContext, mention: Mention, written: str) -> Speaker:
    return _actor_speaker(ctx.actors[mention.actor_id], written)


def _actor_speaker(actor: Actor, written: str) -> Speaker:
    return Speaker(actor.name, actor.id, written, actor.kind, False, actor.gender)


def _resolve_phrase(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Map a noun phrase headed by ``tok`` to a speaker (see module docstring)."""
    named = _appositive(ctx, tok)
    if named is not None:
        return named
    lemma = tok.lemma_.lower()
    start, end = _phrase_bounds(ctx, tok)
    if lemma in ctx.cues.spokesperson_nouns or lemma in ctx.cues.statement_nouns:
        org = _spokesperson_org(ctx, tok) or _recent_org(ctx, tok)
        if org is not None:
            return org
        if lemma in ctx.cues.statement_nouns:
            return _as_written(ctx, tok)
    common = tok.pos_ == "NOUN" and tok.ent_type_ != "PERSON"
    if common and _is_definite(tok):
        same = _same_head_subject(ctx, tok)
        if same is not None:
            return same
    if common and lemma in ctx.cues.unnamed_nouns and not _is_definite(tok):
        group = _first_mention(ctx, start, end, {"org", "igo"})
        return group or _unnamed(ctx, tok, start, end)
    found = _first_mention(ctx, start, end, {"person"}) or _first_mention(ctx, start, end, {"org", "igo", "state"})
    if found is not None:  # "the Pakistani military's media wing": the actor inside, the phrase as written
        return found._replace(mention=_written(ctx, tok) or found.mention)
    return _as_written(ctx, tok)


def _appositive(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Return who an apposition names: "the head of the alliance, Jens Stoltenberg" -> the person."""
    appositions = [c for c in tok.children if c.dep_ == "appos"]
    for appos in appositions:
        person = _first_mention(ctx, appos.left_edge.idx, token_end(appos.right_edge), {"person"})
        if person is None and appos.pos_ == "PROPN" and appos.ent_type_ == "PERSON":
            person = _as_written(ctx, appos)
        if person is not None:
            return person
    for appos in appositions:
        named = _first_mention(ctx, appos.left_edge.idx, token_end(appos.right_edge), {"org", "igo"})
        if named is not None:
            return named
    return None


def _recent_org(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Return the organisation a bare "a spokesperson" speaks for: the latest main-clause one nearby."""
    window_start = ctx.paragraphs[max(0, ctx.paragraph_index(tok.idx) - 1)][0] if ctx.paragraphs else 0
    for subject in reversed(_subjects(ctx)):
        if subject.position >= tok.idx:
            continue
        if subject.position < window_start:
            return None
        if subject.main and subject.speaker.kind in ("org", "igo") and subject.speaker.actor_id is not None:
            return subject.speaker
    return None


def token_end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _phrase_bounds(ctx: QuoteContext, tok: Token) -> tuple[int, int]:
    """Return the characters of ``tok``'s phrase without relative clauses (computed once per token)."""
    bounds = ctx.phrases.get(tok.i)
    if bounds is None:
        right = tok
        for child in tok.rights:
            if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj"):
                break
            right = child.right_edge
        bounds = ctx.phrases[tok.i] = (tok.left_edge.idx, token_end(right))
    return bounds


def _first_mention(ctx: QuoteContext, start: int, end: int, kinds: set[str]) -> Speaker | None:
    """Return the first mention (in text order) inside ``[start, end)`` of an actor of one of ``kinds``."""
    first, last = bisect.bisect_left(ctx.mention_starts, start), bisect.bisect_right(ctx.mention_starts, end)
    for mention in ctx.mentions[first:last]:
        if mention.end <= end:
            actor = ctx.actors[mention.actor_id]
            if actor.kind in kinds:
                return _actor_speaker(actor, mention.text)
    return None


def _spokesperson_org(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Return the organisation a spokesperson (or a statement) without a name speaks for."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "from", "by"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return resolve_speaker(ctx, obj)
        if child.dep_ == "poss":  # "its spokesman", "the army's statement"
            owner = resolve_speaker(ctx, child)
            if owner is not None and (owner.actor_id is not None or owner.kind is not None):
                return owner
    start, end = _phrase_bounds(ctx, tok)
    org = _first_mention(ctx, start, end, {"org", "igo", "state"})
    if org is not None:
        return org
    compound = next((c for c in tok.lefts if c.dep_ in ("compound", "nmod") and c.pos_ in ("PROPN", "NOUN")), None)
    return _as_written(ctx, compound) if compound is not None else None


def _is_definite(tok: Token) -> bool:
    """Does the noun phrase point back ("the ministers", "its officials")?"""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those")) or c.dep_ == "poss" for c in tok.children
    )


def _same_head_subject(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Return who a definite description names, from another subject with the same head noun.

    An earlier one that resolved to an actor ("Foreign ministers of the Quad"
    ... "the ministers"), else the one named person a later one resolves to
    ("their lawyer said" ... "said their lawyer, San San Yi").
    """
    lemma = tok.lemma_.lower()
    written = ctx.text[tok.left_edge.idx : token_end(tok)]
    same = [s for s in _subjects(ctx) if s.head == lemma and s.plural == (tok.tag_ == "NNS") and s.position != tok.idx]
    earlier = [s.speaker for s in same if s.position < tok.idx and s.speaker.actor_id is not None]
    later = {s.speaker.name: s.speaker for s in same if s.position > tok.idx and s.speaker.kind == "person"}
    found = earlier[-1] if earlier else (next(iter(later.values())) if len(later) == 1 else None)
    if found is None or found.name == written:
        return None
    return Speaker(found.name, found.actor_id, written, found.kind, found.plural, found.gender)


def _unnamed(ctx: QuoteContext, tok: Token, start: int, end: int) -> Speaker:
    """Return an unnamed speaker ("a senior official"), with its state where the phrase gives one."""
    state = _first_mention(ctx, start, end, {"state", "org", "igo"})
    label = f"unnamed {tok.lemma_.lower()}" + (f" ({state.name})" if state is not None else "")
    return Speaker(label, None, _clean(ctx.text[start:end]), "person", tok.tag_ == "NNS")


def _as_written(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Return a speaker named only by its words ("Protest leaders", "the army")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    written = _written(ctx, tok) or _clean(ctx.text[tok.left_edge.idx : token_end(tok)])
    if not written:
        return None
    gender = _title_gender(ctx, *_phrase_bounds(ctx, tok))
    return Speaker(written, None, written, _guess_kind(ctx, tok), tok.tag_ == "NNS", gender)


def _clean(text: str) -> str:
    """Strip spaces, commas and quote marks around a name as written."""
    return text.strip(" \t\n,;:" + ALL_MARKS)


def _title_gender(ctx: QuoteContext, start: int, end: int) -> str | None:
    """Return "m" or "f" when a title in the phrase tells ("Mr.", "Queen"), else None."""
    for tok in ctx.tokens(start, end):
        word = tok.lower_.rstrip(".")
        if word in ctx.cues.male_titles:
            return "m"
        if word in ctx.cues.female_titles:
            return "f"
    return None


def _guess_kind(ctx: QuoteContext, tok: Token) -> str | None:
    """Guess the kind of a speaker no actor covers, from the entity tagger and the article's person names."""
    if tok.ent_type_ == "PERSON" or (tok.pos_ == "PROPN" and tok.text in ctx.person_words):
        return "person"
    if tok.lemma_.lower() in ctx.cues.org_nouns or tok.ent_type_ == "ORG":
        return "org"
    if tok.ent_type_ == "GPE":
        return "state"
    return None


def _resolve_pronoun(ctx: QuoteContext, tok: Token) -> Speaker | None:
    """Resolve he/she/it/they to the latest compatible subject before ``tok``."""
    want = _PERSONAL.get(tok.lower_)
    if want is None:
        return None
    kind, gender, plural = want
    earlier = [s for s in _subjects(ctx) if s.position < tok.idx and _compatible(s.speaker, kind, gender, plural)]
    first = ctx.paragraph_index(tok.idx) - PRONOUN_PARAGRAPHS
    near_start = ctx.paragraphs[max(0, first)][0] if ctx.paragraphs else 0
    main = [s for s in earlier if s.main and s.position >= near_start]
    chosen = (main or earlier)[-1] if earlier else None
    if chosen is None:
        return None
    found = chosen.speaker
    return Speaker(found.name, found.actor_id, tok.text, found.kind, found.plural, found.gender)


def _compatible(candidate: Speaker, kind: str, gender: str | None, plural: bool) -> bool:
    if kind == "person":
        return candidate.kind == "person" and not candidate.plural and candidate.gender in (None, gender)
    if kind == "thing":
        return candidate.kind in ("org", "igo", "state") and not candidate.plural
    return candidate.plural or candidate.kind in ("org", "igo", "state")


def _subjects(ctx: QuoteContext) -> list[Subject]:
    """Return every non-pronoun subject outside quotes, resolved, in text order (computed once)."""
    if ctx.subject_cache is None:
        found: list[Subject] = []
        ctx.subject_cache = found  # filled in text order: a pronoun inside a subject sees the earlier ones
        for i in ctx.subject_tokens:
            tok = ctx.doc[i]
            speaker = resolve_speaker(ctx, tok)
            if speaker is not None and speaker.kind is not None:
                found.append(
                    Subject(tok.idx, tok.lemma_.lower(), tok.tag_ == "NNS", _in_main_clause(ctx, tok), speaker)
                )
    return ctx.subject_cache


def _in_main_clause(ctx: QuoteContext, subject: Token) -> bool:
    """Is ``subject`` the subject of its sentence's main verb (or of a verb coordinated with it)?

    A clause the parser hung under a verb of another paragraph or under a
    quotation is a main clause too (the parse runs across paragraph breaks).
    """
    verb = subject.head
    while verb.dep_ == "conj" and verb.head is not verb:
        verb = verb.head
    if verb.dep_ == "ROOT":
        return True
    return ctx.is_quoted(verb.head) or ctx.paragraph_of(verb.head.idx) != ctx.paragraph_of(verb.idx)


def continued_speaker(
    ctx: QuoteContext, span: QuoteSpan, previous: list[tuple[QuoteSpan, Speaker | None]]
) -> Speaker | None:
    """Return the speaker of the quote just before, when this quote continues it."""
    if not previous:
        return None
    last_span, last_speaker = previous[-1]
    if last_speaker is None:
        return None
    here = ctx.paragraph_of(span.start)
    there = ctx.paragraph_of(last_span.end)
    if here == there:
        # a sentence between the two quotes whose subject is another person hands the word on
        # ('"...," Dujarric said. Maurer agreed. "..."'): the later quote is not a continuation
        return None if _new_person_between(ctx, last_span.end, span.start, last_speaker) else last_speaker
    opens_paragraph = not ctx.text[here[0] : span.start - 1].strip()
    index = ctx.paragraph_index(span.start)
    if opens_paragraph and index > 0 and ctx.paragraphs[index - 1] == there:
        return last_speaker
    return None


def _new_person_between(ctx: QuoteContext, start: int, end: int, speaker: Speaker) -> bool:
    """Is there a main-clause subject between ``start`` and ``end`` that names a person other than ``speaker``?"""
    return any(start < s.position < end and s.main and s.speaker.kind == "person" and s.speaker.name != speaker.name
               for s in _subjects(ctx))


def clause_subject(ctx: QuoteContext, span: QuoteSpan) -> Speaker | None:
    """Return the subject of the clause a quote sits in ("Protesters chanted 'no'").

    A quote standing alone with no cue falls back to the main-clause subject
    of the sentence before it in the same paragraph ("X was defiant. '...'").
    """
    for i in quote_token_indices(ctx, span):
        head = ctx.heads[i]
        if ctx.is_quoted_at(head) and head != i:
            continue
        node = ctx.doc[head]
        for _ in range(8):
            if not ctx.is_quoted(node) and node.pos_ in ("VERB", "AUX"):
                subject = subject_of(ctx, node)
                if subject is not None:
                    return resolve_speaker(ctx, subject)
            if node.head is node or not same_paragraph(ctx, node, node.head):
                break
            node = node.head
    return _paragraph_subject(ctx, span)


def _paragraph_subject(ctx: QuoteContext, span: QuoteSpan) -> Speaker | None:
    """Return the latest main-clause person or organisation subject before ``span`` in its paragraph."""
    para_start = ctx.paragraph_of(span.start)[0]
    for subject in reversed(_subjects(ctx)):
        if subject.position >= span.start:
            continue
        if subject.position < para_start:
            return None
        if subject.main and subject.speaker.kind in ("person", "org", "igo"):
            return subject.speaker
    return None
