"""The listening socket of `newsweave serve`, bound before the server starts, so that a port
in use or refused is known (and said in one line) before anything claims to be served."""

from __future__ import annotations

import socket


def listen(host: str, port: int) -> socket.socket:
    """A TCP socket listening on host:port (port 0: one the system picks); OSError if it cannot
    be (socket.gaierror for a host that does not resolve)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(socket.SOMAXCONN)  # connections wait in the queue until the server runs
    except OSError:
        sock.close()
        raise
    return sock
