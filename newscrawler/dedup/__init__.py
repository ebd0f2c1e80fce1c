"""Deduplication: URL identity, exact text fingerprints, MinHash near duplicates, versions."""
