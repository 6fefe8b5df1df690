"""``python -m csc_measures …``: the engine's command line without the web application."""

from csc_measures.cli import main

raise SystemExit(main(prog="python -m csc_measures"))
