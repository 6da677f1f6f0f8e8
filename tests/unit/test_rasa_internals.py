"""Start-up refuses a Rasa whose internals moved: a missing or changed patched name is reported by name."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from runtime import rasa_internals, serve, speedups
from runtime.rasa_internals import CALLED, OVERRIDDEN, PATCHED, READ, Reach

ROOT = Path(__file__).resolve().parents[2]


class FakeBase:
    def __init__(self, token: str, debug: bool = False) -> None:
        self.token = token
        self.debug = debug

    def _predict(self, message: str) -> str:
        return message

    @staticmethod
    def resolve(type_name: str, default: object = None) -> object:
        return default


@pytest.fixture
def fake_rasa(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    module = types.ModuleType("fake_rasa_module")
    # a class of its own, with the methods in its own namespace, free to break
    module.FakeBase = type("FakeBase", (), {k: v for k, v in vars(FakeBase).items() if not k.startswith("__d")})
    monkeypatch.setitem(sys.modules, "fake_rasa_module", module)
    return module


REACHES = (
    Reach("fake_rasa_module:FakeBase._predict", OVERRIDDEN, "components/x.py: cache", "(self, message)"),
    Reach("fake_rasa_module:FakeBase.resolve", PATCHED, "runtime/x.py: table", "(type_name, default=None)"),
    Reach("fake_rasa_module:FakeBase.token", READ, "channels/x.py: token", set_in="__init__"),
)


def test_the_installed_rasa_is_the_one_the_patches_were_written_for() -> None:
    assert rasa_internals.problems() == []


def test_patched_functions_keep_rasas_signatures() -> None:
    speedups.install()
    assert rasa_internals.problems() == []  # the guard still passes once the patches are in


def test_a_fake_that_matches_passes(fake_rasa: types.ModuleType) -> None:
    assert rasa_internals.problems(REACHES, version=rasa_internals.RASA_VERSION) == []


def test_a_missing_attribute_is_reported_with_the_patch_that_needs_it(fake_rasa: types.ModuleType) -> None:
    fake_rasa.FakeBase._predict_one = fake_rasa.FakeBase._predict  # renamed upstream
    del fake_rasa.FakeBase._predict
    found = rasa_internals.problems(REACHES, version=rasa_internals.RASA_VERSION)
    assert found == ["fake_rasa_module:FakeBase._predict (overridden, components/x.py: cache): no longer exists"]


def test_a_changed_signature_is_reported(fake_rasa: types.ModuleType) -> None:
    def resolve(type_name: str, default: object = None, strict: bool = True) -> object:
        return default

    fake_rasa.FakeBase.resolve = staticmethod(resolve)
    found = rasa_internals.problems(REACHES, version=rasa_internals.RASA_VERSION)
    assert len(found) == 1
    assert found[0].startswith("fake_rasa_module:FakeBase.resolve (patched, runtime/x.py: table)")
    assert "(type_name, default=None, strict=True)" in found[0]


def test_an_attribute_no_longer_set_is_reported(fake_rasa: types.ModuleType) -> None:
    def __init__(self: object, access_token: str, debug: bool = False) -> None:  # noqa: N807
        self.access_token = access_token

    fake_rasa.FakeBase.__init__ = __init__
    found = rasa_internals.problems(REACHES, version=rasa_internals.RASA_VERSION)
    assert found == [
        "fake_rasa_module:FakeBase.token (read, channels/x.py: token): FakeBase.__init__ no longer sets .token"
    ]


def test_a_hook_rasa_no_longer_calls_is_reported(fake_rasa: types.ModuleType) -> None:
    class Loader:
        @staticmethod
        def model_class() -> type:
            return object

        @classmethod
        def _load_model(cls) -> object:
            return cls.model_class()()

    fake_rasa.Loader = Loader
    hook = (Reach("fake_rasa_module:Loader.model_class", OVERRIDDEN, "x.py: lean", "()", called_from="_load_model"),)
    assert rasa_internals.problems(hook, version=rasa_internals.RASA_VERSION) == []

    def _load_model(cls: type) -> object:  # upstream now builds its model without the hook
        return object()

    Loader._load_model = classmethod(_load_model)  # type: ignore[assignment]
    assert rasa_internals.problems(hook, version=rasa_internals.RASA_VERSION) == [
        "fake_rasa_module:Loader.model_class (overridden, x.py: lean): Loader._load_model no longer calls .model_class"
    ]


def test_a_missing_module_or_class_is_reported() -> None:
    reaches = (
        Reach("no_such_rasa_module:X.y", CALLED, "a.py", "()"),
        Reach("runtime.rasa_internals:NoSuchClass.y", CALLED, "b.py", "()"),
    )
    found = rasa_internals.problems(reaches, version=rasa_internals.RASA_VERSION)
    assert "no_such_rasa_module:X.y" in found[0] and "cannot be imported" in found[0]
    assert "NoSuchClass no longer exists" in found[1]


def test_another_rasa_version_is_refused() -> None:
    found = rasa_internals.problems((), version="3.6.22")
    assert found and "Rasa 3.6.22 is installed" in found[0] and rasa_internals.RASA_VERSION in found[0]


def test_start_up_stops_before_patching_and_names_the_patch(
    fake_rasa: types.ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    del fake_rasa.FakeBase.resolve
    monkeypatch.setattr(rasa_internals, "REACHES", REACHES)
    monkeypatch.setattr(speedups, "install", lambda: pytest.fail("patched a Rasa that failed its check"))
    with pytest.raises(SystemExit) as stopped:
        serve.main()
    assert stopped.value.code == 70
    err = capsys.readouterr().err
    assert "StemSafe will not start" in err
    assert "fake_rasa_module:FakeBase.resolve (patched, runtime/x.py: table): no longer exists" in err


def test_every_file_that_reaches_into_rasa_is_listed() -> None:
    """Each module that overrides or patches Rasa names is named by at least one reach."""
    listed = {reach.used_by.split(":")[0] for reach in rasa_internals.REACHES}
    for path in (
        "runtime/speedups.py",
        "stores/tracker.py",
        "channels/socketio.py",
        "channels/telegram.py",
        "components/cached_models.py",
        "components/serving_models.py",
    ):
        assert path in listed, path


def test_story_tests_run_through_the_servers_runtime() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nstory-test:", 1)[1].split("\n\n", 1)[0]
    assert "-m runtime.serve test core" in recipe
    assert "$(RASA) test" not in recipe
