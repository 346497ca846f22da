"""Job uploads: zip checks before extraction, names kept out of the messages."""
from __future__ import annotations

import io
import stat
import zipfile

import pytest

from service.batch.uploads import UploadError, collect_uploads, extract_zip
from service.formats import FormatError, read

LIMIT = 100_000


def zip_with(entries: list[zipfile.ZipInfo | tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in entries:
            if isinstance(entry, tuple):
                archive.writestr(zipfile.ZipInfo(entry[0]), entry[1], compress_type=zipfile.ZIP_DEFLATED)
            else:
                archive.writestr(entry, b"/etc/passwd")
    return buffer.getvalue()


def symlink(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def test_zip_members_keep_their_folders_and_junk_is_left_out():
    data = zip_with([("study/a.txt", b"A"), ("./study/sub/b.VTT", b"B"), ("study/", b""), ("__MACOSX/._a.txt", b"x"),
                     (".DS_Store", b"x"), ("study/readme.md", b"x")])
    # a file that is not a transcript is kept, empty and never inflated, for the report to list
    assert extract_zip(data, max_file_bytes=LIMIT) == [("study/a.txt", b"A"), ("study/sub/b.VTT", b"B"),
                                                       ("study/readme.md", b"")]


@pytest.mark.parametrize(
    "entry, reason",
    [
        (("../a.txt", b"x"), "'..' in its path"),
        (("study/../../a.txt", b"x"), "'..' in its path"),
        (("/abs/a.txt", b"x"), "absolute path"),
        (("C:/a.txt", b"x"), "absolute path"),
        (("study\\a.txt", b"x"), "backslash"),
        (symlink("study/link.txt"), "symbolic link"),
    ],
)
def test_unsafe_zip_members_refuse_the_whole_upload(entry, reason):
    with pytest.raises(UploadError, match=reason) as caught:
        extract_zip(zip_with([("ok.txt", b"fine"), entry]), max_file_bytes=LIMIT)
    assert "zip member 2" in str(caught.value) and "a.txt" not in str(caught.value)


def test_a_zip_bomb_is_refused_before_inflating():
    with pytest.raises(UploadError, match="zip bomb"):
        extract_zip(zip_with([("bomb.txt", b"\0" * 5_000_000)]), max_file_bytes=10_000_000)


def test_plain_files_use_their_base_name_and_duplicates_are_refused():
    assert collect_uploads([("../../x/a.txt", b"A"), ("b.srt", b"B")], max_file_bytes=LIMIT) == [("a.txt", b"A"), ("b.srt", b"B")]
    with pytest.raises(UploadError, match="same path"):
        collect_uploads([("a.txt", b"A"), ("dir/a.txt", b"B")], max_file_bytes=LIMIT)
    with pytest.raises(UploadError, match="clash with the job's report"):
        collect_uploads([("report.json", b"{}")], max_file_bytes=LIMIT)
    with pytest.raises(UploadError, match="the limit is"):
        collect_uploads([("a.txt", b"x" * (LIMIT + 1))], max_file_bytes=LIMIT)


def test_a_docx_upload_is_a_transcript_not_an_archive():
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert collect_uploads([("interview.docx", buffer.getvalue())], max_file_bytes=1_000_000)[0][0] == "interview.docx"


def test_archives_inside_an_upload_are_never_expanded_by_it():
    inner_bomb = zip_with([("bomb.txt", b"\0" * 5_000_000)])
    docx_bomb = zip_with([("[Content_Types].xml", b"<x/>"), ("word/document.xml", b" " * 5_000_000)])
    data = zip_with([("study/a.txt", b"A"), ("study/nested.zip", inner_bomb), ("study/b.docx", docx_bomb)])
    files = dict(extract_zip(data, max_file_bytes=LIMIT))
    assert files == {"study/a.txt": b"A", "study/nested.zip": b"", "study/b.docx": docx_bomb}  # listed, not inflated
    with pytest.raises(FormatError, match="possible zip bomb"):  # the Word file meets its own checks when read
        read(files["study/b.docx"], filename="b.docx")


def test_zip_refusals_name_the_upload_and_member():
    too_big = zip_with([("a.txt", b"fine"), ("b.txt", b"x" * (LIMIT + 1))])
    with pytest.raises(UploadError) as caught:
        collect_uploads([("a.txt", b"A"), ("study.zip", too_big)], max_file_bytes=LIMIT)
    assert str(caught.value) == f"upload 2, zip member 2 is {LIMIT + 1} bytes; the limit is {LIMIT} bytes"
    with pytest.raises(UploadError) as caught:
        extract_zip(b"PK\x03\x04 truncated", max_file_bytes=LIMIT)
    assert str(caught.value) == "upload 1 is not a readable zip archive (damaged or truncated)"
