"""Stage 1: files, JSON Lines records and HTML pages become Documents."""
