"""Text fingerprints: an exact one over normalised text, and MinHash signatures with LSH bands
for near duplicates (datasketch's "affine32" MinHash over hashed word 3-shingles)."""

from __future__ import annotations

import hashlib
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
# Word 3-shingles: a changed word breaks 3 shingles, not 5, so an edited sentence or a new
# headline costs a syndicated copy less similarity while unrelated stories stay far apart.
SHINGLE = 3
# Lines that change without the article changing: timestamps, "updated" notes, view counters.
_TRIVIAL_LINE = re.compile(
    r"^\W*(updated|last updated|last modified|published|posted|aktualisiert|mis à jour|"
    r"actualizado)\b.{0,60}$|^\W*\d{1,2}[:.]\d{2}\s*(am|pm|gmt|utc|cet|est|et)?\W*$|"
    r"^\W*[\d,.]+\s+(views|reads|aufrufe|vues)\W*$",
    re.IGNORECASE,
)
# Shingle hashes are built from per-word hashes (a polynomial over the shingle's words), so each
# distinct word is hashed once; the cache is bounded and rebuilt when full.
_WORD_CACHE: dict[str, int] = {}
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


@dataclass(frozen=True)
class TextFingerprints:
    exact: str  # SHA-256 (hex) of the normalised text
    signature: np.ndarray  # MinHash signature (uint32, NUM_PERM values)


def normalise_text(text: str) -> str:
    """Unicode NFKC, case-folded, whitespace collapsed, trivial timestamp lines dropped."""
    lines = []
    for line in unicodedata.normalize("NFKC", text).splitlines():
        line = " ".join(line.split())
        if line and not _TRIVIAL_LINE.match(line):
            lines.append(line.casefold())
    return "\n".join(lines)


def exact_fingerprint(text: str) -> str:
    """SHA-256 (hex) of the normalised text."""
    return _sha256(normalise_text(text))


def fingerprints(text: str, num_perm: int = NUM_PERM) -> TextFingerprints:
    """Both fingerprints of `text`, normalising it once."""
    normalised = normalise_text(text)
    return TextFingerprints(_sha256(normalised), _signature(normalised, num_perm))


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint32 array) of the text's word 3-shingles."""
    return _signature(normalise_text(text), num_perm)


def words(normalised: str) -> list[str]:
    """The words of normalised text: punctuation and symbols (any script) separate words."""
    return normalised.translate(_SEPARATORS).split()


def shingle_hashes(normalised: str, size: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the word `size`-shingles of normalised text (one for a shorter text)."""
    tokens = words(normalised)
    if not tokens:
        return np.empty(0, dtype=np.uint32)
    if len(_WORD_CACHE) > _WORD_CACHE_MAX:
        _WORD_CACHE.clear()
    try:
        hashes = np.array(_lookup_words(tokens), np.uint64)
    except KeyError:  # hash the new words, then look all up again
        for word in set(tokens).difference(_WORD_CACHE):
            _word_hash(word)
        hashes = np.array(_lookup_words(tokens), np.uint64)
    count = max(len(hashes) - size + 1, 1)
    combined = hashes[:count].copy()
    for offset in range(1, min(size, len(hashes))):
        combined = combined * _MIX + hashes[offset : offset + count]
    return (combined ^ (combined >> np.uint64(32))).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) for `threshold`, weighted towards recall: every candidate is verified
    against its stored signature, so a false candidate costs one comparison, a missed one a
    duplicate in the archive (at 0.8: 17 bands of 7 rows find 98% of pairs at similarity 0.8,
    where equal weights, 9 bands of 13 rows, find 40%)."""
    return _optimal_param(threshold, num_perm, 0.02, 0.98)


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
    matrix = np.atleast_2d(signatures)[:, : bands * rows].astype(np.uint64)
    matrix = matrix.reshape(len(matrix), bands, rows)
    mixed = (matrix * _BAND_MULTIPLIERS[: bands * rows].reshape(bands, rows)).sum(
        axis=2, dtype=np.uint64
    )
    mixed ^= mixed >> np.uint64(33)
    mixed *= _MIX
    mixed ^= mixed >> np.uint64(29)
    return (mixed >> np.uint64(8)) | _BAND_TAGS[:bands]


def signature_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def _signature(normalised: str, num_perm: int) -> np.ndarray:
    """datasketch's "affine32" MinHash of the shingle hashes, computed in one numpy expression
    (equal to `MinHash(scheme="affine32", hashfunc=int).update_batch(hashes)`, without the
    per-value Python call)."""
    a, b = _permutations(num_perm)
    hashes = shingle_hashes(normalised)
    if not len(hashes):
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    products = np.multiply.outer(a, _fmix32(hashes))  # one row per permutation
    products += b[:, None]
    return products.min(axis=1)


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


def _lookup_words(tokens: list[str]) -> tuple[int, ...]:
    """The cached hashes of the words, in one call (raises KeyError for a word not cached)."""
    if len(tokens) == 1:
        return (_WORD_CACHE[tokens[0]],)
    return operator.itemgetter(*tokens)(_WORD_CACHE)


def _word_hash(word: str) -> int:
    # 63 bits: numpy converts a Python int below 2**63 to uint64 directly, larger ones slowly.
    digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "little") & 0x7FFF_FFFF_FFFF_FFFF
    _WORD_CACHE[word] = value
    return value


def _sha256(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()
