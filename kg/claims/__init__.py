"""Stage 4: attributed claims with their sources, cues, contents and figures; grouped across
outlets."""
