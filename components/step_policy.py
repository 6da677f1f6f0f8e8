"""The shared shape of StemSafe's rule-free dialogue policies: one `next_step(tracker)` decides, nothing is learned.

The urgent-care policy (components/urgent_policy.py) and the typed-correction policy (components/correction_policy.py)
each read the conversation and either insist on one action (predicted with certainty, as a "no user" prediction
that overrules the form's happy path) or leave the choice to the other policies. This module holds what they share:
the Policy plumbing (config with the policy's priority, no training, loading, the prediction) and the question both
ask of the tracker, which action came right before the latest user message.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.core.constants import POLICY_PRIORITY, RULE_POLICY_PRIORITY
from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker


def action_before_user(tracker: DialogueStateTracker) -> Optional[str]:
    """The last action other than listening before the latest user message; None when the user did not speak
    last (an action came after the message) or said nothing yet."""
    seen_user = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_user:
                return None
            seen_user = True
        elif isinstance(event, ActionExecuted):
            if not seen_user:
                return None
            if event.action_name != ACTION_LISTEN_NAME:
                return event.action_name
    return None


class StepPolicy(Policy):
    """A policy that predicts `next_step(tracker)` with certainty, or nothing. Subclasses set `next_step` and
    `PRIORITY` and register themselves with DefaultV1Recipe."""

    PRIORITY = RULE_POLICY_PRIORITY

    @staticmethod
    def next_step(tracker: DialogueStateTracker) -> Optional[str]:
        raise NotImplementedError

    @classmethod
    def get_default_config(cls) -> Dict[Text, Any]:
        return {POLICY_PRIORITY: cls.PRIORITY}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource  # nothing to learn: the decision is the rules'

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> StepPolicy:
        return cls(config, model_storage, resource, execution_context)

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: Optional[Dict[Text, Any]] = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        action = self.next_step(tracker)
        probabilities = self._default_predictions(domain)
        if action is None:
            return self._prediction(probabilities)
        probabilities[domain.index_for_action(action)] = 1.0
        return self._prediction(probabilities, is_no_user_prediction=True)
