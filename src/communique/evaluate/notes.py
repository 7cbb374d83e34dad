"""The problem notes of one scored article, and small helpers shared by the part scorers."""

from __future__ import annotations

from communique.evaluate.gold import GoldArticle
from communique.evaluate.report import Accuracy, Part, Problem
from communique.evaluate.text import SPACES, find_sentence, sentence_around
from communique.records import Actor, Quote

# --------------------------------------------------------------------------- problem notes


class Notes:
    """Collects the problems of one article."""

    def __init__(self, gold: GoldArticle, problems: list[Problem]) -> None:
        self.gold = gold
        self.problems = problems

    def add(self, part: Part, problem: str, item: str, **fields: str | None) -> None:
        """Record one problem."""
        self.problems.append(Problem(article_id=self.gold.id, part=part, problem=problem, item=item, **fields))

    def sentence_of_actor(self, actor: Actor) -> str | None:
        """The sentence of a system actor's first mention, else of its name."""
        if actor.mentions:
            start, end = actor.mentions[0]
            return sentence_around(self.gold.text, start, end)
        return find_sentence(self.gold.text, [actor.name, *actor.aliases])


def accuracy(checked: bool, correct: bool) -> Accuracy:
    return Accuracy(correct=int(checked and correct), total=int(checked))


def quote_sentence(text: str, quote: Quote) -> str:
    return quote.sentence or sentence_around(text, quote.start, quote.end)


def short_quote(text: str, limit: int = 90) -> str:
    text = SPACES.sub(" ", text).strip()
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"
