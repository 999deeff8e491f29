"""The events stage: event mentions with their arguments per document, and Events across them."""
