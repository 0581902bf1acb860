"""The errors and warnings the workbook raises, under one base class.

Each message says what went wrong and where: the file, the line or row, the entry. Catch
``HKAnalysisError`` for any of them, or the one that concerns you.
"""

from __future__ import annotations


class HKAnalysisError(Exception):
    """Base class of every error the workbook raises about its inputs or settings."""


class ReadError(HKAnalysisError):
    """An input file that cannot be used; the message is a plain-language reason for the analyst.

    The loader never lets it escape: the file becomes a row of ``corpus.skipped`` with that reason.
    """


class ManifestError(HKAnalysisError, ValueError):
    """A manifest that cannot be trusted; the message names the file, the row and the problem."""


class LexiconError(HKAnalysisError, ValueError):
    """A lexicon file the tagger cannot use; the message names the file, the entry and the problem."""


class ParameterError(HKAnalysisError, ValueError):
    """A report parameter that the notebook does not declare, or of the wrong type."""


class UndatedArticlesWarning(UserWarning):
    """Some articles have no publication date, so no period can hold them."""


class UnknownColumnsWarning(UserWarning):
    """Columns of a CSV/JSON export that no field is known for, so their values are not used."""


class MissingFontWarning(UserWarning):
    """No font for Chinese characters was found: charts would draw them as empty boxes."""
