"""A TCP proxy for the browser tests whose connections can be made silent: from `silence()` on,
nothing is forwarded either way and nothing is closed, as when a laptop sleeps or its Wi-Fi
path dies (the browser's socket looks open; no close ever comes). New connections still pass.
`cut()` instead closes every connection and refuses new ones until `mend()`: a page that lost
its network for a while, with the daemon running on. `delay` (seconds) holds back everything
forwarded from then on: a path that got slower. `hold()` keeps what the daemon sends to the
connections open now until `release()`, which forwards it all at once: many messages reaching a
page together, as after a stall on a busy network. `stall()` closes every connection and
accepts new ones without ever forwarding a byte of them, even after `unstall()`: an upgrade
nobody answers (a filter holding it, Wi-Fi that drops again just as it came back). `websocket` stands for a school network
in the way of requests for `/ws`: "strip" drops their `Upgrade` and `Connection` headers (a
filter or proxy that blocks WebSockets), bytes answer them in the daemon's place (a Wi-Fi sign-in
page); None (the default) forwards them."""
import re
import select
import socket
import threading
import time


class BlackholeProxy:
    # Every proxy's port: a browser that went through one may keep an idle connection to it
    # that a `silence()` left dead, so driver_pool.py does not reuse that browser.
    ports = set()

    def __init__(self):
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        BlackholeProxy.ports.add(self.port)
        self.target = None  # (host, port), set once the daemon listens
        self.connections = []
        self.closing = False
        self.refusing = False
        self.delay = 0
        self.websocket = None
        self.stalling = False
        self.stalled = 0  # connections accepted while stalling
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while not self.closing:
            try:
                client, _ = self.listener.accept()
                if self.refusing:
                    client.close()
                    continue
                server = socket.create_connection(self.target)
            except OSError:
                continue
            if self.stalling:
                self.stalled += 1
            entry = {"sockets": (client, server), "silent": self.stalling, "held": None, "lock": threading.Lock(), "websocket": False}
            self.connections.append(entry)
            threading.Thread(target=self.pump, args=(entry,), daemon=True).start()

    def pump(self, entry):
        client, server = entry["sockets"]
        while not self.closing:
            ready, _, _ = select.select([client, server], [], [], 0.05)
            if entry["silent"]:
                continue  # hold both sockets open, forward nothing
            for source in ready:
                try:
                    data = source.recv(65536)
                except OSError:
                    data = b""
                if data and self.delay:
                    time.sleep(self.delay)
                if not data:
                    client.close()
                    server.close()
                    return
                if source is client and re.match(rb"GET [^ ]*/ws[ ?]", data):
                    entry["websocket"] = True
                if source is client and self.websocket is not None and re.match(rb"GET [^ ]*/ws[ ?]", data):
                    if isinstance(self.websocket, bytes):
                        client.sendall(self.websocket)
                        client.close()
                        server.close()
                        return
                    data = re.sub(rb"\r\n(Upgrade|Connection):[^\r]*", b"", data, flags=re.I)
                with entry["lock"]:  # `release` writes to the same socket
                    if source is server and entry["held"] is not None:
                        entry["held"] += data
                    else:
                        try:
                            (server if source is client else client).sendall(data)
                        except OSError:  # the other end closed first (a page leaving, a cut): this pair is over
                            client.close()
                            server.close()
                            return
        client.close()
        server.close()

    def silence(self, websockets_only=False):
        """Every connection open now (with `websockets_only`, every WebSocket: a page's HTTP
        connection kept alive stays usable for a reload) goes silent for good."""
        for entry in self.connections:
            if entry["websocket"] or not websockets_only:
                entry["silent"] = True

    def hold(self, websockets_only=False):
        """What the daemon sends to every connection open now (or every WebSocket) is kept back until `release()`."""
        for entry in self.connections:
            if entry["websocket"] or not websockets_only:
                with entry["lock"]:
                    entry["held"] = bytearray()

    def release(self):
        """Forwards everything held, each connection's in one write, and stops holding."""
        for entry in self.connections:
            with entry["lock"]:
                held, entry["held"] = entry["held"], None
                if held:
                    entry["sockets"][0].sendall(held)

    def cut(self):
        """Closes every connection open now and refuses new ones until `mend()`."""
        self.refusing = True
        for entry in self.connections:
            for sock in entry["sockets"]:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stall(self):
        """Closes every connection open now; new ones are taken and never answered (`stalled`
        counts them), and stay so after `unstall()`."""
        self.stalling = True
        for entry in self.connections:
            if not entry["silent"]:
                for sock in entry["sockets"]:
                    try:
                        sock.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

    def unstall(self):
        """New connections pass again (those taken while stalling stay silent)."""
        self.stalling = False

    def mend(self):
        """New connections pass again."""
        self.refusing = False

    def close(self):
        self.closing = True
        self.listener.close()
