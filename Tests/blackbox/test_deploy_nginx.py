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
import subprocess
import tempfile

import pytest

from conftest import Daemon, schedule_session
from reverse_proxy import DEFAULT_BODY_LIMIT, HOST, free_port, make_certificate, post_body
from reverse_proxy import swapped as swapped_in
from reverse_proxy import open_wss, with_this_machine
from reviewroomd import ROOT

EXAMPLE = ROOT / "Deploy" / "nginx-reviewroom.conf"
NGINX = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)

pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt-get install nginx)")


def nginx_version():
    banner = subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr
    return tuple(int(part) for part in re.search(r"nginx/(\d+)\.(\d+)\.(\d+)", banner).groups())


def swapped(text, old, new):
    return swapped_in(EXAMPLE, text, old, new)


def site_config(work, upstream_port, http_port, https_port):
    """The example with this machine's parts; on nginx 1.25.1 and later, as its comment says."""
    text = with_this_machine(EXAMPLE, work, "/var/log/nginx/reviewroom.log")
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
    make_certificate(work)
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


def test_the_example_proxies_a_websocket_join_from_the_public_origin(proxied):
    """Upgrade, Connection and Origin reach the daemon: a browser-like join (Origin = public_url,
    as nginx passes it on) is welcomed, over TLS through nginx."""
    daemon, port, certificate = proxied
    session = schedule_session(daemon, "Behind nginx", "Does the proxy pass WebSockets?")

    async def join():
        client = await open_wss(port, certificate)
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
