"""Errors a recognizer raises while it is configured or built (never while it analyzes)."""
from __future__ import annotations


class RecognizerConfigError(ValueError):
    """A recognizer named in the configuration, or its options, cannot be used."""


class RecognizerSetupError(ValueError):
    """A recognizer's data cannot be used (a list entry that contradicts another, a line
    that does not parse); the message names the file and the entry."""
