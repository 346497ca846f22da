"""Phone numbers, by Presidio's phonenumbers-based recognizer."""
from __future__ import annotations

from presidio_analyzer.predefined_recognizers import PhoneRecognizer as PresidioPhoneRecognizer


class PhoneRecognizer(PresidioPhoneRecognizer):
    NAME = "phone.v1"

    def __init__(self, *, regions: tuple[str, ...] = ("US", "UK", "DE", "FR", "IL", "IN", "CA", "BR", "AU", "NZ", "IE")) -> None:
        super().__init__(supported_regions=regions)
        self.name = self.NAME
