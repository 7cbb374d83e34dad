"""Communiqué's exceptions.

    CommuniqueError
     ├── InputError            a file or record could not be read as an article
     │    ├── EmptyInputError       nothing to read (empty or whitespace only)
     │    ├── BinaryInputError      bytes that are not text
     │    ├── DecodeError           text in no encoding we can detect
     │    ├── MalformedInputError   truncated or invalid JSON / header
 │    ├── SpecialFileError      a FIFO, device or socket: never opened (issue 21)
     │    └── UnsupportedLanguageError  text that is not English
     ├── GoldFormatError       a gold file that does not follow FORMAT.md
     ├── ConfigError           a setting or option that cannot work
 ├── BudgetError           an article over its budget of size, time or memory (issue 21)
 │    ├── ArticleTooLargeError  more characters than the limit: refused before parsing
 │    ├── ArticleTimeoutError   coding took longer than the limit
 │    └── ArticleMemoryError    the process grew past the limit while coding it
     └── StoreError            the store could not be opened or written
          ├── StoreNotFoundError    no store at that URL (read commands never create one)
          └── ReadOnlyStoreError    the store refuses writes (read-only file, database or user)

Each carries the offending ``source`` (file, URL or record position) so the
CLI and the API can say where the problem is; they translate these at their
edge only.
"""

from __future__ import annotations


class CommuniqueError(Exception):
    """Base class of every error Communiqué raises on purpose."""

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(CommuniqueError):
    """An input could not be read as an article."""


class EmptyInputError(InputError):
    """The input holds no text."""


class BinaryInputError(InputError):
    """The input is binary data, not text."""


class DecodeError(InputError):
    """The input's encoding could not be determined."""


class MalformedInputError(InputError):
    """The input is truncated or does not follow its format."""


class SpecialFileError(InputError):
    """The path names a FIFO, a device or a socket, not a regular file: it is refused without being opened."""


class UnsupportedLanguageError(InputError):
    """The article is not in English."""


class GoldFormatError(CommuniqueError):
    """A gold file does not follow FORMAT.md."""


class ConfigError(CommuniqueError):
    """A setting or option cannot work."""


class BudgetError(CommuniqueError):
    """An article went over its budget (size, time or memory): it is recorded as failed, the batch goes on."""


class ArticleTooLargeError(BudgetError):
    """The article has more characters than the limit; it is refused before parsing."""


class ArticleTimeoutError(BudgetError):
    """Coding the article took longer than the time limit."""


class ArticleMemoryError(BudgetError):
    """The process's memory grew past the limit while coding the article."""


class StoreError(CommuniqueError):
    """The store could not be opened, migrated or written."""


class StoreNotFoundError(StoreError):
    """There is no Communiqué store at the URL, and the command does not create one."""


class ReadOnlyStoreError(StoreError):
    """The store can be read but not written (read-only file, database, transaction or user)."""
