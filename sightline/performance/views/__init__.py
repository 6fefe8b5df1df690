"""The performance pages: dashboard, measure pages, drill-down, uploads and targets."""

from .drilldown import measure_children
from .figure_pages import benchmarks, dashboard_page, measure_page, rebase_add, rebase_remove
from .readers import measure_localities, workers_page
from .target_pages import target_detail, targets
from .uploads import column_mappings, import_detail, imports

__all__ = [
    "benchmarks",
    "column_mappings",
    "dashboard_page",
    "import_detail",
    "imports",
    "measure_children",
    "measure_localities",
    "measure_page",
    "rebase_add",
    "rebase_remove",
    "target_detail",
    "targets",
    "workers_page",
]
