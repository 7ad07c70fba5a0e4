"""Bytes to text: decompression, the binary sniff, the size limit and decoding.

The order is deliberate: a BOM is honoured before the binary sniff (UTF-16 is full of NUL bytes), UTF-8 is
tried before any guessing (an HTML page's declared charset next, then UTF-8 with a few stray Windows-1252
bytes), and a guessed encoding is only used when the guess is confident; otherwise the user is asked to
convert the file rather than given mojibake.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import unicodedata
import zlib

from storyline.errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

# 5 MiB of text is several hundred articles' worth: anything bigger is almost surely not one article.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024

GZIP_MAGIC = b"\x1f\x8b"

# Formats people feed a text tool by mistake, named so the error can say what the file is.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.odt document)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)

# C0 controls other than the whitespace ones (\t \n \v \f \r) and ESC (terminal colour codes).
_CONTROL_BYTES = frozenset(range(0x09)) | frozenset(range(0x0E, 0x1B)) | frozenset(range(0x1C, 0x20))
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# Real text has none of these; a few can slip into an old file (a DOS end-of-file mark), a binary has many.
MAX_CONTROL_RATIO = 0.05
_SNIFF_BYTES = 64 * 1024

# charset-normalizer's "mess" score of the decoded text: 0 is clean. Its own default cut-off is 0.2;
# a looser guess is too often wrong to hand to the pipeline.
MAX_CHAOS = 0.1
# Encodings that need a BOM to be told apart from noise; never accept them as a guess.
_NEEDS_BOM = ("utf_16", "utf_32")
# Among guesses that decode the bytes identically, English news most likely used one of these.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")

_STRAY_BYTE = re.compile("[\udc80-\udcff]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def format_size(n_bytes: int) -> str:
    """``5242880`` -> ``'5.0 MB'`` (binary megabytes, as ``ls -h`` shows them)."""
    if n_bytes < 1024:
        return f"{n_bytes} bytes"
    if n_bytes < 1024 * 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{n_bytes / (1024 * 1024):.1f} MB"


def too_large(source: str, size: int | None, max_bytes: int, what: str = "is") -> TooLargeError:
    amount = f"{what} {format_size(size)}" if size is not None else f"{what} larger than that"
    return TooLargeError(
        source,
        f"{amount}, over the {format_size(max_bytes)} limit; split it into articles "
        f"or raise the limit (--max-bytes)",
    )


def gunzip(data: bytes, source: str, max_bytes: int) -> bytes:
    """Decompress gzip ``data``, refusing to inflate past ``max_bytes`` (a small file can unpack to gigabytes)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise BinaryInputError(
            source, f"looks gzip-compressed but cannot be decompressed ({error}); check the file is complete"
        ) from error
    if len(out) > max_bytes:
        raise too_large(source, None, max_bytes, what="decompresses to more than")
    return out


def check_not_binary(data: bytes, source: str) -> None:
    """Raise :class:`BinaryInputError` for known binary formats, NUL bytes or many control bytes."""
    for magic, name in _SIGNATURES:
        if data.startswith(magic):
            raise BinaryInputError(source, f"is {name}, not text; save the article as .txt or .html first")
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        raise BinaryInputError(
            source, "contains NUL bytes, so it is binary, not text; give a .txt or .html article"
        )
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInputError(
            source, "is full of control bytes, so it is binary, not text; give a .txt or .html article"
        )


def decode(data: bytes, source: str, html: bool = False) -> str:
    """Decode ``data`` to text (see the module docstring for the order of attempts).

    Raises :class:`EmptyInputError`, :class:`BinaryInputError` or :class:`EncodingError`, naming ``source``.
    """
    if not data.strip():
        raise EmptyInputError(source, "is empty; give a file with the article's text")
    text = _decode_with_bom(data, source)
    if text is None:
        check_not_binary(data, source)
        text = _decode_utf8(data)
    if text is None and html:
        text = _decode_declared(data)
    if text is None:
        text = _decode_mostly_utf8(data)
    if text is None:
        text = _decode_guessed(data)
    if text is None:
        raise EncodingError(
            source, "is not UTF-8 and its encoding cannot be told with confidence; save it as UTF-8 and retry"
        )
    if not text.strip():
        raise EmptyInputError(source, "is empty; give a file with the article's text")
    if len(_CONTROL_CHARS.findall(text[:_SNIFF_BYTES])) > MAX_CONTROL_RATIO * min(len(text), _SNIFF_BYTES):
        raise BinaryInputError(
            source, "is full of control characters, so it is binary, not text; give a .txt or .html article"
        )
    return text


def _decode_with_bom(data: bytes, source: str) -> str | None:
    for bom, encoding, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise EncodingError(
                    source,
                    f"starts with a {name} byte-order mark but is not valid {name} (byte {error.start}); "
                    "re-save it as UTF-8",
                ) from error
            return text.lstrip("\ufeff")
    return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bytes of a Windows code page (text pasted together from two sources): the
    UTF-8 is kept and each stray byte read as Windows-1252, rather than reading it all in a wrong encoding."""
    text = data.decode("utf-8", errors="surrogateescape")
    stray = sum(1 for c in text if "\udc80" <= c <= "\udcff")
    multibyte = sum(1 for c in text if c > "\x7f" and not "\udc80" <= c <= "\udcff")
    if multibyte < 2 * stray:
        return None
    return _STRAY_BYTE.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", errors="replace"), text)


def _decode_declared(data: bytes) -> str | None:
    """An HTML page's ``<meta charset>``, when it names a real encoding and the bytes fit it."""
    match = _HTML_CHARSET.search(data[:4096])
    if not match:
        return None
    try:
        return data.decode(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


def _decode_guessed(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    candidates = [
        match
        for match in from_bytes(data)
        if match.chaos <= MAX_CHAOS and not match.encoding.startswith(_NEEDS_BOM)
    ]
    if not candidates:
        return None
    best = min(
        candidates,
        key=lambda m: (round(m.chaos, 2), not any(e in _PREFERRED for e in m.could_be_from_charset), -m.coherence),
    )
    encoding = next((e for e in _PREFERRED if e in best.could_be_from_charset), best.encoding)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _plausible(text) else None


def _plausible(text: str) -> bool:
    """Most characters of real text are letters, digits, punctuation or spaces; a wrong guess fills it with
    box-drawing and other symbols."""
    sample = text[:_SNIFF_BYTES]
    usual = sum(1 for c in sample if unicodedata.category(c)[0] in "LNPZ" or c in "\n\t\r")
    return usual >= 0.9 * len(sample)
