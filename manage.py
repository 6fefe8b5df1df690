#!/usr/bin/env python
"""Django's command-line utility (the `sightline` command does the same)."""

import sys

from config.cli import main

if __name__ == "__main__":
    sys.exit(main())
