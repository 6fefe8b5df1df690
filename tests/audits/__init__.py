"""Tests of the case-file audit module."""
