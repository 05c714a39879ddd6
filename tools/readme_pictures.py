"""Redraw README.md's terminal pictures from the current code and data (a maintenance script).

Each ```text block whose preceding paragraph names an `albrel …` command is replaced by what
that command prints on a 90-column terminal; a block cut short with a closing '…' keeps its
length. tests/test_examples.py checks that the pictures match.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from tools.terminal import read_terminal

README = Path(__file__).resolve().parents[1] / "README.md"


def screen(args: list[str], columns: int = 90) -> str:
    """What the command draws on a terminal, once the data is loaded (a first load of a large
    file draws a progress bar that a capture would keep as blank lines)."""
    env = dict(os.environ, NO_COLOR="1", TERM="dumb", COLUMNS=str(columns))
    subprocess.run([sys.executable, "-m", "albrel_cli", "countries", "--json"], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return read_terminal([sys.executable, "-m", "albrel_cli", *args], env,
                         columns).replace("\r\n", "\n")


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
