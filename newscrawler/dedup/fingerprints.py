"""Text fingerprints: an exact one over normalised text, and MinHash signatures with LSH bands
for near duplicates (datasketch)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+")
# Lines that change without the article changing: timestamps, "updated" notes, view counters.
_TRIVIAL_LINE = re.compile(
    r"^\W*(updated|last updated|last modified|published|posted|aktualisiert|mis à jour|"
    r"actualizado)\b.{0,60}$|^\W*\d{1,2}[:.]\d{2}\s*(am|pm|gmt|utc|cet|est|et)?\W*$|"
    r"^\W*[\d,.]+\s+(views|reads|aufrufe|vues)\W*$",
    re.IGNORECASE,
)


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
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(normalise_text(text))
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def minhash_signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """The MinHash signature (uint64 array) of the text's word 5-shingles."""
    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def lsh_params(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) that minimise false positives and negatives around `threshold`."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def band_keys(signature: np.ndarray, bands: int, rows: int) -> list[bytes]:
    """One 12-byte key per band: the band's index and a hash of its rows."""
    keys = []
    for band in range(bands):
        chunk = signature[band * rows : (band + 1) * rows].tobytes()
        keys.append(band.to_bytes(2, "big") + hashlib.blake2b(chunk, digest_size=10).digest())
    return keys


def signature_bytes(signature: np.ndarray) -> bytes:
    return signature.astype("<u8").tobytes()


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u8").astype(np.uint64)
