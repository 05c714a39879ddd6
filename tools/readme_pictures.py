"""Redraw README.md's terminal pictures from the current code and data (a maintenance script).

Each ```text block whose preceding paragraph names an `albrel …` command is replaced by what
that command prints on a 90-column terminal; a block cut short with a closing '…' keeps its
length. tests/test_examples.py checks that the pictures match.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shlex
import struct
import subprocess
import sys
import termios
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def screen(args: list[str], columns: int = 90) -> str:
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = dict(os.environ, NO_COLOR="1", TERM="dumb", COLUMNS=str(columns))
    process = subprocess.Popen([sys.executable, "-m", "albrel_cli", *args], stdout=child,
                               stderr=child, env=env)
    os.close(child)
    chunks = []
    while select.select([main], [], [], 10)[0]:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    process.wait()
    os.close(main)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def pictures(text: str) -> list[tuple[list[str], list[str], re.Match[str]]]:
    """README's terminal pictures: the command named in the paragraph before each text block,
    the lines the block shows, and where the block stands."""
    found = []
    for match in re.finditer(r"```text\n(.*?)```", text, flags=re.S):
        paragraph = text[:match.start()].rstrip().rsplit("\n\n", 1)[-1]
        named = re.search(r"`albrel ([^`]+)`", paragraph)
        if named is not None:
            found.append((shlex.split(named.group(1)), match.group(1).splitlines(), match))
    return found


def main() -> None:
    text = README.read_text(encoding="utf-8")
    out, last = [], 0
    for args, old, match in pictures(text):
        new = screen(args).rstrip("\n").splitlines()
        if "…" in old:
            new = [*new[:old.index("…")], "…"]
        out.append(text[last:match.start()] + "```text\n" + "\n".join(new) + "\n```")
        last = match.end()
    README.write_text("".join(out) + text[last:], encoding="utf-8")


if __name__ == "__main__":
    main()
