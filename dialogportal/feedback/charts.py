"""Charts of the feedback pages: the analysis app's bar-chart geometry (one implementation of
SVG bars), drawn by `templates/includes/bar_chart.html` with a <table> alternative beside it."""

from dialogportal.analysis.charts import BarChart, bar_chart

__all__ = ["BarChart", "bar_chart"]
