"""Pictures a journalist can keep: timeline --chart, the relation periods of show and the stats
page saved as SVG (or HTML) through Rich's export."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from .conftest import SHIPPED


def run(runner, *args: str):
    return runner.invoke(["--data", str(SHIPPED), *args])


def svg_text(path: Path) -> str:
    root = ET.parse(path).getroot()  # raises on anything that is not well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return " ".join(node.text or "" for node in root.iter()).replace("\xa0", " ")


@pytest.mark.parametrize(("args", "names"), [
    (["timeline", "greece", "italy", "--chart"], ["Events per decade: Greece, Italy"]),
    (["timeline", "--org", "NATO", "--by", "year"], ["Events per year: NATO", "2009"]),
    (["show", "soviet-union"], ["Albania and Soviet Union", "1924", "1961"]),
    (["show", "russia"], ["Albania and Russia", "Relations with the predecessor state, "
                                                "Soviet Union"]),
    (["stats"], ["Europe", "Relations established per decade"]),
])
def test_pictures_are_valid_svg_with_the_names(runner, tmp_path: Path, args: list[str],
                                               names: list[str]) -> None:
    target = tmp_path / "picture.svg"
    result = run(runner, *args, "--output", str(target))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "", f"albrel: wrote {target}\n")
    text = svg_text(target)
    for name in names:
        assert name in text, name


def test_html_page_and_no_overwrite(runner, tmp_path: Path) -> None:
    target = tmp_path / "stats.html"
    assert run(runner, "stats", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "Oceania" in page
    again = run(runner, "stats", "-o", str(target))
    assert again.exit_code == 1
    assert again.stderr == f"albrel: error: {target} already exists; add --force to replace it\n"
    assert run(runner, "stats", "-o", str(target), "--force").exit_code == 0


def test_an_unknown_picture_format_is_refused(runner, tmp_path: Path) -> None:
    result = run(runner, "stats", "--output", str(tmp_path / "stats.png"))
    assert result.exit_code == 2
    assert "should end in .svg or .html" in result.stderr
    assert not (tmp_path / "stats.png").exists()
