"""Text written all in lower or all in upper case, recognised and truecased (issue 20).

Scraped archives often lower-case everything; some wires shout in capitals. spaCy's tagger,
parser and named-entity recogniser lean on capitals, and so do the actor and place stages, so a
text in one case is given its capitals back before parsing: the names the knowledge tables know
(``knowledge.reading.case_names``: states, capitals, demonyms, IGOs, seats, organisations, known
persons, places, cities), the first letter of every sentence and paragraph, and the pronoun "I".
Every replacement has the length of what it replaces, so offsets into the text hold.
Linear in the text: one pass over its words, one dict look-up per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from communique.knowledge.reading import CaseNames, case_names, is_english_word

__all__ = ["Truecased", "letter_case", "truecase"]

Case = Literal["lower", "upper"]

#: Characters of the text looked at to tell its case.
CASE_SAMPLE_CHARS = 1 << 16
#: Fewer cased letters than this in the sample: too little to tell.
MIN_CASED_LETTERS = 40
#: Fewer words than this in the sample: too little to tell (a run of letters is no text).
MIN_WORDS = 8
#: At most this share of capitals (of cased letters): the text is all lower case.
MAX_UPPER_SHARE_LOWER = 0.005
#: At least this share of capitals: the text is all upper case.
MIN_UPPER_SHARE_UPPER = 0.97

_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))
_WORD = re.compile(r"[^\W_]+")
#: A sentence's first letter: after . ! ? (and closing quotes or brackets) and white space,
#: after a line break, or at the start; opening quotes or brackets may come first.
_SENTENCE_START = re.compile(r"(?:\A|(?<=[.!?])[\"'”’)\]]*\s+|\n\s*)[\"'“‘(\[]*([^\W\d_])")
_PRONOUN_I = re.compile(r"(?<![^\W_])i(?![^\W_])")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}"
#: A wire dateline opening the text, in one case: "nairobi --", "arusha, tanzania, june 3 (wire) --".
#: Written back in the wire's convention (place in capitals) so the dateline is read as one.
_DATELINE = re.compile(
    r"\A\s*(?P<city>[a-z][a-z.'’]*(?:[ \-][a-z][a-z.'’]*){0,3})"
    r"(?:,\s*(?!" + _MONTH + r")(?P<qual>[a-z][\w.'’\- ]{1,30}?))?"
    r"(?:,?\s*(?P<month>" + _MONTH + r"))?"
    r"(?:\s*\([^)\n]{1,40}\))?"
    r"\s*(?:--|—|–)\s"
)


@dataclass(frozen=True)
class Truecased:
    """The truecased text and what was restored."""

    text: str
    names: int
    starts: int
    unknown: int = 0  # words that are no English word, given a capital (all-capitals text)


def letter_case(text: str) -> Case | None:
    """Tell whether ``text`` is written all in lower or all in upper case (ASCII letters counted).

    Returns:
        ``"lower"`` when at most ``MAX_UPPER_SHARE_LOWER`` of the letters of its first
        ``CASE_SAMPLE_CHARS`` characters are capitals, ``"upper"`` when at least
        ``MIN_UPPER_SHARE_UPPER`` are, else None (also for texts with too few letters or words).
    """
    data = text[:CASE_SAMPLE_CHARS].encode("utf-8", "surrogatepass")
    upper = len(data) - len(data.translate(None, _ASCII_UPPER))
    lower = len(data) - len(data.translate(None, _ASCII_LOWER))
    cased = upper + lower
    if cased < MIN_CASED_LETTERS or len(data.split(None, MIN_WORDS)) < MIN_WORDS:
        return None
    share = upper / cased
    if share <= MAX_UPPER_SHARE_LOWER:
        return "lower"
    if share >= MIN_UPPER_SHARE_UPPER:
        return "upper"
    return None


def truecase(text: str, case: Case) -> Truecased:
    """Give a one-case text its capitals back, keeping its length.

    Args:
        text: the article body.
        case: what ``letter_case`` said of it; an ``"upper"`` text is lower-cased first
            (capitals other than those restored are lost: acronyms the tables do not know).
    """
    base = text if case == "lower" else _lower_keeping_length(text)
    table = case_names()
    edits: dict[int, str] = {}
    names, unknown = _restore_names(base, table, edits, unknown=table.capitalise_unknown.get(case, False))
    _restore_dateline(base, edits)
    _restore_titles(base, edits)
    starts = _restore_sentence_starts(base, table, edits)
    for match in _PRONOUN_I.finditer(base):
        edits.setdefault(match.start(), "I")
    return Truecased(text=_apply(base, edits), names=names, starts=starts, unknown=unknown)


def _restore_dateline(base: str, edits: dict[int, str]) -> None:
    """Write an opening dateline's place in capitals, its month and the word after it with a capital."""
    match = _DATELINE.match(base)
    if match is None:
        return
    city = match.group("city")
    if len(city.upper()) == len(city):
        for position in [p for p in edits if match.start("city") <= p < match.end("city")]:
            del edits[position]  # a name restored inside the place ("Port Vila") gives way
        edits[match.start("city")] = city.upper()
    after = match.end()
    if after < len(base) and base[after].isalpha() and len(base[after].upper()) == 1 and after not in edits:
        edits[after] = base[after].upper()
    if match.group("month"):
        month = match.group("month")
        edits[match.start("month")] = month[0].upper() + month[1:]


#: Words a title before a name may hold (a role head with its modifiers: "deputy foreign minister").
MAX_TITLE_WORDS = 4
#: Modifiers that stay in lower case before a title ("former President X").
_LOWER_MODIFIERS = frozenset({"former", "then", "late"})


def _restore_titles(base: str, edits: dict[int, str]) -> None:
    """Give a capital to the title right before a restored name ("foreign minister X" -> "Foreign Minister X").

    Pattern: in English a title is capitalised where it directly precedes a name. The title is a
    role head of ``knowledge/data/roles.yaml`` (or an honorific), with the modifiers before it; a
    word between the title and the restored name is the first name, and gets its capital too.
    """
    from communique.knowledge.actor_tables import roles

    table = roles()
    common = case_names().common_words
    for position in sorted(p for p, w in edits.items() if w[:1].isupper()):
        words = _words_before(base, position, MAX_TITLE_WORDS + 1)
        lowered = [w for _, w in words]
        title_from = _title_start(lowered, table)
        if title_from is None and len(words) > 1 and lowered[-1] not in common:
            # a first name that is also a word, between the title and the surname ("minister laura X")
            title_from = _title_start(lowered[:-1], table)
        for start, word in words[title_from:] if title_from is not None else ():
            if start not in edits and word not in _LOWER_MODIFIERS and len(word[0].upper()) == 1:
                edits[start] = word[0].upper() + word[1:]


def _words_before(base: str, position: int, count: int) -> list[tuple[int, str]]:
    """The up to ``count`` words right before ``position``, separated by single spaces only."""
    words: list[tuple[int, str]] = []
    end = position - 1
    while len(words) < count and end > 0 and base[end] == " ":
        start = end
        while start > 0 and (base[start - 1].isalpha() or base[start - 1] in ".-"):
            start -= 1
        if start == end:
            break
        words.insert(0, (start, base[start:end]))
        end = start - 1
    return words


def _title_start(words: list[str], table: object) -> int | None:
    """Index in ``words`` where a title ending at the last word starts (modifiers included), or None."""
    from communique.knowledge.actor_tables import RoleTable

    assert isinstance(table, RoleTable)
    for i in range(len(words)):
        head = table.head_at(words, i)
        if head is not None and i + len(head.words) == len(words) and not head.plural:
            while i > 0 and words[i - 1] in table.modifiers:
                i -= 1
            return i
        if words[i] in table.honorifics and i == len(words) - 1:
            return i
    return None


def _lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)  # "İ" lowers to two


def _restore_names(base: str, table: CaseNames, edits: dict[int, str], *, unknown: bool) -> tuple[int, int]:
    """Record the written form of every known name in ``base`` (longest match first).

    With ``unknown``, a word that is no known name and no English word gets a capital too (in
    all-capitals text it is most likely a name). Returns the counts of both.
    """
    by_first = table.by_first
    common = table.common_words
    names = others = 0
    after = 0
    size = len(base)
    for match in _WORD.finditer(base):
        start = match.start()
        if start < after:
            continue
        word = match.group()
        forms = by_first.get(word)
        if forms and not (start and base[start - 1] == "-"):
            for lower, written in forms:
                end = start + len(lower)
                if base.startswith(lower, start) and (end == size or not _joins(base[end])):
                    edits[start] = written
                    after = end
                    names += 1
                    break
            if after > start:
                continue
        if (unknown and len(word) > 1 and word.isalpha() and word not in common
                and not _in_contraction(base, start, start + len(word)) and not is_english_word(word)):
            capital = word[0].upper()
            if len(capital) == 1:
                edits[start] = capital
                others += 1
    return names, others


def _in_contraction(base: str, start: int, end: int) -> bool:
    """Is the word at ``[start, end)`` a piece of a word with an apostrophe ("didn’t", "we’ve")?"""
    before = start >= 2 and base[start - 1] in "'’" and base[start - 2].isalpha()
    after = end + 1 < len(base) and base[end] in "'’" and base[end + 1].isalpha()
    return before or after


def _joins(char: str) -> bool:
    """True when ``char`` continues a word (a letter, a digit, an underscore or a hyphen)."""
    return char.isalnum() or char in "_-"


def _restore_sentence_starts(base: str, table: CaseNames, edits: dict[int, str]) -> int:
    """Capitalise the first letter of each sentence not already covered by a name."""
    count = 0
    for match in _SENTENCE_START.finditer(base):
        at = match.start(1)
        if _after_abbreviation(base, match.start(), table.abbreviations):
            continue
        if at in edits:  # a name opens the sentence: "the Emirates" -> "The Emirates"
            written = edits[at]
            if written[0].islower() and len(written[0].upper()) == 1:
                edits[at] = written[0].upper() + written[1:]
                count += 1
            continue
        upper = base[at].upper()
        if len(upper) == 1 and upper != base[at]:
            edits[at] = upper
            count += 1
    return count


def _after_abbreviation(base: str, after: int, abbreviations: frozenset[str]) -> bool:
    """True when the period just before ``after`` ends an abbreviation ("gen.", "u.s."), not a sentence."""
    stop = after - 1
    if stop < 0 or base[stop] != ".":
        return False
    begin = max(base.rfind(" ", 0, stop), base.rfind("\n", 0, stop)) + 1
    return base[begin : stop + 1].lower().lstrip("\"'“‘([") in abbreviations


def _apply(base: str, edits: dict[int, str]) -> str:
    """Return ``base`` with each ``edits[position]`` written over the same number of characters."""
    if not edits:
        return base
    pieces: list[str] = []
    last = 0
    for position in sorted(edits):
        if position < last:
            continue
        written = edits[position]
        pieces.append(base[last:position])
        pieces.append(written)
        last = position + len(written)
    pieces.append(base[last:])
    return "".join(pieces)
