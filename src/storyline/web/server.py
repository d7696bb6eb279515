"""Running the app under uvicorn: `serve` for the command line, `running_server` for tests
and benchmarks that need a real server on a free loopback port."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn

from storyline.web.app import create_app

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def serve(
    store_location: str | os.PathLike[str],
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    log_level: str = "info",
) -> None:
    """Serve the store until interrupted. Binds to loopback unless told otherwise."""
    uvicorn.run(
        create_app(store_location),
        host=host,
        port=port,
        log_level=log_level,
        ws="none",  # no websockets: nothing to upgrade, and one protocol stack fewer
        server_header=False,
        proxy_headers=False,
    )


@contextmanager
def running_server(
    store_location: str | os.PathLike[str], *, host: str = DEFAULT_HOST, startup_timeout: float = 20
) -> Iterator[str]:
    """A real uvicorn server in a thread on a free port of `host`; yields its base URL.

    The socket is bound here, before uvicorn starts, so no other process can take the port
    between choosing it and listening on it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        create_app(store_location),
        log_level="warning",
        ws="none",
        lifespan="on",
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="storyline-web", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + startup_timeout
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the web server did not start on {host}:{port}")
            time.sleep(0.02)
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
