"""A small CKAN-compatible HTTP server for the publisher's tests (127.0.0.1, ephemeral port).

Implements package_show, package_create, package_patch, resource_create (JSON or multipart with upload)
and resource_patch (multipart upload), with CKAN's error envelopes: 403 Authorization Error, 404 Not Found
Error, 409 Validation Error; ``fail_next(action, "500" | "timeout")`` injects a server error or a reply
that comes too late. Every request is recorded (method, action, headers, JSON body or form fields and
files) so tests can assert the conversation request by request.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WRITE_ACTIONS = {"package_create", "package_patch", "resource_create", "resource_patch"}
KNOWN_LICENCES = {
    "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    "http://creativecommons.org/licenses/by/4.0/deed.nl",
}


@dataclass
class RecordedRequest:
    method: str
    action: str
    headers: dict
    json: dict | None = None
    form: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # name -> (filename, bytes, content type)

    @property
    def is_multipart(self) -> bool:
        return self.headers.get("content-type", "").startswith("multipart/form-data")


class FakeCkan:
    def __init__(self, api_key: str = "test-api-key-123", organisations=("gemeente-dordrecht",)):
        self.api_key = api_key
        self.organisations = set(organisations)
        self.packages: dict[str, dict] = {}
        self.uploads: dict[str, bytes] = {}
        self.requests: list[RecordedRequest] = []
        self.failures: dict[str, list[str]] = {}
        self.slow_reply_s = 10.0  # released at once by stop()
        self._release = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self.url = ""

    # -- control -----------------------------------------------------------------------------------------
    def start(self) -> str:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake._handle(self, "GET")

            def do_POST(self):
                fake._handle(self, "POST")

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # client gone after a time-out
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        return self.url

    def stop(self) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def fail_next(self, action: str, kind: str) -> None:
        self.failures.setdefault(action, []).append(kind)

    def actions(self) -> list[str]:
        return [r.action for r in self.requests]

    # -- HTTP ---------------------------------------------------------------------------------------------
    def _handle(self, handler: BaseHTTPRequestHandler, method: str) -> None:
        match = re.fullmatch(r"/api/action/([a-z_]+)(\?.*)?", handler.path)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in handler.headers.items()}
        record = RecordedRequest(method, match.group(1) if match else handler.path, headers)
        if headers.get("content-type", "").startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + headers["content-type"].encode() + b"\r\n\r\n" + body
            )
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                payload = part.get_payload(decode=True)
                if part.get_filename():
                    record.files[name] = (part.get_filename(), payload, part.get_content_type())
                else:
                    record.form[name] = payload.decode("utf-8")
        elif body:
            try:
                record.json = json.loads(body)
            except ValueError:
                record.json = None
        self.requests.append(record)
        if not match:
            return self._reply(
                handler,
                404,
                {"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}},
            )
        action = record.action
        pending = self.failures.get(action)
        if pending:
            kind = pending.pop(0)
            if kind == "500":
                return self._reply(handler, 500, None, raw=b"<html><body>Internal Server Error</body></html>")
            if kind == "timeout":
                self._release.wait(self.slow_reply_s)
        if action in WRITE_ACTIONS and headers.get("authorization") != self.api_key:
            return self._error(
                handler,
                403,
                "Authorization Error",
                f"Access denied: User not authorized to {action.replace('_', ' ')}",
            )
        data = record.json if record.json is not None else dict(record.form)
        try:
            result = getattr(self, f"_{action}")(data, record)
        except AttributeError:
            return self._error(handler, 400, "Bad request", f"Action name not known: {action}")
        except _FailError as failure:
            return self._reply(handler, failure.status, {"success": False, "error": failure.error})
        return self._reply(handler, 200, {"success": True, "result": result})

    def _reply(self, handler, status: int, document, raw: bytes | None = None) -> None:
        payload = raw if raw is not None else json.dumps(document).encode()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "text/html" if raw is not None else "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
        except OSError:
            pass

    def _error(self, handler, status: int, kind: str, message: str) -> None:
        self._reply(handler, status, {"success": False, "error": {"__type": kind, "message": message}})

    # -- actions ------------------------------------------------------------------------------------------
    def _find(self, key: str) -> dict | None:
        for package in self.packages.values():
            if key in (package["id"], package["name"]):
                return package
        return None

    def _package_show(self, data, record):
        package = self._find(str(data.get("id", "")))
        if package is None:
            raise _FailError(404, {"__type": "Not Found Error", "message": "Not found"})
        return package

    def _validate_package(self, data, creating: bool):
        errors = {}
        for key in ("title", "notes", "identifier", "license_id", "owner_org"):
            if creating and not data.get(key):
                errors[key] = ["Missing value"]
        name = data.get("name", "")
        if creating and not re.fullmatch(r"[a-z0-9_-]{2,100}", name or ""):
            errors["name"] = [
                "Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_"
            ]
        if creating and name in self.packages:
            errors["name"] = ["That URL is already in use."]
        if data.get("license_id") and data["license_id"] not in KNOWN_LICENCES:
            errors["license_id"] = ["License not found"]
        if data.get("owner_org") and data["owner_org"] not in self.organisations:
            errors["owner_org"] = ["Organization does not exist"]
        if errors:
            raise _FailError(409, {"__type": "Validation Error", **errors})

    def _package_create(self, data, record):
        self._validate_package(data, True)
        package = dict(data, id=str(uuid.uuid4()), resources=[], state="active")
        self.packages[package["name"]] = package
        return package

    def _package_patch(self, data, record):
        package = self._find(str(data.get("id", "")))
        if package is None:
            raise _FailError(404, {"__type": "Not Found Error", "message": "Not found"})
        self._validate_package(data, False)
        package.update({k: v for k, v in data.items() if k not in ("id", "resources")})
        return package

    def _resource_create(self, data, record):
        package = self._find(str(data.get("package_id", "")))
        if package is None:
            raise _FailError(409, {"__type": "Validation Error", "package_id": ["Not found: Dataset"]})
        if not data.get("name"):
            raise _FailError(409, {"__type": "Validation Error", "name": ["Missing value"]})
        resource = {k: v for k, v in data.items() if k != "upload"}
        resource.update(id=str(uuid.uuid4()), package_id=package["id"])
        self._store_upload(resource, package, record)
        package["resources"].append(resource)
        return resource

    def _resource_patch(self, data, record):
        for package in self.packages.values():
            for resource in package["resources"]:
                if resource["id"] == data.get("id"):
                    resource.update({k: v for k, v in data.items() if k not in ("upload", "id")})
                    self._store_upload(resource, package, record)
                    return resource
        raise _FailError(404, {"__type": "Not Found Error", "message": "Resource was not found."})

    def _store_upload(self, resource, package, record):
        if "upload" in record.files:
            filename, payload, _content_type = record.files["upload"]
            self.uploads[resource["id"]] = payload
            resource.update(
                url_type="upload",
                size=len(payload),
                url=f"{self.url}/dataset/{package['id']}/resource/{resource['id']}/download/{filename}",
            )


class _FailError(Exception):
    def __init__(self, status: int, error: dict):
        self.status = status
        self.error = error
