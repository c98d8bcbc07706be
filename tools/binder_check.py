"""Check that .venv is what Binder (repo2docker) would give a reader of this checkout.

Usage (with .venv/bin/python, as `make test-binder` runs it):
  python tools/binder_check.py stamp   print the stamp the Makefile writes after a fresh install
  python tools/binder_check.py check   the Binder check

Binder runs `pip install -r requirements.txt` from the repository root into a
fresh environment and starts Jupyter, whose `python3` kernel runs the
notebooks from book/. The Makefile makes `.venv` the same way (it deletes any
old `.venv`, creates a new one and runs exactly that command), so there is no
need for a second installation. This check proves that the environment it
checks is such an installation, for this checkout:

- the stamp says `.venv` was created fresh from this very `requirements.txt`
  and `pyproject.toml` (their hashes), and it was written only after pip
  succeeded;
- `pip freeze` is exactly the pins of `requirements.txt` (nothing missing,
  nothing extra, no other version), `cossim` is installed editable from this
  checkout's `lib/`, and `pip check` finds every dependency satisfied;
- JupyterLab, Jupyter Server, nbconvert and the `python3` kernelspec are there;
- nbconvert's ExecutePreprocessor, with the `python3` kernelspec and book/ as
  working directory (as a Jupyter server and `jupyter nbconvert --execute`
  run a chapter), starts a kernel of this environment that imports `cossim`
  from `lib/`.

That every notebook then runs top to bottom in this environment is what nbval
(`make test-notebooks`) and the build (`make test-build`, kernelspec `python3`,
working directory book/) have just proved; they are not run a third time here.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("requirements.txt", "pyproject.toml")
INSTALL_COMMAND = "python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.txt"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def source_hashes(root: Path = ROOT) -> dict[str, str]:
    return {name: hashlib.sha256((root / name).read_bytes()).hexdigest() for name in SOURCES}


def stamp() -> dict:
    return {"fresh_venv": True, "command": INSTALL_COMMAND, "python": sys.version.split()[0],
            "prefix": sys.prefix, "sources": source_hashes()}


def pinned(requirements: str) -> dict[str, str]:
    """name -> version of every `name==version` line; fails on any other kind of requirement."""
    pins = {}
    for raw in requirements.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or re.fullmatch(r"-e \.(\[[A-Za-z0-9,_-]+\])?", line):
            continue  # the book's own library, checked apart (editable from this checkout)
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;]+)", line)
        if match is None:
            raise ValueError(f"requirements.txt: {line!r} is not an exact pin (name==version)")
        pins[canonical(match.group(1))] = match.group(2)
    return pins


def frozen(freeze_output: str) -> dict[str, str]:
    """name -> version from `pip freeze --exclude-editable`."""
    versions = {}
    for line in freeze_output.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, version = line.partition("==")
        versions[canonical(name)] = version or line
    return versions


def compare_pins(pins: dict[str, str], installed: dict[str, str]) -> list[str]:
    problems = [f"{name}=={version} is pinned but not installed" for name, version in pins.items() if name not in installed]
    problems += [f"{name} is installed as {installed[name]}, pinned as {version}"
                 for name, version in pins.items() if name in installed and installed[name] != version]
    problems += [f"{name}=={version} is installed but not pinned" for name, version in installed.items() if name not in pins]
    return problems


def start(*command: str) -> subprocess.Popen:
    """Start a command (they run side by side; `finish` collects one)."""
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)


def finish(process: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


PROBE = "import os, sys, cossim\nprint(os.getcwd()); print(sys.prefix); print(cossim.__file__)"


def kernel_probe() -> list[str]:
    """Run one cell through nbconvert's executor and the python3 kernelspec, from book/."""
    import nbformat
    from nbconvert.preprocessors import ExecutePreprocessor

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    ExecutePreprocessor(timeout=120, kernel_name="python3").preprocess(notebook, {"metadata": {"path": str(ROOT / "book")}})
    text = "".join(output.get("text", "") for output in notebook.cells[0].outputs)
    return text.split()


def check() -> int:
    problems: list[str] = []
    stamp_path = Path(sys.prefix) / ".installed-stamp"
    try:
        recorded = json.loads(stamp_path.read_text())
    except (OSError, ValueError):
        recorded = {}
    if not recorded.get("fresh_venv"):
        problems.append(f"{stamp_path} does not record a fresh install: run `make` again (it recreates .venv)")
    elif recorded.get("sources") != source_hashes():
        problems.append(".venv was installed from another requirements.txt or pyproject.toml: run `make` again")
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        problems.append(f"this check must run in {ROOT / '.venv'}, not {sys.prefix}")

    jupyter = str(Path(sys.executable).parent / "jupyter")
    running = {
        "freeze": start(sys.executable, "-m", "pip", "freeze", "--exclude-editable"),
        "pip check": start(sys.executable, "-m", "pip", "check"),
        "kernelspecs": start(jupyter, "kernelspec", "list", "--json"),
        **{subcommand: start(jupyter, subcommand, "--version") for subcommand in ("lab", "server", "nbconvert")},
    }

    from importlib import metadata

    try:
        direct_url = json.loads(metadata.distribution("cossim").read_text("direct_url.json") or "{}")
    except metadata.PackageNotFoundError:
        direct_url = {}
    if not direct_url.get("dir_info", {}).get("editable") or direct_url.get("url") != ROOT.as_uri():
        problems.append(f"cossim is not installed editable from {ROOT} (requirements.txt has `-e .`)")

    try:
        cwd, prefix, module = kernel_probe()
        if Path(cwd).resolve() != (ROOT / "book").resolve():
            problems.append(f"the kernel ran in {cwd}, not in book/")
        if Path(prefix).resolve() != Path(sys.prefix).resolve():
            problems.append(f"the python3 kernel runs {prefix}, not this environment")
        if not Path(module).resolve().is_relative_to((ROOT / "lib" / "cossim").resolve()):
            problems.append(f"the kernel imported cossim from {module}, not from lib/")
    except Exception as error:  # noqa: BLE001 - any failure of the kernel is the finding
        problems.append(f"the python3 kernel could not import cossim from book/: {error}")

    done = {name: finish(process) for name, process in running.items()}
    if done["freeze"].returncode != 0:
        problems.append(f"pip freeze failed: {done['freeze'].stderr.strip()}")
    problems += compare_pins(pinned((ROOT / "requirements.txt").read_text()), frozen(done["freeze"].stdout))
    if done["pip check"].returncode != 0:
        problems.append(f"pip check: {done['pip check'].stdout.strip()} {done['pip check'].stderr.strip()}")
    for subcommand in ("lab", "server", "nbconvert"):
        if done[subcommand].returncode != 0:
            problems.append(f"`jupyter {subcommand} --version` failed: {done[subcommand].stderr.strip()[-300:]}")
    specs = done["kernelspecs"]
    if specs.returncode != 0 or "python3" not in json.loads(specs.stdout or "{}").get("kernelspecs", {}):
        problems.append("no python3 kernelspec")

    for problem in problems:
        print(f"binder check: {problem}")
    if problems:
        print(f"binder check: {len(problems)} problems")
        return 1
    count = len(pinned((ROOT / "requirements.txt").read_text()))
    print(f"binder check: passed; .venv is a fresh `pip install -r requirements.txt` of this checkout "
          f"({count} exact pins, cossim editable), with Jupyter and a python3 kernel that imports cossim from book/")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["stamp"]:
        print(json.dumps(stamp(), indent=1))
        return 0
    if argv == ["check"]:
        return check()
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
