"""Improvement plan pages: plan on a page, actions, priorities, progress, evidence, import."""
