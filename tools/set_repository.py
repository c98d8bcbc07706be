"""Point the book at another repository: `repository.url` (and branch) in _config.yml, and the Colab cells.

Usage: python tools/set_repository.py URL [--branch BRANCH]
       (or `make set-repository URL=https://github.com/OWNER/NAME [BRANCH=main]`)

The repository URL lives in one place, `repository` in `_config.yml`; the
launch buttons (Binder, Colab), the repository and issue buttons, and every
notebook's Colab install cell follow it. This script changes that one place,
keeping the rest of the file (comments included) as it is, and then rewrites
the Colab install cells to match (what `make colab-cells` does) and the student
notebooks made from them (what `make student-notebooks` does). The GitHub
Pages workflow runs it with the repository it runs in, so a fork's site points
at the fork without any edit. With the URL already set it changes nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import colab_cell  # noqa: E402
import student_edition  # noqa: E402

URL_PATTERN = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")
BRANCH_PATTERN = re.compile(r"[A-Za-z0-9._/-]+")


def check_arguments(url: str, branch: str | None) -> str:
    """The URL without a trailing slash or `.git`; ValueError with one sentence if either argument is malformed."""
    url = url.strip().rstrip("/")
    url = url[:-4] if url.endswith(".git") else url
    if not URL_PATTERN.fullmatch(url):
        raise ValueError(f"URL must look like https://github.com/OWNER/NAME, got {url!r}")
    if branch is not None and (not BRANCH_PATTERN.fullmatch(branch) or branch.startswith("-")):
        raise ValueError(f"--branch must be a branch name such as main, got {branch!r}")
    return url


def _scalar(value: str) -> str:
    """value as a YAML scalar: plain if it reads back as the same string, else quoted."""
    try:
        plain = yaml.safe_load(f"x: {value}")
    except yaml.YAMLError:
        plain = None
    return value if isinstance(plain, dict) and plain.get("x") == value else json.dumps(value)


def _set_key(block: str, key: str, value: str) -> str:
    value = _scalar(value)
    pattern = re.compile(rf"^([ \t]+{key}:)[^\n#]*?([ \t]*#[^\n]*)?$", re.M)
    if not pattern.search(block):
        return block.rstrip("\n") + f"\n  {key}: {value}\n"
    return pattern.sub(lambda match: f"{match.group(1)} {value}{match.group(2) or ''}", block, count=1)


def set_repository_in_config(text: str, url: str, branch: str | None) -> str:
    """_config.yml text with `repository.url` (and `repository.branch`) replaced; nothing else changes."""
    match = re.search(r"^repository:[ \t]*\n((?:[ \t]+[^\n]*\n|[ \t]*\n)*)", text, re.M)
    if match is None:
        raise ValueError("_config.yml has no `repository:` section")
    block = _set_key(match.group(1), "url", url)
    if branch is not None:
        block = _set_key(block, "branch", branch)
    new = text[: match.start(1)] + block + text[match.end(1):]
    repository = yaml.safe_load(new)["repository"]  # the edit must read back as intended
    assert repository["url"] == url and (branch is None or str(repository["branch"]) == branch), repository
    return new


def main(argv: list[str], root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--branch")
    args = parser.parse_args(argv)
    try:
        url = check_arguments(args.url, args.branch)
    except ValueError as error:
        print(f"set_repository: {error}", file=sys.stderr)
        return 2
    config_path = root / "_config.yml"
    old = config_path.read_text()
    new = set_repository_in_config(old, url, args.branch)
    if new != old:
        config_path.write_text(new)
    source = colab_cell.install_cell_source(config_path)
    changed = [path for path in sorted((root / "book").glob("*.ipynb")) if not colab_cell.sync(path, source, check=False)]
    # The student notebooks (what the student edition launches) carry the same Colab cell.
    student_edition.write_student_notebooks(root / student_edition.STUDENT_NOTEBOOKS.relative_to(student_edition.ROOT),
                                            root / "book")
    repository = yaml.safe_load(new)["repository"]
    print(f"repository: {repository['url']} (branch {repository.get('branch', 'main')}); "
          f"_config.yml {'updated' if new != old else 'unchanged'}; {len(changed)} Colab cells updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
