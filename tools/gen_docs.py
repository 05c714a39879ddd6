"""Write docs/json.md and docs/dataset.md from the record definitions (a maintenance script).

    python tools/gen_docs.py          # rewrite both
    python tools/gen_docs.py --check  # exit 1 if either is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from albrel_cli.docs import dataset_markdown, export_markdown, json_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs"
PAGES = {"json.md": json_markdown, "dataset.md": dataset_markdown, "export.md": export_markdown}


def main() -> int:
    stale = [name for name, build in PAGES.items()
             if not (DOCS / name).exists() or (DOCS / name).read_text(encoding="utf-8") != build()]
    if "--check" in sys.argv[1:]:
        for name in stale:
            print(f"docs/{name} is out of date: run python tools/gen_docs.py", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        (DOCS / name).write_text(PAGES[name](), encoding="utf-8")
        print(f"wrote docs/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
