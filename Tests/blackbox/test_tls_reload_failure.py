"""SIGHUP with TLS files that do not load (RunningUnderSystemd, "SIGHUP"; README `systemctl
reload`): the running certificate stays in service and the error line tells IT so, and what to
fix, instead of leaving them to wonder whether HTTPS is now broken."""
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import urllib.request

import pytest

from reviewroomd import EXECUTABLE, StderrLines, clean_environment



def make_certificate(directory):
    cert, key = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-days", "30", "-subj", "/CN=localhost", "-keyout", key, "-out", cert],
                   check=True, capture_output=True)
    return cert, key


@pytest.fixture
def tls_daemon():
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    work = tempfile.mkdtemp(prefix="reviewroom-tls-reload-")
    cert, key = make_certificate(work)
    process = subprocess.Popen(
        [str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", work],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=clean_environment({"REVIEWROOM_TLS_CERT": cert, "REVIEWROOM_TLS_KEY": key}))
    stderr = StderrLines(process.stderr)
    stderr.until("listening config=")
    base = process.stdout.readline().split("Listening on ", 1)[1].strip()
    yield process, stderr, base, cert
    process.terminate()
    process.wait(timeout=15)
    shutil.rmtree(work, ignore_errors=True)


def served_certificate(base):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    host, port = base.split("://", 1)[1].rsplit(":", 1)
    with urllib.request.urlopen(base + "/livez", context=context, timeout=10) as response:
        assert response.status == 200
    return ssl.get_server_certificate((host, int(port)))


def test_a_reload_with_a_broken_certificate_says_the_old_one_stays_and_what_to_do(tls_daemon):
    process, stderr, base, cert = tls_daemon
    before = served_certificate(base)
    with open(cert, "w") as broken:
        broken.write("not a certificate\n")
    process.send_signal(signal.SIGHUP)
    line = stderr.until("TLS certificates not reloaded")
    assert "still serving the previous ones" in line, line
    assert "fix tls_cert and tls_key" in line and "systemctl reload reviewroomd" in line, line
    assert served_certificate(base) == before, "the running certificate changed"
