"""A participant typing into the Evidence note over the WebSocket protocol, for browser tests
whose pages must see someone else's edits arrive."""
import contextlib
import json
import urllib.parse

from websockets.sync.client import connect

from pages import apply_op, invite_of


class Bot:
    """A participant typing over the WebSocket protocol."""

    def __init__(self, daemon, created, name):
        self.url, self.token = daemon.ws_url, urllib.parse.unquote(invite_of(created, name).split("#", 1)[1])
        self.stack = contextlib.ExitStack()

    def __enter__(self):
        """Joins (its connection closes when the `with` ends)."""
        self.ws = self.stack.enter_context(
            connect(self.url, subprotocols=["reviewroom.v1"], max_size=None, ping_interval=None, open_timeout=20))
        self.ws.send(json.dumps({"type": "hello", "token": self.token, "client": "browser-test/1"}))
        welcome = json.loads(self.ws.recv(timeout=20))
        note = next(n for n in welcome["session"]["notes"] if n["id"] == "evidence")
        self.text, self.rev, self.next_id, self.others = note["text"], note["rev"], 1, []
        return self

    def __exit__(self, *exc):
        self.stack.close()

    def edit(self, op, apply):
        """Sends `op` (on the text as this bot last saw it) and waits for its ack."""
        self.next_id += 1
        self.ws.send(json.dumps({"type": "note.edit", "id": self.next_id, "note": "evidence", "rev": self.rev,
                                 "opId": f"bot-{self.next_id}", "op": op}))
        while True:
            message = json.loads(self.ws.recv(timeout=20))
            if message.get("type") == "event" and message["name"] == "note.op" and message["data"]["note"] == "evidence" \
                    and message["data"]["opId"] != f"bot-{self.next_id}":
                # Someone else's op, before ours: the bot's op is sent on the older text, and the
                # server transforms it; the bot's text follows the server's order.
                self.others.append(message["data"]["op"])
            if message.get("id") == self.next_id:
                assert message["type"] == "ack", message
                for op in self.others:
                    self.text = apply_op(self.text, op)
                self.others = []
                self.rev, self.text = message["rev"], apply(self.text)
                return
