"""Folding a name to its lookup key: no accents, lower case, hyphens as spaces, no leading "the".

Places are looked up by these keys (``extract.locations``) and the GeoNames file is written
with them (``knowledge.build_geonames``), so both must fold alike: they share this module.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "plain"]

_FOLD_TABLE = str.maketrans({"-": " ", "‐": " ", "–": " ", "—": " ", "’": None, "'": None,
                             "`": None, ".": None})


def fold(text: str) -> str:
    """Return the lookup key of a name: no accents, lower case, hyphens as spaces, no 'the'."""
    key = " ".join(plain(text).split())
    return key[4:] if key.startswith("the ") else key


def plain(text: str) -> str:
    """Return ``text`` in ASCII lower case, hyphens as spaces, no apostrophes or periods.

    Character by character: the plain form of a text starts with that of its first word.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return text.translate(_FOLD_TABLE).lower()
