"""Key figures from Statistics Denmark's StatBank and from uploaded files; pure Python.

No Django here: the indicators app stores what these functions return.
"""

from dialogportal.statbank.client import StatBankClient
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
    "StatBankClient",
    "StatBankError",
    "TableInfo",
    "fetch_indicator",
    "parse_figures",
]
