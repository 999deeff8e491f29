"""The weapon recogniser: a spaCy component over a lexicon of systems and classes."""
