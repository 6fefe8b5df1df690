"""Tests of the improvement plan app."""
