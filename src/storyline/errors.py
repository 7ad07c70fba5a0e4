"""Every error storyline raises on purpose is a :class:`StorylineError`::

    StorylineError
    ├── InputError            an input cannot be read as an article (names the input)
    │   ├── EmptyInputError       nothing but whitespace
    │   ├── BinaryInputError      NUL bytes or other non-text content
    │   ├── EncodingError         not UTF-8 and no other encoding fits
    │   ├── TooLargeError         over the configured size limit
    │   ├── NoArticleBodyError    an HTML page with no article text in it
    │   └── NotEnglishError       the text is not in English
    ├── PipelineError         the NLP pipeline could not be loaded or run
    └── StoreError            a store cannot be opened, migrated or written
        └── NotFoundError         no article with that id in the store

The CLI prints ``str(error)`` on one line and exits with status 2 for input errors.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class InputError(StorylineError):
    """An input cannot be analyzed. ``source`` names it (a path, '<stdin>', a JSONL line...)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class EmptyInputError(InputError):
    pass


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class TooLargeError(InputError):
    pass


class NoArticleBodyError(InputError):
    pass


class NotEnglishError(InputError):
    pass


class PipelineError(StorylineError):
    """The NLP pipeline could not be loaded or failed on a document."""


class StoreError(StorylineError):
    """The store cannot be opened, migrated or written; the message says which store and what to do."""


class NotFoundError(StoreError, KeyError):
    """The store holds no article with this id."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""
