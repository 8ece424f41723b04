"""The monthly cost estimate of the README: it counts every kind of resource the stack creates,
and its lines follow the volumes they depend on."""

from __future__ import annotations

import dataclasses

import pytest

from civicat.cli import main
from civicat.deploy.costs import RESOURCE_COSTS, Usage, estimate


@pytest.mark.slow
def test_every_kind_of_resource_in_the_stack_is_counted_or_known_to_cost_nothing(resources):
    kinds = {resource["Type"] for resource in resources.values()}
    assert kinds - set(RESOURCE_COSTS) == set()
    services = {service for service, *_ in estimate()}
    assert {RESOURCE_COSTS[kind] for kind in kinds} - {None} <= services


def test_submissions_drive_the_forms_lines_and_visits_the_sites():
    more = estimate(dataclasses.replace(Usage(), submissions=100_000))
    for (service, _, cost, _), (same, _, cost_more, _) in zip(estimate(), more):
        assert service == same
        if service in ("SES", "API Gateway (REST)"):
            assert cost_more == pytest.approx(10 * cost, abs=0.05)  # rounded to cents
        if service.startswith("CloudFront"):
            assert cost_more == cost


def test_the_always_free_allowances_never_raise_a_line():
    assert all(0 <= after <= cost for _, _, cost, after in estimate())


def test_the_command_states_region_date_and_that_these_are_list_prices(capsys):
    assert main(["deploy", "costs", "--submissions", "10000"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AWS list prices, eu-central-1, as of ")
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| service")]
    total = rows.pop()
    assert float(total.split("|")[3].strip(" *")) == pytest.approx(sum(float(r.split("|")[3]) for r in rows), abs=0.02)
