"""The stages of a run, in the order data flows through them.

discover -> load -> validate -> understand -> check -> filter, then `okrlint.output` reports.
`run.lint_paths` hands each stage's result to the next (see ARCHITECTURE.md).
"""
