"""Running a command under a pseudo-terminal and reading what it draws: shared by the README
picture tool, the tests that check terminal output, and the benchmark's table timings."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios

ROWS = 50


def read_terminal(argv: list[str], env: dict[str, str], columns: int = 80,
                  timeout: float = 10) -> str:
    """What ``argv`` writes to a terminal of ``columns`` by 50 (stdout and stderr), until it
    ends or falls silent for ``timeout`` seconds. ``COLUMNS`` and ``LINES`` say the same size:
    Rich takes ``COLUMNS`` only beside ``LINES`` on a dumb terminal (else it draws 80 wide),
    and a test runner may set ``LINES`` or not."""
    env = {**env, "COLUMNS": str(columns), "LINES": str(ROWS)}
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, columns, 0, 0))
    process = subprocess.Popen(argv, stdout=child, stderr=child, env=env)
    os.close(child)
    chunks = []
    while select.select([main], [], [], timeout)[0]:
        try:
            data = os.read(main, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    process.wait(timeout=timeout)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")
