"""Text fingerprints: an exact one over normalised text, and MinHash signatures with LSH bands
for near-duplicate candidates (datasketch's "affine32" MinHash over hashed word 3-shingles).

The state keeps per archived record one blob (`stored_bytes`): the signature (for the band
index) followed by the zlib-compressed normalised text, on which a candidate is verified
(`newscrawler.dedup.nearcopy`): a record is never called a copy on the estimate alone.
"""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH
from isal import isal_zlib

NUM_PERM = 128
# Word 3-shingles: a changed word breaks 3 shingles, not 5, so an edited sentence or a new
# headline costs a syndicated copy less similarity while unrelated stories stay far apart.
SHINGLE = 3
# Lines that change without the article changing: a timestamp line holds a date or time and
# nothing else (a label such as "Updated" or "Published" may stand before it: "Updated 10:32
# GMT"); "Updated: Police have now arrested a suspect." is an article sentence. View counters too.
_COUNTER_LINE = re.compile(r"^\W*[\d,.]+\s+(views|reads|aufrufe|vues)\W*$", re.IGNORECASE)
_LINE_TOKENS = re.compile(r"[^\W\d_]+|\d+")
_DATE_ANCHORS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    januar februar märz mai juni juli oktober dezember
    janvier février mars avril juin juillet août septembre octobre novembre décembre
    enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
    monday tuesday wednesday thursday friday saturday sunday
    mon tue tues wed thu thur thurs fri sat sun
    montag dienstag mittwoch donnerstag freitag samstag sonntag
    lundi mardi mercredi jeudi vendredi samedi dimanche
    lunes martes miércoles jueves viernes sábado domingo
    ago yesterday today gestern heute hier aujourd ayer hoy hace vor
    """.split()  # noqa: SIM905
)
# What may stand around the date or time: labels, prepositions, units, time zones.
_DATE_WORDS = _DATE_ANCHORS | frozenset(
    """
    updated update last modified published posted edited first originally
    aktualisiert veröffentlicht zuletzt geändert stand mis à jour publié le
    actualizado publicado actualización modificado el de del
    on at the of and am um uhr a m p h t z st nd rd th er
    gmt utc bst cet cest est edt cst cdt mst mdt pst pdt et ct mt pt ist jst aest aedt msk
    eet eest wet
    minute minutes min mins hour hours hr hrs day days week weeks second seconds sec secs
    minuten stunde stunden tag tagen minutos hora horas heure heures il y hui
    """.split()  # noqa: SIM905
)


def is_timestamp_line(line: str) -> bool:
    """A line that holds a date or time and nothing else (see `_DATE_WORDS`), or a counter."""
    if len(line) > 80:
        return False
    if _COUNTER_LINE.match(line):
        return True
    tokens = _LINE_TOKENS.findall(line.casefold())
    if not tokens or any(t not in _DATE_WORDS for t in tokens if not t.isdigit()):
        return False
    return any(t.isdigit() or t in _DATE_ANCHORS for t in tokens) or len(tokens) <= 2


# Shingle hashes are built from per-word hashes (a polynomial over the shingle's words), so each
# distinct word is hashed once; the cache (word -> its hash, 8 bytes `_WORD_HASH`) is bounded and
# rebuilt when full.
_WORD_CACHE: dict[str, bytes] = {}
_WORD_HASH = np.dtype("<u8")
_WORD_CACHE_MAX = 1_000_000
_MIX = np.uint64(0x9E3779B97F4A7C15)
# Odd 64-bit multipliers for the band hashes of the in-memory index, and each band's tag.
_BAND_MULTIPLIERS = np.random.default_rng(20241106).integers(
    1, 2**63, size=NUM_PERM, dtype=np.uint64
) | np.uint64(1)
_BAND_TAGS = np.arange(256, dtype=np.uint64) << np.uint64(56)
# Band keys start with the signature scheme, so an index built by another scheme never matches.
_SCHEME = b"\x02"
_SEPARATORS = {
    code: " "
    for code in range(0x3000)
    if unicodedata.category(chr(code))[0] in "PSZ" or chr(code) in "\t\n\r"
}


def _word_run() -> re.Pattern[str]:
    """A run of characters that are neither `_SEPARATORS` nor white space (`\\s` matches what
    `str.isspace` calls white space, as `str.split` does)."""
    ranges: list[list[int]] = []
    for code in sorted(_SEPARATORS):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    spans = (re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)
    return re.compile(rf"[^\s{''.join(spans)}]+")


_WORD_RUN = _word_run()


@dataclass(frozen=True)
class TextFingerprints:
    exact: str  # SHA-256 (hex) of the normalised text
    signature: np.ndarray  # MinHash signature (uint32, NUM_PERM values)
    # The word 3-shingle hashes in text order (near candidates are verified on them) and what
    # the state keeps of an archived record (`stored_bytes`); empty when not computed.
    shingles: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint32), repr=False)
    stored: bytes = field(default=b"", repr=False)


def normalise_text(text: str) -> str:
    """Unicode NFKC, case-folded, whitespace collapsed, timestamp lines dropped."""
    lines = []
    for line in unicodedata.normalize("NFKC", text).splitlines():
        line = " ".join(line.split())
        if line and not is_timestamp_line(line):
            lines.append(line.casefold())
    return "\n".join(lines)


def exact_fingerprint(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return _sha256(normalise_text(text))


def fingerprints(text: str, num_perm: int = NUM_PERM) -> TextFingerprints:
    """The fingerprints of `text`, normalising it once (an extraction worker computes them, so
    the deduplicator only looks things up)."""
    normalised = normalise_text(text)
    shingles = shingle_hashes(normalised)
    signature = _signature_of(shingles, num_perm)
    return TextFingerprints(
        _sha256(normalised), signature, shingles, stored_bytes(signature, normalised)
    )


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint32 array) of the text's word 3-shingles."""
    return _signature(normalise_text(text), num_perm)


def words(normalised: str) -> list[str]:
    """The words of normalised text: punctuation and symbols (any script) separate words."""
    if normalised.isascii():  # str.translate's fast path: a table cached per ASCII character
        return normalised.translate(_SEPARATORS).split()
    # The same words: runs of what neither separates nor is white space (`str.split`). On
    # other text translate looks every character up in the dict, at four times the cost.
    return _WORD_RUN.findall(normalised)


def shingle_hashes(normalised: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the word `size`-shingles of normalised text (one for a shorter text)."""
    tokens = words(normalised)
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    if len(_WORD_CACHE) > _WORD_CACHE_MAX:
        _WORD_CACHE.clear()
    try:
        packed = _lookup_words(tokens)
    except KeyError:  # hash the new words, then look all up again
        for word in set(tokens).difference(_WORD_CACHE):
            _word_hash(word)
        packed = _lookup_words(tokens)
    hashes = np.frombuffer(packed, _WORD_HASH).astype(np.uint64, copy=False)
    count = max(len(hashes) - size + 1, 1)
    combined = hashes[:count].copy()
    for offset in range(1, min(size, len(hashes))):
        combined *= _MIX
        combined += hashes[offset : offset + count]
    return (combined ^ (combined >> np.uint64(32))).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) of the candidate search. Every candidate is verified on its text, so a
    false candidate costs one comparison and a missed one a copy in the archive; and copies
    with a paragraph added or cut sit well below any Jaccard threshold. So candidates are
    gathered around Jaccard 0.5 whatever `threshold`: 32 bands of 4 rows find 87% of pairs at
    0.5, 99% at 0.6 and all from 0.7 (17 bands of 7 rows, the 0.8 optimum, found 77% at 0.7),
    while pairs at 0.2 are candidates 5% of the time."""
    if threshold <= 0.5:  # datasketch's optimum, weighted against missed pairs
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=(0.02, 0.98))
        return lsh.b, lsh.r
    return 32, 4


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[bytes]:
    """One 12-byte key per band: the scheme, the band's index and a hash of its rows."""
    data = signature.astype("<u4").tobytes()
    width = rows * 4
    return [
        _SCHEME
        + band.to_bytes(1, "big")
        + hashlib.blake2b(data[band * width : (band + 1) * width], digest_size=10).digest()
        for band in range(bands)
    ]


def band_ints(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """64-bit band keys for the in-memory index, one row per signature (a 1-D signature gives
    one row): the band's index in the top byte, a multilinear hash of its rows below. Computed
    in numpy for one signature or a whole stored index at once."""
    width = bands * rows
    if signatures.ndim == 1:  # one signature: the same sums, without the 3-D reshapes
        products = signatures[:width].astype(np.uint64) * _BAND_MULTIPLIERS[:width]
        mixed = products.reshape(1, bands, rows).sum(axis=2, dtype=np.uint64)
    else:
        matrix = signatures[:, :width].astype(np.uint64).reshape(len(signatures), bands, rows)
        mixed = (matrix * _BAND_MULTIPLIERS[:width].reshape(bands, rows)).sum(
            axis=2, dtype=np.uint64
        )
    mixed ^= mixed >> np.uint64(33)
    mixed *= _MIX
    mixed ^= mixed >> np.uint64(29)
    return (mixed >> np.uint64(8)) | _BAND_TAGS[:bands]


def signature_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    """The signature of a stored blob (`stored_bytes`) or of a bare signature."""
    return np.frombuffer(data[: NUM_PERM * 4], dtype="<u4").astype(np.uint32)


def stored_bytes(signature: np.ndarray, normalised: str) -> bytes:
    """The state's blob of an archived record: the signature, then the normalised text
    compressed (a bare signature, as stored before, has no text to verify on)."""
    # A zlib stream, by ISA-L: three times as fast as zlib's level 1, and 4% smaller.
    return signature_bytes(signature) + isal_zlib.compress(normalised.encode("utf-8"), 1)


def stored_text(data: bytes) -> str | None:
    """The normalised text of a stored blob; None for a bare signature."""
    if len(data) <= NUM_PERM * 4:
        return None
    try:
        return isal_zlib.decompress(data[NUM_PERM * 4 :]).decode("utf-8")
    except (isal_zlib.error, zlib.error, UnicodeDecodeError):
        return None


def _signature(normalised: str, num_perm: int) -> np.ndarray:
    """datasketch's "affine32" MinHash of the shingle hashes, computed in one numpy expression
    (equal to `MinHash(scheme="affine32", hashfunc=int).update_batch(hashes)`, without the
    per-value Python call)."""
    return _signature_of(shingle_hashes(normalised), num_perm)


def _signature_of(hashes: np.ndarray, num_perm: int) -> np.ndarray:
    a, b = _permutations(num_perm)
    if not len(hashes):
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    products = np.multiply.outer(_fmix32(hashes), a)  # one column per permutation
    products += b
    return products.min(axis=0)


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    a, b = MinHash(num_perm=num_perm, scheme="affine32").permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """The MurmurHash3 finalizer (a bijection on 32-bit values), as datasketch pre-mixes."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


def _lookup_words(tokens: list[str]) -> bytes:
    """The cached hashes of the words, packed, in one call (KeyError for a word not cached):
    joining bytes costs a third of converting as many Python ints to an array."""
    if len(tokens) == 1:
        return _WORD_CACHE[tokens[0]]
    return b"".join(operator.itemgetter(*tokens)(_WORD_CACHE))


def _word_hash(word: str) -> bytes:
    # 63 bits (the top one cleared): every stored signature was built from these values.
    digest = bytearray(hashlib.blake2b(word.encode(), digest_size=8).digest())
    digest[7] &= 0x7F
    value = _WORD_CACHE[word] = bytes(digest)
    return value


def _sha256(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
