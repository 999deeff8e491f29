"""newskg: news articles to a knowledge graph of entities and claims, with provenance.

The library's front door (each name is imported on first use, so `import kg` loads neither
spaCy nor the stages):

    from pathlib import Path
    from kg import Analyzer, Options, build_corpus, write_graph

    result = build_corpus(["examples/"], Analyzer(), Options(jobs=2))
    print(result.counts, result.report.conforms)
    write_graph(result.triples, Path("graph.ttl"), "turtle")

`build_corpus` is what `kg build` runs; `result.graph` is the graph as an rdflib Graph.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = [
    "Analyzer",
    "Options",
    "__version__",
    "build_corpus",
    "load_query",
    "run_query",
    "validate_graph",
    "write_graph",
]

# name -> (module, attribute)
_EXPORTS = {
    "Analyzer": ("kg.nlp.analyzer", "Analyzer"),
    "Options": ("kg.build.pipeline", "Options"),
    "build_corpus": ("kg.build.pipeline", "build"),
    "write_graph": ("kg.rdf.serialise", "write_graph"),
    "validate_graph": ("kg.validation.shacl", "validate_graph"),
    "load_query": ("kg.store.queries", "load_query"),
    "run_query": ("kg.store.queries", "run_query"),
}


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    module, attribute = _EXPORTS[name]
    return getattr(importlib.import_module(module), attribute)
