"""Every reach into Rasa's internals, listed in one place and checked at start-up.

StemSafe patches a few of Rasa's functions (``runtime/speedups.py``), overrides private methods in its
subclasses (``stores/``, ``channels/``, ``components/``) and reads attributes Rasa sets in its own
constructors. None of that is an API: a Rasa release that renames a method would make a patch or an
override silently do nothing. So each reach is listed here with the signature it was written against,
and ``require()`` (called by ``runtime.serve`` before anything is patched: the server, the shell and
the Rasa test stories) stops start-up with a message naming the reach and the file that depends on it
when

- the installed Rasa is not exactly ``RASA_VERSION`` (behaviour, not only names, may have changed), or
- a listed attribute is missing, or its parameters (names, kinds, defaults; annotations ignored)
  differ, or an instance attribute is no longer assigned where Rasa assigned it, or an overridden
  method (a hook) is no longer called from the Rasa method that called it.

Upgrading Rasa: read each listed function in the new release, adapt the code that depends on it, then
update the signature and ``RASA_VERSION`` here. The action server touches no Rasa internals (actions
use rasa-sdk's public API only), so it is not checked.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional

RASA_VERSION = "3.6.21"

PATCHED = "patched"  # replaced or wrapped for the whole process
OVERRIDDEN = "overridden"  # a private method redefined in a StemSafe subclass
CALLED = "called"  # a private method, or one whose exact behaviour we rely on, called directly
READ = "read"  # an instance attribute Rasa sets in the method named by ``set_in``


@dataclass(frozen=True)
class Reach:
    """One name inside Rasa that StemSafe depends on."""

    target: str  # "module:Class.attribute"
    how: str
    used_by: str  # the file and what it does with it
    signature: Optional[str] = None  # parameters as ``bare_signature`` renders them
    set_in: Optional[str] = None  # for READ: the method of the class that assigns the attribute
    called_from: Optional[str] = None  # for a hook: the method of the class that must go on calling it

    @property
    def module(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def path(self) -> List[str]:
        return self.target.split(":", 1)[1].split(".")


REACHES: tuple[Reach, ...] = (
    # runtime/speedups.py
    Reach(
        "rasa.core.actions.action:RemoteAction._validate_action_result",
        PATCHED,
        "runtime/speedups.py: action-server replies checked by a validator built once",
        "(self, result)",
    ),
    Reach(
        "rasa.core.actions.action:RemoteAction._action_call_format",
        PATCHED,
        "runtime/speedups.py: earlier user messages sent to the action server without rankings",
        "(self, tracker, domain)",
    ),
    Reach(
        "rasa.core.actions.action:RemoteAction.action_response_format_spec",
        CALLED,
        "runtime/speedups.py: the reply schema the fast check is built from",
        "()",
    ),
    Reach(
        "rasa.shared.core.trackers:DialogueStateTracker.past_states",
        PATCHED,
        "runtime/speedups.py: dialogue states computed once per tracker, length and arguments",
        "(self, domain, omit_unset_slots=False, ignore_rule_only_turns=False, rule_only_data=None)",
    ),
    Reach(
        "rasa.shared.core.events:Event.resolve_by_type",
        PATCHED,
        "runtime/speedups.py: event classes looked up in a table",
        "(type_name, default=None)",
    ),
    # runtime/train.py
    *(
        Reach(
            f"rasa.engine.training.hooks:TrainingHook.{name}",
            PATCHED,
            "runtime/train.py: no fingerprints of featurised data when the training cache is off",
            signature,
        )
        for name, signature in (
            ("on_before_node", "(self, node_name, execution_context, config, received_inputs)"),
            ("on_after_node", "(self, node_name, execution_context, config, output, input_hook_data)"),
        )
    ),
    Reach(
        "rasa.nlu.utils.spacy_utils:SpacyNLP._process_content_bearing_samples",
        PATCHED,
        "runtime/train.py: spaCy parses each distinct training text once",
        "(model, samples_to_pipe)",
    ),
    Reach(
        "rasa.engine.training.hooks:TrainingHook._cache",
        READ,
        "runtime/train.py: the cache the hook hands fingerprints to",
        set_in="__init__",
    ),
    Reach(
        "rasa.engine.caching:LocalTrainingCache._is_disabled",
        CALLED,
        "runtime/train.py: whether the cache drops what it is handed (RASA_MAX_CACHE_SIZE=0)",
        "(self)",
    ),
    Reach(
        "rasa.engine.caching:LocalTrainingCache.cache_output",
        CALLED,
        "runtime/train.py: relies on it returning at once when the cache is disabled",
        "(self, fingerprint_key, output, output_fingerprint, model_storage)",
    ),
    # runtime/balanced_batches.py
    Reach(
        "rasa.utils.tensorflow.model_data:RasaModelData.balanced_data",
        PATCHED,
        "runtime/balanced_batches.py: the same balanced batches, computed on example indices",
        "(self, data, batch_size, shuffle)",
    ),
    *(
        Reach(
            f"rasa.utils.tensorflow.model_data:RasaModelData.{name}",
            CALLED,
            "runtime/balanced_batches.py: " + why,
            signature,
        )
        for name, signature, why in (
            ("_check_label_key", "(self)", "fails as Rasa does without a label key"),
            ("_create_label_ids", "(label_ids)", "one id per example, as Rasa's balancing reads them"),
            ("_data_for_ids", "(data, ids)", "gathers every feature array at the balanced positions"),
            ("_split_by_label_ids", "(self, data, label_ids, unique_label_ids)", "the per-label order it replays"),
        )
    ),
    # stores/tracker.py
    Reach(
        "rasa.core.tracker_store:SQLTrackerStore.__init__",
        CALLED,
        "stores/tracker.py: the SQL store's engine, tables and session factory",
        "(self, domain=None, dialect='sqlite', host=None, port=None, db='rasa.db', username=None, "
        "password=None, event_broker=None, login_db=None, query=None, **kwargs)",
    ),
    Reach(
        "rasa.core.tracker_store:SQLTrackerStore.engine",
        READ,
        "stores/tracker.py: SQLite engine swapped for a pooled, write-ahead-log one",
        set_in="__init__",
    ),
    Reach(
        "rasa.core.tracker_store:SQLTrackerStore.sessionmaker",
        READ,
        "stores/tracker.py: session factory rebound to the SQLite engine",
        set_in="__init__",
    ),
    Reach(
        "rasa.core.tracker_store:SQLTrackerStore.SQLEvent",
        CALLED,
        "stores/tracker.py: Rasa's events table, read and written by StemSafe's own queries",
    ),
    Reach(
        "rasa.core.tracker_store:SQLTrackerStore.session_scope",
        CALLED,
        "stores/tracker.py, stores/kept.py: one session per read or save",
        "(self)",
    ),
    *(
        Reach(
            f"rasa.core.tracker_store:TrackerStore.{name}",
            OVERRIDDEN,
            "stores/tracker.py, stores/kept.py: redaction, erasure, analytics, conversations kept in memory",
            signature,
        )
        for name, signature in (
            ("retrieve", "(self, sender_id)"),
            ("retrieve_full_tracker", "(self, conversation_id)"),
            ("save", "(self, tracker)"),
        )
    ),
    Reach(
        "rasa.core.tracker_store:TrackerStore.event_broker",
        READ,
        "stores/tracker.py: redacted events published after each save",
        set_in="__init__",
    ),
    # channels/socketio.py
    Reach(
        "rasa.core.channels.socketio:SocketIOOutput._send_message",
        OVERRIDDEN,
        "channels/socketio.py: counts replies so a silent turn gets an apology",
        "(self, socket_id, response)",
    ),
    Reach(
        "rasa.core.channels.socketio:SocketIOOutput.__init__",
        CALLED,
        "channels/socketio.py: output channel built per message",
        "(self, sio, bot_message_evt)",
    ),
    Reach(
        "rasa.core.channels.socketio:SocketIOInput.sio",
        READ,
        "channels/socketio.py: handlers re-registered on Rasa's socket.io server",
        set_in="blueprint",
    ),
    *(
        Reach(
            f"rasa.core.channels.socketio:SocketIOInput.{name}",
            READ,
            "channels/socketio.py: session persistence and message handling",
            set_in="__init__",
        )
        for name in ("session_persistence", "namespace", "metadata_key", "user_message_evt", "bot_message_evt")
    ),
    # channels/telegram.py
    Reach(
        "rasa.core.channels.telegram:TelegramOutput.__init__",
        CALLED,
        "channels/telegram.py: skipped (only calls aiogram's Bot with the token) to pass a configurable API server",
        "(self, access_token)",
    ),
    Reach(
        "rasa.core.channels.telegram:TelegramInput.__init__",
        CALLED,
        "channels/telegram.py: positional arguments",
        "(self, access_token, verify, webhook_url, debug_mode=True)",
    ),
    *(
        Reach(
            f"rasa.core.channels.telegram:TelegramInput.{name}",
            READ,
            "channels/telegram.py: output channel and webhook registration",
            set_in="__init__",
        )
        for name in ("access_token", "webhook_url", "debug_mode")
    ),
    # channels/facebook.py, channels/slack.py
    Reach(
        "rasa.core.channels.facebook:FacebookInput.__init__",
        CALLED,
        "channels/facebook.py: positional arguments",
        "(self, fb_verify, fb_secret, fb_access_token)",
    ),
    *(
        Reach(
            f"rasa.core.channels.facebook:FacebookInput.{name}",
            READ,
            "channels/facebook.py: signature and verify-token checks",
            set_in="__init__",
        )
        for name in ("fb_verify", "fb_secret", "fb_access_token")
    ),
    Reach(
        "rasa.core.channels.facebook:Messenger.client",
        READ,
        "channels/facebook.py: replaced by a client with timeouts",
        set_in="__init__",
    ),
    Reach(
        "rasa.core.channels.facebook:Messenger.handle",
        CALLED,
        "channels/facebook.py: hands a verified update to Rasa",
        "(self, payload, metadata)",
    ),
    *(
        Reach(
            f"rasa.core.channels.slack:SlackInput.{name}",
            READ,
            "channels/slack.py: signature check and replies",
            set_in="__init__",
        )
        for name in ("slack_signing_secret", "slack_token")
    ),
    Reach(
        "rasa.core.channels.slack:SlackInput._sanitize_user_message",
        OVERRIDDEN,
        "channels/slack.py: skipped for a message over the entry limit (its link regex is quadratic)",
        "(text, uids_to_remove)",
    ),
    Reach(
        "rasa.core.channels.slack:SlackBot.client",
        READ,
        "channels/slack.py: replaced by a client with a configurable API base URL",
        set_in="__init__",
    ),
    # channels/slack.py
    Reach(
        "rasa.core.channels.slack:SlackInput._sanitize_user_message",
        OVERRIDDEN,
        "channels/slack.py: text over the channel's limit is left unread (the entry gate refuses it)",
        "(text, uids_to_remove)",
    ),
    # components/urgent_policy.py
    Reach(
        "rasa.core.policies.policy:Policy._default_predictions",
        CALLED,
        "components/urgent_policy.py: the urgent-care policy's empty prediction",
        "(self, domain)",
    ),
    Reach(
        "rasa.core.policies.policy:Policy._prediction",
        CALLED,
        "components/urgent_policy.py: the urgent-care policy's prediction",
        "(self, probabilities, events=None, optional_events=None, is_end_to_end_prediction=False, "
        "is_no_user_prediction=False, diagnostic_data=None, action_metadata=None)",
    ),
    # components/cached_models.py
    Reach(
        "rasa.nlu.classifiers.diet_classifier:DIETClassifier._predict",
        OVERRIDDEN,
        "components/cached_models.py: DIET's answers kept per text",
        "(self, message)",
    ),
    Reach(
        "rasa.nlu.selectors.response_selector:ResponseSelector._predict",
        OVERRIDDEN,
        "components/cached_models.py: the ResponseSelector's answers kept per text",
        "(self, message)",
    ),
    Reach(
        "rasa.nlu.selectors.response_selector:ResponseSelector.preprocess_train_data",
        OVERRIDDEN,
        "components/cached_models.py: the selector's examples filtered without hashing them again",
        "(self, training_data)",
    ),
    Reach(
        "rasa.shared.nlu.training_data.training_data:TrainingData.sanitize_examples",
        OVERRIDDEN,
        "components/cached_models.py: loaded examples are not de-duplicated again",
        "(examples)",
        called_from="__init__",
    ),
    Reach(
        "rasa.shared.nlu.training_data.training_data:TrainingData.filter_training_examples",
        OVERRIDDEN,
        "components/cached_models.py: the selector's filtered copy keeps the loaded examples as they are",
        "(self, condition)",
    ),
    Reach(
        "rasa.core.policies.ted_policy:TEDPolicy._prediction_states",
        CALLED,
        "components/cached_models.py: TED's cache key",
        "(self, tracker, domain, use_text_for_last_user_input=False, rule_only_data=None)",
    ),
    *(
        Reach(
            f"rasa.core.policies.ted_policy:TEDPolicy.{name}",
            READ,
            "components/cached_models.py: TED's cache key and its untrained state",
            set_in="__init__",
        )
        for name in ("only_e2e", "fake_features", "model")
    ),
    # components/serving_models.py (through the model_class hooks in components/cached_models.py)
    Reach(
        "rasa.utils.tensorflow.models:RasaModel.save",
        OVERRIDDEN,
        "components/serving_models.py: the weights written without the optimizer's state",
        "(self, model_file_name, overwrite=True)",
    ),
    Reach(
        "rasa.utils.tensorflow.models:RasaModel.load",
        OVERRIDDEN,
        "components/serving_models.py: weights built by test_step instead of compile(Adam) + fit on one example "
        "(re-read Rasa's load on upgrade: the rest of it is repeated there)",
        "(model_file_name, model_data_example, predict_data_example=None, finetune_mode=False, *args, **kwargs)",
    ),
    Reach(
        "rasa.utils.tensorflow.models:RasaModel.test_step",
        CALLED,
        "components/serving_models.py: one loss step, no gradients or optimizer, builds the weights",
        "(self, batch_in)",
    ),
    Reach(
        "rasa.utils.tensorflow.models:RasaModel.run_inference",
        CALLED,
        "components/serving_models.py: the prediction graph traced at load, as Rasa's load does",
        "(self, model_data, batch_size=1, output_keys_expected=None)",
    ),
    Reach(
        "rasa.utils.tensorflow.data_generator:RasaBatchDataGenerator.__init__",
        CALLED,
        "components/serving_models.py: the one-example batch Rasa's load fits on",
        "(self, model_data, batch_size, epochs=1, batch_strategy='sequence', shuffle=True, "
        "drop_small_last_batch=False)",
    ),
    Reach(
        "rasa.nlu.classifiers.diet_classifier:DIETClassifier.model_class",
        OVERRIDDEN,
        "components/cached_models.py: DIET loaded for serving (components/serving_models.py)",
        "()",
        called_from="_load_model_class",
    ),
    Reach(
        "rasa.nlu.selectors.response_selector:ResponseSelector.model_class",
        OVERRIDDEN,
        "components/cached_models.py: the ResponseSelector's model loaded for serving",
        "(use_text_as_label)",
        called_from="_load_model_class",
    ),
    Reach(
        "rasa.core.policies.ted_policy:TEDPolicy.model_class",
        OVERRIDDEN,
        "components/cached_models.py: TED loaded for serving",
        "()",
        called_from="_load_tf_model",
    ),
    # components/urgent_policy.py
    Reach(
        "rasa.core.policies.policy:Policy._prediction",
        CALLED,
        "components/urgent_policy.py: urgent care predicted as a prediction that uses no user input",
        "(self, probabilities, events=None, optional_events=None, is_end_to_end_prediction=False, "
        "is_no_user_prediction=False, diagnostic_data=None, action_metadata=None)",
    ),
    Reach(
        "rasa.core.policies.ensemble:DefaultPolicyPredictionEnsemble._pick_best_policy",
        CALLED,
        "components/urgent_policy.py: relies on 'no user' predictions overruling the others, then priority",
        "(predictions)",
    ),
)


def bare_signature(obj: Any) -> str:
    """Parameters with their kinds and defaults, without annotations: "(self, result)"."""
    signature = inspect.signature(obj)
    parameters = [p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()]
    return str(signature.replace(parameters=parameters, return_annotation=inspect.Signature.empty))


def _assigned_in(function: Any, name: str) -> bool:
    """Whether ``function`` (a method's code) refers to attribute ``name`` (assignments included)."""
    code = getattr(inspect.unwrap(function), "__code__", None)
    return code is not None and name in code.co_names


def problem(reach: Reach) -> Optional[str]:
    """What is wrong with one reach in the installed Rasa, or None."""
    try:
        owner: Any = importlib.import_module(reach.module)
    except ImportError as error:
        return f"module {reach.module} cannot be imported ({error})"
    *parents, name = reach.path
    for part in parents:
        owner = getattr(owner, part, None)
        if owner is None:
            return f"{part} no longer exists in {reach.module}"
    if reach.how == READ:
        method = getattr(owner, reach.set_in or "__init__", None)
        if method is None or not _assigned_in(method, name):
            return f"{parents[-1]}.{reach.set_in} no longer sets .{name}"
        return None
    if not hasattr(owner, name):
        return "no longer exists"
    if reach.signature is not None:
        found = bare_signature(getattr(owner, name))
        if found != reach.signature:
            return f"signature is {found}, expected {reach.signature}"
    if reach.called_from is not None:
        caller = getattr(owner, reach.called_from, None)
        if caller is None:
            return f"{parents[-1]}.{reach.called_from} no longer exists"
        if not _assigned_in(caller, name):
            return f"{parents[-1]}.{reach.called_from} no longer calls .{name}"
    return None


def problems(reaches: Optional[Iterable[Reach]] = None, version: Optional[str] = None) -> List[str]:
    """One line per mismatch (empty when the installed Rasa is the one StemSafe was written against)."""
    found: List[str] = []
    reaches = REACHES if reaches is None else reaches
    if version is None:
        import rasa

        version = rasa.__version__
    if version != RASA_VERSION:
        found.append(
            f"Rasa {version} is installed; StemSafe's patches were written for Rasa {RASA_VERSION} exactly "
            "(requirements.txt pins it)"
        )
    for reach in reaches:
        issue = problem(reach)
        if issue:
            found.append(f"{reach.target} ({reach.how}, {reach.used_by}): {issue}")
    return found


def require(reaches: Optional[Iterable[Reach]] = None) -> None:
    """Stop start-up (exit status 70) when any reach does not hold, naming each one."""
    found = problems(reaches)
    if found:
        lines = "\n".join(f"  - {line}" for line in found)
        sys.stderr.write(
            "StemSafe will not start: Rasa's internals are not what its patches and overrides expect.\n"
            f"{lines}\nSee runtime/rasa_internals.py for what each one does and how to upgrade.\n"
        )
        raise SystemExit(70)
