import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "heard.settings")
application = get_wsgi_application()


def _warm_up() -> None:
    """Imports the chart library when a web process starts, not on the first dashboard someone opens (about a
    second of a core per process: the dashboard's first request took 3-9 s at 1,000,000 records on a busy machine)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager  # noqa: F401
    from matplotlib.backends import backend_agg, backend_svg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401
    from matplotlib.ticker import FuncFormatter  # noqa: F401


_warm_up()
