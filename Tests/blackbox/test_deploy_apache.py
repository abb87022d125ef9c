"""Deploy/apache-reviewroom.conf in a real Apache (Debian's apache2-bin; skipped where it is not
installed) in front of a real reviewroomd. The example is used as shipped, with only its
machine-specific parts swapped: the certificate (a fresh self-signed one), the log path, the
daemon's port and Apache's own ports. A minimal main configuration loads the modules the
example's comment tells an administrator to enable. Apache runs as a daemon of its own
(`-k start` returns once its listening sockets are open) and is stopped by its pid file."""
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile

import pytest

from conftest import Daemon, schedule_session
from reverse_proxy import DEFAULT_BODY_LIMIT, HOST, free_port, https_request, make_certificate, post_body
from reverse_proxy import swapped as swapped_in
from reverse_proxy import open_wss, with_this_machine
from reviewroomd import ROOT
from wsclient import TIMEOUT

EXAMPLE = ROOT / "Deploy" / "apache-reviewroom.conf"
APACHE = shutil.which("apache2") or next((p for p in ("/usr/sbin/apache2",) if os.access(p, os.X_OK)), None)
MODULES = "/usr/lib/apache2/modules"
# What `a2enmod ssl headers proxy proxy_http proxy_wstunnel` enables, with what they need, and
# what Debian's apache2.conf loads anyway (an MPM, access control).
LOADED = ["mpm_event", "authz_core", "socache_shmcb", "ssl", "headers", "proxy", "proxy_http", "proxy_wstunnel", "alias"]

pytestmark = pytest.mark.skipif(APACHE is None, reason="Apache is not installed (apt-get install apache2-bin)")


def swapped(text, old, new):
    return swapped_in(EXAMPLE, text, old, new)


def site_config(work, upstream_port, http_port, https_port):
    text = with_this_machine(EXAMPLE, work, "/var/log/apache2/reviewroom.log")
    text = swapped(text, "http://127.0.0.1:8080/", f"http://127.0.0.1:{upstream_port}/")
    text = swapped(text, "<VirtualHost *:80>", f"<VirtualHost 127.0.0.1:{http_port}>")
    return swapped(text, "<VirtualHost *:443>", f"<VirtualHost 127.0.0.1:{https_port}>")


def main_config(work, site, http_port, https_port):
    """A minimal apache2.conf around the site, everything Apache writes under `work`."""
    modules = "".join(f"LoadModule {name}_module {MODULES}/mod_{name}.so\n" for name in LOADED)
    # Running as root, Apache's children take another user; everything they touch is the parent's.
    user = "User nobody\nGroup nogroup\n" if os.geteuid() == 0 else ""
    return (f"ServerRoot {work}\nServerName localhost\n{modules}{user}PidFile {work}/apache.pid\n"
            f"DefaultRuntimeDir {work}\nMutex sem default\nErrorLog {work}/error.log\nLogLevel warn\n"
            f"SSLSessionCache shmcb:{work}/ssl_scache(512000)\n"
            f"Listen 127.0.0.1:{http_port}\nListen 127.0.0.1:{https_port} https\nInclude {site}\n")


@pytest.fixture
def proxied():
    """(daemon, Apache's https port, Apache's http port, the certificate) with Apache running the example."""
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-apache-")
    make_certificate(work)
    http_port, https_port = free_port(), free_port()
    daemon = Daemon(work, {"REVIEWROOM_PUBLIC_URL": f"https://{HOST}:{https_port}"}).start()
    try:
        site = f"{work}/site.conf"
        with open(site, "w") as file:
            file.write(site_config(work, daemon.port, http_port, https_port))
        with open(f"{work}/apache2.conf", "w") as file:
            file.write(main_config(work, site, http_port, https_port))
        command = [APACHE, "-d", work, "-f", f"{work}/apache2.conf"]
        checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0 and "Syntax OK" in checked.stderr, checked.stderr
        assert "AH0" not in checked.stderr, checked.stderr  # no warnings either
        started = subprocess.run([*command, "-k", "start"], capture_output=True, text=True, timeout=30)
        assert started.returncode == 0, started.stderr
        try:
            yield daemon, https_port, http_port, f"{work}/cert.pem"
        finally:
            with open(f"{work}/apache.pid") as file:
                os.kill(int(file.read()), signal.SIGTERM)
    finally:
        daemon.stop()
        shutil.rmtree(work, ignore_errors=True)


def test_the_example_proxies_a_websocket_join_from_the_public_origin(proxied):
    """Upgrade, Connection, Host and Origin reach the daemon: a browser-like join (Origin =
    public_url, as Apache passes it on) is welcomed over TLS through Apache, and commands and
    events flow both ways on it."""
    daemon, port, _, certificate = proxied
    session = schedule_session(daemon, "Behind Apache", "Does the proxy pass WebSockets?")

    async def join():
        client = await open_wss(port, certificate)
        try:
            await client.send({"type": "hello", "token": session.tokens["Asha"], "client": "blackbox/1"})
            welcome = await client.receive()
            ack = await client.command("hand.raise", kind="contribution")
            return welcome, ack, await client.event("floor.changed")
        finally:
            await client.close()

    welcome, ack, event = asyncio.run(join())
    assert welcome["type"] == "welcome" and welcome["you"]["id"] == session.pids["Asha"], welcome
    assert ack["type"] == "ack", ack
    assert [h["participant"] for h in event["data"]["floor"]["queue"]] == [session.pids["Asha"]], event


def test_a_foreign_origin_is_still_refused_through_apache(proxied):
    """Apache passes the browser's Origin unchanged, so the daemon's check still holds."""
    _, port, _, certificate = proxied

    with pytest.raises(Exception) as refused:
        asyncio.run(open_wss(port, certificate, origin="https://evil.example"))
    assert "403" in str(refused.value), refused.value


def test_pages_api_and_limits_pass_through_with_the_daemons_own_answers(proxied):
    """A page keeps the daemon's security headers; the API's refusals are the daemon's
    problem+json (a body one byte over max_request_body_bytes is 413, one at it reaches the
    daemon's token check, 401); plain HTTP is sent to HTTPS."""
    _, port, http_port, certificate = proxied
    status, headers, body = https_request(port, certificate, "/console")
    assert status == 200 and b"<html" in body.lower(), status
    assert headers["Content-Security-Policy"] == "default-src 'self'; frame-ancestors 'none'", headers
    assert headers["Referrer-Policy"] == "no-referrer" and headers["X-Content-Type-Options"] == "nosniff", headers
    status, headers, body = post_body(port, certificate, DEFAULT_BODY_LIMIT + 1)
    assert status == 413 and headers["Content-Type"] == "application/problem+json", (status, headers, body[:200])
    assert json.loads(body)["status"] == 413
    status, headers, body = post_body(port, certificate, DEFAULT_BODY_LIMIT)
    assert status == 401 and headers["Content-Type"] == "application/problem+json", (status, body[:200])
    with socket.create_connection(("127.0.0.1", http_port), timeout=TIMEOUT) as plain:
        plain.sendall(f"GET /console HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := plain.recv(4096):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode()
    assert head.startswith("HTTP/1.1 301") and f"Location: https://{HOST}/console" in head, head
