"""Request and response models of the REST API (they make the OpenAPI schema)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from communique.store.clustering import ClusterPeriod
from communique.store.views import (
    ArticleSummary,
    Counterpart,
    StoredActor,
    StoredArticle,
    StoredEvent,
    StoredQuote,
)

#: A string with something besides white space.
NOT_BLANK = r"\S"
#: A string without NUL characters (PostgreSQL cannot store them; a title or URL holding one is refused).
NO_NUL = r"^[^\x00]*$"


def _exactly_one_body(schema: dict[str, Any]) -> None:
    """Say in the JSON schema what the validator checks: exactly one of ``text`` and ``html`` is a string."""
    schema["anyOf"] = [{"required": [given], "properties": {given: {"type": "string"}, other: {"type": "null"}}}
                       for given, other in (("text", "html"), ("html", "text"))]  # exclusive, as oneOf would be


class ArticleIn(BaseModel):
    """An article to code and store: ``text`` or ``html`` (exactly one, not blank), with its metadata."""

    model_config = ConfigDict(json_schema_extra=_exactly_one_body)

    title: str | None = Field(default=None, max_length=1000, pattern=NO_NUL)
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    text: str | None = Field(default=None, max_length=5_000_000, pattern=NOT_BLANK)
    html: str | None = Field(default=None, max_length=10_000_000, pattern=NOT_BLANK)
    url: str | None = Field(default=None, max_length=2000, pattern=NO_NUL)

    @model_validator(mode="after")
    def _text_or_html(self) -> ArticleIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' and 'html'")
        return self


class Page(BaseModel):
    """One page of a list: ``next_offset`` is null on the last page; ``total`` counts every match."""

    limit: int
    offset: int
    next_offset: int | None = None
    total: int | None = Field(default=None, description="Items matching the filters over all pages "
                                                        "(null for full-text search, ranked without a count).")


class ArticlePage(Page):
    items: list[ArticleSummary]


class EventPage(Page):
    items: list[StoredEvent]


class ActorPage(Page):
    items: list[StoredActor]


class QuotePage(Page):
    items: list[StoredQuote]


ArticleOut = StoredArticle


class ActorDetail(BaseModel):
    actor: StoredActor
    quotes: list[StoredQuote]
    as_actor: list[StoredEvent]
    as_recipient: list[StoredEvent]
    counterparts: list[Counterpart]
    as_actor_total: int | None = Field(default=None, description="Events with this actor on the actor side, "
                                                                 "of which `as_actor` lists the first `limit`.")
    as_recipient_total: int | None = Field(default=None, description="Events with this actor as recipient.")


class DyadOut(BaseModel):
    a: str
    b: str
    by: str
    count: str
    periods: list[ClusterPeriod]
    events: list[StoredEvent]


class Node(BaseModel):
    id: str
    events: int


class Edge(BaseModel):
    source: str
    target: str
    events: int
    score: float
    cooperation: int
    conflict: int


class NetworkOut(BaseModel):
    nodes: list[Node]
    edges: list[Edge]
    meta: dict[str, Any] = Field(default_factory=dict)
