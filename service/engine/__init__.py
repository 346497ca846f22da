"""The engine. Presidio is imported without its whole predefined set (``recognizers.presidio_imports``)."""
from recognizers.presidio_imports import defer_predefined_recognizers

defer_predefined_recognizers()
