"""A page asked for with a trailing slash (`/console/`, `/join/?x`) is answered 308 with a
relative `Location` to the page without it (query kept; relative, so a reverse proxy's path
prefix stays). Only for pages that exist, and only for GET and HEAD: anything else with a
slash is 404 as before, and the API is not redirected."""
import http.client


def request(daemon, method, path):
    connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read()
    finally:
        connection.close()


def test_pages_with_a_trailing_slash_redirect_to_the_page(daemon):
    for path, location in (("/console/", "../console"), ("/join/", "../join"), ("/display/", "../display"),
                           ("/join/?lang=en", "../join?lang=en")):
        status, where, body = request(daemon, "GET", path)
        assert (status, where) == (308, location), (path, status, where, body)
        status, where, body = request(daemon, "HEAD", path)
        assert (status, where, body) == (308, location, b""), (path, status, where)


def test_other_paths_with_a_trailing_slash_stay_404(daemon):
    for path in ("/js/", "/nothing/", "/livez/", "/css/"):
        status, where, _ = request(daemon, "GET", path)
        assert status == 404 and where is None, (path, status, where)
    status, where, _ = request(daemon, "POST", "/console/")
    assert status == 404 and where is None, (status, where)
    status, where, _ = request(daemon, "GET", "/api/v1/sessions/")
    assert status != 308 and where is None, (status, where)
