"""The three roles exist with the right permissions, and come back after a flush."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command


def role_permissions() -> dict[str, set[str]]:
    return {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.filter(name__in=["analyst", "editor", "admin"])
    }


@pytest.mark.django_db
def test_roles_hold_what_each_may_do():
    roles = role_permissions()
    assert "view_claim" in roles["analyst"] and "add_statement" not in roles["analyst"]
    assert {"add_statement", "decide_verdict", "resolve_reviewflag"} <= roles["editor"]
    assert "delete_claim" not in roles["editor"]
    assert {"delete_claim", "decide_verdict", "add_user"} <= roles["admin"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_roles_come_back_after_a_flush():
    before = role_permissions()
    call_command("flush", interactive=False, verbosity=0)
    assert role_permissions() == before
