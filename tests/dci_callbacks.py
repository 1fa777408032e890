"""A programme's callback server for tests: a real HTTP server on 127.0.0.1 that
keeps what it receives and may fail on purpose."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    """Receives callbacks; `fail` lists HTTP statuses to answer first, in turn."""

    def __init__(self):
        self.received: list[tuple[int, dict]] = []  # (status answered, body)
        self.times: list[float] = []  # when each was received
        self.fail: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status = receiver.fail.pop(0) if receiver.fail else 200
                receiver.received.append((status, body))
                receiver.times.append(time.time())
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.uri = f"http://127.0.0.1:{self.server.server_port}/dci/callback"

    def accepted(self, action: str) -> list[dict]:
        """The bodies of one action that were answered with success."""
        return [
            body
            for status, body in self.received
            if status == 200 and body["header"]["action"] == action
        ]

    def close(self) -> None:
        """Stop the server."""
        self.server.shutdown()
        self.server.server_close()
