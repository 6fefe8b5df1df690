"""Case-file audit pages: thin views over selectors and services, one module per part of
the module (urls.py names each view by its module)."""
