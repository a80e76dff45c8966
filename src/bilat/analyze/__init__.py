"""The analysis layer: deduplicated facts and indicators for an actor or a dyad over a period.

    from bilat.analyze import Scope, analyze
    result = analyze(Workspace(db), Scope.parse("CHN-RUS", since="2023-01-01"))
    result.to_json()
"""
from .agreements import Portfolio, portfolio
from .analysis import Analysis, analyze, clusters
from .dedup import Cluster, deduplicate
from .events import EventIndicators, event_indicators
from .figures import FigureSeries, figure_series
from .forecasts import ForecastView, forecasts
from .people import PersonView, people
from .records import DocRef, Report, load_reports
from ..model import actor_key, fact_keys
from .scope import Scope
from .stances import StanceMatrix, stance_matrix

__all__ = [
    "Analysis", "Cluster", "DocRef", "EventIndicators", "FigureSeries", "ForecastView", "PersonView",
    "Portfolio", "Report", "Scope", "StanceMatrix", "actor_key", "analyze", "clusters", "deduplicate",
    "event_indicators", "fact_keys", "figure_series", "forecasts", "load_reports", "people", "portfolio",
    "stance_matrix",
]
