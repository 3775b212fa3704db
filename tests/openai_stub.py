"""A small OpenAI-compatible chat completions server on 127.0.0.1, for tests and benchmarks.

POST /v1/chat/completions answers `reply` after `delay` seconds, as one JSON body or, when the
request asks to stream, as server-sent events ending in `data: [DONE]`. Each request's
Authorization header, model and messages are recorded.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class StubRequest:
    """What one request carried."""

    authorization: str | None
    model: str
    messages: list[dict[str, Any]]
    stream: bool
    body: dict[str, Any] = field(repr=False)


class OpenAIStub:
    """The server; use as a context manager, read `url` ("http://127.0.0.1:<port>")."""

    def __init__(self, reply: str = "", delay: float = 0.0) -> None:
        self.reply = reply
        self.delay = delay
        self.requests: list[StubRequest] = []
        self._closing = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Base URL of the server (append "/v1" for an OpenAI client)."""
        return f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> OpenAIStub:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._closing.set()  # ends pending delays at once
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out at once, as servers do

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests read the recorded requests instead."""

            def do_POST(self) -> None:
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self.send_error(404)
                    return
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                stub.requests.append(
                    StubRequest(
                        authorization=self.headers.get("Authorization"),
                        model=body.get("model", ""),
                        messages=body.get("messages", []),
                        stream=bool(body.get("stream")),
                        body=body,
                    )
                )
                if stub.delay and stub._closing.wait(stub.delay):
                    return
                if body.get("stream"):
                    self._stream(body.get("model", ""))
                else:
                    self._json(body.get("model", ""))

            def _json(self, model: str) -> None:
                payload = json.dumps(
                    {
                        "id": "chatcmpl-stub",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": model,
                        "choices": [
                            {
                                "index": 0,
                                "message": {"role": "assistant", "content": stub.reply},
                                "finish_reason": "stop",
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def _stream(self, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                self.close_connection = True
                pieces = [p for p in re.split(r"(\s+)", stub.reply) if p]
                deltas = [{"role": "assistant", "content": ""}]
                deltas += [{"content": piece} for piece in pieces]
                for delta in deltas:
                    self._event(model, delta, None)
                self._event(model, {}, "stop")
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()

            def _event(self, model: str, delta: dict[str, str], finish: str | None) -> None:
                chunk = {
                    "id": "chatcmpl-stub",
                    "object": "chat.completion.chunk",
                    "created": int(time.time()),
                    "model": model,
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()

        return Handler
