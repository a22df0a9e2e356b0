"""The suite's Processing provider and algorithms (never import this package as top-level ``processing``)."""
