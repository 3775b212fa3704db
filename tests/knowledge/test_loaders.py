"""Tests for the loaders: every format, the title rules and every way a file can be bad."""

from __future__ import annotations

import datetime
import hashlib
import io
import pickle
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from fpdf import FPDF
from pypdf import PageObject, PdfReader, PdfWriter

from bot.knowledge.loaders import (
    DocumentLoadError,
    knowledge_files,
    load_file,
)

VIETNAMESE = "Khối thi đua số 6 bàn giao Khối trưởng cho Cục Thống kê; đồng chí Phạm Văn Hân ưu tú"

FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")


def write(root: Path, name: str, content: str | bytes) -> Path:
    """Create root/name (and its folders) with the given text (UTF-8) or bytes."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    return path


def windows_1258(text: str) -> bytes:
    """Encode as Windows-1258, which has â ă ê ô ơ ư đ but writes tone marks as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    letters = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        letters.append(base + "".join(c for c in parts if c in tones))
    return "".join(letters).encode("cp1258")


def vietnamese_font() -> Path | None:
    """A TTF with Vietnamese glyphs, since fpdf2's core fonts are latin-1 only."""
    for folder in FONT_DIRS:
        if folder.is_dir():
            found = next(folder.rglob("DejaVuSans.ttf"), None)
            if found is not None:
                return found
    return None


def pdf_bytes(pages: list[str]) -> bytes:
    """A PDF with one page per string; a blank string gives a page without text."""
    pdf = FPDF()
    font = vietnamese_font()
    if font is not None:
        pdf.add_font("DejaVu", fname=str(font))
        pdf.set_font("DejaVu", size=12)
    else:
        pdf.set_font("Helvetica", size=12)
    for text in pages:
        pdf.add_page()
        if text:
            pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


# Without a Vietnamese TTF on the machine, the PDF test falls back to unaccented text.
PDF_LINES = (
    ["Khối thi đua số 6 tổng kết năm 2023", "Đồng chí Nguyễn Thành Tấn – Khối phó"]
    if vietnamese_font() is not None
    else ["Khoi thi dua so 6 tong ket nam 2023", "Dong chi Nguyen Thanh Tan - Khoi pho"]
)


def docx_bytes(document: DocxDocument) -> bytes:
    """Save a python-docx Document to bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- plain text and Markdown ---------------------------------------------------------------


def test_text_file_keeps_vietnamese_and_takes_title_from_first_line(tmp_path: Path) -> None:
    content = f"\n\n  Báo cáo tổng kết năm 2023  \n\n{VIETNAMESE}\n"
    doc = load_file(write(tmp_path, "khoi6/bao-cao.txt", content), tmp_path)

    assert doc.name == "khoi6/bao-cao.txt"
    assert doc.title == "Báo cáo tổng kết năm 2023"
    assert doc.text == f"Báo cáo tổng kết năm 2023  \n\n{VIETNAMESE}"
    assert doc.front_matter == {}
    assert doc.content_hash == hashlib.sha256(content.encode("utf-8")).hexdigest()


def test_text_file_with_bom_and_windows_newlines(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + "Tiêu đề\r\n\r\nĐoạn một\r\nĐoạn hai".encode()
    doc = load_file(write(tmp_path, "a.txt", data), tmp_path)

    assert doc.title == "Tiêu đề"
    assert doc.text == "Tiêu đề\n\nĐoạn một\nĐoạn hai"


def test_utf16_text_with_bom_is_accepted(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "a.txt", f"{VIETNAMESE}\r\nhết".encode("utf-16")), tmp_path)

    assert doc.text == f"{VIETNAMESE}\nhết"


def test_decomposed_unicode_is_kept_as_written(tmp_path: Path) -> None:
    nfd = "Khánh Hoà".replace("á", "a\u0301").replace("à", "a\u0300")
    doc = load_file(write(tmp_path, "a.txt", nfd), tmp_path)

    assert doc.text == nfd


def test_markdown_front_matter_is_parsed_and_removed(tmp_path: Path) -> None:
    content = (
        "---\n"
        "title: Quy định tổ chức và hoạt động của Khối thi đua\n"
        "date: 2023-03-12\n"
        "province: Tiền Giang\n"
        "---\n"
        "# Chương I\n\n"
        f"{VIETNAMESE}\n"
    )
    doc = load_file(write(tmp_path, "quy-dinh.md", content), tmp_path)

    assert doc.front_matter == {
        "title": "Quy định tổ chức và hoạt động của Khối thi đua",
        "date": datetime.date(2023, 3, 12),
        "province": "Tiền Giang",
    }
    assert doc.title == "Quy định tổ chức và hoạt động của Khối thi đua"
    assert doc.text == f"# Chương I\n\n{VIETNAMESE}"


def test_markdown_title_drops_heading_marks(tmp_path: Path) -> None:
    doc = load_file(
        write(tmp_path, "a.markdown", "\n## Kế hoạch số 4134/KH-UBND\n\nNội dung"), tmp_path
    )

    assert doc.title == "Kế hoạch số 4134/KH-UBND"


def test_empty_front_matter_gives_empty_mapping(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "a.md", "---\n---\nNội dung"), tmp_path)

    assert doc.front_matter == {}
    assert doc.text == "Nội dung"


def test_title_is_cut_at_200_characters(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "a.txt", "đ" * 500), tmp_path)

    assert doc.title == "đ" * 200


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("---\ntitle: [chưa đóng\n---\nNội dung", "dòng 2"),
        ("---\ntitle: a\n  : b: c\n---\nNội dung", "YAML"),
        ("---\n- một\n- hai\n---\nNội dung", "khóa: giá trị"),
        ("---\nchỉ là một câu\n---\nNội dung", "khóa: giá trị"),
    ],
)
def test_bad_front_matter_is_reported(tmp_path: Path, content: str, expected: str) -> None:
    with pytest.raises(DocumentLoadError, match=r"bad\.md") as caught:
        load_file(write(tmp_path, "bad.md", content), tmp_path)

    assert expected in caught.value.reason
    assert caught.value.path == tmp_path / "bad.md"


@pytest.mark.parametrize(
    "data",
    [
        windows_1258("Khối thi đua"),
        windows_1258("Bằng khen của Chủ tịch UBND tỉnh"),
        "Thi đua khen thưởng: café".encode("latin-1", errors="replace"),
        "Kh\xf4ng d\xe2u".encode("latin-1"),
        "Sở Nội vụ".encode("utf-16-le"),  # no BOM
    ],
)
def test_text_that_is_not_utf8_is_reported(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentLoadError, match="UTF-8") as caught:
        load_file(write(tmp_path, "cu.txt", data), tmp_path)

    assert "cu.txt" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "tệp rỗng"),
        ("blank.md", b" \n\t\r\n", "tệp rỗng"),
        ("empty.pdf", b"", "tệp rỗng"),
        ("only-front-matter.md", "---\ntitle: Tiêu đề\n---\n\n".encode(), "không có nội dung"),
        (
            "empty-page.html",
            b"<html><body><script>x()</script> </body></html>",
            "không có nội dung",
        ),
    ],
)
def test_file_without_content_is_reported(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    with pytest.raises(DocumentLoadError, match=re.escape(name)) as caught:
        load_file(write(tmp_path, name, data), tmp_path)

    assert reason in caught.value.reason


def test_load_error_message_is_vietnamese_and_survives_pickling(tmp_path: Path) -> None:
    err = DocumentLoadError(tmp_path / "báo cáo.pdf", "PDF hỏng")

    copy = pickle.loads(pickle.dumps(err))

    assert str(copy) == 'Không đọc được tệp "báo cáo.pdf": PDF hỏng'
    assert (copy.path, copy.reason) == (err.path, err.reason)


def test_unsupported_suffix_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="không được hỗ trợ"):
        load_file(write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0"), tmp_path)


# --- HTML -------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title> Khối thi đua   tổng kết năm 2023 </title>
<style>p { color: red }</style><script>var menu = "Trang chủ";</script></head>
<body>
<header>Cổng thông tin Sở Nội vụ</header>
<nav><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></nav>
<article>
  <header><h1>Hội nghị tổng kết Khối thi đua số 6</h1></header>
  <p>Chiều ngày 04/01/2023, tại Cục Thi hành án
     dân sự tỉnh,<br>Khối đã tổ chức hội nghị.</p><p>Đoạn thứ hai</p><div>Khối</div><div>phó</div>
  <ul><li>Cờ thi đua</li><li>Bằng khen</li></ul>
  <table><tr><th>Đơn vị</th><th>Hình thức</th></tr>
         <tr><td>Cục Thống kê</td><td>Cờ thi đua</td></tr></table>
  <footer>Nguồn: https://snv.kiengiang.gov.vn/tin/123</footer>
</article>
<noscript>Bật JavaScript</noscript>
<footer>Bản quyền © Sở Nội vụ</footer>
<script>track("trang");</script>
</body></html>
"""


def test_html_keeps_content_and_drops_page_chrome(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "tin/tong-ket.html", PAGE), tmp_path)

    assert doc.title == "Khối thi đua tổng kết năm 2023"
    assert doc.text == (
        "Hội nghị tổng kết Khối thi đua số 6\n\n"
        "Chiều ngày 04/01/2023, tại Cục Thi hành án dân sự tỉnh,\n"
        "Khối đã tổ chức hội nghị.\n\n"
        "Đoạn thứ hai\n\n"
        "Khối\n\n"
        "phó\n\n"
        "Cờ thi đua\n\n"
        "Bằng khen\n\n"
        "Đơn vị | Hình thức\n"
        "Cục Thống kê | Cờ thi đua\n\n"
        "Nguồn: https://snv.kiengiang.gov.vn/tin/123"
    )
    for dropped in ("var menu", "track(", "color: red", "Tin tức", "Bản quyền", "JavaScript"):
        assert dropped not in doc.text


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("<body><h1>Kế hoạch <b>số 12</b></h1><p>Nội dung</p></body>", "Kế hoạch số 12"),
        ("<head><title> </title></head><body><h1>Tiêu đề</h1><p>x</p></body>", "Tiêu đề"),
        ("<body><p>Dòng đầu tiên</p><p>Dòng sau</p></body>", "Dòng đầu tiên"),
    ],
)
def test_html_title_falls_back_to_h1_then_first_line(
    tmp_path: Path, page: str, title: str
) -> None:
    assert load_file(write(tmp_path, "a.htm", page), tmp_path).title == title


def test_html_without_closing_head_keeps_body(tmp_path: Path) -> None:
    page = "<html><head><title>Tin</title><meta charset=utf-8><body><p>Cờ thi đua</p></html>"

    assert load_file(write(tmp_path, "a.html", page), tmp_path).text == "Cờ thi đua"


def test_html_declared_legacy_charset_is_honoured(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1258"></head><body><p>Bằng khen</p></body></html>'
    doc = load_file(write(tmp_path, "a.html", windows_1258(page)), tmp_path)

    assert unicodedata.normalize("NFC", doc.text) == "Bằng khen"


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_paragraphs_then_tables_with_heading_title(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("UBND TỈNH TIỀN GIANG")
    document.add_heading("Báo cáo tổng kết Khối thi đua năm 2023", level=1)
    document.add_paragraph("")
    document.add_paragraph(VIETNAMESE)
    table = document.add_table(rows=3, cols=3)
    for column, text in enumerate(("STT", "Đơn vị", "Hình thức")):
        table.cell(0, column).text = text
    for column, text in enumerate(("01", "Cục Thống kê", "Cờ thi đua\nUBND tỉnh")):
        table.cell(1, column).text = text
    table.cell(2, 0).merge(table.cell(2, 2)).text = "Tổng cộng: 03 tập thể"
    document.add_paragraph("Nơi nhận: Sở Nội vụ")

    doc = load_file(write(tmp_path, "bao-cao.docx", docx_bytes(document)), tmp_path)

    assert doc.title == "Báo cáo tổng kết Khối thi đua năm 2023"
    assert doc.text == (
        "UBND TỈNH TIỀN GIANG\n\n"
        "Báo cáo tổng kết Khối thi đua năm 2023\n\n"
        f"{VIETNAMESE}\n\n"
        "Nơi nhận: Sở Nội vụ\n\n"
        "STT | Đơn vị | Hình thức\n"
        "01 | Cục Thống kê | Cờ thi đua UBND tỉnh\n"
        "Tổng cộng: 03 tập thể"
    )
    assert doc.front_matter == {}


def test_docx_without_heading_takes_first_non_empty_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    document.add_paragraph("Công văn số 1224/SNV-TĐKT ngày 31/5/2022")
    document.add_paragraph("Kính gửi: các đơn vị")

    doc = load_file(write(tmp_path, "cv.docx", docx_bytes(document)), tmp_path)

    assert doc.title == "Công văn số 1224/SNV-TĐKT ngày 31/5/2022"


def test_docx_title_style_counts_as_heading(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    document.add_heading("Quy định tổ chức Cụm, Khối thi đua", level=0)

    doc = load_file(write(tmp_path, "qd.docx", docx_bytes(document)), tmp_path)

    assert doc.title == "Quy định tổ chức Cụm, Khối thi đua"


def not_a_word_zip() -> bytes:
    """A valid ZIP archive that holds no Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-chu.txt", "không phải Word")
    return buffer.getvalue()


def truncated_docx() -> bytes:
    """The first half of a real DOCX, as left by an interrupted download."""
    document = docx.Document()
    document.add_paragraph(VIETNAMESE)
    data = docx_bytes(document)
    return data[: len(data) // 2]


@pytest.mark.parametrize("data", [truncated_docx(), not_a_word_zip(), "PK\x03\x04 hỏng".encode()])
def test_broken_docx_is_reported(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentLoadError, match="DOCX hỏng") as caught:
        load_file(write(tmp_path, "hong.docx", data), tmp_path)

    assert "hong.docx" in str(caught.value)


def test_docx_without_text_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="không có nội dung"):
        load_file(write(tmp_path, "trong.docx", docx_bytes(docx.Document())), tmp_path)


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_pages_are_read_with_line_breaks_kept(tmp_path: Path) -> None:
    data = pdf_bytes(["\n".join(PDF_LINES), "", "Trang 3"])

    doc = load_file(write(tmp_path, "bao-cao.pdf", data), tmp_path)

    assert doc.text == f"{PDF_LINES[0]}\n{PDF_LINES[1]}\n\nTrang 3"
    assert doc.title == PDF_LINES[0]
    assert doc.content_hash == hashlib.sha256(data).hexdigest()


def test_pdf_page_that_fails_extraction_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    extract_text = PageObject.extract_text

    def failing_on_page_two(page: PageObject) -> str:
        text = extract_text(page)
        if "Trang 2" in text:
            raise ValueError("damaged content stream")
        return text

    monkeypatch.setattr(PageObject, "extract_text", failing_on_page_two)
    path = write(tmp_path, "dai.pdf", pdf_bytes(["Trang 1", "Trang 2", "Trang 3"]))

    doc = load_file(path, tmp_path)

    assert doc.text == "Trang 1\n\nTrang 3"
    assert "page 2 skipped" in caplog.text


def encrypted_pdf(user_password: str) -> bytes:
    """A text PDF encrypted with RC4, which pypdf handles without extra packages."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(["Bằng khen"]))))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_restricted_only_by_owner_password_is_read(tmp_path: Path) -> None:
    doc = load_file(write(tmp_path, "han-che.pdf", encrypted_pdf("")), tmp_path)

    assert doc.text.strip() != ""


def test_pdf_with_user_password_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="mật khẩu"):
        load_file(write(tmp_path, "mat-khau.pdf", encrypted_pdf("bi-mat")), tmp_path)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\nkh\xc3\xb4ng ph\xe1\xba\xa3i PDF", b"hello world", b"%PDF-1.7\n1 0 obj\n<<"],
)
def test_corrupt_pdf_is_reported(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DocumentLoadError, match="PDF hỏng") as caught:
        load_file(write(tmp_path, "hong.pdf", data), tmp_path)

    assert "hong.pdf" in str(caught.value)


def test_pdf_without_text_layer_is_reported_as_scan(tmp_path: Path) -> None:
    with pytest.raises(DocumentLoadError, match="bản scan") as caught:
        load_file(write(tmp_path, "scan.pdf", pdf_bytes(["", ""])), tmp_path)

    assert "scan.pdf" in str(caught.value)


# --- legacy Vietnamese encodings ------------------------------------------------------------

# "Quyết định về việc ban hành Quy chế hoạt động của Khối thi đua...", typed with a .VnTime
# font (TCVN3) and with a VNI-Times font, as the text reads once decoded.
TCVN3_LINES = [
    "QuyÕt ®Þnh vÒ viÖc ban hµnh Quy chÕ ho¹t ®éng cña Khèi thi ®ua c¸c c¬ quan néi chÝnh tØnh",
    "C¸c ®¬n vÞ trong Khèi tæ chøc ký kÕt giao \xadíc thi ®ua, b¸o c¸o kÕt qu¶ göi Khèi "
    "tr\xadëng tr\xadíc ngµy 15 th¸ng 12.",
]
VNI_LINES = [
    "Quyeát ñònh veà vieäc ban haønh Quy cheá hoaït ñoäng cuûa Khoái thi ñua caùc cô quan noäi "
    "chính tænh",
    "Caùc ñôn vò trong Khoái toå chöùc kyù keát giao öôùc thi ñua, baùo caùo keát quaû göûi "
    "Khoái tröôûng tröôùc ngaøy 15 thaùng 12.",
]


def legacy_docx() -> bytes:
    """A Word document typed with a TCVN3 font: a heading, then its paragraphs."""
    document = docx.Document()
    document.add_heading(TCVN3_LINES[0], level=1)
    for line in TCVN3_LINES[1:]:
        document.add_paragraph(line)
    return docx_bytes(document)


def legacy_html() -> bytes:
    """A web page typed with a VNI font and saved as Windows-1252."""
    paragraphs = "".join(f"<p><font face='VNI-Times'>{line}</font></p>" for line in VNI_LINES)
    page = f'<html><head><meta charset="windows-1252"></head><body>{paragraphs}</body></html>'
    return page.encode("cp1252")


@pytest.mark.parametrize(
    ("name", "data", "encoding"),
    [
        ("tcvn3.txt", "\n\n".join(TCVN3_LINES).encode(), "TCVN3"),
        ("tcvn3.docx", legacy_docx(), "TCVN3"),
        ("vni.html", legacy_html(), "VNI"),
    ],
)
def test_text_in_a_legacy_encoding_is_reported(
    tmp_path: Path, name: str, data: bytes, encoding: str
) -> None:
    with pytest.raises(DocumentLoadError, match=re.escape(name)) as caught:
        load_file(write(tmp_path, name, data), tmp_path)

    reason = caught.value.reason
    assert f"bảng mã cũ {encoding}" in reason
    assert "Unicode" in reason
    assert "Chuyển mã" in reason


# --- the knowledge folder ---------------------------------------------------------------------


def test_knowledge_files_lists_supported_files_sorted_and_skips_the_rest(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a.md",
        "khoi/2023/tong-ket.PDF",
        "khoi/quy-dinh.docx",
        "tin/trang.htm",
        "tin/trang2.html",
        "ghi-chu.markdown",
        ".an.txt",
        ".git/HEAD.txt",
        "khoi/.index/data.txt",
        "khoi/~$quy-dinh.docx",
        "aliases.yaml",
        "units.yml",
        "anh.png",
        "cu.doc",
    ):
        write(tmp_path, name, "x")
    (tmp_path / "thu-muc.txt").mkdir()

    found = knowledge_files(tmp_path)

    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "a.md",
        "b.txt",
        "ghi-chu.markdown",
        "khoi/2023/tong-ket.PDF",
        "khoi/quy-dinh.docx",
        "tin/trang.htm",
        "tin/trang2.html",
    ]


def test_knowledge_files_of_missing_folder_is_empty(tmp_path: Path) -> None:
    assert knowledge_files(tmp_path / "khong-co") == []
