"""The engine. Presidio is imported without the parts it never uses (``recognizers.deferred_imports``)."""
from recognizers.deferred_imports import defer_unused_imports

defer_unused_imports()
