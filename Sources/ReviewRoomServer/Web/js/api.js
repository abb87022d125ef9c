// The facilitator's HTTP API client (PROTOCOL.md §2): bearer token, problem+json errors.

/** A refused API request: HTTP `status` and the problem's `detail` (or title). */
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; this.name = 'ApiError'; }
}

/**
 * What to say about a failed request: a refusal in the server's words, or, when the server was
 * never reached (`status` 0), that the connection failed ("The server refused: network" blamed
 * the server for the Wi-Fi; a console audit). `t` is the strings' lookup.
 */
export function failureText(error, t) {
  return error?.status === 0 ? t('error.network') : t('error.api', { message: error?.message ?? '' });
}

/** The ApiError for a refused `response`: the problem's `detail` (or title), else the status line. */
async function refusal(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    message = problem.detail || problem.title || message;
  } catch { /* not JSON */ }
  return new ApiError(response.status, message);
}

export class Api {
  constructor(token) { this.token = token; }

  async request(method, path, body) {
    const headers = { Authorization: `Bearer ${this.token}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(`api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch {
      throw new ApiError(0, 'network');
    }
    if (!response.ok) throw await refusal(response);
    if (response.status === 204) return null;
    return response.json();
  }

  /** A file (record, calendar) as a Blob. */
  async blob(path) { return (await this.file(path)).blob(); }

  /** A file (the HTML record, to show in a page) as text. */
  async text(path) { return (await this.file(path)).text(); }

  /** The successful response for the file at `path`, or the ApiError. */
  async file(path) {
    let response;
    try {
      response = await fetch(`api/v1${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    } catch {
      throw new ApiError(0, 'network');
    }
    if (!response.ok) throw await refusal(response);
    return response;
  }

  templates() { return this.request('GET', '/templates'); }
  decks() { return this.request('GET', '/prompt-decks'); }
  sessions() { return this.request('GET', '/sessions'); }
  session(id) { return this.request('GET', `/sessions/${encodeURIComponent(id)}`); }
  schedule(body) { return this.request('POST', '/sessions', body); }
  update(id, body) { return this.request('PATCH', `/sessions/${encodeURIComponent(id)}`, body); }
  cancel(id) { return this.request('DELETE', `/sessions/${encodeURIComponent(id)}`); }
  invite(id, person) { return this.request('POST', `/sessions/${encodeURIComponent(id)}/participants`, person); }
  revoke(id, pid) { return this.request('DELETE', `/sessions/${encodeURIComponent(id)}/participants/${encodeURIComponent(pid)}`); }
  reissue(id, pid) { return this.request('POST', `/sessions/${encodeURIComponent(id)}/participants/${encodeURIComponent(pid)}/reissue`); }
  /** `[{id, linkWorks}]` for everyone the session lists (a ReviewRoom extension of the API). */
  access(id) { return this.request('GET', `/sessions/${encodeURIComponent(id)}/access`); }
}
