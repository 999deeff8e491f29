"""Where the ontology, the shapes and the saved queries are, installed or checked out.

A wheel carries them inside the package (kg/ontology, kg/shapes, kg/queries); an editable
install or a plain checkout reads the top-level folders of the checkout, never a stale copy.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Literal

__all__ = ["ResourceName", "ontology_path", "resource_dir", "shapes_paths"]

ResourceName = Literal["ontology", "shapes", "queries"]


def resource_dir(name: ResourceName) -> Path:
    """The folder holding the named resource files."""
    packaged = Path(str(resources.files("kg").joinpath(name)))
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"the {name}/ folder is missing from both the installed package and the checkout; "
        "reinstall newskg (pip install -e .)"
    )


def ontology_path() -> Path:
    """The OWL ontology, ontology/kg.ttl."""
    return resource_dir("ontology") / "kg.ttl"


def shapes_paths() -> list[Path]:
    """Every SHACL shapes file, in name order."""
    return sorted(resource_dir("shapes").glob("*.ttl"))
