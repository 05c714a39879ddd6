"""Write the files derived from albrel's definitions (a maintenance script): docs/json.md,
docs/dataset.md and docs/export.md from the record kinds.

    python tools/gen_docs.py          # rewrite those that are out of date
    python tools/gen_docs.py --check  # exit 1 if any is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from albrel_cli.docs import dataset_markdown, export_markdown, json_markdown

REPO = Path(__file__).resolve().parents[1]
PAGES = {"docs/json.md": json_markdown, "docs/dataset.md": dataset_markdown,
         "docs/export.md": export_markdown}


def main() -> int:
    stale = [name for name, build in PAGES.items()
             if not (REPO / name).exists() or (REPO / name).read_text(encoding="utf-8") != build()]
    if "--check" in sys.argv[1:]:
        for name in stale:
            print(f"{name} is out of date: run python -m tools.gen_docs", file=sys.stderr)
        return 1 if stale else 0
    for name in stale:
        (REPO / name).write_text(PAGES[name](), encoding="utf-8")
        print(f"wrote {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
