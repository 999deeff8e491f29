"""Stage 3: mentions grouped within a document, then resolved across documents."""
