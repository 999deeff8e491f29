"""newskg: news articles to a knowledge graph of entities and claims, with provenance."""

__version__ = "0.1.0"
