"""The HTML report, made from saved queries."""
