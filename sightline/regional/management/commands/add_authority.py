"""`sightline add_authority`: add an authority to the deployment, with its localities, teams
and first administrator (the same as the "Add an authority" page)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from sightline.organisation.models import ReferenceAuthority
from sightline.regional.models import Region
from sightline.regional.services import authority_onboard, parse_teams


class Command(BaseCommand):
    help = "Add an authority with its localities, teams and first administrator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The authority's name.")
        parser.add_argument(
            "--benchmark", required=True, help="DfE code of the authority it compares as."
        )
        parser.add_argument("--fictional", action="store_true", help="Synthetic data only.")
        parser.add_argument(
            "--locality", action="append", default=[], help="A locality (repeat for more)."
        )
        parser.add_argument(
            "--team",
            action="append",
            default=[],
            help="A team, 'Team name|Locality' (repeat for more).",
        )
        parser.add_argument("--admin-username", required=True)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--region", default="", help="A region it may later share with.")
        parser.add_argument("--brand-colour", default="", help="#rrggbb for the header band.")

    def handle(self, *args: Any, **options: Any) -> None:
        benchmark = ReferenceAuthority.objects.filter(dfe_code=options["benchmark"]).first()
        if benchmark is None:
            raise CommandError(
                f"No authority with DfE code {options['benchmark']!r}: "
                "run `sightline load_reference_data` first, or check the code."
            )
        region = None
        if options["region"]:
            region = Region.objects.filter(name=options["region"]).first()
            if region is None:
                raise CommandError(f"No region called {options['region']!r}.")
        try:
            made = authority_onboard(
                by=None,
                name=options["name"],
                benchmark_as=benchmark,
                is_fictional=options["fictional"],
                localities=options["locality"],
                teams=parse_teams("\n".join(options["team"])),
                admin_username=options["admin_username"],
                admin_email=options["admin_email"],
                region=region,
                brand_colour=options["brand_colour"],
                effective=timezone.localdate(),
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{made.authority} was added with {made.authority.localities.count()} "
                f"localities and {made.authority.teams.count()} teams. Its administrator "
                f"{made.administrator.username} sets a password from the sign-in page's "
                "'Forgotten your password?'."
            )
        )
