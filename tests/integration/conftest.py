import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
import pytest


@contextmanager
def own_database() -> Iterator[str]:
    """A database of its own for the stack: the processes must not share pytest's."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"claimtrack_e2e_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def stack_database() -> Iterator[str]:
    with own_database() as url:
        yield url


@pytest.fixture(scope="module")
def module_stack_database() -> Iterator[str]:
    """One stack database for the tests of a module that share a running stack."""
    with own_database() as url:
        yield url
