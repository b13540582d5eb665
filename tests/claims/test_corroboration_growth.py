"""The supporting count's growth over a story, counted in one pass
(claims.selectors.corroboration)."""

from hypothesis import given
from hypothesis import strategies as st

from claims.selectors.corroboration import group_counts, independent_groups

chains = st.lists(st.frozensets(st.integers(min_value=1, max_value=30), min_size=1, max_size=5))


@given(chains)
def test_counting_in_one_pass_gives_the_groups_of_every_prefix(chain_sets):
    assert group_counts(chain_sets) == [
        len(independent_groups(chain_sets[:n])) for n in range(1, len(chain_sets) + 1)
    ]


def test_a_report_tying_two_origins_together_lowers_the_count():
    nis, kyiv, wire_citing_both = {1}, {2}, {1, 2, 3}
    assert group_counts([frozenset(nis), frozenset(kyiv), frozenset(wire_citing_both)]) == [1, 2, 1]
