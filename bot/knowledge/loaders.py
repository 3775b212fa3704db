"""Read the files of the knowledge folder into raw text, a title and optional front matter.

Each supported format (plain text, Markdown, HTML, PDF, DOCX) becomes a `RawDocument`. A file
that cannot be read raises `DocumentLoadError` with a Vietnamese reason that can be shown to
the user as is, so that one bad file never stops the loading of the others. Text typed in a
legacy Vietnamese encoding (TCVN3, VNI) is refused too: it would be indexed as garbage.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import yaml
from bs4 import BeautifulSoup, Tag
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from bot.vi.encodings import TCVN3, VNI, legacy_encoding

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
)
_TITLE_MAX_CHARS = 200

# User-facing reasons, in Vietnamese, kept together so they can be proofread in one place.
_MSG_FAILED = 'Không đọc được tệp "{name}": {reason}'
_MSG_UNREADABLE = "không mở được tệp ({detail})"
_MSG_UNSUPPORTED = "định dạng {suffix} không được hỗ trợ"
_MSG_EMPTY = "tệp rỗng"
_MSG_NO_CONTENT = "không có nội dung chữ"
_MSG_NOT_UTF8 = (
    "không phải văn bản UTF-8 (có thể đang dùng bảng mã TCVN3, VNI hoặc Windows-1258); "
    "hãy lưu lại tệp với mã hóa UTF-8"
)
_MSG_BAD_FRONT_MATTER = "phần thông tin đầu tệp (YAML giữa hai dòng ---) bị lỗi: {detail}"
_MSG_FRONT_MATTER_NOT_MAPPING = (
    "phần thông tin đầu tệp (YAML giữa hai dòng ---) phải gồm các dòng dạng 'khóa: giá trị'"
)
_MSG_YAML_LINE = "dòng {line}: {problem}"
_MSG_BAD_PDF = "PDF hỏng hoặc không đọc được: {detail}"
_MSG_PDF_PASSWORD = "PDF được đặt mật khẩu nên không đọc được nội dung"
_MSG_PDF_CRYPTO = "PDF được mã hóa AES; cần cài thêm gói cryptography để đọc ({detail})"
_MSG_PDF_NO_TEXT = (
    "PDF không có lớp chữ, có thể là bản scan (ảnh chụp) của văn bản; "
    "cần nhận dạng chữ (OCR) hoặc dùng bản Word/PDF gốc"
)
_MSG_BAD_DOCX = "DOCX hỏng hoặc không phải tệp Word hợp lệ: {detail}"
_MSG_LEGACY_ENCODING = (
    "văn bản được gõ bằng bảng mã cũ {encoding} (phông chữ kiểu {font}) nên chữ tiếng Việt "
    "bị lỗi; hãy chuyển mã sang Unicode (ví dụ bằng công cụ “Chuyển mã” của Unikey) rồi gửi lại"
)
_LEGACY_FONTS = {TCVN3: ".VnTime", VNI: "VNI-Times"}

_TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
_MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

# A leading `---` line, YAML, then a closing `---` line.
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?:(.*?)\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)

# Page chrome that carries no content. Not <head>: html.parser leaves an unclosed <head>
# (legal HTML) wrapped around the body. The <title> is read before it is dropped.
_HTML_DROPPED_TAGS = ("title", "script", "style", "noscript", "nav", "header", "footer")
# A <header>/<footer> inside these is part of the content (article title, "Nguồn: ..." line).
_HTML_CONTENT_CONTAINERS = ("article", "main")
# fmt: off
_HTML_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "details", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "ul",
)
# fmt: on
# Private-use characters mark structure while the source's own whitespace is collapsed.
_PARAGRAPH_MARK = "\ue000"
_LINE_MARK = "\ue001"
_CELL_MARK = "\ue002"
_CELL_SEPARATOR = " | "


class DocumentLoadError(Exception):
    """A file that cannot be read; str(err) is a Vietnamese message that names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        # Both values go to `args` so that the error survives pickling between processes.
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return _MSG_FAILED.format(name=self.path.name, reason=self.reason)


@dataclass(frozen=True)
class RawDocument:
    """The text of one knowledge file, before any normalisation or chunking."""

    name: str
    """Path relative to the knowledge root with POSIX separators; the document id."""
    path: Path
    text: str
    """Body text without front matter; paragraphs separated by blank lines."""
    title: str
    front_matter: dict[str, Any]
    content_hash: str
    """SHA-256 hex digest of the file's bytes."""


def knowledge_files(root: Path) -> list[Path]:
    """Supported files below root, recursively, sorted; skips hidden files/dirs and YAML files.

    Word's lock files (`~$name.docx`) are skipped too. A missing root yields an empty list.
    """
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root):
        # Pruning in place keeps os.walk out of hidden folders such as .git or an index.
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for filename in filenames:
            path = Path(dirpath, filename)
            if (
                not filename.startswith((".", "~$"))
                and path.suffix.lower() in SUPPORTED_SUFFIXES
                and path.is_file()
            ):
                files.append(path)
    return sorted(files)


def load_file(path: Path, root: Path) -> RawDocument:
    """Read one knowledge file; raises DocumentLoadError for a bad file.

    Raises ValueError if path is not below root.
    """
    name = path.relative_to(root).as_posix()
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentLoadError(path, _MSG_UNSUPPORTED.format(suffix=suffix or '""'))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentLoadError(path, _MSG_UNREADABLE.format(detail=exc.strerror)) from exc
    if not data.strip():
        raise DocumentLoadError(path, _MSG_EMPTY)

    front_matter: dict[str, Any] = {}
    if suffix in _TEXT_SUFFIXES:
        front_matter, text = _split_front_matter(path, _decode_text(path, data))
        text = text.strip()
        title = _front_matter_title(front_matter) or _first_line(
            text, markdown=suffix in _MARKDOWN_SUFFIXES
        )
    elif suffix == ".pdf":
        text = _pdf_text(path, data)
        title = _first_line(text)
    elif suffix == ".docx":
        text, title = _docx_text(path, data)
    else:
        text, title = _html_text(path, data)

    if not text.strip():
        raise DocumentLoadError(path, _MSG_NO_CONTENT)
    if (encoding := legacy_encoding(text)) is not None:
        raise DocumentLoadError(
            path, _MSG_LEGACY_ENCODING.format(encoding=encoding, font=_LEGACY_FONTS[encoding])
        )
    return RawDocument(
        name=name,
        path=path,
        text=text,
        title=title[:_TITLE_MAX_CHARS].strip(),
        front_matter=front_matter,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def _describe(exc: Exception) -> str:
    """An exception's message, or its type name when the message is empty."""
    return str(exc) or type(exc).__name__


def _decode_text(path: Path, data: bytes) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with BOM; newlines become '\\n'."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentLoadError(path, _MSG_NOT_UTF8) from exc
    # NUL characters mean UTF-16 without a BOM or a binary file renamed to .txt.
    if "\x00" in text:
        raise DocumentLoadError(path, _MSG_NOT_UTF8)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_front_matter(path: Path, text: str) -> tuple[dict[str, Any], str]:
    """Separate a leading YAML front matter block from the body."""
    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return {}, text
    try:
        value = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as exc:
        raise DocumentLoadError(
            path, _MSG_BAD_FRONT_MATTER.format(detail=_yaml_problem(exc))
        ) from exc
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise DocumentLoadError(path, _MSG_FRONT_MATTER_NOT_MAPPING)
    return {str(key): item for key, item in value.items()}, text[match.end() :]


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """Describe a YAML error with its line number in the file (after the opening '---')."""
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        return _MSG_YAML_LINE.format(line=exc.problem_mark.line + 2, problem=exc.problem)
    return str(exc)


def _front_matter_title(front_matter: dict[str, Any]) -> str:
    """The front matter's title as text, or '' when absent or blank."""
    title = front_matter.get("title")
    return "" if title is None else " ".join(str(title).split())


def _first_line(text: str, *, markdown: bool = False) -> str:
    """First non-empty line of text, without Markdown heading marks when asked."""
    for line in text.splitlines():
        candidate = line.lstrip("#").strip() if markdown else line.strip()
        if candidate:
            return candidate
    return ""


def _pdf_text(path: Path, data: bytes) -> str:
    """Text of each page, pages separated by a blank line, hard line breaks kept."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            raise DocumentLoadError(path, _MSG_PDF_PASSWORD)
        pages = list(reader.pages)
    except DocumentLoadError:
        raise
    except DependencyError as exc:
        raise DocumentLoadError(path, _MSG_PDF_CRYPTO.format(detail=exc)) from exc
    # pypdf reports damaged files through many exception types (its own, ValueError,
    # KeyError, struct and zlib errors...), so anything it raises means a bad PDF.
    except Exception as exc:
        raise DocumentLoadError(path, _MSG_BAD_PDF.format(detail=_describe(exc))) from exc

    texts: list[str] = []
    for number, page in enumerate(pages, start=1):
        try:
            page_text = page.extract_text()
        except Exception as exc:
            # One damaged page should not cost the rest of a long regulation.
            logger.warning("%s: page %d skipped, text extraction failed: %s", path, number, exc)
            continue
        page_text = page_text.replace("\r\n", "\n").replace("\r", "\n").strip()
        if page_text:
            texts.append(page_text)
    if not texts:
        raise DocumentLoadError(path, _MSG_PDF_NO_TEXT)
    return "\n\n".join(texts)


def _docx_text(path: Path, data: bytes) -> tuple[str, str]:
    """Paragraphs in order, then each table row by row; returns (text, title)."""
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [(p.text.strip(), _style_name(p)) for p in document.paragraphs]
        tables = [list(_docx_table_rows(table)) for table in document.tables]
    # python-docx surfaces damage as BadZipFile, KeyError, ValueError, lxml errors and its
    # own PackageNotFoundError, so anything it raises means a bad DOCX.
    except Exception as exc:
        raise DocumentLoadError(path, _MSG_BAD_DOCX.format(detail=_describe(exc))) from exc

    blocks = [text for text, _ in paragraphs if text]
    blocks.extend("\n".join(rows) for rows in tables if rows)
    text = "\n\n".join(blocks)
    headings = (text for text, style in paragraphs if text and _is_heading_style(style))
    return text, next(headings, "") or _first_line(text)


def _style_name(paragraph: Paragraph) -> str:
    """Name of a python-docx paragraph's style, '' when it has none."""
    style = paragraph.style
    return (style.name or "") if style is not None else ""


def _is_heading_style(style: str) -> bool:
    """Whether a Word style name marks a title or heading."""
    lowered = style.lower()
    return lowered == "title" or lowered.startswith("heading")


def _docx_table_rows(table: Table) -> Iterator[str]:
    """Each non-empty row of a python-docx table as its cells joined by ' | '."""
    for row in table.rows:
        cells: list[str] = []
        previous: object = None
        for cell in row.cells:
            # A horizontally merged cell comes back once per grid column it spans.
            if cell is not previous:
                cells.append(" ".join(cell.text.split()))
            previous = cell
        if any(cells):
            yield _CELL_SEPARATOR.join(cells)


def _html_text(path: Path, data: bytes) -> tuple[str, str]:
    """Visible text of an HTML page, one paragraph per block element; returns (text, title).

    A table row becomes one line of cells joined by ' | ', as for DOCX.
    """
    try:
        # Given bytes, BeautifulSoup honours a BOM or <meta charset> before guessing.
        soup = BeautifulSoup(data, "html.parser")
        title = _html_title(soup)
        for tag in soup.find_all(_HTML_DROPPED_TAGS):
            # A tag inside one dropped earlier is already gone.
            if not tag.decomposed and not _is_article_part(tag):
                tag.decompose()
        for tag in soup.find_all(_HTML_BLOCK_TAGS):
            tag.insert_before(_PARAGRAPH_MARK)
            tag.insert_after(_PARAGRAPH_MARK)
        for tag in soup.find_all("tr"):
            tag.insert_before(_LINE_MARK)
            tag.insert_after(_LINE_MARK)
        for tag in soup.find_all(("td", "th")):
            tag.insert_after(_CELL_MARK)
        for tag in soup.find_all("br"):
            tag.replace_with(_LINE_MARK)
        raw = soup.get_text()
    # html.parser accepts nearly anything; what it refuses (or a nesting too deep to walk)
    # must still not stop the loading of other files.
    except Exception as exc:
        raise DocumentLoadError(path, _MSG_UNREADABLE.format(detail=_describe(exc))) from exc

    paragraphs: list[str] = []
    for block in re.sub(r"\s+", " ", raw).split(_PARAGRAPH_MARK):
        lines = (_html_line(line) for line in block.split(_LINE_MARK))
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    text = "\n\n".join(paragraphs)
    return text, title or _first_line(text)


def _is_article_part(tag: Tag) -> bool:
    """Whether tag is a <header>/<footer> of an article rather than of the page."""
    return (
        tag.name in ("header", "footer") and tag.find_parent(_HTML_CONTENT_CONTAINERS) is not None
    )


def _html_title(soup: BeautifulSoup) -> str:
    """The page's <title>, else its first <h1>, with whitespace collapsed; '' if neither."""
    for tag in (soup.title, soup.find("h1")):
        if isinstance(tag, Tag):
            title = " ".join(tag.get_text(" ").split())
            if title:
                return title
    return ""


def _html_line(line: str) -> str:
    """One rendered line: table cells joined by ' | ', surrounding spaces removed."""
    cells = [cell.strip() for cell in line.split(_CELL_MARK)]
    return _CELL_SEPARATOR.join(cell for cell in cells if cell)
