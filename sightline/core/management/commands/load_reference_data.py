from __future__ import annotations

from pathlib import Path

from sightline.core.management.dfe_command import DfeDataCommand
from sightline.organisation.services import ReferenceDataError, reference_authorities_load


class Command(DfeDataCommand):
    help = "Load the English local authorities (DfE and ONS reference data shipped in data/dfe)."
    data_error = ReferenceDataError

    def load(self, data_dir: Path) -> str:
        result = reference_authorities_load(data_dir=data_dir)
        return f"English authorities: {result.created} added, {result.updated} updated."
