"""The orchestrator: the one place that knows the order of the stages; cache and kept output."""
