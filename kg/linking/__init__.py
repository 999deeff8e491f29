"""Stage 5: entities linked to Wikidata (SPARQL endpoint, local KB, cache)."""
