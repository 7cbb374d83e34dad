"""The typed report records of ``communique eval``: counts, accuracies, problems, scores."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field

# --------------------------------------------------------------------------- report records


class ReportRecord(BaseModel):
    """Base of report records: immutable."""

    model_config = ConfigDict(frozen=True)


class Counts(ReportRecord):
    """True positives, false positives, false negatives, with P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(tp=self.tp + other.tp, fp=self.fp + other.fp, fn=self.fn + other.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def precision(self) -> float | None:
        """tp / (tp + fp), None when the system produced nothing."""
        return _ratio(self.tp, self.tp + self.fp)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def recall(self) -> float | None:
        """tp / (tp + fn), None when gold holds nothing."""
        return _ratio(self.tp, self.tp + self.fn)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall (0 when either is 0 or missing)."""
        if self.tp + self.fp + self.fn == 0:
            return None
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)


class Accuracy(ReportRecord):
    """Right answers over checked items."""

    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(correct=self.correct + other.correct, total=self.total + other.total)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def value(self) -> float | None:
        """correct / total, None when nothing was checked."""
        return _ratio(self.correct, self.total)


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


class Accuracies(ReportRecord):
    """Every accuracy FORMAT.md names, over matched items."""

    country: Accuracy = Accuracy()
    org: Accuracy = Accuracy()
    role: Accuracy = Accuracy()
    speaker: Accuracy = Accuracy()
    attributed_quotes: Accuracy = Accuracy()
    date: Accuracy = Accuracy()
    status: Accuracy = Accuracy()
    type_recall: Accuracy = Accuracy()
    sector: Accuracy = Accuracy()
    location_state: Accuracy = Accuracy()
    location_city: Accuracy = Accuracy()

    def __add__(self, other: Accuracies) -> Accuracies:
        return Accuracies(**{name: getattr(self, name) + getattr(other, name) for name in type(self).model_fields})


#: Row labels of the accuracy table, in order.
ACCURACY_LABELS: dict[str, str] = {
    "country": "person country",
    "org": "person org (IGO)",
    "role": "person role",
    "speaker": "quote speaker",
    "attributed_quotes": "attributed-quote recall",
    "date": "event date",
    "status": "event status",
    "type_recall": "event type recall",
    "sector": "sector (persons, orgs)",
    "location_state": "event location (state)",
    "location_city": "event location (city)",
}

Part = Literal["person", "state/igo", "quote", "event", "org"]


class Problem(ReportRecord):
    """One error to study: a miss, a spurious item or a wrong attribute."""

    article_id: str
    part: Part
    problem: str  # "missed", "spurious", "duplicate", "wrong date", ...
    item: str
    gold: str | None = None
    system: str | None = None
    sentence: str | None = None


class ArticleScore(ReportRecord):
    """The scores of one article; a part is None where its gold is absent."""

    id: str
    persons: Counts | None = None
    states: Counts | None = None
    quotes: Counts | None = None
    events: Counts = Counts()
    accuracies: Accuracies = Accuracies()
    by_type: dict[str, Counts] = Field(default_factory=dict)
    problems: list[Problem] = Field(default_factory=list)
    failed: str | None = None  # why the pipeline failed on this article


class Report(ReportRecord):
    """The scores of a whole gold file."""

    gold_file: str | None = None
    articles: int = 0
    failed: dict[str, str] = Field(default_factory=dict)  # article id -> reason
    persons: Counts = Counts()
    states: Counts = Counts()
    quotes: Counts = Counts()
    events: Counts = Counts()
    scored: dict[str, int] = Field(default_factory=dict)  # part -> articles where it was scored
    accuracies: Accuracies = Accuracies()
    by_type: dict[str, Counts] = Field(default_factory=dict)
    per_article: list[ArticleScore] = Field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        """Every problem of every article, in order."""
        return [p for article in self.per_article for p in article.problems]
