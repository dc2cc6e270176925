"""Understanding what a key result says: readings built from rule packs, a tokenizer and regexes.

`reading.py` is what a rule reads (`KeyResultReading`, `reading_of`); the reader that builds
readings (`reader.py`) is imported only when texts are read.
"""
