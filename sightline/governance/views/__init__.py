"""Governance pages: boards, meetings and packs, meeting actions, risks, inspections."""
