"""Report.return_code: the one place the exit code is decided."""
from pathlib import Path

import pytest

from service.check.findings import BASELINE, PRAGMA, NameFinding
from service.check.results import CHECK, FIX, UPDATE_BASELINE as BASELINE_MODE, FileResult, Report

FOUND = NameFinding(0, 5, 1, 1, "PERSON", "speaker_name.v1", "Priya")
ACCEPTED = NameFinding(0, 5, 1, 1, "PERSON", "speaker_name.v1", "Priya", BASELINE)
PRAGMAD = NameFinding(0, 5, 1, 1, "PERSON", "speaker_name.v1", "Priya", PRAGMA)
CLEAN = FileResult(Path("clean.txt"))
NAMES = FileResult(Path("raw.txt"), (FOUND, FOUND, ACCEPTED))
SUPPRESSED = FileResult(Path("ok.txt"), (ACCEPTED, PRAGMAD))
BROKEN = FileResult(Path("bad.vtt"), error="bad.vtt:3: cannot read vtt file")
SKIPPED = FileResult(Path("fixtures/x.txt"), skipped=True)
CHANGED = FileResult(Path("raw.txt"), replaced=3, changed=True)


@pytest.mark.parametrize(
    "mode, results, code",
    [
        (CHECK, [], 0),
        (CHECK, [CLEAN, SUPPRESSED, SKIPPED], 0),
        (CHECK, [CLEAN, NAMES], 1),
        (CHECK, [CLEAN, BROKEN], 2),
        (CHECK, [NAMES, BROKEN], 2),  # an unreadable file wins: it may hold anything
        (FIX, [CLEAN, SUPPRESSED], 0),
        (FIX, [CHANGED, CLEAN], 1),
        (FIX, [CHANGED, BROKEN], 2),
        (BASELINE_MODE, [NAMES], 0),  # the baseline was written: success
        (BASELINE_MODE, [NAMES, BROKEN], 2),
    ],
)
def test_return_code(mode, results, code):
    report = Report(mode)
    for result in results:
        report.add(result)
    assert report.return_code == code


def test_summary_counts_files_findings_and_what_was_accepted():
    report = Report(CHECK)
    for result in (CLEAN, NAMES, SUPPRESSED, SKIPPED, BROKEN):
        report.add(result)
    assert report.check_summary() == (
        "1 file with names, 2 findings (3 files checked); accepted: 2 by the baseline, 1 by 'tanon: allow'; "
        "1 skipped; 1 file could not be read"
    )
    assert report.errors == ["bad.vtt:3: cannot read vtt file"]


def test_finding_repr_never_shows_the_name():
    assert "Priya" not in repr(FOUND) and "Priya" not in repr(NAMES)
