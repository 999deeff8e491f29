"""Triple stores (embedded and remote) and the saved SPARQL queries."""
