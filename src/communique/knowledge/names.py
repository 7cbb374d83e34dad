"""Folding a name to its lookup key: no accents, lower case, hyphens as spaces, no leading "the".

Places are looked up by these keys (``extract.locations``) and the GeoNames file is written
with them (``knowledge.build_geonames``), so both must fold alike: they share this module.
"""

from __future__ import annotations

import unicodedata

__all__ = ["ascii_letters", "fold", "plain", "strip_accents"]

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
    return ascii_letters(text).translate(_FOLD_TABLE).lower()


def ascii_letters(text: str) -> str:
    """Return ``text`` decomposed (NFKD) with every non-ASCII character dropped ("Pérez" -> "Perez").

    Letters with no ASCII base ("ø", "ß", Cyrillic) go too; ASCII text comes back unchanged.
    """
    if text.isascii():  # nothing to decompose or drop
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def strip_accents(text: str) -> str:
    """Return ``text`` decomposed (NFKD) without its combining marks ("Pérez" -> "Perez").

    Unlike :func:`ascii_letters`, letters with no ASCII base ("ø", "ß", Cyrillic) are kept.
    """
    if text.isascii():  # nothing to decompose or drop
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
