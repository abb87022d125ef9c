"""Deploy/nginx-reviewroom.conf in a real nginx (Debian's; skipped where it is not installed) in
front of a real reviewroomd. The example is used as shipped, with only its machine-specific
parts swapped: the certificate (a fresh self-signed one), the log path, the daemon's port and
nginx's own ports. nginx runs as a daemon of its own (its foreground command returns once its
listening sockets are open) and is stopped by its pid file."""
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import urllib.error
import urllib.request

import pytest
from websockets.asyncio.client import connect

from conftest import Daemon, schedule_session
from reviewroomd import ROOT
from wsclient import SUBPROTOCOL, TIMEOUT, Client

EXAMPLE = ROOT / "Deploy" / "nginx-reviewroom.conf"
HOST = "review.example.org"
DEFAULT_BODY_LIMIT = 1048576  # max_request_body_bytes in Deploy/reviewroom.conf
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")


def nginx_version():
    banner = subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr
    return tuple(int(part) for part in re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", banner).groups())


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def swapped(text, old, new):
    """`text` with every `old` replaced; the example must still contain it, or this test is stale."""
    assert old in text, f"{EXAMPLE.name} no longer contains {old!r}"
    return text.replace(old, new)


def site_config(work, upstream_port, http_port, https_port):
    """The example with this machine's parts; on nginx 1.25.1 and later, as its comment says."""
    text = EXAMPLE.read_text()
    text = swapped(text, f"/etc/letsencrypt/live/{HOST}/fullchain.pem", f"{work}/cert.pem")
    text = swapped(text, f"/etc/letsencrypt/live/{HOST}/privkey.pem", f"{work}/key.pem")
    text = swapped(text, "/var/log/nginx/reviewroom.log", f"{work}/access.log")
    text = swapped(text, "server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream_port};")
    text = swapped(text, "listen 80;", f"listen 127.0.0.1:{http_port};")
    text = swapped(text, "listen [::]:80;", f"listen [::1]:{http_port};")
    if nginx_version() >= (1, 25, 1):
        text = swapped(text, "listen 443 ssl http2;", "listen 443 ssl;")
        text = swapped(text, "listen [::]:443 ssl http2;", "listen [::]:443 ssl;")
        text = swapped(text, "#http2 on;", "http2 on;")
    text = swapped(text, "listen 443 ", f"listen 127.0.0.1:{https_port} ")
    return swapped(text, "listen [::]:443 ", f"listen [::1]:{https_port} ")


def main_config(work, site):
    """A minimal nginx.conf around the site (http context), everything nginx writes under `work`."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read `work` (mode 0700)
    temp = "".join(f"    {kind}_temp_path {work}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"{user}pid {work}/nginx.pid;\nerror_log {work}/error.log notice;\nworker_processes 1;\n"
            f"events {{ worker_connections 64; }}\nhttp {{\n{temp}    access_log off;\n    include {site};\n}}\n")


@pytest.fixture
def proxied():
    """(daemon, nginx's https port, the certificate) with nginx running the example."""
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-nginx-")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
                    "-keyout", f"{work}/key.pem", "-out", f"{work}/cert.pem"], check=True, capture_output=True)
    https_port = free_port()
    daemon = Daemon(work, {"REVIEWROOM_PUBLIC_URL": f"https://{HOST}:{https_port}"}).start()
    try:
        site = f"{work}/site.conf"
        with open(site, "w") as file:
            file.write(site_config(work, daemon.port, free_port(), https_port))
        with open(f"{work}/nginx.conf", "w") as file:
            file.write(main_config(work, site))
        checked = subprocess.run([NGINX, "-t", "-p", work, "-c", f"{work}/nginx.conf"], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0, checked.stderr
        assert "[warn]" not in checked.stderr and "[emerg]" not in checked.stderr, checked.stderr
        started = subprocess.run([NGINX, "-p", work, "-c", f"{work}/nginx.conf"], capture_output=True, text=True, timeout=30)
        assert started.returncode == 0, started.stderr
        try:
            yield daemon, https_port, f"{work}/cert.pem"
        finally:
            with open(f"{work}/nginx.pid") as file:
                os.kill(int(file.read()), signal.SIGQUIT)
    finally:
        daemon.stop()
        shutil.rmtree(work, ignore_errors=True)


def tls_to(certificate):
    """Trusts the test certificate (it names HOST and 127.0.0.1, where nginx listens)."""
    return ssl.create_default_context(cafile=certificate)


def post_body(port, certificate, size):
    """(status, headers, body) of a POST of `size` bytes to /api/v1/sessions through nginx."""
    request = urllib.request.Request(f"https://127.0.0.1:{port}/api/v1/sessions", data=b"{" + b" " * (size - 1),
                                     method="POST", headers={"Host": HOST, "Content-Type": "application/json"})
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=tls_to(certificate)))
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_the_example_proxies_a_websocket_join_from_the_public_origin(proxied):
    """Upgrade, Connection and Origin reach the daemon: a browser-like join (Origin = public_url,
    as nginx passes it on) is welcomed, over TLS through nginx."""
    daemon, port, certificate = proxied
    session = schedule_session(daemon, "Behind nginx", "Does the proxy pass WebSockets?")

    async def join():
        ws = await asyncio.wait_for(connect(
            f"wss://127.0.0.1:{port}/ws", subprotocols=[SUBPROTOCOL], origin=f"https://{HOST}:{port}",
            ssl=tls_to(certificate), max_size=None, ping_interval=None,
            open_timeout=TIMEOUT), TIMEOUT)
        client = Client(ws)
        try:
            await client.send({"type": "hello", "token": session.tokens["Asha"], "client": "blackbox/1"})
            return await client.receive()
        finally:
            await client.close()

    welcome = asyncio.run(join())
    assert welcome["type"] == "welcome", welcome
    assert welcome["you"]["id"] == session.pids["Asha"], welcome


def test_a_body_over_the_daemons_limit_gets_problem_json_and_one_at_the_limit_reaches_the_daemon(proxied):
    """nginx's client_max_body_size is the daemon's default max_request_body_bytes: a body one
    byte over is refused with a problem+json 413 like the daemon's (not nginx's HTML page), and
    a body of exactly the limit is passed on (the daemon answers 401: no token)."""
    _, port, certificate = proxied
    status, headers, body = post_body(port, certificate, DEFAULT_BODY_LIMIT + 1)
    assert status == 413, body
    assert headers["Content-Type"] == "application/problem+json", (headers, body)
    assert headers["X-Content-Type-Options"] == "nosniff", headers
    problem = json.loads(body)
    assert problem["status"] == 413 and problem["title"] == "Content Too Large", problem
    assert str(DEFAULT_BODY_LIMIT) in problem["detail"], problem
    status, headers, body = post_body(port, certificate, DEFAULT_BODY_LIMIT)
    assert status == 401, (status, body)
    assert headers["Content-Type"] == "application/problem+json", (headers, body)
