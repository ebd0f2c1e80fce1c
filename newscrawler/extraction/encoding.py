"""How a page's bytes become text: one decision, whatever the page declares.

In order: a byte-order mark; UTF-8 when the bytes are valid UTF-8 (a page that is valid UTF-8
but declares latin-1 is mislabelled, not latin-1); the charset the HTTP header, then a `<meta>`,
declares; a guess (charset_normalizer) for undeclared pages; and for pages that mix UTF-8 with
single-byte text, or lie about being UTF-8, UTF-8 with every invalid byte read as windows-1252.
NUL bytes are dropped. `choose_encoding` also names what was wrong, for the crawl stats.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

# UTF-8 where it is valid, windows-1252 (latin-1 for its five holes) byte by byte where not.
FALLBACK = "utf-8+cp1252"
_ERRORS = "newscrawler-cp1252"
_UTF8 = {"utf-8", "utf8", "utf_8"}
_LATIN = {"ascii", "latin_1", "cp1250", "cp1252", "cp1254", "cp1257", "iso8859_2", "iso8859_15"}
_HIGH = bytes(range(128, 256))
_GUESS_BYTES = 16 * 1024  # the guess runs on the reactor thread: a sample is enough


def _cp1252_for_invalid(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    raw = error.object[error.start : error.end]
    return "".join(_cp1252(b) for b in raw), error.end


def _cp1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


codecs.register_error(_ERRORS, _cp1252_for_invalid)


_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def looks_binary(body: bytes) -> bool:
    """A PDF, image, archive or other binary body, not text (a few stray NULs are allowed)."""
    head = body[:4096]
    if head.startswith(_BINARY_MAGIC):
        return True
    if read_bom(head)[0] or _utf16_without_bom(head):
        return False
    return len(_CONTROL.findall(head)) > len(head) // 20


@dataclass(frozen=True)
class Charset:
    """The encoding to read a page with, what it declared, and what was wrong with it."""

    encoding: str  # a Python codec name, or FALLBACK
    declared: str | None = None
    problems: tuple[str, ...] = ()  # wrong_charset, mixed_encodings, undeclared, nul_bytes


def choose_encoding(body: bytes, content_type: str | bytes | None = None) -> Charset:
    """The encoding of an HTML page's bytes, given its Content-Type header (if any)."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    bom, _ = read_bom(body)
    if bom:
        return Charset(bom)
    utf16 = _utf16_without_bom(body)
    if utf16:
        return Charset(utf16, problems=("undeclared",))
    in_header = _known(http_content_type_encoding(content_type or ""))
    in_meta = _known(html_body_declared_encoding(body[:4096]))
    declared = in_header or in_meta  # the header wins, as in browsers
    problems: tuple[str, ...] = ("nul_bytes",) if b"\x00" in body else ()
    if in_header and in_meta and in_header != in_meta:
        problems = ("conflicting_charsets", *problems)
    if _valid_utf8(body):
        if declared and declared not in _UTF8 and not body.isascii():
            problems = ("wrong_charset", *problems)
        return Charset("utf-8", declared, problems)
    mixed = _mostly_utf8(body)
    if declared and declared not in _UTF8:
        return Charset(declared, declared, problems)
    if declared or mixed:  # claims UTF-8 but is not, or mixes UTF-8 with single-byte text
        return Charset(
            FALLBACK, declared, ("mixed_encodings" if mixed else "wrong_charset", *problems)
        )
    return Charset(_guess(body), None, ("undeclared", *problems))


def decode_html(body: bytes, encoding: str | None = None) -> str:
    """The text of a page's bytes in `encoding` (chosen here when None), without NUL bytes."""
    encoding = encoding or choose_encoding(body).encoding
    bom, mark = read_bom(body)
    if bom and bom == encoding:
        body = body[len(mark) :]
    if encoding == FALLBACK:
        text = body.decode("utf-8", _ERRORS)
    else:
        try:
            text = body.decode(encoding, "replace")
        except LookupError:
            text = body.decode("utf-8", _ERRORS)
    return text.replace("\x00", "")


def _known(name: str | None) -> str | None:
    """A Python codec for a declared charset name, None when unknown (or a UTF-16/32 claim on
    bytes without a byte-order mark, which a meta tag cannot honestly make)."""
    if not name:
        return None
    resolved = resolve_encoding(name)
    if not resolved or resolved.startswith(("utf-16", "utf-32")):
        return None
    return codecs.lookup(resolved).name


def _mostly_utf8(body: bytes) -> bool:
    """Most non-ASCII bytes form valid UTF-8 sequences: UTF-8 with a few single-byte inserts
    (in a Shift_JIS or GBK page only some byte pairs happen to look like UTF-8)."""
    non_ascii = len(body) - len(body.translate(None, _HIGH))
    invalid = body.decode("utf-8", "replace").count("\ufffd")  # about one per invalid byte
    return (non_ascii - invalid) * 4 >= non_ascii * 3


def _valid_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _utf16_without_bom(body: bytes) -> str | None:
    head = body[:64]
    if head.startswith(b"<\x00") and head[1::2].count(0) > len(head) // 3:
        return "utf-16-le"
    if head.startswith(b"\x00<") and head[0::2].count(0) > len(head) // 3:
        return "utf-16-be"
    return None


def _guess(body: bytes) -> str:
    """Undeclared and not UTF-8: windows-1252 (the web's default), unless charset_normalizer
    finds another script (Cyrillic, Greek, CJK, ...). Between Latin code pages a short sample
    cannot choose (it takes cp1250 for French, and "à" becomes "ŕ"): windows-1252 wins."""
    from charset_normalizer import from_bytes

    match = from_bytes(body[:_GUESS_BYTES]).best()
    if match is None or match.encoding in _LATIN or match.encoding.startswith(("utf_", "mac_")):
        return "cp1252"
    return match.encoding
