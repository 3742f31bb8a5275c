"""Key figures from Statistics Denmark's StatBank and from uploaded files; pure Python.

No Django here: the indicators app stores what these functions return. The HTTP client
(`statbank.client.StatBankClient`, httpx) is imported from its module by whoever fetches (the
worker); the package itself does not load it, so the indicators' models and pages do not.
"""

from dialogportal.statbank.errors import StatBankError
from dialogportal.statbank.figures import FigureRow, ParsedFigures, RowError, parse_figures
from dialogportal.statbank.indicators import (
    FetchResult,
    IndicatorSpec,
    Observation,
    fetch_indicator,
)
from dialogportal.statbank.types import Row, TableInfo

__all__ = [
    "FetchResult",
    "FigureRow",
    "IndicatorSpec",
    "Observation",
    "ParsedFigures",
    "Row",
    "RowError",
    "StatBankError",
    "TableInfo",
    "fetch_indicator",
    "parse_figures",
]
