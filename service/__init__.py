"""Transcript anonymizer: finds names in interview transcripts and replaces them with
consistent, readable pseudonyms."""

__version__ = "0.1.0"
