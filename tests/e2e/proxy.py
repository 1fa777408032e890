"""A TCP proxy on 127.0.0.1 that a test can cut, to take the database away from
one server without stopping the PostgreSQL that other tests share."""

from __future__ import annotations

import contextlib
import select
import socket
import threading


class CuttableProxy:
    """Forwards 127.0.0.1:<port> to `target` until cut; restores on demand."""

    def __init__(self, target: tuple[str, int]):
        self.target = target
        self.port = 0
        self._listener: socket.socket | None = None
        self._holder: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self.restore()

    def restore(self) -> None:
        """Accept connections again, on the same port."""
        listener = self._bound()
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        holder, self._holder = self._holder, None
        if holder is not None:
            holder.close()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Refuse new connections and break every open one, as an outage does.

        A socket that is bound but does not listen keeps the port while cut:
        connecting to it is refused, and no other socket on the machine can be
        given the port before `restore` takes it back."""
        if self._holder is None:
            self._holder = self._bound()
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            broken, self._open = self._open, set()
        for sock in broken:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        """Cut, and give the port back."""
        self.cut()
        holder, self._holder = self._holder, None
        if holder is not None:
            holder.close()

    def _bound(self) -> socket.socket:
        """A socket on the proxy's port that other such sockets may share."""
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", self.port))
        return sock

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            try:
                server = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open |= {client, server}
            threading.Thread(
                target=self._pipe, args=(client, server), daemon=True
            ).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        peers = {a: b, b: a}
        try:
            while True:
                ready, _, _ = select.select(list(peers), [], [], 1.0)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    peers[sock].sendall(data)
        except (OSError, ValueError):
            return  # cut while piping
        finally:
            with self._lock:
                self._open -= {a, b}
            a.close()
            b.close()
