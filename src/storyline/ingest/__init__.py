"""Readers: files, folders, bytes and stdin to :class:`~storyline.model.Document` objects.

>>> from storyline.ingest import iter_inputs, read_path
>>> documents = [read_path(path) for path in iter_inputs(["articles/"])]  # doctest: +SKIP

Every reader raises an :class:`~storyline.errors.InputError` subclass naming the input when it cannot give an
English article: :class:`~storyline.errors.EmptyInputError`, :class:`~storyline.errors.BinaryInputError`,
:class:`~storyline.errors.EncodingError`, :class:`~storyline.errors.TooLargeError`,
:class:`~storyline.errors.NoArticleBodyError`, :class:`~storyline.errors.NotEnglishError`.
"""

from storyline.ingest.decode import DEFAULT_MAX_BYTES
from storyline.ingest.readers import (
    INPUT_SUFFIXES,
    STDIN,
    STDIN_SOURCE,
    is_input_name,
    iter_inputs,
    parse_date,
    read_bytes,
    read_path,
    read_stdin,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "INPUT_SUFFIXES",
    "STDIN",
    "STDIN_SOURCE",
    "is_input_name",
    "iter_inputs",
    "parse_date",
    "read_bytes",
    "read_path",
    "read_stdin",
]
