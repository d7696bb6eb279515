"""The web UI and JSON API over a store: `create_app(store_location)` gives the FastAPI app,
`serve` runs it under uvicorn (on 127.0.0.1 unless told otherwise).

Needs the `web` extra (fastapi, uvicorn). The app only reads the store: no request ingests,
fetches or writes anything.
"""

from storyline.web.app import CONTENT_SECURITY_POLICY, create_app
from storyline.web.server import running_server, serve

__all__ = ["CONTENT_SECURITY_POLICY", "create_app", "running_server", "serve"]
