"""The engine imports Presidio without its whole predefined set, and that set still works."""
import subprocess
import sys


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_building_the_recognizers_skips_other_countries_recognizers():
    out = _run(
        "import sys\n"
        "import service.engine.engine\n"
        "from recognizers.email_recognizer import TranscriptEmailRecognizer\n"
        "from recognizers.phone_recognizer import TranscriptPhoneRecognizer\n"
        "from recognizers.url_recognizer import TranscriptUrlRecognizer\n"
        "found = TranscriptEmailRecognizer().analyze('write to jane.doe@example.org', ['EMAIL_ADDRESS'])\n"
        "print(len(found), any('country_specific' in m or m.endswith('url_recognizer') and 'predefined' in m"
        " for m in sys.modules))\n"
    )
    assert out == "1 False"


def test_every_predefined_recognizer_can_still_be_imported():
    out = _run(
        "import recognizers\n"
        "from presidio_analyzer.predefined_recognizers import UsSsnRecognizer, UrlRecognizer\n"
        "import presidio_analyzer.predefined_recognizers as p\n"
        "print(UsSsnRecognizer.__name__, UrlRecognizer.__name__, 'AuAbnRecognizer' in dir(p))\n"
    )
    assert out == "UsSsnRecognizer UrlRecognizer True"
