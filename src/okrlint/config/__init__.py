"""Configuration: reading and merging config files (`files`), resolving them against the rules
of a run (`settings`), and `okrlint config` (`show`)."""
