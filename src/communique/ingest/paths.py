"""Command-line paths to input files: files, directories, globs and ``-``."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator, Sequence

from communique.errors import InputError

__all__ = ["STDIN", "expand_paths"]

#: The path that means standard input.
STDIN = "-"
#: Files a directory walk passes over: code and caches are not articles.
SKIPPED_SUFFIXES = frozenset({".py", ".pyc", ".pyo"})
_SKIPPED_DIRS = frozenset({"__pycache__"})
_GLOB = re.compile(r"[*?[]")


def expand_paths(paths: Sequence[str]) -> Iterator[str | InputError]:
    """Yield the files named by ``paths``, in order, or an error per bad path.

    Args:
        paths: file names, directories (walked recursively, sorted, hidden files
            and ``__pycache__`` skipped), glob patterns (``**`` recurses) and
            ``-`` for standard input.
    Yields:
        File paths (or ``-``); an ``InputError`` for a path that does not exist,
        a pattern that matches nothing or a directory with no files.
    """
    for path in paths:
        if path == STDIN:
            yield STDIN
        elif os.path.isdir(path):
            yield from _walk(path)
        elif os.path.lexists(path):
            yield path
        elif _GLOB.search(path):
            yield from _expand_glob(path)
        else:
            yield InputError("no such file or directory", source=path)


def _expand_glob(pattern: str) -> Iterator[str | InputError]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield InputError("no file matches this pattern", source=pattern)
    for match in matches:
        if os.path.isdir(match):
            yield from _walk(match)
        else:
            yield match


def _walk(top: str) -> Iterator[str | InputError]:
    """Yield the visible files under ``top``, sorted by path."""
    found: list[str] = []
    for root, dirs, files in os.walk(top):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED_DIRS]
        found.extend(os.path.join(root, name) for name in files if _wanted(name))
    if not found:
        yield InputError("directory holds no input files", source=top)
    yield from sorted(found)


def _wanted(name: str) -> bool:
    return not name.startswith(".") and os.path.splitext(name)[1].lower() not in SKIPPED_SUFFIXES
