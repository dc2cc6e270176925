"""Whole-repository rules' view of the files: set summaries and the lookup of neighbouring files."""
