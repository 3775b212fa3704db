"""Check an uploaded file's bytes before it is stored in the knowledge folder.

The name comes from the sender and proves nothing: a PDF must start like a PDF, a DOCX must be
a Word package and a text format must hold text, so that an executable renamed ".pdf" or a
Word 97 ".doc" renamed ".docx" is refused with a reason the admin can act on.
"""

from __future__ import annotations

import codecs
import io
import math
import zipfile
from pathlib import PurePath

from bot.knowledge.loaders import SUPPORTED_SUFFIXES

# User-facing reasons, in Vietnamese, kept together so they can be proofread in one place.
# Each is a clause (what is wrong; what to do) that callers frame with the file's name.
_MSG_EMPTY = "tệp rỗng; hãy kiểm tra lại và gửi tệp có nội dung"
_MSG_TOO_BIG = (
    "tệp nặng {size} MB, vượt giới hạn {limit} MB; hãy giảm dung lượng "
    "(ví dụ nén ảnh trong tệp hoặc tách thành nhiều tệp) rồi gửi lại"
)
_SUPPORTED_LIST = "chỉ nhận tệp PDF, DOCX, HTML, TXT hoặc MD"
_MSG_UNSUPPORTED = "chưa hỗ trợ định dạng {suffix}; " + _SUPPORTED_LIST
_MSG_NO_SUFFIX = "tệp không có đuôi nên không rõ định dạng; " + _SUPPORTED_LIST
_SAVE_AS_DOCX = (
    "hãy mở tệp bằng Word, chọn File > Save As (Lưu thành) kiểu “Word Document (*.docx)” "
    "rồi gửi tệp .docx"
)
_MSG_LEGACY_DOC = "tệp Word đời cũ (.doc) chưa được hỗ trợ; " + _SAVE_AS_DOCX
_MSG_DOC_AS_DOCX = (
    "tệp thực ra là tệp Word đời cũ (.doc) bị đổi đuôi thành .docx; " + _SAVE_AS_DOCX
)
_MSG_NOT_PDF = "tệp không thực sự là PDF {actual}; hãy gửi đúng tệp PDF của văn bản"
_MSG_NOT_DOCX = (
    "tệp không phải tệp Word .docx hợp lệ {actual}; "
    "hãy mở bằng Word, lưu lại dưới dạng .docx rồi gửi lại"
)
_MSG_NOT_TEXT = "tệp không phải {label} dạng chữ {actual}; hãy gửi đúng tệp văn bản"
_ACTUAL_KIND = "mà là {kind}"
_ACTUAL_UNKNOWN = "(nội dung bị hỏng hoặc tệp đã bị đổi đuôi)"
_KIND_NAMES = {
    "pdf": "một tệp PDF",
    "docx": "một tệp Word (.docx)",
    "zip": "một tệp nén ZIP (hoặc tệp Excel, PowerPoint)",
    "ole2": "một tệp Office đời cũ (Word .doc, Excel .xls hoặc PowerPoint .ppt)",
    "exe": "một tệp chương trình Windows (.exe)",
    "elf": "một tệp chương trình Linux",
    "png": "một ảnh PNG",
    "jpeg": "một ảnh JPEG",
    "gif": "một ảnh GIF",
}
_TEXT_LABELS = {
    ".txt": "văn bản TXT",
    ".md": "văn bản Markdown",
    ".markdown": "văn bản Markdown",
    ".html": "trang HTML",
    ".htm": "trang HTML",
}

_MEGABYTE = 1024 * 1024
# Readers accept a PDF header anywhere in the first 1024 bytes; real files sometimes start
# with a BOM or blank lines. PDF whitespace includes NUL.
_PDF_HEADER = b"%PDF-"
_PDF_HEADER_WINDOW = 1024
_PDF_WHITESPACE = b"\x00\t\n\f\r "
_ZIP_SIGNATURE = b"PK\x03\x04"
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"\x7fELF", "elf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)
# An executable's DOS header holds NUL bytes right after "MZ"; a text starting with the
# letters "MZ" does not.
_EXE_SIGNATURE = b"MZ"
_EXE_HEADER = 64


class UploadRejected(Exception):
    """An uploaded file that cannot be added; str(exc) is the Vietnamese reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_upload(filename: str, data: bytes, max_bytes: int) -> str:
    """The file's lower-case suffix, one of `SUPPORTED_SUFFIXES`, once its bytes match it.

    Raises UploadRejected for an unsupported suffix, an empty file, a file over max_bytes,
    or content of another kind than its name says.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".doc":
        raise UploadRejected(_MSG_LEGACY_DOC)
    if not suffix:
        raise UploadRejected(_MSG_NO_SUFFIX)
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(_MSG_UNSUPPORTED.format(suffix=suffix))
    if not data or data.isspace():
        raise UploadRejected(_MSG_EMPTY)
    if len(data) > max_bytes:
        raise UploadRejected(
            _MSG_TOO_BIG.format(size=_megabytes(len(data), up=True), limit=_megabytes(max_bytes))
        )

    kind = detect_kind(data)
    if suffix == ".pdf":
        if kind != "pdf":
            raise UploadRejected(_MSG_NOT_PDF.format(actual=_actual(kind)))
    elif suffix == ".docx":
        if kind == "ole2":
            raise UploadRejected(_MSG_DOC_AS_DOCX)
        if kind != "docx":
            raise UploadRejected(_MSG_NOT_DOCX.format(actual=_actual(kind)))
    elif kind is not None or not _is_text(data):
        raise UploadRejected(
            _MSG_NOT_TEXT.format(label=_TEXT_LABELS[suffix], actual=_actual(kind))
        )
    return suffix


def detect_kind(data: bytes) -> str | None:
    """The binary format data holds, by content: "pdf", "docx", "zip" (any other readable
    archive), "ole2" (Office 97-2003), "exe", "elf", "png", "jpeg" or "gif"; None otherwise."""
    head = data[:_PDF_HEADER_WINDOW].removeprefix(codecs.BOM_UTF8).lstrip(_PDF_WHITESPACE)
    if head.startswith(_PDF_HEADER):
        return "pdf"
    if data.startswith(_ZIP_SIGNATURE):
        return _zip_kind(data)
    if data.startswith(_EXE_SIGNATURE) and b"\x00" in data[:_EXE_HEADER]:
        return "exe"
    return next((kind for signature, kind in _SIGNATURES if data.startswith(signature)), None)


def _zip_kind(data: bytes) -> str | None:
    """ "docx" for a Word package, "zip" for another archive, None for a damaged one."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    # zipfile reports damage through many types (BadZipFile, EOFError, NotImplementedError for
    # a garbled version field, UnicodeDecodeError for a garbled name...): all mean damaged.
    except Exception:
        return None
    return "docx" if "word/document.xml" in names else "zip"


def _is_text(data: bytes) -> bool:
    """Whether data is text: no NUL byte, or UTF-16 with a BOM (as the loader reads it)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return "\x00" not in data.decode("utf-16")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in data


def _actual(kind: str | None) -> str:
    """What the content really is, for a reason: its kind when known."""
    return _ACTUAL_UNKNOWN if kind is None else _ACTUAL_KIND.format(kind=_KIND_NAMES[kind])


def _megabytes(size: int, *, up: bool = False) -> str:
    """size in MB with at most one decimal, written with a decimal comma ("2,5").

    A file's size is rounded up, so that it never reads as equal to the limit it exceeds.
    """
    tenths = size * 10 / _MEGABYTE
    value = (math.ceil(tenths) if up else math.floor(tenths)) / 10
    return f"{value:g}".replace(".", ",")
