"""Requests to the invite routes (`/api/v1/invite…`, ReviewRoom extensions of PROTOCOL.md §2),
which take an invite link's token as the bearer token."""
import json
import urllib.error
import urllib.request


def get(daemon, route, token=None, query="", accept=None, method="GET"):
    """(status, headers, body bytes) of one request to `route`."""
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(daemon.base + route + query, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def refused(daemon, route, status, *words, **request):
    """Asserts `route` answers `status` as problem+json whose detail holds every one of `words`."""
    code, headers, body = get(daemon, route, **request)
    assert code == status, (code, body)
    assert headers["Content-Type"] == "application/problem+json", headers["Content-Type"]
    problem = json.loads(body)
    assert problem["status"] == status and all(word in problem["detail"] for word in words), problem
    return headers
