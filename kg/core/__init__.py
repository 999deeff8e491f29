"""The shared dataclasses, vocabulary, IRIs, lexicons and resources: every stage imports core;
core imports no stage."""
