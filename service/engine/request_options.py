"""What one request (a project) adds to the engine's configuration; a module of its own so
that code handling options (the hook's settings, a project's scope) does not import the
engine, spaCy and Presidio before a file needs them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping

from service.config import EngineConfig, EntityPolicy

if TYPE_CHECKING:
    from presidio_analyzer import EntityRecognizer

    from recognizers.project_dictionary_recognizer import ProjectDictionary


@dataclass(frozen=True)
class RequestOptions:
    """What one request (a project) adds to the engine's configuration."""

    recognizers: tuple[EntityRecognizer, ...] = ()  # ad hoc recognizers
    # The project's dictionary: the engine builds its recognizer with the configuration's options.
    dictionary: ProjectDictionary | None = None
    allow: frozenset[str] = frozenset()  # surfaces never flagged (compared normalized)
    entities: Mapping[str, EntityPolicy] = field(default_factory=dict)  # operator/template per type

    def policy(self, config: EngineConfig, entity_type: str) -> EntityPolicy:
        return self.entities.get(entity_type) or config.policy(entity_type)


NO_OPTIONS = RequestOptions()
