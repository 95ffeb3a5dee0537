"""The bundled partner-system simulator: a journal system's REST API on localhost.

``GET /api/v1/<partner>/<endpoint>?page=1&page_size=500&updated_since=<iso>`` with
``Authorization: Bearer <token>`` answers ``{"data": [...], "page": 1, "total_pages": n}`` from
``<data_dir>/<partner>/<endpoint>.jsonl`` (written by the demo generator), only records whose
``updated_at`` is after ``updated_since``. ``<data_dir>/faults.json`` makes it misbehave the way
real APIs do, for the tests: ``{"<partner>/<endpoint>": {"page": 2, "kind": "500" | "timeout" |
"malformed" | "missing" | "flaky"}}`` (flaky: one 503, then fine).
"""

from __future__ import annotations

import json
import math
import os
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

DEMO_TOKEN_ENV = "JOURNAL_API_TOKEN"
DEMO_URL_ENV = "JOURNAL_API_URL"
DEMO_TOKEN = "demo-journal-token"  # the simulator's local demo credential, not a secret
PREFIX = "/api/v1/"


class PartnerApiSimulator:
    def __init__(self, data_dir: Path, token: str = DEMO_TOKEN, port: int = 0):
        self.data_dir = data_dir
        self.token = token
        self.flaky_served: set[str] = set()
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                simulator.handle(self)

            def log_message(self, *_):  # keep test and demo output quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL to put in JOURNAL_API_URL (the config's {partner} placeholder kept)."""
        return f"http://127.0.0.1:{self.server.server_port}{PREFIX}{{partner}}"

    def start(self) -> PartnerApiSimulator:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _records(self, partner: str, endpoint: str) -> list[dict] | None:
        path = self.data_dir / partner / f"{endpoint}.jsonl"
        if not path.is_file() or "/" in endpoint or ".." in partner:
            return None
        with path.open(encoding="utf-8") as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def _fault(self, key: str, page: int) -> str | None:
        faults_file = self.data_dir / "faults.json"
        if not faults_file.is_file():
            return None
        fault = json.loads(faults_file.read_text()).get(key)
        if not fault or int(fault.get("page", 1)) != page:
            return None
        return fault["kind"]

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        url = urlparse(request.path)
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return _send(request, HTTPStatus.UNAUTHORIZED, {"error": "invalid token"})
        if not url.path.startswith(PREFIX) or url.path.count("/") != 4:
            return _send(request, HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})
        partner, endpoint = url.path[len(PREFIX) :].split("/")
        query = parse_qs(url.query)
        page = int(query.get("page", ["1"])[0])
        size = int(query.get("page_size", ["500"])[0])
        since = query.get("updated_since", [""])[0]
        records = self._records(partner, endpoint)
        if records is None:
            return _send(request, HTTPStatus.NOT_FOUND, {"error": "no such endpoint"})
        fault = self._fault(f"{partner}/{endpoint}", page)
        if fault == "500":
            return _send(request, HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "boom"})
        if fault == "flaky" and f"{partner}/{endpoint}/{page}" not in self.flaky_served:
            self.flaky_served.add(f"{partner}/{endpoint}/{page}")
            return _send(request, HTTPStatus.SERVICE_UNAVAILABLE, {"error": "try again"})
        if fault == "timeout":
            time.sleep(3)
        if fault == "missing":
            return _send(request, HTTPStatus.NOT_FOUND, {"error": "page not found"})
        if fault == "malformed":
            body = b'{"data": [{"clientId": "A1", "birthYear": 20'
            request.send_response(HTTPStatus.OK)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
            return None
        if since:
            records = [r for r in records if r.get("updated_at", "") > since]
        total = math.ceil(len(records) / size) if records else 0
        chunk = records[(page - 1) * size : page * size]
        return _send(request, HTTPStatus.OK, {"data": chunk, "page": page, "total_pages": total})


def _send(request: BaseHTTPRequestHandler, status: HTTPStatus, payload: dict) -> None:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    try:
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
        pass


def start_partner_api(data_dir: Path, port: int = 0) -> PartnerApiSimulator:
    """Start the simulator and point the journal-API config at it (token and URL variables)."""
    os.environ.setdefault(DEMO_TOKEN_ENV, DEMO_TOKEN)
    simulator = PartnerApiSimulator(data_dir, token=os.environ[DEMO_TOKEN_ENV], port=port).start()
    os.environ[DEMO_URL_ENV] = simulator.url
    return simulator
