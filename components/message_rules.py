"""The shape shared by StemSafe's rule steps in the NLU pipeline: nothing to train, no state, one message at a time.

InputGuard, CheckRequestGuard and PageCheckDetector each revise the parse of every message (the intent, sometimes
the text) by rules in bot/; this base class gives them Rasa's `create` and the loop over a batch, so each says
only how it revises one message (`revise`). Each subclass still registers itself with Rasa's recipe.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message


class MessageRule(GraphComponent):
    """A pipeline step that revises each parsed message by rules; untrained and stateless."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> MessageRule:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self.revise(message)
        return messages

    def revise(self, message: Message) -> None:
        """Changes `message` in place where the rules say so."""
        raise NotImplementedError
