"""Uploads are checked by content: the right bytes pass, a renamed or broken file is refused."""

from __future__ import annotations

import codecs
import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from bot.knowledge.filetypes import UploadRejected, check_upload, detect_kind

LIMIT = 1024 * 1024
TEXT = "Khối thi đua số 6 tổng kết năm 2023; Cục Thống kê nhận Cờ thi đua."

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 48 + b"This program"
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 57
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
GIF = b"GIF89a\x01\x00\x01\x00"


def pdf() -> bytes:
    """A real one-page PDF."""
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def word() -> bytes:
    """A real DOCX."""
    document = docx.Document()
    document.add_paragraph(TEXT)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def archive(name: str) -> bytes:
    """A ZIP holding one file called name (an XLSX looks like this, with xl/workbook.xml)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr(name, "<x/>")
    return buffer.getvalue()


def rejection(filename: str, data: bytes, max_bytes: int = LIMIT) -> str:
    """The reason check_upload gives for refusing the file."""
    with pytest.raises(UploadRejected) as caught:
        check_upload(filename, data, max_bytes)
    assert caught.value.reason == str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize(
    ("filename", "data", "suffix"),
    [
        ("quyet-dinh.pdf", pdf(), ".pdf"),
        ("QUYET-DINH.PDF", pdf(), ".pdf"),
        ("bom.pdf", codecs.BOM_UTF8 + b"\r\n  " + pdf(), ".pdf"),
        ("ke-hoach.docx", word(), ".docx"),
        ("tin.html", f"<html><body><p>{TEXT}</p></body></html>".encode(), ".html"),
        ("tin.HTM", f"<p>{TEXT}</p>".encode("utf-16"), ".htm"),
        ("ghi-chu.txt", TEXT.encode(), ".txt"),
        ("ghi-chu.txt", TEXT.encode("utf-16"), ".txt"),
        ("bao-cao.md", f"# Báo cáo\n\n{TEXT}".encode(), ".md"),
        ("bao-cao.markdown", f"# Báo cáo\n\n{TEXT}".encode("utf-8-sig"), ".markdown"),
        ("mz.txt", b"MZ-1 la ma so cua mau bao cao", ".txt"),
    ],
)
def test_a_file_whose_content_matches_its_name_is_accepted(
    filename: str, data: bytes, suffix: str
) -> None:
    assert check_upload(filename, data, LIMIT) == suffix


@pytest.mark.parametrize("data", [b"", b" \r\n\t "])
def test_an_empty_file_is_refused(data: bytes) -> None:
    assert "tệp rỗng" in rejection("trong.txt", data)


def test_a_file_over_the_limit_is_refused_with_the_limit_in_mb() -> None:
    reason = rejection("lon.txt", b"a" * (LIMIT * 5 // 2), max_bytes=LIMIT)

    assert "nặng 2,5 MB" in reason
    assert "giới hạn 1 MB" in reason


def test_a_file_at_the_limit_is_accepted() -> None:
    assert check_upload("vua.txt", b"a" * LIMIT, LIMIT) == ".txt"


@pytest.mark.parametrize("filename", ["bang-diem.xlsx", "anh.jpg", "nen.rar", "khong-duoi"])
def test_an_unsupported_format_is_refused_with_the_supported_ones(filename: str) -> None:
    reason = rejection(filename, TEXT.encode())

    assert "PDF, DOCX, HTML, TXT hoặc MD" in reason


def test_the_unsupported_suffix_is_named() -> None:
    assert ".xlsx" in rejection("bang-diem.XLSX", archive("xl/workbook.xml"))


@pytest.mark.parametrize("filename", ["cong-van.doc", "CONG-VAN.DOC"])
def test_a_legacy_word_file_is_told_to_be_saved_as_docx(filename: str) -> None:
    reason = rejection(filename, OLE2)

    assert "Word đời cũ (.doc)" in reason
    assert "Save As" in reason
    assert "rồi gửi tệp .docx" in reason


def test_a_legacy_word_file_renamed_docx_is_told_to_be_saved_as_docx() -> None:
    reason = rejection("cong-van.docx", OLE2)

    assert "Word đời cũ (.doc) bị đổi đuôi thành .docx" in reason
    assert "Save As" in reason


@pytest.mark.parametrize(
    ("data", "actual"),
    [
        (EXE, "tệp chương trình Windows (.exe)"),
        (ELF, "tệp chương trình Linux"),
        (word(), "tệp Word (.docx)"),
        (PNG, "ảnh PNG"),
        (TEXT.encode(), "nội dung bị hỏng"),
    ],
)
def test_a_file_renamed_pdf_is_not_really_a_pdf(data: bytes, actual: str) -> None:
    reason = rejection("quyet-dinh.pdf", data)

    assert "không thực sự là PDF" in reason
    assert actual in reason


def test_a_pdf_header_beyond_the_first_kilobyte_does_not_count() -> None:
    assert "không thực sự là PDF" in rejection("xa.pdf", b" " * 1024 + pdf())


@pytest.mark.parametrize(
    ("data", "actual"),
    [
        (archive("xl/workbook.xml"), "tệp nén ZIP"),
        (pdf(), "tệp PDF"),
        (word()[:2000], "nội dung bị hỏng"),
        ("PK\x03\x04 hỏng".encode(), "nội dung bị hỏng"),
        (TEXT.encode(), "nội dung bị hỏng"),
    ],
)
def test_a_file_renamed_docx_is_not_a_word_document(data: bytes, actual: str) -> None:
    reason = rejection("ke-hoach.docx", data)

    assert "không phải tệp Word .docx hợp lệ" in reason
    assert actual in reason


@pytest.mark.parametrize(
    ("filename", "data", "label", "actual"),
    [
        ("ghi-chu.txt", EXE, "văn bản TXT", "tệp chương trình Windows (.exe)"),
        ("ghi-chu.txt", ELF, "văn bản TXT", "tệp chương trình Linux"),
        ("tin.html", pdf(), "trang HTML", "tệp PDF"),
        ("tin.htm", word(), "trang HTML", "tệp Word (.docx)"),
        ("bao-cao.md", archive("a.txt"), "văn bản Markdown", "tệp nén ZIP"),
        ("bao-cao.md", OLE2, "văn bản Markdown", "tệp Office đời cũ"),
        ("anh.txt", PNG, "văn bản TXT", "ảnh PNG"),
        ("anh.txt", JPEG, "văn bản TXT", "ảnh JPEG"),
        ("anh.txt", GIF, "văn bản TXT", "ảnh GIF"),
        ("nhi-phan.txt", b"Kh\x00i thi \x00ua", "văn bản TXT", "nội dung bị hỏng"),
        (
            "utf16.txt",
            codecs.BOM_UTF16_LE + "Khối".encode("utf-16-le") + b"\x00\xd8",
            "văn bản TXT",
            "nội dung bị hỏng",
        ),
    ],
)
def test_a_text_format_must_hold_text(filename: str, data: bytes, label: str, actual: str) -> None:
    reason = rejection(filename, data)

    assert f"không phải {label} dạng chữ" in reason
    assert actual in reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf(), "pdf"),
        (b"\n\n%PDF-1.4\n", "pdf"),
        (word(), "docx"),
        (archive("xl/workbook.xml"), "zip"),
        (word()[:2000], None),
        (OLE2, "ole2"),
        (EXE, "exe"),
        (b"MZ la ma so", None),
        (ELF, "elf"),
        (PNG, "png"),
        (JPEG, "jpeg"),
        (GIF, "gif"),
        (TEXT.encode(), None),
        (b"", None),
    ],
)
def test_detect_kind_reads_the_content(data: bytes, kind: str | None) -> None:
    assert detect_kind(data) == kind
