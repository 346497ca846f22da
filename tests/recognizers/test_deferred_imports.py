"""The engine imports Presidio and spaCy without the parts it never uses, and those still work."""
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


def test_spacy_loads_a_model_without_importing_its_command_line():
    out = _run(
        "import sys\n"
        "import service.engine.engine\n"
        "import spacy\n"
        "nlp = spacy.blank('en')\n"
        "print(len(nlp('a b c')), 'spacy.cli.init_config' in sys.modules, callable(spacy.cli.download))\n"
    )
    assert out == "3 False True"
