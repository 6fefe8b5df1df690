"""Tests of the governance app."""
