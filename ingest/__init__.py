"""
Imports and exports. One parser per format (``parsers/``) turns its input
into neutral records (``records.py``); one writer (``writer.py``) validates
them and saves them through the articles' services; ``run.py`` ties an
import together. Adding a format means adding a parser to ``run.PARSERS``.
"""
