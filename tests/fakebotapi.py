"""A local fake Telegram Bot API server for end-to-end tests.

The real python-telegram-bot ``Bot``/``Application`` talk to it through ``base_url``::

    with FakeBotApi() as api:
        bot = Bot(token, base_url=api.base_url, base_file_url=api.base_file_url)

Only the standard library is used: a ``ThreadingHTTPServer`` in a daemon thread, with all state
guarded by one ``threading.Condition`` (which also drives long polling in ``getUpdates``).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import mimetypes
import random
import re
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal, Self
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

JSON = dict[str, Any]

BOT_ID = 999
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
# Bots may download files of up to 20 MB through getFile.
FILE_DOWNLOAD_LIMIT = 20 * 1024 * 1024

# Update types Telegram does not deliver unless they are listed in ``allowed_updates``.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Parameters whose values are plain strings and must never be JSON-decoded.
_STRING_KEYS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "inline_message_id",
        "business_connection_id",
        "url",
        "secret_token",
        "action",
        "emoji",
        "description",
        "short_description",
        "name",
        "title",
        "language_code",
        "file_id",
        "ip_address",
        "query",
    }
)

_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)

_INLINE_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)

_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)

_DEFAULT_DESCRIPTIONS: dict[int, str] = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}

_BAD_GATEWAY_HTML = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


# --------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart/form-data request."""

    field: str
    filename: str
    content: bytes
    content_type: str


@dataclass
class ApiCall:
    """One Bot API request as the server saw it, and what it answered."""

    method: str
    params: JSON
    received_at: float
    token: str
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int = 0
    response: Any = None
    finished_at: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the call succeeded (HTTP 200)."""
        return self.status == HTTPStatus.OK

    @property
    def result(self) -> Any:
        """The ``result`` field of a successful answer, else ``None``."""
        return self.response.get("result") if isinstance(self.response, dict) else None


class ApiError(Exception):
    """Raised by method handlers to answer with ``ok: false``."""

    def __init__(self, status: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        """The JSON error body Telegram would send."""
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(reason: str) -> ApiError:
    """A 400 error with Telegram's ``Bad Request: ...`` description."""
    return ApiError(HTTPStatus.BAD_REQUEST, f"Bad Request: {reason}")


@dataclass
class _Fault:
    """An injected failure rule."""

    method: str  # lower-cased method name or "*"
    status: int
    retry_after: int
    description: str | None
    remaining: int | None = None  # fail_next: calls left to fail
    fraction: float | None = None  # fail_fraction: probability per call
    rng: random.Random | None = None

    def error(self) -> ApiError:
        if self.status == HTTPStatus.TOO_MANY_REQUESTS:
            description = self.description or f"Too Many Requests: retry after {self.retry_after}"
            return ApiError(self.status, description, {"retry_after": self.retry_after})
        description = self.description or _DEFAULT_DESCRIPTIONS.get(
            self.status, f"Error {self.status}"
        )
        return ApiError(self.status, description)


# --------------------------------------------------------------------------------------------
# Text helpers: UTF-16 offsets, automatic entities, Telegram-style HTML parsing
# --------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit of Telegram entity offsets."""
    return len(text.encode("utf-16-le")) // 2


_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?!\w)")
_MENTION_RE = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{4,32}(?!\w)")


def auto_entities(text: str) -> list[JSON]:
    """Entities a Telegram client would attach: a leading bot_command, and @mentions."""
    entities: list[JSON] = []
    start = 0
    command = _COMMAND_RE.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command[0])})
        start = command.end()
    for mention in _MENTION_RE.finditer(text, start):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention[0]),
            }
        )
    return entities


class HtmlError(ValueError):
    """The HTML could not be parsed the way Telegram parses it."""


_HTML_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_CHAR_REF_RE = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_TAG_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTR_RE = re.compile(
    r"\s*([A-Za-z_][\w:.-]*)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+)))?\s*"
)


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match[1]:
            return _NAMED_ENTITIES[match[1]]
        code = int(match[2]) if match[2] else int(match[3], 16)
        return chr(code) if 0 < code <= 0x10FFFF else match[0]

    return _CHAR_REF_RE.sub(replace, text)


def _parse_attrs(text: str, tag: str, offset: int) -> dict[str, str]:
    attrs: dict[str, str] = {}
    pos = 0
    text = text.rstrip("/ \t\r\n")
    while pos < len(text):
        match = _ATTR_RE.match(text, pos)
        if not match or match.end() == pos:
            raise HtmlError(f'Invalid attribute in the tag "{tag}" at byte offset {offset}')
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        attrs[match[1].lower()] = _unescape(value)
        pos = match.end()
    return attrs


@dataclass
class _OpenTag:
    name: str
    start: int
    byte_offset: int
    attrs: dict[str, str]
    language: str | None = None


def parse_html(source: str) -> tuple[str, list[JSON]]:
    """Parse Telegram-flavoured HTML into plain text and entities (UTF-16 offsets).

    Raises ``HtmlError`` with a Telegram-like message for unsupported, unbalanced or unclosed
    tags and for a bare ``<``.
    """
    out: list[str] = []
    pos16 = 0
    stack: list[_OpenTag] = []
    entities: list[JSON] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "&":
            match = _CHAR_REF_RE.match(source, i)
            piece = _unescape(match[0]) if match else "&"
            i = match.end() if match else i + 1
        elif char == "<":
            offset = len(source[:i].encode())
            end = source.find(">", i)
            if end == -1:
                raise HtmlError(f"Unclosed start tag at byte offset {offset}")
            inner = source[i + 1 : end]
            i = end + 1
            if inner.startswith("/"):
                name = inner[1:].strip().lower()
                if not stack:
                    raise HtmlError(f"Unexpected end tag at byte offset {offset}")
                tag = stack.pop()
                if tag.name != name:
                    raise HtmlError(
                        f'Unmatched end tag at byte offset {offset}, expected "</{tag.name}>", '
                        f'found "</{name}>"'
                    )
                entity = _close_tag(tag, pos16, stack)
                if entity:
                    entities.append(entity)
            else:
                match = _TAG_NAME_RE.match(inner)
                name = match[0].lower() if match else ""
                if name not in _HTML_TAGS:
                    raise HtmlError(f'Unsupported start tag "{name}" at byte offset {offset}')
                attrs = _parse_attrs(inner[len(name) :], name, offset)
                if name == "span" and attrs.get("class") != "tg-spoiler":
                    raise HtmlError(
                        f'Tag "span" must have class "tg-spoiler" at byte offset {offset}'
                    )
                stack.append(_OpenTag(name, pos16, offset, attrs))
            continue
        else:
            piece = char
            i += 1
        out.append(piece)
        pos16 += utf16_len(piece)
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _close_tag(tag: _OpenTag, end: int, stack: list[_OpenTag]) -> JSON | None:
    length = end - tag.start
    kind = _HTML_TAGS[tag.name]
    language = tag.attrs.get("class", "")
    if kind == "code" and stack and stack[-1].name == "pre" and language.startswith("language-"):
        stack[-1].language = language.removeprefix("language-")
        return None
    if length <= 0:
        return None
    entity: JSON = {"type": kind, "offset": tag.start, "length": length}
    if kind == "text_link":
        if "href" not in tag.attrs:
            return None
        entity["url"] = tag.attrs["href"]
    elif kind == "pre" and tag.language:
        entity["language"] = tag.language
    elif kind == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    return entity


# --------------------------------------------------------------------------------------------
# Request decoding
# --------------------------------------------------------------------------------------------


def _decode_value(key: str, value: Any) -> Any:
    """Decode one form value: PTB JSON-encodes every non-string parameter."""
    if key in _STRING_KEYS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _parse_multipart(body: bytes, content_type: str) -> tuple[JSON, dict[str, UploadedFile]]:
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise bad_request("can't parse multipart/form-data: no boundary")
    delimiter = b"\r\n--" + match[1].encode()
    fields: JSON = {}
    files: dict[str, UploadedFile] = {}
    for part in (b"\r\n" + body).split(delimiter)[1:]:
        if part.startswith(b"--"):
            break
        head, _, content = part.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        headers: dict[str, str] = {}
        for line in head.decode("utf-8", "replace").split("\r\n"):
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        params = dict(
            (k.lower(), v.replace("%22", '"').replace("\\\\", "\\"))
            for k, v in re.findall(
                r'(\w+)="((?:[^"\\]|\\.)*)"', headers.get("content-disposition", "")
            )
        )
        name = params.get("name", "")
        if "filename" in params:
            files[name] = UploadedFile(
                field=name,
                filename=params["filename"],
                content=content,
                content_type=headers.get("content-type", "application/octet-stream"),
            )
        else:
            fields[name] = content.decode("utf-8", "replace")
    return fields, files


# --------------------------------------------------------------------------------------------
# HTTP plumbing
# --------------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are separate writes: avoid 40 ms stalls
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, add=False)

    def do_POST(self) -> None:
        self.server.api._serve(self)

    do_GET = do_POST

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log."""

    def read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks: list[bytes] = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def reply(self, status: int, body: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
        except OSError:  # the client went away (e.g. a cancelled long poll)
            self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The default backlog (5) drops connections when a bot opens many at once; the client then
    # waits out TCP's SYN retransmission (1 s, 3 s, 7 s), which is not the bot's latency.
    request_queue_size = 256

    def __init__(self, api: FakeBotApi) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api = api
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def track(self, connection: socket.socket, *, add: bool) -> None:
        with self._connections_lock:
            if add:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def drop_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that disconnect; report anything else."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


# --------------------------------------------------------------------------------------------
# The fake API
# --------------------------------------------------------------------------------------------


class FakeBotApi:
    """A fake Telegram Bot API server on 127.0.0.1 with update builders and fault injection."""

    def __init__(
        self,
        *,
        username: str = "thidua_test_bot",
        bot_id: int = BOT_ID,
        first_name: str = "Thi đua Bot",
        strict_chats: bool = False,
    ) -> None:
        self.bot_user: JSON = {
            "id": bot_id,
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
        self.strict_chats = strict_chats
        self._cond = threading.Condition()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._calls: list[ApiCall] = []
        self._updates: list[JSON] = []
        self._next_update_id = 1
        self._served_at: dict[int, float] = {}
        self._poll_generation = 0
        self._allowed_updates: list[str] = []
        self._chats: dict[int, JSON] = {}
        self._users: dict[int, JSON] = {}
        self._messages: dict[tuple[int, int], JSON] = {}
        self._last_message_id: dict[int, int] = {}
        self._callback_ids: set[str] = set()
        self._next_callback_id = 1
        self._files: dict[str, tuple[JSON, bytes]] = {}
        self._webhook_url = ""
        self._commands: dict[str, list[JSON]] = {}
        self._blocked: dict[int, str] = {}
        self._upgraded: dict[int, int] = {}  # a group's id → its supergroup's
        self._faults: list[_Fault] = []
        self._delays: dict[str, float] = {}
        self._handlers: dict[str, Callable[[JSON], Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "deleteWebhook": self._delete_webhook,
            "setWebhook": self._set_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "sendDocument": self._send_document,
            "deleteMessage": self._delete_message,
            "getChat": self._get_chat,
            "getFile": self._get_file,
            "close": lambda _params: True,
            "logOut": lambda _params: True,
        }
        self._canonical = {name.lower(): name for name in self._handlers}

    # -- lifecycle ----------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind a free port on 127.0.0.1 and serve in a daemon thread (idempotent)."""
        if self._server is None:
            self._stopping.clear()
            self._server = _Server(self)
            self._thread = threading.Thread(
                target=self._server.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"FakeBotApi:{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Wake long polls, stop serving and close every connection."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping.set()
        with self._cond:
            self._cond.notify_all()
        server.shutdown()
        server.server_close()
        server.drop_connections()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        """The bound TCP port."""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """Value for ``Bot(base_url=...)``: PTB appends the token and ``/<method>``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for ``Bot(base_file_url=...)``: files from ``getFile`` are served here."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- update builders ----------------------------------------------------------------------

    def private_message(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Người dùng",
        username: str | None = None,
        reply_to: JSON | int | None = None,
    ) -> JSON:
        """Queue a text message from ``user_id`` in their private chat with the bot.

        ``reply_to`` is an earlier message of the chat, or its ``message_id``.
        """
        with self._cond:
            user = self._user(user_id, first_name, username)
            chat = self._private_chat(user)
            message = self._user_message(chat, user, reply_to)
            message["text"] = text
            if entities := auto_entities(text):
                message["entities"] = entities
            return self._push_message(message)

    def group_message(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        reply_to: JSON | int | None = None,
        title: str = "Khối thi đua số 1",
        first_name: str = "Người dùng",
        username: str | None = None,
    ) -> JSON:
        """Queue a text message in a group (supergroup if ``chat_id`` is ``-100...``).

        ``reply_to`` is an earlier message of the chat, or its ``message_id``.
        """
        with self._cond:
            user = self._user(user_id, first_name, username)
            chat = self._group_chat(chat_id, title)
            message = self._user_message(chat, user, reply_to)
            message["text"] = text
            if entities := auto_entities(text):
                message["entities"] = entities
            return self._push_message(message)

    def document_message(
        self,
        chat_id: int,
        user_id: int,
        file_name: str,
        content: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        reply_to: JSON | int | None = None,
        chat_type: Literal["private", "group", "supergroup"] = "private",
        title: str = "Khối thi đua số 1",
        first_name: str = "Người dùng",
        username: str | None = None,
    ) -> JSON:
        """Queue a document sent by ``user_id``; ``getFile`` and the file URL then serve it.

        A private chat's id is the user's; a group's is negative, a supergroup's ``-100...``.
        The MIME type is guessed from ``file_name`` unless given; a caption starting with a
        command gets its ``bot_command`` entity. ``reply_to`` is as for ``group_message``.
        """
        with self._cond:
            user = self._user(user_id, first_name, username)
            if chat_type == "private":
                if chat_id != user_id:
                    raise ValueError("a private chat's id is the user's id")
                chat = self._private_chat(user)
            else:
                chat = self._group_chat(chat_id, title)
                if chat["type"] != chat_type:
                    raise ValueError(f"{chat_id} is the id of a {chat['type']}, not a {chat_type}")
            message = self._user_message(chat, user, reply_to)
            guessed = mime_type or mimetypes.guess_type(file_name)[0]
            meta = self._register_file(file_name, guessed or "application/octet-stream", content)
            message["document"] = {k: v for k, v in meta.items() if k != "file_path"}
            if caption:
                message["caption"] = caption
                if entities := auto_entities(caption):
                    message["caption_entities"] = entities
            return self._push_message(message)

    def sticker_message(
        self,
        user_id: int,
        *,
        emoji: str = "👍",
        first_name: str = "Người dùng",
        username: str | None = None,
    ) -> JSON:
        """Queue a sticker (a message without text) in the user's private chat."""
        with self._cond:
            user = self._user(user_id, first_name, username)
            chat = self._private_chat(user)
            message = self._user_message(chat, user, None)
            message["sticker"] = {
                "file_id": f"CAACAgIAAxkBAAE{message['message_id']:08d}",
                "file_unique_id": f"AgAD{message['message_id']:08d}",
                "type": "regular",
                "width": 512,
                "height": 512,
                "is_animated": False,
                "is_video": False,
                "emoji": emoji,
            }
            return self._push_message(message)

    def group_migration(
        self,
        chat_id: int,
        new_chat_id: int,
        user_id: int,
        *,
        title: str = "Khối thi đua số 1",
        first_name: str = "Người dùng",
    ) -> tuple[JSON, JSON]:
        """Queue what Telegram sends when ``user_id`` upgrades the group ``chat_id`` to the
        supergroup ``new_chat_id`` (``-100...``): a service message with ``migrate_to_chat_id``
        in the group, then one with ``migrate_from_chat_id`` in the supergroup."""
        if not str(new_chat_id).startswith("-100") or str(chat_id).startswith("-100"):
            raise ValueError("a group (not -100...) becomes a supergroup (-100...)")
        with self._cond:
            self.upgrade_group(chat_id, new_chat_id)
            user = self._user(user_id, first_name, None)
            old = self._user_message(self._group_chat(chat_id, title), user, None)
            old["migrate_to_chat_id"] = new_chat_id
            new = self._user_message(self._group_chat(new_chat_id, title), user, None)
            new["migrate_from_chat_id"] = chat_id
            return self._push_message(old), self._push_message(new)

    def upgrade_group(self, chat_id: int, new_chat_id: int) -> None:
        """Upgrade a group to a supergroup on the server only (the bot sees no update, as when
        it was down): sending to the group's old id then fails with ``migrate_to_chat_id``."""
        with self._cond:
            self._upgraded[chat_id] = new_chat_id

    def callback_query(
        self,
        user_id: int,
        message: JSON,
        data: str,
        *,
        first_name: str = "Người dùng",
        username: str | None = None,
    ) -> JSON:
        """Queue a button press on ``message`` (a Message dict the bot sent)."""
        with self._cond:
            user = self._user(user_id, first_name, username)
            chat_id = message["chat"]["id"]
            current = self._messages.get((chat_id, message["message_id"]), message)
            query_id = str(4_000_000_000 + self._next_callback_id)
            self._next_callback_id += 1
            self._callback_ids.add(query_id)
            query = {
                "id": query_id,
                "from": user,
                "message": copy.deepcopy(current),
                "chat_instance": str(abs(chat_id) * 7919 + 13),
                "data": data,
            }
            return self._push({"callback_query": query})

    def push_raw(self, update: JSON) -> JSON:
        """Queue ``update`` as-is (an ``update_id`` is added only when missing)."""
        with self._cond:
            return self._push(copy.deepcopy(update))

    # -- inspection ---------------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[ApiCall]:
        """All finished calls (optionally of one method, case-insensitive), in answer order."""
        with self._cond:
            return [c for c in self._calls if method is None or _same(c.method, method)]

    def calls_since(self, start: int) -> list[ApiCall]:
        """The finished calls after the first `start` ones (cheap polling for load tests)."""
        with self._cond:
            return self._calls[start:]

    def sent(self, chat_id: int | str | None = None) -> list[ApiCall]:
        """Successful ``sendMessage`` calls, optionally to one chat, in order."""
        return [
            c
            for c in self.calls("sendMessage")
            if c.ok and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
        ]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        """The raw ``text`` parameter of every successful ``sendMessage``."""
        return [str(c.params.get("text")) for c in self.sent(chat_id)]

    def served_at(self, update_id: int) -> float | None:
        """``time.monotonic()`` when ``getUpdates`` first returned the update, else ``None``."""
        with self._cond:
            return self._served_at.get(update_id)

    def pending_updates(self) -> list[JSON]:
        """Updates not yet confirmed by an ``offset``."""
        with self._cond:
            return copy.deepcopy(self._updates)

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current state of a stored message (after edits), or ``None`` if deleted."""
        with self._cond:
            return copy.deepcopy(self._messages.get((chat_id, message_id)))

    def clear_calls(self) -> None:
        """Forget every recorded call."""
        with self._cond:
            self._calls.clear()

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        *,
        chat_id: int | str | None = None,
        timeout: float = 10,  # noqa: ASYNC109 - part of the requested test API
        predicate: Callable[[ApiCall], bool] | None = None,
        include_failed: bool = False,
    ) -> list[ApiCall]:
        """Wait (without blocking the loop) until ``count`` matching calls were answered.

        Only successful calls match unless ``include_failed``. Returns all matching calls.
        """

        def matching() -> list[ApiCall]:
            return [
                c
                for c in self.calls(method)
                if (include_failed or c.ok)
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))
                and (predicate is None or predicate(c))
            ]

        deadline = time.monotonic() + timeout
        while True:
            found = matching()
            if len(found) >= count:
                return found
            if time.monotonic() >= deadline:
                summary = "\n".join(f"  {c.method} {c.status} {c.params!r}" for c in self.calls())
                raise AssertionError(
                    f"timed out after {timeout}s waiting for {count} x {method}"
                    f" (chat_id={chat_id}); {len(found)} matched. Recorded calls:\n"
                    f"{summary or '  (none)'}"
                )
            await asyncio.sleep(0.005)

    # -- fault injection ----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        count: int = 1,
        *,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` ("*" = any) with an error."""
        with self._cond:
            self._faults.append(
                _Fault(method.lower(), status, retry_after, description, remaining=count)
            )

    def fail_fraction(
        self,
        method: str,
        fraction: float,
        *,
        status: int = 429,
        retry_after: int = 1,
        seed: int = 0,
        description: str | None = None,
    ) -> None:
        """Fail each call of ``method`` with probability ``fraction`` (seeded, deterministic)."""
        with self._cond:
            self._faults.append(
                _Fault(
                    method.lower(),
                    status,
                    retry_after,
                    description,
                    fraction=fraction,
                    rng=random.Random(seed),
                )
            )

    def block_chat(
        self, chat_id: int, *, description: str = "Forbidden: bot was blocked by the user"
    ) -> None:
        """Answer 403 to sends, edits, deletes and chat actions aimed at ``chat_id``."""
        with self._cond:
            self._blocked[chat_id] = description

    def unblock_chat(self, chat_id: int) -> None:
        """Undo ``block_chat``."""
        with self._cond:
            self._blocked.pop(chat_id, None)

    def delay(self, method: str, seconds: float) -> None:
        """Sleep ``seconds`` before answering every ``method`` call ("*" = any; 0 clears)."""
        with self._cond:
            if seconds > 0:
                self._delays[method.lower()] = seconds
            else:
                self._delays.pop(method.lower(), None)

    def clear_faults(self) -> None:
        """Remove every injected failure, block and delay."""
        with self._cond:
            self._faults.clear()
            self._blocked.clear()
            self._delays.clear()

    # -- request handling ---------------------------------------------------------------------

    def _serve(self, handler: _Handler) -> None:
        received_at = time.monotonic()
        path = urlsplit(handler.path)
        try:
            body = handler.read_body()
        except (OSError, ValueError):
            handler.close_connection = True
            return
        if path.path.startswith("/file/bot"):
            self._serve_file(handler, path.path)
            return
        match = re.fullmatch(r"/bot([^/]+)/([^/]+)", path.path)
        if not match:
            self._answer(handler, ApiError(404, "Not Found").body(), 404)
            return
        token, raw_method = unquote(match[1]), unquote(match[2])
        method = self._canonical.get(raw_method.lower(), raw_method)
        call = ApiCall(method=method, params={}, received_at=received_at, token=token)
        try:
            call.params, call.files = self._parse_params(handler, path.query, body)
            if method not in self._handlers:
                raise ApiError(404, "Not Found")
            status, payload = self._dispatch(call)
        except ApiError as exc:
            status, payload = exc.status, exc.body()
        call.status, call.response, call.finished_at = status, payload, time.monotonic()
        with self._cond:
            self._calls.append(call)
        self._answer(handler, payload, status)

    def _answer(self, handler: _Handler, payload: Any, status: int) -> None:
        if status == HTTPStatus.BAD_GATEWAY:
            handler.reply(status, _BAD_GATEWAY_HTML, "text/html")
            return
        data = json.dumps(payload, ensure_ascii=False).encode()
        handler.reply(status, data, "application/json")

    def _serve_file(self, handler: _Handler, path: str) -> None:
        parts = path.split("/", 3)  # "", "file", "bot<token>", "<file_path>"
        file_path = parts[3] if len(parts) == 4 else ""
        with self._cond:
            found = next((c for m, c in self._files.values() if m["file_path"] == file_path), None)
        if found is None:
            handler.reply(
                404, json.dumps(ApiError(404, "Not Found").body()).encode(), "application/json"
            )
        else:
            handler.reply(200, found, "application/octet-stream")

    def _parse_params(
        self, handler: _Handler, query: str, body: bytes
    ) -> tuple[JSON, dict[str, UploadedFile]]:
        content_type = handler.headers.get("Content-Type", "")
        raw: JSON = dict(parse_qsl(query, keep_blank_values=True))
        files: dict[str, UploadedFile] = {}
        try:
            if content_type.startswith("application/json"):
                loaded = json.loads(body or b"{}")
                if not isinstance(loaded, dict):
                    raise bad_request("request body must be a JSON object")
                raw.update(loaded)
            elif content_type.startswith("multipart/form-data"):
                fields, files = _parse_multipart(body, content_type)
                raw.update(fields)
            elif body:
                raw.update(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        except ValueError as exc:
            raise bad_request(f"can't parse request body: {exc}") from exc
        params = {key: _decode_value(key, value) for key, value in raw.items()}
        attached: set[str] = set()
        for key, value in params.items():
            if isinstance(value, str) and value.startswith("attach://"):
                name = value.removeprefix("attach://")
                if name in files:
                    params[key] = files[name]
                    attached.add(name)
        for name, upload in files.items():
            if name not in attached:
                params.setdefault(name, upload)
        return params, files

    def _dispatch(self, call: ApiCall) -> tuple[int, JSON]:
        key = call.method.lower()
        with self._cond:
            seconds = self._delays.get(key, self._delays.get("*", 0.0))
            fault = self._pick_fault(key)
        if seconds:
            self._stopping.wait(seconds)
        if fault is not None:
            raise fault.error()
        with self._cond:
            result = self._handlers[call.method](call.params)
            return HTTPStatus.OK, {"ok": True, "result": copy.deepcopy(result)}

    def _pick_fault(self, method: str) -> _Fault | None:
        for fault in list(self._faults):
            if fault.method not in (method, "*"):
                continue
            if fault.remaining is not None:
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
            if fault.rng is not None and fault.rng.random() < (fault.fraction or 0.0):
                return fault
        return None

    # -- state helpers (call with self._cond held) --------------------------------------------

    def _push(self, update: JSON) -> JSON:
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
        self._next_update_id = max(self._next_update_id, int(update["update_id"]) + 1)
        self._updates.append(update)
        self._cond.notify_all()
        return copy.deepcopy(update)

    def _push_message(self, message: JSON) -> JSON:
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return self._push({"message": copy.deepcopy(message)})

    def _user(self, user_id: int, first_name: str, username: str | None) -> JSON:
        user: JSON = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "vi",
        }
        if username:
            user["username"] = username
        self._users[user_id] = user
        return copy.deepcopy(user)

    def _private_chat(self, user: JSON) -> JSON:
        chat: JSON = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        self._chats[user["id"]] = chat
        return copy.deepcopy(chat)

    def _group_chat(self, chat_id: int, title: str) -> JSON:
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        chat: JSON = {"id": chat_id, "type": kind, "title": title}
        self._chats[chat_id] = chat
        return copy.deepcopy(chat)

    def _next_message_id(self, chat_id: int) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _user_message(self, chat: JSON, user: JSON, reply_to: JSON | int | None) -> JSON:
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
        }
        if isinstance(reply_to, int):
            current = self._messages.get((chat["id"], reply_to))
            if current is None:
                raise ValueError(f"no message {reply_to} in chat {chat['id']} to reply to")
            message["reply_to_message"] = _without_reply(current)
        elif reply_to is not None:
            current = self._messages.get((chat["id"], reply_to["message_id"]), reply_to)
            message["reply_to_message"] = _without_reply(current)
        return message

    def _register_file(self, file_name: str, mime_type: str, content: bytes) -> JSON:
        """Store content under a new file_id; returns the file's metadata with its file_path."""
        number = len(self._files) + 1
        meta: JSON = {
            "file_id": f"BQACAgIAAxkBAAI{number:08d}",
            "file_unique_id": f"AgAD{number:08d}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": len(content),
            "file_path": f"documents/file_{number}{_suffix(file_name)}",
        }
        self._files[meta["file_id"]] = (meta, content)
        return meta

    def _chat(self, chat_id: Any) -> JSON:
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for chat in self._chats.values():
                if chat.get("username", "").lower() == chat_id[1:].lower():
                    return chat
            raise bad_request("chat not found")
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if key not in self._chats:
            if self.strict_chats or key == 0:
                raise bad_request("chat not found")
            if key > 0:
                self._chats[key] = {"id": key, "type": "private", "first_name": f"User {key}"}
            else:
                self._group_chat(key, f"Chat {key}")
        return self._chats[key]

    def _writable_chat(self, params: JSON) -> JSON:
        chat = self._chat(params.get("chat_id"))
        if chat["id"] in self._upgraded:
            raise ApiError(
                HTTPStatus.BAD_REQUEST,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._upgraded[chat["id"]]},
            )
        if chat["id"] in self._blocked:
            raise ApiError(HTTPStatus.FORBIDDEN, self._blocked[chat["id"]])
        return chat

    def _stored(self, params: JSON, missing: str) -> JSON:
        chat = self._writable_chat(params)
        stored = self._messages.get((chat["id"], _int(params.get("message_id"))))
        if stored is None:
            raise bad_request(missing)
        return stored

    @staticmethod
    def _format(params: JSON, key: str, limit: int, *, required: bool) -> tuple[str, list[JSON]]:
        """Apply ``parse_mode``/``entities`` to ``params[key]`` and check Telegram's limits."""
        raw = params.get(key)
        text = "" if raw is None else str(raw)
        entities_key = "entities" if key == "text" else "caption_entities"
        entities = params.get(entities_key)
        if isinstance(entities, list):
            plain = text
        elif str(params.get("parse_mode") or "").lower() == "html":
            try:
                plain, entities = parse_html(text)
            except HtmlError as exc:
                raise bad_request(f"can't parse entities: {exc}") from None
        else:
            plain, entities = text, []
        if required and not plain.strip():
            raise bad_request("message text is empty")
        if utf16_len(plain) > limit:
            raise bad_request(
                "message is too long" if key == "text" else "message caption is too long"
            )
        return plain, entities

    @staticmethod
    def _markup(params: JSON) -> JSON | None:
        """Validate ``reply_markup``; return it if Telegram would echo it (inline keyboards)."""
        markup = params.get("reply_markup")
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in markup:
            return None
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request(
                "can't parse inline keyboard markup JSON object: "
                'field "inline_keyboard" must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not button.get("text"):
                    raise bad_request("BUTTON_TEXT_INVALID")
                if not any(action in button for action in _INLINE_BUTTON_ACTIONS):
                    raise bad_request("text buttons are unallowed in the inline keyboard")
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                    raise bad_request("BUTTON_DATA_INVALID")
        return markup

    def _reply_target(self, chat: JSON, params: JSON) -> JSON | None:
        reply = params.get("reply_parameters")
        if not isinstance(reply, dict):
            reply = {}
            if params.get("reply_to_message_id") is not None:
                reply = {
                    "message_id": params["reply_to_message_id"],
                    "allow_sending_without_reply": params.get("allow_sending_without_reply"),
                }
        if not reply:
            return None
        chat_id = chat["id"]
        if reply.get("chat_id") is not None:
            chat_id = self._chat(reply["chat_id"])["id"]
        target = self._messages.get((chat_id, _int(reply.get("message_id"))))
        if target is None:
            if reply.get("allow_sending_without_reply"):
                return None
            raise bad_request("message to be replied not found")
        return _without_reply(target)

    def _bot_message(self, chat: JSON, params: JSON) -> JSON:
        message: JSON = {
            "message_id": self._next_message_id(chat["id"]),
            "from": dict(self.bot_user),
            "chat": copy.deepcopy(chat),
            "date": int(time.time()),
        }
        if reply := self._reply_target(chat, params):
            message["reply_to_message"] = reply
        return message

    # -- method handlers (run with self._cond held) -------------------------------------------

    def _get_me(self, _params: JSON) -> JSON:
        return self.bot_user

    def _get_updates(self, params: JSON) -> list[JSON]:
        if self._webhook_url:
            raise ApiError(
                HTTPStatus.CONFLICT,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = _int(params.get("offset"))
        limit = min(max(_int(params.get("limit"), 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = [str(kind) for kind in params["allowed_updates"]]
        self._poll_generation += 1
        generation = self._poll_generation
        self._cond.notify_all()  # a newer getUpdates terminates older long polls
        if offset > 0:
            self._updates = [u for u in self._updates if _int(u.get("update_id")) >= offset]
        elif offset < 0:
            self._updates = self._updates[offset:]
        deadline = time.monotonic() + timeout
        while True:
            batch = self._deliverable(limit)
            if batch or self._stopping.is_set():
                break
            if generation != self._poll_generation:
                raise ApiError(HTTPStatus.CONFLICT, _DEFAULT_DESCRIPTIONS[409])
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._cond.wait(remaining)
        now = time.monotonic()
        for update in batch:
            self._served_at.setdefault(_int(update.get("update_id")), now)
        return batch

    def _deliverable(self, limit: int) -> list[JSON]:
        """The first ``limit`` queued updates of allowed types; drops disallowed ones."""
        allowed = set(self._allowed_updates)
        kept: list[JSON] = []
        for update in self._updates:
            kinds = [k for k in update if k != "update_id"]
            kind = kinds[0] if kinds else None
            if kind is None or (kind in allowed if allowed else kind not in _OPT_IN_UPDATES):
                kept.append(update)
        self._updates = kept
        return kept[:limit]

    def _delete_webhook(self, params: JSON) -> bool:
        self._webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _set_webhook(self, params: JSON) -> bool:
        self._webhook_url = str(params.get("url") or "")
        if params.get("drop_pending_updates"):
            self._updates.clear()
        if isinstance(params.get("allowed_updates"), list):
            self._allowed_updates = [str(kind) for kind in params["allowed_updates"]]
        return True

    def _get_webhook_info(self, _params: JSON) -> JSON:
        info: JSON = {
            "url": self._webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self._allowed_updates:
            info["allowed_updates"] = list(self._allowed_updates)
        return info

    @staticmethod
    def _commands_key(params: JSON) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("command description is empty")
        self._commands[self._commands_key(params)] = commands
        return True

    def _get_my_commands(self, params: JSON) -> list[JSON]:
        return self._commands.get(self._commands_key(params), [])

    def _delete_my_commands(self, params: JSON) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _send_message(self, params: JSON) -> JSON:
        chat = self._writable_chat(params)
        text, entities = self._format(params, "text", TEXT_LIMIT, required=True)
        markup = self._markup(params)
        message = self._bot_message(chat, params)
        message["text"] = text
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _edit_message_text(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            self._format(params, "text", TEXT_LIMIT, required=True)
            self._markup(params)
            return True
        stored = self._stored(params, "message to edit not found")
        if stored["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        if "text" not in stored:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._format(params, "text", TEXT_LIMIT, required=True)
        markup = self._markup(params)
        if (
            text == stored["text"]
            and entities == stored.get("entities", [])
            and markup == stored.get("reply_markup")
        ):
            raise bad_request(_NOT_MODIFIED)
        stored["text"] = text
        _set_or_drop(stored, "entities", entities)
        _set_or_drop(stored, "reply_markup", markup)
        stored["edit_date"] = int(time.time())
        return stored

    def _edit_message_reply_markup(self, params: JSON) -> JSON | bool:
        if params.get("inline_message_id"):
            self._markup(params)
            return True
        stored = self._stored(params, "message to edit not found")
        if stored["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message can't be edited")
        markup = self._markup(params)
        if markup == stored.get("reply_markup"):
            raise bad_request(_NOT_MODIFIED)
        _set_or_drop(stored, "reply_markup", markup)
        stored["edit_date"] = int(time.time())
        return stored

    def _answer_callback_query(self, params: JSON) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._callback_ids:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        self._callback_ids.discard(query_id)
        return True

    def _send_chat_action(self, params: JSON) -> bool:
        self._writable_chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        return True

    def _send_document(self, params: JSON) -> JSON:
        chat = self._writable_chat(params)
        document = params.get("document")
        if isinstance(document, UploadedFile):
            if not document.content:
                raise bad_request("file must be non-empty")
            meta = self._register_file(document.filename, document.content_type, document.content)
        elif isinstance(document, str) and document:
            known = self._files.get(document)
            meta = (
                dict(known[0])
                if known
                else {
                    "file_id": document,
                    "file_unique_id": f"AgAD{abs(hash(document)) % 10**8:08d}",
                    "file_name": document.rsplit("/", 1)[-1],
                }
            )
        else:
            raise bad_request("there is no document in the request")
        caption, caption_entities = self._format(params, "caption", CAPTION_LIMIT, required=False)
        markup = self._markup(params)
        message = self._bot_message(chat, params)
        message["document"] = {k: v for k, v in meta.items() if k != "file_path"}
        if caption:
            message["caption"] = caption
        if caption_entities:
            message["caption_entities"] = caption_entities
        if markup:
            message["reply_markup"] = markup
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _delete_message(self, params: JSON) -> bool:
        stored = self._stored(params, "message to delete not found")
        del self._messages[(stored["chat"]["id"], stored["message_id"])]
        return True

    def _get_chat(self, params: JSON) -> JSON:
        chat = copy.deepcopy(self._chat(params.get("chat_id")))
        chat.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return chat

    def _get_file(self, params: JSON) -> JSON:
        known = self._files.get(str(params.get("file_id")))
        if known is None:
            raise bad_request("invalid file_id")
        meta = known[0]
        if meta["file_size"] > FILE_DOWNLOAD_LIMIT:
            raise bad_request("file is too big")
        return {k: meta[k] for k in ("file_id", "file_unique_id", "file_size", "file_path")}


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _suffix(filename: str) -> str:
    _, dot, ext = filename.rpartition(".")
    return f".{ext}" if dot and ext.isalnum() else ""


def _without_reply(message: JSON) -> JSON:
    """A copy fit for ``reply_to_message`` (Telegram does not nest replies)."""
    return {k: copy.deepcopy(v) for k, v in message.items() if k != "reply_to_message"}


def _set_or_drop(target: JSON, key: str, value: Any) -> None:
    if value:
        target[key] = value
    else:
        target.pop(key, None)


@pytest.fixture
def fake_api() -> Iterator[FakeBotApi]:
    """A started FakeBotApi, stopped after the test."""
    with FakeBotApi() as api:
        yield api
