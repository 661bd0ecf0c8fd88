"""Callbacks moved to the main thread's event loop, whatever thread calls them.

Widget messages may arrive on a kernel subshell's thread (JupyterLab 4 sends them there),
while play runs in the main thread's event loop: every callback is moved to that loop, so
that training and the controls never run at the same time.
"""

from __future__ import annotations

import asyncio
import threading

__all__ = ["MainThread"]


class MainThread:
    """``MainThread()(callback)``: callback, run in the main thread's event loop.

    Made on the main thread. Without a running event loop there (a script, the tests), a
    callback is called directly.
    """

    def __init__(self):
        try:
            self.loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop: call directly
            self.loop = None
        self.thread = threading.current_thread()

    def __call__(self, callback):
        def run(*args):
            if self.loop is None or threading.current_thread() is self.thread:
                callback(*args)
            else:
                self.loop.call_soon_threadsafe(callback, *args)

        return run

    def __repr__(self):
        return f"MainThread(loop={self.loop is not None})"
