"""Pulling one entity from a partner's REST API: bearer token, pages, incremental cursor.

httpx does the HTTP and tenacity the retries (exponential backoff on 5xx, timeouts and broken
connections). A pull is all-or-nothing: if any page fails after the last retry, is missing or is
not valid JSON, nothing from the pull is loaded and the cursor does not move, so the next pull
asks again for the same records.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import httpx
import tenacity

from pipelines.ingest.partners import ApiSource


class ApiPullError(RuntimeError):
    """A pull that failed; the message names the endpoint, the page and what to do."""


class _Retryable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Pull:
    records: list[dict]
    cursor: str | None  # the largest cursor value seen, to send next time
    pages: int

    def body(self) -> bytes:
        """The pulled records as canonical JSON lines: the bytes that are landed and checksummed."""
        return "".join(
            json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in self.records
        ).encode("utf-8")


def pull(source: ApiSource, partner: str, endpoint: str, since: str | None) -> Pull:
    token = os.environ.get(source.token_env)
    if not token:
        raise ApiPullError(
            f"no API token: set the environment variable {source.token_env} "
            "(named by source.token_env in the partner config)"
        )
    base_url = os.environ.get(source.base_url_env or "") or source.base_url
    base = base_url.format(partner=partner).rstrip("/")
    url = f"{base}/{endpoint.lstrip('/')}"
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    records: list[dict] = []
    with httpx.Client(timeout=source.timeout_seconds, headers=headers) as client:
        page, total = 1, 1
        while page <= total:
            params = {source.page_param: page, "page_size": source.page_size}
            if since:
                params[source.cursor_param] = since
            payload = _get_page(client, source, url, params, page)
            data = payload.get(source.data_key)
            if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
                raise ApiPullError(
                    f"{endpoint} page {page}: '{source.data_key}' is not a list of records; "
                    "check source.data_key in the partner config"
                )
            total = int(payload.get(source.total_pages_key) or 0)
            if page < total and not data:
                raise ApiPullError(f"{endpoint} page {page} of {total} came back empty")
            records.extend(data)
            page += 1
    cursors = [str(r[source.cursor_field]) for r in records if r.get(source.cursor_field)]
    return Pull(records=records, cursor=max(cursors, default=since), pages=page - 1)


def _get_page(client: httpx.Client, source: ApiSource, url: str, params: dict, page: int) -> dict:
    endpoint = url.rsplit("/", 1)[-1]

    @tenacity.retry(
        retry=tenacity.retry_if_exception_type(_Retryable),
        stop=tenacity.stop_after_attempt(source.retries + 1),
        wait=tenacity.wait_exponential(multiplier=source.backoff_seconds, max=30),
        reraise=True,
    )
    def attempt() -> httpx.Response:
        try:
            response = client.get(url, params=params)
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {source.timeout_seconds:g} s") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from None
        if response.status_code >= 500:
            raise _Retryable(f"server error HTTP {response.status_code}")
        return response

    try:
        response = attempt()
    except _Retryable as exc:
        raise ApiPullError(
            f"{endpoint} page {page}: {exc.reason}, still failing after {source.retries + 1} "
            "attempts; nothing from this pull was loaded, the next pull retries it"
        ) from None
    if response.status_code in (401, 403):
        raise ApiPullError(
            f"{endpoint}: HTTP {response.status_code}, the token was refused; renew the token in "
            f"${source.token_env}"
        )
    if response.status_code == 404:
        raise ApiPullError(f"{endpoint} page {page} is missing (HTTP 404); the pull is incomplete")
    if response.status_code >= 400:
        raise ApiPullError(f"{endpoint} page {page}: HTTP {response.status_code}")
    try:
        payload = response.json()
    except ValueError:
        raise ApiPullError(f"{endpoint} page {page} is not valid JSON") from None
    if not isinstance(payload, dict):
        raise ApiPullError(f"{endpoint} page {page}: expected a JSON object with the records")
    return payload
