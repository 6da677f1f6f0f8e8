"""Lets the tests' socket.io client (python-engineio >= 4.13's asyncio client) run on the aiohttp Rasa 3.6 allows.

The server needs python-socketio >= 5.16.2 (PYSEC-2026-3042); the same package's asyncio *client* asks
aiohttp >= 3.11 for ``aiohttp.ClientWSTimeout(ws_close=...)``, while Rasa 3.6 pins aiohttp < 3.10, whose
``ws_connect(timeout=...)`` takes the close timeout as a number. This gives aiohttp 3.9 that name, meaning
exactly that number; with a newer aiohttp it does nothing. Imported by tests/conftest.py (tests only: the
server never runs an engine.io client).
"""

from __future__ import annotations

import aiohttp

if not hasattr(aiohttp, "ClientWSTimeout"):

    def _ws_close_timeout(ws_close: float = 10.0, ws_receive: float | None = None) -> float:
        return ws_close

    aiohttp.ClientWSTimeout = _ws_close_timeout  # type: ignore[attr-defined]
