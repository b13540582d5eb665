import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest


@pytest.fixture
def stack_database() -> Iterator[str]:
    """A database of its own for the stack: the processes must not share pytest's."""
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    name = f"claimtrack_e2e_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base}/{name}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
