"""Extraction: trafilatura plus metadata, boilerplate cleaning and the quality gate."""
