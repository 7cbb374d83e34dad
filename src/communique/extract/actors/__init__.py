"""Actor stage: persons with roles, states, IGOs and organisations, resolved within the article.

``find_actors(doc, article=...)`` reads the parsed article once and returns an
:class:`~communique.records.ActorSet`:

- ``actors``: one record per person, state, IGO and organisation, with ids
  ``make_id("act", article.id, kind, name)``;
- ``mentions``: every resolved mention (names, surnames, acronyms, adjectives,
  capitals used as actors, titles such as "the minister", descriptors such as
  "the alliance" or "the country", and pronouns), as character spans of
  ``doc.text`` aligned on tokens;
- ``focus``: the state the article is mostly about.

>>> find_actors(nlp("NATO chief Jens Stoltenberg met Japan's foreign minister."), article=a)  # doctest: +SKIP
ActorSet(actors=[Actor(name='NATO', kind='igo', code='NATO'), Actor(name='Jens Stoltenberg',
  kind='person', org='NATO', roles=['chief']), Actor(name='Japan', kind='state', code='JPN')], ...)

Conventions other stages rely on: a mention of two states ("the two
countries") is two Mention records over the same span; a seat of power, a
ministry, an embassy or a group such as "riot police" is an ``org`` actor with
``country``; IGOs of the UN system carry ``code`` "UN" and their own name.

Layout: ``reader`` holds the state shared by the steps (tokens, drafts, mentions),
scans the gazetteer, computes the focus, runs the steps in a fixed order and freezes
the result; each step is a class in its own module holding the reader (``persons``, ``grouping``,
``titles``, ``context``, ``bodies``, ``orgs``, ``references``); ``common`` has the word
lists and the drafts.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from communique.extract.actors.reader import _Reader
from communique.records import ActorSet, Article

__all__ = ["find_actors"]

log = logging.getLogger(__name__)


def find_actors(doc: Doc, *, article: Article) -> ActorSet:
    """Return the article's actors, every resolved mention and the focus state.

    Args:
        doc: the parsed article body (``nlp.parse(article.text)``).
        article: the article (its id seeds the actor ids).

    Returns:
        The ActorSet: actors, mentions (sorted by position) and focus.
    """
    if len(doc) == 0:
        return ActorSet()
    reader = _Reader(doc, article)
    return reader.run()
