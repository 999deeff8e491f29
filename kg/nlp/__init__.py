"""Stage 2: the only place spaCy is imported; a Document becomes Parsed plain data."""
