"""`--fix` and `--diff`: the edits rules propose, applying them safely, suggested rewrites."""
