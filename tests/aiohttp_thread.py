"""Runs an aiohttp application on 127.0.0.1 in a daemon thread with its own event loop (the tests' fakes)."""

from __future__ import annotations

import asyncio
import threading

from aiohttp import web


def serve_in_thread(app: web.Application, port: int, timeout: float = 10) -> None:
    """Start `app` on 127.0.0.1:`port` in a daemon thread; returns once it listens (or after `timeout` s)."""
    ready = threading.Event()

    def serve() -> None:
        loop = asyncio.new_event_loop()
        runner = web.AppRunner(app)
        loop.run_until_complete(runner.setup())
        loop.run_until_complete(web.TCPSite(runner, "127.0.0.1", port).start())
        ready.set()
        loop.run_forever()

    threading.Thread(target=serve, daemon=True).start()
    ready.wait(timeout)
