"""Stage 6: the model as triples with provenance Assertions; serialisation."""
