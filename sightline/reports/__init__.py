"""Reports: the papers Sightline produces (board pack, scrutiny dashboard, DfE highlight report,
Chair's report, Cabinet/committee paper, and a council's own design), each made from one report
model and frozen as a snapshot when approved."""
