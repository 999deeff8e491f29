"""Stage 7: SHACL validation, whole files and a build's batches."""
