"""Events of the sources app that other apps react to (sources must not import them).

Both are sent inside the transaction that records the check, so receivers' writes commit or
roll back with it.
"""

from django.dispatch import Signal

# Sent when a source's health changes. Arguments: source, previous (health value), snapshot
# (the Snapshot that observed it, or None).
source_health_changed = Signal()

# Sent after every completed check. Arguments: source, snapshot.
source_checked = Signal()

# Sent when citations changed the origins of sources (sources.services.retrace_origins), inside
# the transaction that changed them. Arguments: source_ids (the sources whose origins changed),
# cycles (rings of citation the change closed, each a chain of source ids returning to its start)
# and cycle_sources (source id → indexes into cycles: the sources whose chain passes through each).
origins_changed = Signal()
