"""The review record as the record audit found it wanting, end to end: an `Accept` that refuses
Markdown with `q=0` is not answered in Markdown because a wildcard also matched (§2, RFC 9110
§12.5.1)."""
import json
import urllib.error
import urllib.request


def fetch(daemon, token, session_id, fmt=None, accept=None):
    """(status, content type, body) of the record."""
    query = f"?format={fmt}" if fmt else ""
    headers = {"Authorization": f"Bearer {token}", **({"Accept": accept} if accept else {})}
    request = urllib.request.Request(f"{daemon.base}/api/v1/sessions/{session_id}/record{query}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def test_an_accept_that_refuses_markdown_is_not_answered_in_markdown(session):
    token = session.facilitator_token
    status, kind, _ = fetch(session.daemon, token, session.id, accept="text/markdown;q=0, */*")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    status, kind, _ = fetch(session.daemon, token, session.id, accept="text/markdown;q=0, text/html;q=0, */*")
    assert (status, kind) == (200, "application/json")
    status, kind, body = fetch(session.daemon, token, session.id,
                               accept="text/markdown;q=0, text/html;q=0, application/json;q=0, */*")
    assert (status, kind) == (406, "application/problem+json")
    assert "Accept" in json.loads(body)["detail"]
