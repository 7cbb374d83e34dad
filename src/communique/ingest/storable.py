"""Characters no store can hold, replaced on reading so offsets stay where they were.

PostgreSQL's text type cannot hold U+0000 (NUL), and no UTF-8 store can hold a lone
surrogate (JSON's ``"\\ud800"`` decodes to one). Each is replaced by one character of the
same length in Python's string indexing: NUL by a space, a lone surrogate by U+FFFD, so the
offsets of everything extracted later still point into the stored text. What was replaced
is returned as repair notes (``Article.repairs``).
"""

from __future__ import annotations

import re

__all__ = ["storable"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def storable(text: str) -> tuple[str, list[str]]:
    """Return ``text`` with NUL and lone surrogates replaced, and a note per kind replaced.

    >>> storable("a\\x00b")
    ('a b', ['storable: replaced 1 NUL character(s) with spaces'])
    """
    repairs: list[str] = []
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", " ")
        repairs.append(f"storable: replaced {nuls} NUL character(s) with spaces")
    text, surrogates = _SURROGATE.subn("\ufffd", text)
    if surrogates:
        repairs.append(f"storable: replaced {surrogates} lone surrogate(s) with U+FFFD")
    return text, repairs
