"""
deploy/nginx.conf, run by the real nginx in front of a live Django server: the
micro-cache, its bypasses, compression, and the headers on uploaded files.
The deploy file is used as it is, with only its addresses and folders changed
for local ports and temporary folders.
"""

import getpass
import grp
import gzip
import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from django.test import LiveServerTestCase

from tests.tools import require

ROOT = Path(__file__).resolve().parent.parent.parent
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
MIME_TYPES = Path("/etc/nginx/mime.types")

MAIN_CONF = """
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
    include {mime_types};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/newsroom.conf;
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_site_conf(*, listen: int, app: int, tmp: Path, static: Path, media: Path) -> str:
    """deploy/nginx.conf with the container's addresses and folders replaced by local ones."""
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    for old, new in {
        "listen 80;": f"listen 127.0.0.1:{listen};",
        "server web:8000;": f"server 127.0.0.1:{app};",
        "/var/cache/nginx/micro": str(tmp / "cache"),
        "/data/static/": f"{static}/",
        "/data/media/": f"{media}/",
    }.items():
        assert text.count(old) == 1, f"deploy/nginx.conf no longer has {old!r} once"
        text = text.replace(old, new)
    return text


class NginxTests(LiveServerTestCase):
    @classmethod
    def setUpClass(cls):
        require(
            NGINX is not None and MIME_TYPES.exists(),
            "nginx is missing: the deploy/nginx.conf tests need it (apt-get install nginx-light).",
        )
        super().setUpClass()
        cls.tmp = Path(tempfile.mkdtemp(prefix="newsroom-nginx-"))
        cls.addClassCleanup(shutil.rmtree, cls.tmp, ignore_errors=True)
        cls.static, cls.media = cls.tmp / "static", cls.tmp / "media"
        (cls.static / "newsroom").mkdir(parents=True)
        (cls.media / "photos").mkdir(parents=True)
        cls.port = free_port()
        site = render_site_conf(
            listen=cls.port, app=cls.server_thread.port, tmp=cls.tmp, static=cls.static, media=cls.media
        )
        (cls.tmp / "newsroom.conf").write_text(site)
        # Run as root (CI), nginx's workers would become "nobody"; keep them the current user.
        user = f"user {getpass.getuser()} {grp.getgrgid(os.getgid()).gr_name};" if os.geteuid() == 0 else ""
        (cls.tmp / "nginx.conf").write_text(MAIN_CONF.format(tmp=cls.tmp, user=user, mime_types=MIME_TYPES))
        cls.nginx = subprocess.Popen(
            [NGINX, "-p", str(cls.tmp), "-c", str(cls.tmp / "nginx.conf"), "-e", str(cls.tmp / "error.log")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        cls.addClassCleanup(cls._stop_nginx)
        cls._wait_for_nginx()

    @classmethod
    def _stop_nginx(cls):
        cls.nginx.terminate()
        cls.nginx.wait(timeout=10)

    @classmethod
    def _wait_for_nginx(cls):
        for _ in range(200):  # at most ten seconds
            if cls.nginx.poll() is not None:
                raise RuntimeError("nginx did not start:\n" + (cls.tmp / "error.log").read_text())
            try:
                socket.create_connection(("127.0.0.1", cls.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("nginx did not answer within ten seconds")

    def fetch(self, path, *, method="GET", headers=None, body=None):
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            client.request(method, path, body=body, headers=headers or {})
            response = client.getresponse()
            return response, response.read()
        finally:
            client.close()

    def test_an_anonymous_page_comes_from_the_micro_cache_the_second_time(self):
        first, first_body = self.fetch("/vi/?case=anonymous")
        second, second_body = self.fetch("/vi/?case=anonymous")
        self.assertEqual(first.status, 200)
        self.assertEqual(first.getheader("X-Cache-Status"), "MISS")
        self.assertEqual(second.getheader("X-Cache-Status"), "HIT")
        self.assertEqual(second_body, first_body)

    def test_an_editors_request_is_never_answered_from_the_cache_nor_stored(self):
        self.fetch("/vi/?case=editor")
        self.assertEqual(self.fetch("/vi/?case=editor")[0].getheader("X-Cache-Status"), "HIT")
        for _ in range(2):
            response, _body = self.fetch("/vi/?case=editor", headers={"Cookie": "csrftoken=a; sessionid=abc"})
            self.assertEqual(response.getheader("X-Cache-Status"), "BYPASS")
        # Other cookies (a reader's preferences, analytics) do not stop the cache.
        response, _body = self.fetch("/vi/?case=editor", headers={"Cookie": "theme=dark"})
        self.assertEqual(response.getheader("X-Cache-Status"), "HIT")

    def test_a_post_goes_to_the_app(self):
        self.fetch("/vi/?case=post")
        self.assertEqual(self.fetch("/vi/?case=post")[0].getheader("X-Cache-Status"), "HIT")
        response, _body = self.fetch(
            "/vi/?case=post",
            method="POST",
            body="q=1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        # nginx leaves a POST out of the cache altogether, so it reports no cache status at all.
        self.assertIsNone(response.getheader("X-Cache-Status"))
        self.assertEqual(response.status, 403)  # the app's answer (no CSRF token), not the cached page

    def test_the_admin_is_never_cached(self):
        for _ in range(2):
            response, body = self.fetch("/admin/login/")
            self.assertEqual(response.status, 200)
            self.assertIsNone(response.getheader("X-Cache-Status"))
        self.assertIn(b"csrfmiddlewaretoken", body)

    def test_html_is_gzip_compressed_when_the_browser_asks(self):
        response, body = self.fetch("/vi/?case=gzip", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        self.assertIn(b"<html", gzip.decompress(body))
        plain, plain_body = self.fetch("/vi/?case=gzip")
        self.assertIsNone(plain.getheader("Content-Encoding"))
        self.assertEqual(plain_body, gzip.decompress(body))

    def test_an_uploaded_file_is_served_by_nginx_with_its_content_security_policy(self):
        (self.media / "photos" / "a.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a photo")
        response, body = self.fetch("/media/photos/a.jpg")
        self.assertEqual(response.status, 200)
        self.assertEqual(body, b"\xff\xd8\xff\xe0 not really a photo")
        self.assertIn("sandbox", response.getheader("Content-Security-Policy"))
        self.assertIn("default-src 'none'", response.getheader("Content-Security-Policy"))
        self.assertEqual(response.getheader("X-Content-Type-Options"), "nosniff")

    def test_static_files_are_served_pre_compressed_and_kept_for_a_year(self):
        css = b"body { color: #222; }\n" * 100
        (self.static / "newsroom" / "site.0123abcd.css").write_bytes(css)
        (self.static / "newsroom" / "site.0123abcd.css.gz").write_bytes(gzip.compress(css))
        response, body = self.fetch("/static/newsroom/site.0123abcd.css", headers={"Accept-Encoding": "gzip"})
        self.assertEqual(response.status, 200)
        self.assertEqual(response.getheader("Content-Encoding"), "gzip")
        self.assertEqual(gzip.decompress(body), css)
        self.assertIn("immutable", response.getheader("Cache-Control"))
