"""
Reading what an import is pointed at: a local file or an http(s) URL, with a
time limit per read and for the whole download, a size cap, and clear errors
for empty, undecodable or unreachable input.
"""

import contextlib
import http.client
import socket
import tempfile
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

from django.conf import settings


class InputError(Exception):
    """The whole input is unusable; the message says why."""


@dataclass
class Input:
    """An import's input, readable as many times as the parsers need."""

    name: str  # the path or URL, for messages
    path: Path  # a local file (URLs are downloaded to a temporary one)
    base_dir: Path | None  # where files the input names (photos) may be found

    def open(self) -> IO[bytes]:
        return self.path.open("rb")

    def head(self, size: int = 65536) -> bytes:
        with self.open() as stream:
            return stream.read(size)

    def read_bytes(self) -> bytes:
        return self.path.read_bytes()

    def read_text(self) -> str:
        """The whole input as UTF-8 text (a BOM is dropped), or a clear error."""
        return decode_utf8(self.read_bytes(), self.name)

    def iter_lines(self):
        """(line number, text) pairs decoded as UTF-8, one at a time."""
        with self.open() as stream:
            for number, raw in enumerate(stream, start=1):
                if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                yield number, decode_utf8(raw, f"{self.name}, line {number}")


def decode_utf8(data: bytes, where: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(
            f"{where}: not valid UTF-8 (byte {error.start}, line {line}). "
            "Convert the file to UTF-8 (for example with iconv) and import it again."
        ) from None
    return text.removeprefix("\ufeff")


def open_input(location: str, *, stack) -> Input:
    """
    Resolve a path or URL to an Input. Downloads live in temporary files
    registered on ``stack`` (a contextlib.ExitStack) and vanish with it.
    """
    scheme = urlsplit(location).scheme.lower()
    if scheme in ("http", "https"):
        temporary = stack.enter_context(tempfile.NamedTemporaryFile(prefix="newsroom-import-"))  # noqa: SIM115
        try:
            download(location, temporary)
        except InputError:
            temporary.close()  # no partial download stays behind while other inputs import
            raise
        return _checked(Input(name=location, path=Path(temporary.name), base_dir=None))
    if scheme and len(scheme) > 1:  # "C:" is a Windows drive, not a scheme
        raise InputError(f"{location}: only http and https addresses can be imported, not {scheme}:.")
    path = Path(location)
    if not path.is_file():
        raise InputError(f"{location}: no such file.")
    return _checked(Input(name=location, path=path, base_dir=path.parent))


def download(
    url: str, destination: IO[bytes], *, max_bytes: int | None = None, headers: dict[str, str] | None = None
) -> Message | None:
    """
    Copy an http(s) resource to destination, refusing slow, failing and oversized
    answers; return the answer's headers, or None for a 304 (``headers`` may ask
    conditionally). Each read waits at most NEWSROOM_IMPORT_TIMEOUT seconds and the
    whole download NEWSROOM_IMPORT_DOWNLOAD_TIMEOUT: a server trickling a byte
    at a time is cut off too.
    """
    max_bytes = max_bytes or settings.NEWSROOM_IMPORT_MAX_BYTES
    limit = settings.NEWSROOM_IMPORT_DOWNLOAD_TIMEOUT
    deadline = _Deadline(limit)
    request = urllib.request.Request(url, headers={"User-Agent": "Newsroom importer", **(headers or {})})
    opener = urllib.request.build_opener(
        _HttpOnlyRedirects, _WatchedHTTPHandler(deadline), _WatchedHTTPSHandler(deadline)
    )
    try:
        with deadline, opener.open(request, timeout=settings.NEWSROOM_IMPORT_TIMEOUT) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise InputError(f"{url}: {int(declared)} bytes is more than the {max_bytes}-byte limit.")
            received = 0
            while chunk := response.read1(64 * 1024):
                received += len(chunk)
                if received > max_bytes:
                    raise InputError(f"{url}: more than the {max_bytes}-byte limit.")
                destination.write(chunk)
        if deadline.expired:  # the cut-off connection read as a short answer
            raise deadline.error(url)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return None
        raise InputError(f"{url}: the server answered {error.code} {error.reason}.") from None
    except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as error:
        if deadline.expired:
            raise deadline.error(url) from None
        reason = getattr(error, "reason", error)
        raise InputError(f"{url}: could not be fetched ({reason}).") from None
    destination.flush()
    return response.headers


class _Deadline:
    """Shuts down every connection of one download when its time is up."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc_info):
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def error(self, url: str) -> InputError:
        return InputError(
            f"{url}: the download took longer than the {self.seconds:g}-second limit "
            "(NEWSROOM_IMPORT_DOWNLOAD_TIMEOUT); nothing of it was kept."
        )

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)  # wakes a read blocked on it, as close() would not


class _Watched:
    """An http(s) handler whose connections a _Deadline can cut off."""

    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def do_open(self, http_class, req, **kwargs):
        deadline = self.deadline

        class Connection(http_class):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        return super().do_open(Connection, req, **kwargs)


class _WatchedHTTPHandler(_Watched, urllib.request.HTTPHandler):
    pass


class _WatchedHTTPSHandler(_Watched, urllib.request.HTTPSHandler):
    pass


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http and https: never to file:, ftp: or anything else."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise InputError(f"{req.full_url}: redirected to a non-http address ({newurl}).")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _checked(item: Input) -> Input:
    if item.path.stat().st_size == 0:
        raise InputError(f"{item.name}: the file is empty.")
    if not item.head(4096).strip():
        raise InputError(f"{item.name}: the file holds only blank space.")
    return item
