"""pyHanko's synchronous calls start an event loop of their own (``asyncio.run``), which Python
refuses inside a thread that already runs one (an asynchronous host, or a test session that drives
a browser). ``outside_event_loop`` runs such a call in a thread of its own only then."""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable


def outside_event_loop(call: Callable[..., Any], *args: Any) -> Any:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call(*args)
    with ThreadPoolExecutor(1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(call, *args).result()
