"""Validate a CPSV-AP graph against the official SHACL shapes of CPSV-AP 3.2.0 (a copy with its
licence in docs/standards/cpsv-ap/) with pyshacl, which is a test and check dependency, not one of
the build."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import SH

SHAPES = Path(__file__).resolve().parents[2] / "docs" / "standards" / "cpsv-ap" / "cpsv-ap-SHACL-3.2.0.ttl"


@dataclass
class Report:
    violations: int
    warnings: list[str]
    messages: list[str]

    def lines(self) -> list[str]:
        head = f"CPSV-AP 3.2.0 SHACL: {self.violations} violation(s), {len(self.warnings)} warning(s)"
        return [head, *self.messages, *(f"warning: {w}" for w in self.warnings)]


def check(g: Graph, shapes: Path = SHAPES) -> Report:
    from pyshacl import validate

    _conforms, results, _text = validate(g, shacl_graph=Graph().parse(shapes), inference="none")
    violations, warnings, messages = 0, [], []
    for result in results.subjects(SH.resultSeverity, None):
        severity = results.value(result, SH.resultSeverity)
        line = (f"{results.value(result, SH.focusNode)} {results.value(result, SH.resultPath)}: "
                f"{results.value(result, SH.resultMessage)}")
        if severity == SH.Violation:
            violations += 1
            messages.append(line)
        else:
            warnings.append(line)
    return Report(violations, sorted(warnings), sorted(messages))
