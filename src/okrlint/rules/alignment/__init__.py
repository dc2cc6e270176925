"""The alignment rules.

Alignment: links between OKR sets resolve, do not go round in circles, and do not conflict.

Both rules read the whole repository (see `okrlint.workspace.neighbours`): a link to a set in a file
that was not passed on the command line is looked up, not reported as missing.
"""
