"""What the reverse-proxy example tests share (test_deploy_nginx.py, test_deploy_apache.py): a
free port, the example with its machine-specific parts swapped, a fresh certificate for HOST,
and HTTPS requests through the proxy."""
import asyncio
import socket
import ssl
import subprocess
import urllib.error
import urllib.request

from websockets.asyncio.client import connect

from wsclient import SUBPROTOCOL, TIMEOUT, Client

HOST = "review.example.org"
DEFAULT_BODY_LIMIT = 1048576  # max_request_body_bytes in Deploy/reviewroom.conf


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def swapped(example, text, old, new):
    """`text` with every `old` replaced; the example must still contain it, or its test is stale."""
    assert old in text, f"{example.name} no longer contains {old!r}"
    return text.replace(old, new)


def with_this_machine(example, work, log):
    """The example's text with the test's certificate and key (in `work`) and access log in place
    of the Let's Encrypt files and `log`."""
    text = example.read_text()
    text = swapped(example, text, f"/etc/letsencrypt/live/{HOST}/fullchain.pem", f"{work}/cert.pem")
    text = swapped(example, text, f"/etc/letsencrypt/live/{HOST}/privkey.pem", f"{work}/key.pem")
    return swapped(example, text, log, f"{work}/access.log")


def make_certificate(work):
    """A self-signed certificate for HOST and 127.0.0.1 (where the proxy listens): `work`/cert.pem, key.pem."""
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "1", "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1",
                    "-keyout", f"{work}/key.pem", "-out", f"{work}/cert.pem"], check=True, capture_output=True)
    return f"{work}/cert.pem"


def tls_to(certificate):
    """Trusts the test certificate."""
    return ssl.create_default_context(cafile=certificate)


def https_request(port, certificate, path, method="GET", body=None, headers=None):
    """(status, headers, body) of one HTTPS request through the proxy, with Host: HOST."""
    sent = urllib.request.Request(f"https://127.0.0.1:{port}{path}", data=body, method=method,
                                  headers={"Host": HOST, **(headers or {})})
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=tls_to(certificate)))
    try:
        with opener.open(sent, timeout=TIMEOUT) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def post_body(port, certificate, size):
    """(status, headers, body) of a POST of `size` bytes to /api/v1/sessions through the proxy."""
    return https_request(port, certificate, "/api/v1/sessions", "POST", b"{" + b" " * (size - 1),
                         {"Content-Type": "application/json"})


async def open_wss(port, certificate, origin=None):
    """A WebSocket client through the proxy's `wss://…/ws`, with `origin` (default: the public
    origin, as a browser on the public URL sends it)."""
    ws = await asyncio.wait_for(connect(
        f"wss://127.0.0.1:{port}/ws", subprotocols=[SUBPROTOCOL], origin=origin or f"https://{HOST}:{port}",
        ssl=tls_to(certificate), max_size=None, ping_interval=None, open_timeout=TIMEOUT), TIMEOUT)
    return Client(ws)
