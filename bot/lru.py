"""A bounded in-memory mapping that forgets the least recently used entry first (used by the caches)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, Optional, TypeVar

V = TypeVar("V")


class LRU(Generic[V]):
    """At most `size` entries (0: keeps nothing); counts hits and misses of `get`."""

    def __init__(self, size: int) -> None:
        self.size = max(0, int(size))
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Optional[V]:
        if key in self._items:
            self._items.move_to_end(key)
            self.hits += 1
            return self._items[key]
        self.misses += 1
        return None

    def put(self, key: Hashable, value: V) -> None:
        if not self.size:
            return
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def pop(self, key: Hashable) -> Optional[V]:
        return self._items.pop(key, None)

    def peek(self, key: Hashable) -> Optional[V]:
        """The entry, without counting or reordering."""
        return self._items.get(key)

    def __len__(self) -> int:
        return len(self._items)
