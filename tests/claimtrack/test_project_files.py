"""Project files a newcomer and CI rely on."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_docker_compose_is_valid_yaml_with_the_whole_stack():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(compose["services"])


def test_readme_names_the_two_setup_commands_and_every_variable():
    readme = (ROOT / "README.md").read_text()
    for text in ("make run", "make test", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG"):
        assert text in readme
