"""Rasa's TensorFlow models (DIET, the ResponseSelector's DIET2BOW/DIET2DIET, TED) loaded for serving:
the trained weights without the optimizer that only training needs.

Rasa 3.6's ``RasaModel.load`` builds a model's weights by compiling it with an Adam optimizer and
fitting it on one example, then reads the trained weights over them. The server therefore kept, per
model, Adam's two slot variables for every weight (29 M numbers for the three models of 2026-11-30)
and the traced training step (forward and backward graph), none of which a prediction uses: the
server's memory after start was 1,371 MB with them and is 826 MB without (bench/model_size.py --rss,
same model), and the models load in 15 s instead of 22. Here the weights are built by Rasa's own
``test_step`` on the same example instead (the forward pass and loss of ``fit`` without gradients or
an optimizer, so every layer the training step builds is built), and the trained weights are read over
them exactly as before; the optimizer's entries in the weights file are left unread. Predictions are
the same numbers, because the weights are. Freed memory is handed back to the system (``gc`` and
glibc's ``malloc_trim``), as the allocator otherwise keeps it.

Training is untouched: these classes only replace ``load``, and a fine-tuning load (which resumes
training, so needs the optimizer) is Rasa's own. ``components/cached_models.py`` makes its components
use these classes through Rasa's ``model_class`` hook.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import logging
from typing import Any, Callable, Optional, Text, Type, TypeVar

from rasa.core.policies.ted_policy import TED
from rasa.nlu.classifiers.diet_classifier import DIET
from rasa.nlu.selectors.response_selector import DIET2BOW, DIET2DIET
from rasa.utils.tensorflow.constants import RUN_EAGERLY
from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

logger = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=RasaModel)


@functools.cache
def _malloc_trim() -> Optional[Callable[[int], int]]:
    """glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    if not name:
        return None
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_memory() -> None:
    """Collect garbage and return the C heap's free pages to the system (glibc only; else only the first)."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def optimizer_numbers(model: RasaModel) -> int:
    """How many numbers the model's optimizer holds (0 when it has none): what serving should not keep."""
    optimizer = getattr(model, "optimizer", None)
    if optimizer is None:
        return 0
    return sum(int(v.shape.num_elements() or 0) for v in optimizer.variables())


class ServingLoad:
    """Mixin for a ``RasaModel`` subclass: ``load`` builds the weights without an optimizer, and ``save`` writes
    the weights without the optimizer's state.

    Rasa's ``save`` wrote Adam's two slot variables for every weight beside the weights, two thirds of each
    weights file (the ResponseSelector's 304 MB on 2026-12-02), which serving then left unread. Written without
    them, the trained model is smaller to pack at the end of training and to unpack at every start. A fine-tuning
    load (``rasa train --finetune``, which StemSafe does not use) then starts a fresh Adam on the trained weights.
    """

    _writing_weights_only = False

    def save(self, model_file_name: Text, overwrite: bool = True) -> None:
        """Rasa's ``RasaModel.save`` (the same weights file), without the optimizer's entries."""
        self._writing_weights_only = True
        try:
            super().save(model_file_name, overwrite)  # type: ignore[misc]
        finally:
            self._writing_weights_only = False

    def _trackable_children(self, save_type: str = "checkpoint", **kwargs: Any) -> dict[str, Any]:
        children: dict[str, Any] = super()._trackable_children(save_type, **kwargs)  # type: ignore[misc]
        if self._writing_weights_only:
            children.pop("optimizer", None)
        return children

    @classmethod
    def load(
        cls: Type[ModelT],
        model_file_name: Text,
        model_data_example: RasaModelData,
        predict_data_example: Optional[RasaModelData] = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> ModelT:
        """Rasa's ``RasaModel.load`` (same arguments, same weights), without the optimizer's state."""
        if finetune_mode:  # training continues: Rasa's load, optimizer included
            return super().load(  # type: ignore[misc]
                model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
            )
        logger.debug(f"Loading the model from {model_file_name} for serving (no optimizer)...")
        model = cls(*args, **kwargs)
        model.run_eagerly = kwargs.get("config", {}).get(RUN_EAGERLY)  # as Rasa's compile() sets it
        # one step of the loss on one example builds every weight, as Rasa's one-example fit() does
        batch, _ = RasaBatchDataGenerator(model_data_example, batch_size=1, shuffle=False)[0]
        model.test_step(batch)
        # the optimizer's state in the file has nothing to go to: read the weights, leave the rest
        model.load_weights(model_file_name).expect_partial()
        if predict_data_example:  # traces the prediction graph now rather than on the first message
            model.run_inference(predict_data_example)
        release_memory()
        return model


class ServingDIET(ServingLoad, DIET):
    """DIET (the intent classifier's model), loaded for serving."""


class ServingDIET2BOW(ServingLoad, DIET2BOW):
    """The ResponseSelector's model (labels as bags of words), loaded for serving."""


class ServingDIET2DIET(ServingLoad, DIET2DIET):
    """The ResponseSelector's model (labels as text), loaded for serving."""


class ServingTED(ServingLoad, TED):
    """TED, loaded for serving."""
