"""Ctrl+C in the command lines (check_report.py, format_report.py): one Chinese line
and exit code 130, from the first moment the script runs.

Installed before the heavy imports (PyYAML, mini-racer), so an interrupt while they
load prints no traceback either. The process ends at once (os._exit): mini-racer's
V8 thread may be in the middle of a call, and its exit handler would then print a
traceback from a closed event loop. Temporary files listed in PARTIAL are removed first.
"""

from __future__ import annotations

import os
import signal

PARTIAL: list[str] = []     # half-written temporary files to remove on an interrupt


def interrupt(what: str) -> None:
    """Remove the partial files, say 已中断，<what> and end with exit code 130."""
    for path in PARTIAL:
        try:
            os.unlink(path)
        except OSError:
            pass
    try:
        os.write(2, f"已中断，{what}\n".encode("utf-8"))
    except OSError:
        pass
    os._exit(130)


def install(what: str) -> None:
    """On Ctrl+C: interrupt(what)."""
    signal.signal(signal.SIGINT, lambda signum, frame: interrupt(what))
