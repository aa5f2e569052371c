"""Extraction: one reader per document genre, sharing normalisation and the SKOS lexicon."""
