"""Every repository path that README.md and docs/ name exists.

What counts as a path: a link target that is not a URL or an anchor (relative to the page, as
Markdown reads it), and any word inside backticks that contains a `/` and starts with a
top-level folder or a package of the repository (so `govkit/data/x.json`, a path cut short,
counts) or ends in a file extension; these are written from the repository root. `<name>` in a
path stands for any one name; `.cache/…` is made at run time and skipped.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
TOP_LEVEL = {p.name for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")}
PACKAGES = {p.name for p in (*ROOT.glob("*/src/*"), *ROOT.glob("*/*/src/*")) if p.is_dir()}
EXTENSION = re.compile(r"\.(json|py|md|sh|ya?ml|toml|xml|properties|lock|txt|csv|cfg|ini)$")
CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\]\(([^)\s]+)\)")
PLACEHOLDER = re.compile(r"<[^>/]+>")


def named_in_code(text: str) -> list[str]:
    words = (word.strip(",;:()") for span in CODE.findall(text) for word in span.split())
    return [
        word
        for word in words
        if "/" in word
        and not word.startswith(("/", "http", ".cache/"))
        and (word.split("/")[0] in TOP_LEVEL | PACKAGES or EXTENSION.search(word))
    ]


def linked(text: str) -> list[str]:
    targets = (target.split("#")[0] for target in LINK.findall(text))
    return [t for t in targets if t and not re.match(r"^[a-z]+:", t)]


def exists(pattern: str, base: Path) -> bool:
    relative = PLACEHOLDER.sub("*", pattern.rstrip("/"))
    return any(base.glob(relative)) if "*" in relative else (base / relative).exists()


def test_the_rule_finds_paths_and_leaves_the_rest():
    text = (
        "`govkit/data/calendar.json` `deploy/local/stack.sh {install|start}` `/api/patrol/incidents`"
        " `enforcement/data/`"
        " `application/json` `.cache/run/logs/` `services/<name>/src/<name>/` [x](docs/adr/) [y](#z)"
    )
    assert named_in_code(text) == [
        "govkit/data/calendar.json",
        "deploy/local/stack.sh",
        "enforcement/data/",
        "services/<name>/src/<name>/",
    ]
    assert linked(text) == ["docs/adr/"]
    assert exists("services/<name>/src/<name>/", ROOT)
    assert not exists("govkit/data/calendar.json", ROOT)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_page_names_exists(page):
    text = page.read_text()
    missing = [p for p in named_in_code(text) if not exists(p, ROOT)]
    missing += [p for p in linked(text) if not exists(p, page.parent)]
    assert missing == [], f"{page.relative_to(ROOT)} names paths that do not exist: {missing}"
