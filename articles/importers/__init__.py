"""
Imports: one parser per format turns its input into neutral records
(``records.py``); one writer (``writer.py``) validates and saves them.
Adding a format means adding a parser to ``run.PARSERS``.
"""

from .run import FORMATS, ImportReport, detect_format, import_articles
from .writer import ImportOptions

__all__ = ["FORMATS", "ImportOptions", "ImportReport", "detect_format", "import_articles"]
