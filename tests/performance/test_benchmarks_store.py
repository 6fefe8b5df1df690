"""DfE benchmarks loaded into the database answer as the engine's own reader does."""

from __future__ import annotations

import pytest
from django.conf import settings

from csc_measures.benchmarks import MAPPINGS_BY_ID, load_benchmarks
from sightline.auditlog.models import AuditEvent
from sightline.organisation.models import Authority, ReferenceAuthority
from sightline.organisation.services import authority_create
from sightline.performance.models import BenchmarkFigure, BenchmarkLoad
from sightline.performance.selectors import benchmark_for
from sightline.performance.services import benchmark_figures_load

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reader():
    return load_benchmarks(settings.SIGHTLINE_DFE_DATA_DIR)


@pytest.fixture
def loaded(reference_data: None) -> BenchmarkLoad:
    return benchmark_figures_load(data_dir=settings.SIGHTLINE_DFE_DATA_DIR)


def test_loading_twice_replaces_rather_than_duplicates(loaded: BenchmarkLoad, reader) -> None:
    expected = sum(1 for _ in reader.rows())
    assert loaded.figures == BenchmarkFigure.objects.count() == expected
    again = benchmark_figures_load(data_dir=settings.SIGHTLINE_DFE_DATA_DIR)
    assert BenchmarkFigure.objects.count() == again.figures == expected
    assert AuditEvent.objects.filter(action="benchmarks.load").count() == 2


def test_gloucestershire_re_referrals_with_england_and_neighbours(
    loaded: BenchmarkLoad, demo: Authority
) -> None:
    fd04 = benchmark_for(authority=demo, measure_id="FD04")
    assert fd04 is not None
    assert fd04.benchmark_as == "Gloucestershire"
    assert (fd04.own.value, fd04.own.label) == (22.4, "2024-25")
    assert fd04.england.value == 22.6
    assert fd04.sn_mean.value == pytest.approx(20.87)
    assert (fd04.sn_mean.neighbours_with_data, fd04.sn_mean.neighbours) == (10, 10)
    assert fd04.region_name == "South West"


@pytest.mark.parametrize("dfe_code", ["916", "302", "314", "201"])
def test_database_answers_match_the_engine_reader_for_every_measure(
    loaded: BenchmarkLoad, reader, dfe_code: str
) -> None:
    ref = ReferenceAuthority.objects.get(dfe_code=dfe_code)
    authority = authority_create(by=None, name=f"Test {dfe_code}", benchmark_as=ref)
    for measure_id in MAPPINGS_BY_ID:
        ours = benchmark_for(authority=authority, measure_id=measure_id)
        theirs = reader.for_authority(measure_id, dfe_code)
        assert ours is not None
        assert theirs is not None
        for name in ("latest", "england", "region"):
            mine = getattr(ours, "own" if name == "latest" else name)
            other = getattr(theirs, name)
            assert (mine is None) == (other is None), (measure_id, name)
            if mine is not None:
                assert (mine.value, mine.year) == (other.value, other.period.year), (
                    measure_id,
                    name,
                )
                assert mine.label == other.period.label
        if theirs.sn_mean is None:
            assert ours.sn_mean is None, measure_id
        else:
            assert ours.sn_mean.value == pytest.approx(theirs.sn_mean.value), measure_id
            assert ours.sn_mean.year == theirs.sn_mean.period.year
            assert ours.sn_mean.neighbours_with_data == theirs.sn_mean.neighbours_with_data


def test_measures_without_a_published_equivalent_have_no_benchmark(
    loaded: BenchmarkLoad, demo: Authority
) -> None:
    assert benchmark_for(authority=demo, measure_id="FD01") is None


def test_comparators_page_shows_figures_years_and_the_licence(
    loaded: BenchmarkLoad, client_for
) -> None:
    from django.urls import reverse

    page = client_for("member").get(reverse("performance:benchmarks")).content.decode()
    assert "Gloucestershire" in page
    assert "South West" in page
    assert "FD04" in page
    assert "22.4" in page
    assert "2024-25" in page
    assert "Open Government Licence v3.0" in page


def test_comparators_page_explains_when_nothing_is_loaded(demo: Authority, client_for) -> None:
    from django.urls import reverse

    page = client_for("board").get(reverse("performance:benchmarks")).content.decode()
    assert "No DfE figures are loaded yet" in page


def test_the_measure_page_charts_every_published_year(
    loaded: BenchmarkLoad, demo: Authority, client_for
) -> None:
    fd04 = benchmark_for(authority=demo, measure_id="FD04")
    assert fd04 is not None
    assert len(fd04.years) >= 2
    latest = fd04.years[-1]
    assert (latest.label, latest.own, latest.england) == ("2024-25", 22.4, 22.6)
    assert latest.sn_mean == pytest.approx(20.87)
    assert [y.year for y in fd04.years] == sorted(y.year for y in fd04.years)
    page = client_for("board").get("/performance/measures/FD04/").content.decode()
    assert "Published figures by year" in page
    assert 'class="sl-bench__line sl-bench__line--own"' in page
    for year in fd04.years:
        assert f">{year.label}</th>" in page
