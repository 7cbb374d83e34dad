"""Typed records that cross stage boundaries.

Data flows one way::

    reader -> Article -> spaCy Doc -> ActorSet -> [Quote] -> [Event] -> ArticleResult

Every record is a frozen pydantic model, so it serialises to the JSON shape
fixed in INTERFACE.md with ``model_dump(mode="json")`` and can be rebuilt
from that JSON with ``model_validate``. Offsets (``start``/``end``) are
character offsets into ``Article.text`` (the body; the headline is metadata).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ActorKind = Literal["person", "state", "igo", "org"]
QuoteKind = Literal["direct", "partial", "indirect"]
Status = Literal["occurred", "planned", "alleged", "denied", "hypothetical"]
MentionKind = Literal["name", "alias", "title", "descriptor", "pronoun"]


class Record(BaseModel):
    """Base of all records: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def to_json(self) -> dict[str, Any]:
        """Return the JSON-ready dict of INTERFACE.md."""
        return self.model_dump(mode="json")


class Article(Record):
    """One input article, as every reader yields it.

    ``id`` is derived from the normalised text (see ``ingest.article_id``),
    so the same text always gets the same id, whatever file it came from.
    """

    id: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date of publication
    source: str | None = None  # path, URL or "-" (standard input)
    url: str | None = None
    language: str | None = None
    text: str
    meta: dict[str, Any] = Field(default_factory=dict)
    repairs: list[str] = Field(default_factory=list)  # what reading repaired in the text (issue 20)


class Mention(Record):
    """One place in the text that refers to an actor."""

    start: int
    end: int
    actor_id: str
    text: str
    kind: MentionKind = "name"


class Actor(Record):
    """A person, state, IGO or organisation named in one article."""

    id: str
    name: str
    kind: ActorKind
    code: str | None = None  # alpha-3 for states, IGO code for IGOs
    country: str | None = None  # alpha-3 of the state a person/org serves
    org: str | None = None  # IGO code a person serves
    roles: list[str] = Field(default_factory=list)
    sector: str | None = None
    sectors: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    mentions: list[tuple[int, int]] = Field(default_factory=list)
    gender: Literal["m", "f"] | None = Field(default=None, exclude=True)


class ActorSet(Record):
    """What the actor stage hands on: actors plus every resolved mention."""

    actors: list[Actor] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    focus: str | None = None  # alpha-3 of the state the article is mostly about

    def by_id(self, actor_id: str) -> Actor | None:
        """Return the actor with this id, or None."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        return None

    def at(self, start: int, end: int) -> list[Mention]:
        """Return the mentions that overlap the character span [start, end)."""
        return [m for m in self.mentions if m.start < end and start < m.end]


class Quote(Record):
    """A quotation (direct, partial or indirect) and who said it."""

    id: str
    speaker: str | None = None  # the speaker actor's name
    speaker_id: str | None = None
    speaker_mention: str | None = None  # the speaker as written
    cue: str | None = None  # the cue verb ("said", "added")
    text: str
    start: int
    end: int
    kind: QuoteKind = "direct"
    sentence: str = ""  # the sentence the quote starts in


class Evidence(Record):
    """A span of text that supports an event."""

    sentence: str
    start: int
    end: int
    text: str


class Location(Record):
    """Where an event happened, as written and as resolved."""

    text: str  # the place as written
    name: str | None = None
    state: str | None = None  # alpha-3
    region: str | None = None  # first-level administrative region
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: Literal["city", "region", "state"] | None = None


class Event(Record):
    """One PLOVER event: who did what to whom, when, and who says so."""

    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)  # state alpha-3 / IGO codes
    recipients: list[str] = Field(default_factory=list)
    actor_ids: list[str] = Field(default_factory=list)
    recipient_ids: list[str] = Field(default_factory=list)
    actor_sectors: list[str] = Field(default_factory=list)
    recipient_sectors: list[str] = Field(default_factory=list)
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_text: str | None = None
    status: Status = "occurred"
    asserted_by: str | None = None
    location: Location | None = None
    cameo_root: str | None = None
    score: float | None = None
    goldstein: float | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    rule: str = ""
    confidence: float | None = None  # in [0, 1]: how sure the coder is of type and participants (issue 19)


class ArticleResult(Record):
    """The extract record of INTERFACE.md: one per article."""

    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    coder_version: str
    actors: list[Actor] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    repairs: list[str] = Field(default_factory=list)  # copied from Article.repairs
