"""The package list: every subpackage of kg/ by discovery, plus the checkout's resource folders.

pyproject.toml cannot combine discovered packages with packages mapped from other folders
(ontology/, shapes/ and queries/ ship as kg.ontology, kg.shapes and kg.queries), so the list
is made here; everything else is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["kg", "kg.*"]), "kg.ontology", "kg.shapes", "kg.queries"])
