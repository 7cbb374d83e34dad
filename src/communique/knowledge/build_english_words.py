"""Build ``knowledge/data/english_words.txt.gz``: the English dictionary words, in lower case.

    python -m communique.knowledge.build_english_words          # rewrite the file
    python -m communique.knowledge.build_english_words --check  # exit 1 when it is not current

Needs the ``build`` extra (``pip install communique[build]``); the file is committed, so nothing
is needed at run time. source: the "web2" word list of the ``english-words`` package (MIT), which
is the word list of Webster's Second International Dictionary (1934, public domain). Only its
entries written in lower case and made of letters are kept: the capitalised ones are proper
names, which is exactly what the truecaser must not take for ordinary words.

The truecaser (``ingest.truecase``) gives a capital to a word of an all-capitals text that is
neither in this list (after taking off a regular inflection, see ``reading.is_english_word``)
nor in ``truecase.yaml``'s lists: such a word is most likely a name ("MAURER" -> "Maurer").

The file: a comment line, then one word a line, sorted.
"""

from __future__ import annotations

import gzip
import sys

from communique.config import data_path

__all__ = ["ENGLISH_WORDS_FILE", "build", "main"]

ENGLISH_WORDS_FILE = "english_words.txt.gz"
_HEADER = ("# English dictionary words in lower case, from the web2 list of english-words 2.0.2 (MIT; "
           "Webster's Second International, public domain): do not edit, run python -m "
           "communique.knowledge.build_english_words")


def build() -> bytes:
    """Return the gzipped file's bytes (deterministic: no timestamp in the gzip header)."""
    from english_words import get_english_words_set

    words = sorted(w for w in get_english_words_set(["web2"]) if w.isalpha() and w.islower() and w.isascii())
    text = "\n".join([_HEADER, *words]) + "\n"
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    """Write the file, or with ``--check`` tell whether it is current (exit 1 if not)."""
    args = sys.argv[1:] if argv is None else argv
    path = data_path(ENGLISH_WORDS_FILE)
    data = build()
    if "--check" in args:
        current = path.exists() and gzip.decompress(path.read_bytes()) == gzip.decompress(data)
        print(f"{path}: {'current' if current else 'out of date'}")
        return 0 if current else 1
    path.write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
