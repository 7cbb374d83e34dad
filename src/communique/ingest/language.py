"""Language of an article, with py3langid (its model ships in the package)."""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from communique.config import load_data_yaml

__all__ = ["detect_language"]

logger = logging.getLogger(__name__)

#: The language assumed when the text is too short or the detector is unsure.
DEFAULT_LANGUAGE = "en"
#: Characters of the text the detector looks at (the start says enough).
LANGUAGE_PREFIX_CHARS = 3000
#: Below this many letters a guess is not trusted: short English is often misread.
MIN_LANGUAGE_LETTERS = 60
#: Below this normalised probability a non-English guess is not trusted.
MIN_LANGUAGE_CONFIDENCE = 0.9

_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _identifier() -> Any:
    """Load py3langid's model once (about a second), with normalised probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    load = getattr(LanguageIdentifier, "from_model_file", None) or LanguageIdentifier.from_pickled_model  # 0.4 / 0.3
    return load(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """Return the ISO 639-1 code of ``text``'s language, ``"en"`` when unsure.

    Args:
        text: the article body; only its first ``LANGUAGE_PREFIX_CHARS`` are read.
    Returns:
        The detected code (``"fr"``, ``"de"``...) when the text has at least
        ``MIN_LANGUAGE_LETTERS`` letters and the detector is confident; else ``"en"``.
    """
    sample = text[:LANGUAGE_PREFIX_CHARS]
    if not _has_letters(sample, MIN_LANGUAGE_LETTERS):
        return DEFAULT_LANGUAGE
    if _plainly_english(sample):
        return DEFAULT_LANGUAGE
    language, confidence = _identifier().classify(sample)
    if language == DEFAULT_LANGUAGE or confidence < MIN_LANGUAGE_CONFIDENCE:
        return DEFAULT_LANGUAGE
    logger.debug("language %s (p=%.2f)", language, confidence)
    return str(language)


@functools.cache
def _function_words() -> tuple[frozenset[str], float, int]:
    """Load the English function words with the share and word count the fast path needs."""
    data = load_data_yaml("english_function_words.yaml")
    return frozenset(data["words"]), float(data["min_share"]), int(data["min_words"])


def _plainly_english(sample: str) -> bool:
    """Tell whether enough of the opening words are English function words to skip the detector.

    Counting them costs a few microseconds where the detector costs about 1.5 ms an article.
    """
    words: frozenset[str] | frozenset[bytes]
    words, min_share, min_words = _function_words()
    start = sample[:1500]
    opening: list[Any]
    if start.isascii() or not _WORD.search("".join(set(start).difference(_ASCII))):
        # The letters are A-Z and a-z (other characters, as "?", only part words): the words
        # as lower-cased bytes, found in C.
        opening = start.encode("ascii", "replace").translate(_ASCII_LOWER_WORDS).split()
        words = _ascii_function_words()
    else:
        opening = list(map(str.lower, _WORD.findall(start)))
    if len(opening) < min_words:
        return False
    hits = sum(map(words.__contains__, opening))
    return hits >= min_share * len(opening)


_ASCII = frozenset(map(chr, range(128)))
#: Byte table for ASCII text: letters lower-cased, every other byte a space (``_WORD`` on ASCII is [A-Za-z]+).
_ASCII_LOWER_WORDS = bytes(
    (b | 0x20) if chr(b).isascii() and chr(b).isalpha() else 0x20 for b in range(256))


@functools.cache
def _ascii_function_words() -> frozenset[bytes]:
    """The English function words that ASCII text can hold, as bytes (see ``_plainly_english``)."""
    return frozenset(word.encode("ascii") for word in _function_words()[0] if isinstance(word, str) and word.isascii())


def _has_letters(text: str, count: int) -> bool:
    """Tell whether ``text`` has at least ``count`` letters (stops as soon as it does)."""
    for seen, _ in enumerate(_LETTER.finditer(text), 1):
        if seen >= count:
            return True
    return False
