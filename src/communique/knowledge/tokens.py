"""Table phrases split into words as spaCy's English tokenizer splits text, so they match tokens."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

__all__ = ["tokenize"]


@functools.cache
def _tokenizer() -> Tokenizer:
    import spacy

    return spacy.blank("en").tokenizer


@functools.cache
def tokenize(text: str) -> tuple[str, ...]:
    """Return the token texts spaCy's English tokenizer gives for ``text``."""
    return tuple(t.text for t in _tokenizer()(text))
