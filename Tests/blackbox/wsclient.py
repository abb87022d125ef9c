"""A small protocol client over `websockets` for the black-box suite.

Every receive waits with `asyncio.wait_for` and a timeout that fails the test; nothing sleeps.
Messages that arrive while the test waits for something else are kept, in order, in `inbox`.
"""
import asyncio
import functools
import json

from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

SUBPROTOCOL = "reviewroom.v1"
TIMEOUT = 10.0


def run(test):
    """Runs an async test function with asyncio (no pytest plugin needed)."""
    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))
    return wrapper


class Closed(Exception):
    """The server closed the connection while the test still expected a message."""

    def __init__(self, code, reason):
        super().__init__(f"connection closed with {code} {reason!r}")
        self.code = code
        self.reason = reason


class Client:
    def __init__(self, ws):
        self.ws = ws
        self.inbox = []
        self.next_id = 1
        self.welcome = None

    @classmethod
    async def open(cls, url, subprotocols=(SUBPROTOCOL,)):
        ws = await asyncio.wait_for(
            connect(url, subprotocols=list(subprotocols), max_size=None, ping_interval=None, open_timeout=TIMEOUT),
            TIMEOUT)
        return cls(ws)

    @classmethod
    async def join(cls, url, token, **extra):
        """Opens a connection, sends `hello` and returns the client with its first reply read."""
        client = await cls.open(url)
        await client.send({"type": "hello", "token": token, "client": "blackbox/1", **extra})
        client.welcome = await client.receive()
        return client

    @classmethod
    async def console(cls, session):
        """Opens `session`'s facilitator console (a `hello` with the facilitator's API token) and
        returns the client with its `welcome` read."""
        client = await cls.open(session.daemon.ws_url)
        await client.send({"type": "hello", "facilitatorToken": session.facilitator_token, "session": session.id})
        client.welcome = await client.receive()
        assert client.welcome["type"] == "welcome", client.welcome
        return client

    async def send(self, message):
        try:
            await self.ws.send(message if isinstance(message, (str, bytes)) else json.dumps(message))
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            raise Closed(code, closed.rcvd.reason if closed.rcvd else "") from None

    async def receive(self, timeout=TIMEOUT):
        """The next message from the wire (not from `inbox`)."""
        try:
            raw = await asyncio.wait_for(self.ws.recv(), timeout)
        except ConnectionClosed as closed:
            code = closed.rcvd.code if closed.rcvd else None
            raise Closed(code, closed.rcvd.reason if closed.rcvd else "") from None
        assert isinstance(raw, str), f"the server sent a binary frame: {raw!r}"
        return json.loads(raw)

    async def expect(self, predicate, timeout=TIMEOUT):
        """The first message, kept or new, that matches; the others stay in `inbox`."""
        for index, message in enumerate(self.inbox):
            if predicate(message):
                return self.inbox.pop(index)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"no matching message within {timeout} s; kept: {self.inbox}")
            try:
                message = await self.receive(remaining)
            except asyncio.TimeoutError:
                raise AssertionError(f"no matching message within {timeout} s; kept: {self.inbox}") from None
            if predicate(message):
                return message
            self.inbox.append(message)

    async def command(self, name, **fields):
        """Sends command `name` with a fresh id and returns its `ack` or `error`."""
        command_id = self.next_id
        self.next_id += 1
        await self.send({"type": name, "id": command_id, **fields})
        return await self.reply(command_id)

    async def reply(self, command_id):
        return await self.expect(lambda m: m.get("type") in ("ack", "error") and m.get("id") == command_id)

    async def event(self, name=None):
        return await self.expect(lambda m: m.get("type") == "event" and (name is None or m.get("name") == name))

    async def events(self, count):
        return [await self.event() for _ in range(count)]

    async def seq(self):
        """The session's current seq, from a `ping` ack."""
        ack = await self.command("ping")
        assert ack["type"] == "ack", ack
        return ack["seq"]

    def kept_events(self):
        return [m for m in self.inbox if m.get("type") == "event"]

    async def close_code(self, timeout=TIMEOUT):
        """Reads until the server closes; returns (close code, messages read before it)."""
        seen = []
        while True:
            try:
                seen.append(await self.receive(timeout))
            except Closed as closed:
                return closed.code, seen

    async def close(self):
        await self.ws.close()


def apply_op(text, op):
    """Applies an ot.js-style op, counting UTF-16 code units."""
    units = text.encode("utf-16-le")
    out, at = [], 0
    for component in op:
        if isinstance(component, str):
            out.append(component.encode("utf-16-le"))
        elif component > 0:
            out.append(units[at:at + 2 * component])
            at += 2 * component
        else:
            at += -2 * component
    assert at == len(units), f"op {op} does not span a note of {len(units) // 2} units"
    return b"".join(out).decode("utf-16-le")
