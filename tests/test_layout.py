"""The package's layout: folders that read as the pipeline, imports that run one way.

Layers, lowest first: `core` (imports no other part of kg); the stages (each imports only
core and itself); the orchestrators `build` and `report` (core and stages, not each other);
`cli` on top. A wheel built from the checkout carries every subpackage and runs a build.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "kg"
CORE = {"core", "data"}
STAGES = {"ingest", "nlp", "entities", "claims", "events", "linking", "rdf", "validation", "store"}
ORCHESTRATORS = {"build", "report"}
TOP = {"__init__", "__main__", "cli"}
MAX_LINES = 450


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _part(path: Path) -> str:
    """The top-level part of kg a module belongs to ("entities", "core", "cli" ...)."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imported_parts(path: Path) -> set[str]:
    """The parts of kg a module imports, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(PACKAGE).with_suffix("").parts
    parts: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel[: len(rel) - node.level])
                names = (base + [node.module] if node.module else base) or [
                    a.name for a in node.names
                ]
                module = ".".join(["kg", *names])
            else:
                module = node.module or ""
            if module == "kg":
                parts.update(a.name for a in node.names)
            elif module.startswith("kg."):
                parts.add(module.split(".")[1])
        elif isinstance(node, ast.Import):
            parts.update(a.name.split(".")[1] for a in node.names if a.name.startswith("kg."))
    return parts - {"__version__"}


def _allowed(part: str) -> set[str]:
    if part in CORE:
        return CORE
    if part in STAGES:
        return CORE | {part}
    if part in ORCHESTRATORS:
        return CORE | STAGES | {part}
    return CORE | STAGES | ORCHESTRATORS | TOP


def test_top_level_holds_only_the_entry_points() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top <= TOP, f"modules at kg/'s top level beyond {sorted(TOP)}: {sorted(top - TOP)}"
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    unknown = folders - CORE - STAGES - ORCHESTRATORS - {"cli"}
    assert not unknown, f"folders of kg/ outside the layering this test knows: {sorted(unknown)}"


def test_no_stage_imports_another() -> None:
    wrong = []
    for path in _modules():
        part = _part(path)
        for imported in sorted(_imported_parts(path) - _allowed(part)):
            wrong.append(f"{path.relative_to(ROOT)} ({part}) imports kg.{imported}")
    assert not wrong, "imports against the layering:\n" + "\n".join(wrong)


def test_the_layering_check_sees_a_cross_stage_import(tmp_path: Path) -> None:
    """The walker finds plain, relative and function-level imports (so the test above can fail)."""
    module = tmp_path / "kg" / "claims" / "x.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from kg.entities import names\nfrom ..rdf import nodes\n"
        "def f():\n    import kg.store.queries\n    from kg.core import lexicon\n",
        encoding="utf-8",
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "kg"
    try:
        assert _imported_parts(module) == {"entities", "rdf", "store", "core"}
        assert _imported_parts(module) - _allowed(_part(module)) == {"entities", "rdf", "store"}
    finally:
        PACKAGE = saved


def test_no_module_is_over_the_size_limit() -> None:
    long = [
        f"{p.relative_to(ROOT)}: {n} lines"
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    ]
    assert not long, f"modules over {MAX_LINES} lines (split them by idea):\n" + "\n".join(long)


def test_core_loads_without_spacy() -> None:
    """core is imported by every stage; it must not pull in the nlp stage's spaCy."""
    code = (
        "import sys, importlib, pkgutil, kg.core\n"
        "for m in pkgutil.iter_modules(kg.core.__path__): "
        "importlib.import_module('kg.core.' + m.name)\n"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


@pytest.mark.slow
def test_a_wheel_installed_in_a_clean_venv_builds_the_examples(tmp_path: Path) -> None:
    """The wheel carries every subpackage and the resources (ontology, shapes, queries,
    templates, data) and runs `kg build` without the checkout. The new venv holds only the
    wheel; the dependencies come from this venv's site-packages through a path file (its
    own path files, the editable install's among them, are not read from there)."""
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        cwd=tmp_path,
    )
    (wheel,) = wheels.glob("newskg-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    here = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "deps.pth").write_text("\n".join(here) + "\n", encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", site, str(wheel)],
        check=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH"}}
    env["SOURCE_DATE_EPOCH"] = "1700000000"
    where = subprocess.run(
        [
            str(python),
            "-c",
            "import kg.core.resources as r, kg; print(kg.__file__); print(r.shapes_paths()[0])",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    ).stdout.split()
    assert all(line.startswith(site) for line in where), where
    out = tmp_path / "g.ttl"
    done = subprocess.run(
        [str(python), "-m", "kg", "build", str(ROOT / "examples"), "-o", str(out)],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "4 documents" in done.stderr and "0 violations" in done.stderr
    assert "a kg:Claim" in out.read_text(encoding="utf-8")
