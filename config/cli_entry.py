"""`python -m config.cli_entry …` runs the `sightline` command (used to start the worker)."""

import sys

from config.cli import main

if __name__ == "__main__":
    sys.exit(main())
