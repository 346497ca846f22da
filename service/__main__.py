"""``python -m service ...`` runs the ``tanon`` command (e.g. from a pre-commit hook entry)."""
from service.cli import entry_point

entry_point()
