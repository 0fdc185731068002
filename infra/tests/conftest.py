"""Fixtures: the transformed template, once per parameter set per run."""

import pytest

from stack import DEFAULTS, PROD, transformed


@pytest.fixture(scope="session")
def prod():
    return transformed(PROD)


@pytest.fixture(scope="session")
def default():
    return transformed(DEFAULTS)
