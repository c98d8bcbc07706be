"""Execute the book's notebooks once, in parallel, into the cache both site builds read.

Usage:
  python tools/notebook_cache.py execute [--jobs N]   fill the cache (`make execute`)
  python tools/notebook_cache.py config OUT.yml       write the build configuration that reads it
  python tools/notebook_cache.py key                  print the key of this checkout

`make book` and `make student` build the website twice (full and student
edition) from the same executed notebooks: `execute` runs every notebook of the
table of contents top to bottom in a fresh kernel from `book/`, exactly as
myst-nb's `execute_notebooks: force` does (same function, timeout and
allow_errors from `_config.yml`, widget state saved), N at a time, and stores
the results in the jupyter-cache `_build/.jupyter_cache`; both builds then use
`execute_notebooks: cache` and find every notebook there.

jupyter-cache matches a notebook by its code cells alone, so on its own it
would serve outputs computed by an older `lib/`. The cache is therefore keyed
by a hash of everything execution depends on (all of `lib/` and `book/`, the
notebooks and any file a kernel reads there such as a `matplotlibrc`,
`requirements.txt`, `pyproject.toml`, the `execute` settings of `_config.yml`,
the Python version and this file), written beside it; when the key differs the
cache is emptied before anything runs. A notebook that raises fails `execute`
(exit status 1, with its traceback) and nothing of it is cached.

`_config.yml` itself keeps `execute_notebooks: force`, so a plain
`jupyter-book build .` never reads a stale cache; `config` writes a copy of it
that reads the cache instead (paths made absolute, since a `--config` file's
paths are read relative to that file).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "_build" / ".jupyter_cache"
KEY_FILE = "cossim-cache-key.txt"  # inside the cache folder, so it goes when the cache goes


def load_config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text())


def toc_notebooks(root: Path = ROOT) -> list[Path]:
    """Every notebook the table of contents lists (the ones the build executes)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc.get("parts", []):
        for chapter in part.get("chapters", []):
            files.append(chapter["file"])
            files += [section["file"] for section in chapter.get("sections", [])]
    return [root / f"{name}.ipynb" for name in files if (root / f"{name}.ipynb").exists()]


# What in book/ only Sphinx reads, never a kernel: the extensions, the static
# files and the Markdown pages. Editing them does not re-execute the notebooks.
SPHINX_ONLY = ("book/_ext", "book/_static")


def _key_files(root: Path) -> list[Path]:
    """lib/ and book/ (a kernel runs in book/ and reads what is there, e.g. a matplotlibrc), and the pins.

    Left out of book/: SPHINX_ONLY and the Markdown pages.
    """
    skip_dirs = {"__pycache__", ".ipynb_checkpoints"}
    files = [
        path
        for folder in ("lib", "book")
        for path in (root / folder).rglob("*")
        if path.is_file()
        and not skip_dirs.intersection(path.parts)
        and not any(part.endswith(".egg-info") for part in path.parts)
        and path.suffix != ".pyc"
        and not (folder == "book" and path.suffix == ".md")
        and not any(path.relative_to(root).as_posix().startswith(f"{skip}/") for skip in SPHINX_ONLY)
    ]
    files += [root / "requirements.txt", root / "pyproject.toml", Path(__file__).resolve()]
    return sorted(set(files))


def cache_key(root: Path = ROOT) -> str:
    """A hash of everything a notebook's outputs depend on, besides its own code cells."""
    digest = hashlib.sha256()
    execute = (yaml.safe_load((root / "_config.yml").read_text()) or {}).get("execute", {})
    digest.update(json.dumps({"python": sys.version, "execute": execute}, sort_keys=True, default=str).encode())
    for path in _key_files(root):
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def open_cache(cache_dir: Path, key: str):
    """The jupyter-cache in cache_dir, emptied first if it was filled for another key."""
    from jupyter_cache import get_cache

    key_file = cache_dir / KEY_FILE
    if cache_dir.exists() and (not key_file.exists() or key_file.read_text().strip() != key):
        print(f"notebook cache: {cache_dir.name} was filled for another lib/, notebooks or pins; emptied", flush=True)
        shutil.rmtree(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    key_file.write_text(key + "\n")
    return get_cache(str(cache_dir))


def _execute_one(path: str, timeout: int, allow_errors: bool) -> tuple[str, str, float, str | None]:
    """Run one notebook as myst-nb's force mode does; return it as JSON, its time and any error."""
    from jupyter_cache.executors.utils import single_nb_execution

    notebook = nbformat.read(path, as_version=4)
    result = single_nb_execution(
        notebook, cwd=str(Path(path).parent), timeout=timeout, allow_errors=allow_errors, meta_override=True
    )
    error = None if result.err is None else (result.exc_string or repr(result.err))
    return path, nbformat.writes(result.nb), result.time, error


def execute(jobs: int, cache_dir: Path = CACHE, notebooks: list[Path] | None = None) -> int:
    from jupyter_cache.base import CacheBundleIn

    execute_config = load_config().get("execute", {})
    timeout = execute_config.get("timeout", 30)
    allow_errors = bool(execute_config.get("allow_errors", False))
    key = cache_key()
    cache = open_cache(cache_dir, key)
    notebooks = toc_notebooks() if notebooks is None else notebooks
    todo = []
    for path in notebooks:
        try:
            cache.match_cache_notebook(nbformat.read(path, as_version=4))
        except KeyError:
            todo.append(path)
    print(f"notebook cache: {len(notebooks) - len(todo)} of {len(notebooks)} notebooks cached for this checkout; "
          f"executing {len(todo)}, {jobs} at a time", flush=True)
    failed, start = [], time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(_execute_one, str(path), timeout, allow_errors) for path in todo]
        for future in as_completed(futures):
            path, text, seconds, error = future.result()
            name = Path(path).relative_to(ROOT).as_posix() if Path(path).is_relative_to(ROOT) else path
            if error is not None:
                failed.append(name)
                print(f"notebook cache: {name} FAILED after {seconds:.1f} s:\n{error}", flush=True)
                continue
            cache.cache_notebook_bundle(
                CacheBundleIn(nbformat.reads(text, as_version=4), path, data={"execution_seconds": seconds}),
                check_validity=False,
                overwrite=True,
            )
            print(f"notebook cache: {name} executed in {seconds:.1f} s", flush=True)
    if cache_key() != key:  # lib/ or a notebook changed while the notebooks ran
        shutil.rmtree(cache_dir, ignore_errors=True)
        print("notebook cache: sources changed during execution; cache emptied, run again", flush=True)
        return 1
    print(f"notebook cache: {len(todo) - len(failed)} executed, {len(failed)} failed, "
          f"{time.perf_counter() - start:.1f} s", flush=True)
    return 1 if failed else 0


def cached_config(config: dict | None = None, cache_dir: Path = CACHE) -> dict:
    """_config.yml for a `--config` build that takes every notebook's outputs from the cache."""
    config = load_config() if config is None else config
    execute_config = config.setdefault("execute", {})
    execute_config["execute_notebooks"] = "cache"
    execute_config["cache"] = str(cache_dir)
    sphinx = config.setdefault("sphinx", {})
    extensions = sphinx.setdefault("local_extensions", {}) or {}
    for name, folder in extensions.items():
        extensions[name] = str((ROOT / folder).resolve())
    sphinx["local_extensions"] = extensions
    if "bibtex_bibfiles" in config:
        config["bibtex_bibfiles"] = [str((ROOT / path).resolve()) for path in config["bibtex_bibfiles"]]
    return config


def write_config(config: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("execute")
    run.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    config = commands.add_parser("config")
    config.add_argument("out", type=Path)
    commands.add_parser("key")
    args = parser.parse_args(argv)
    if args.command == "execute":
        return execute(args.jobs)
    if args.command == "config":
        write_config(cached_config(), args.out)
        return 0
    print(cache_key())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
