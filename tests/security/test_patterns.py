"""Linear time on every input: no regular expression that meets user text can stall the service.

Review findings H2 (the symptom scan, quadratic, before the length limit) and M2 (a cubic licence-number
pattern: "123 IND" + 990 spaces + "x" cost the action server 2.9 s). The patterns are collected from the
code, not listed by hand, so a new one is covered the day it is written:
- every compiled pattern held by a module of ``bot/``, ``components/`` or ``channels/`` (module globals,
  and inside their dicts, lists, tuples, sets and classes);
- every ``re.<function>(pattern, ...)`` call in their source: a literal pattern is compiled as written;
  a pattern built from names (``rf"\\b{re.escape(word)}\\b"``, ``_LEAD + body + _TAIL``) is built with
  the module's own values, the constants the enclosing function assigns, or a sample word for a word
  escaped with ``re.escape``. A call whose pattern cannot be built fails the test: make it a module
  constant.
Each pattern runs (``finditer`` to the end, and ``fullmatch``) on pathological texts of the largest
accepted size (``PAGE_CHECK_LIMIT``, 5,000 characters): long runs of one character (spaces, newlines,
digits, letters, punctuation), repeated words, and each literal word of the pattern itself followed by
a long run and a character that makes the match fail (the nested optional parts of M2). A pattern over
50 ms of CPU time on one of them (best of 3; CPU time, not elapsed time, so a busy shared machine does not
make a fast pattern fail: this is a pattern timeout, not a benchmark) fails; one still running after 2 s
is interrupted.
"""

from __future__ import annotations

import ast
import importlib
import itertools
import pkgutil
import re
import signal
import sre_constants
import sre_parse
import time
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.entry_limits import PAGE_CHECK_LIMIT

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "components", "channels")
BUDGET = 0.050  # seconds of CPU time, best of 3
GUARD = 2.0  # seconds (elapsed): a pattern still running is interrupted and fails
RE_FUNCTIONS = {"compile", "search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}
PUMPS = (" ", "\n", "\t ", "1", "a", "é", ",", ".", "-", "!", "?", "1 ", "a ", "1,", ". ", "x1")
SAMPLE_WORDS = ("fever", "no", "IND", "123", "stem cells", "cédula", "!")
WORDS_PER_PATTERN = 12


@dataclass(frozen=True)
class Found:
    """One pattern and where it was found."""

    where: str
    pattern: re.Pattern[str]


def modules() -> list[types.ModuleType]:
    found = []
    for package in PACKAGES:
        for info in pkgutil.iter_modules([str(ROOT / package)]):
            found.append(importlib.import_module(f"{package}.{info.name}"))
    return found


def _held(value: object, where: str, seen: set[int], depth: int = 0) -> Iterator[Found]:
    if id(value) in seen or depth > 5:
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            yield Found(where, value)
    elif isinstance(getattr(value, "__self__", None), re.Pattern):  # a bound method: PATTERN.search
        yield from _held(value.__self__, where, seen, depth + 1)  # type: ignore[attr-defined]
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _held(inner, f"{where}[{key!r}]", seen, depth + 1)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for index, inner in enumerate(value):
            yield from _held(inner, f"{where}[{index}]", seen, depth + 1)
    elif isinstance(value, type) and value.__module__.split(".")[0] in PACKAGES:
        for key, inner in vars(value).items():
            yield from _held(inner, f"{where}.{key}", seen, depth + 1)


def held_patterns(module: types.ModuleType) -> Iterator[Found]:
    seen: set[int] = set()
    for name, value in vars(module).items():
        if not isinstance(value, types.ModuleType):
            yield from _held(value, f"{module.__name__}.{name}", seen)


def _local_constants(function: ast.AST | None) -> dict[str, list[object]]:
    """Names a function assigns constant strings to (both branches of a conditional expression)."""
    values: dict[str, list[object]] = {}
    if function is None:
        return values
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            options = [node.value.body, node.value.orelse] if isinstance(node.value, ast.IfExp) else [node.value]
            constants = [o.value for o in options if isinstance(o, ast.Constant) and isinstance(o.value, str)]
            if constants:
                values.setdefault(node.targets[0].id, []).extend(constants)
    return values


def _builds(expression: ast.expr, module: types.ModuleType, function: ast.AST | None) -> list[str] | None:
    """The pattern strings `expression` can build, with the module's values, the function's constants or
    a sample word for anything escaped with re.escape; None when it cannot be built."""
    code = compile(ast.Expression(expression), module.__name__, "eval")
    local = _local_constants(function)
    free = sorted({n.id for n in ast.walk(expression) if isinstance(n, ast.Name)} - set(vars(module)) - {"re"})
    escaped = {
        n.args[0].id
        for n in ast.walk(expression)
        if isinstance(n, ast.Call) and ast.unparse(n.func) == "re.escape" and n.args and isinstance(n.args[0], ast.Name)
    }
    choices = []
    for name in free:
        if name in local:
            choices.append(local[name])
        elif name in escaped:
            choices.append(list(SAMPLE_WORDS))
        else:
            return None
    built = []
    for combination in itertools.product(*choices):
        namespace = {**vars(module), "re": re, **dict(zip(free, combination, strict=True))}
        try:
            value = eval(code, namespace)  # noqa: S307 - our own source, names bound above
        except Exception:
            return None
        if not isinstance(value, str):
            return None
        built.append(value)
    return built


def _flags(call: ast.Call, module: types.ModuleType) -> int:
    flag_nodes = [k.value for k in call.keywords if k.arg == "flags"]
    position = {"compile": 1, "search": 2, "match": 2, "fullmatch": 2, "findall": 2, "finditer": 2, "split": 3}
    attr = call.func.attr  # type: ignore[attr-defined]
    if attr in position and len(call.args) > position[attr]:
        flag_nodes.append(call.args[position[attr]])
    if attr in ("sub", "subn") and len(call.args) > 4:
        flag_nodes.append(call.args[4])
    flags = 0
    for node in flag_nodes:
        flags |= int(eval(compile(ast.Expression(node), module.__name__, "eval"), {**vars(module), "re": re}))
    return flags


def called_patterns(module: types.ModuleType) -> tuple[list[Found], list[str]]:
    """Patterns given to re.* calls in the module's source, and the calls whose pattern cannot be built."""
    tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found, unknown = [], []
    for call in ast.walk(tree):
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "re"
            and call.func.attr in RE_FUNCTIONS
            and call.args
        ):
            continue
        where = f"{module.__name__}:{call.lineno}"
        function = call
        while function in parents and not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            function = parents[function]
        function = function if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) else None
        sources = _builds(call.args[0], module, function)
        if sources is None:
            if function is None:
                continue  # module level: its result is held by the module and collected from there
            unknown.append(where)
            continue
        flags = _flags(call, module)
        found += [Found(where, re.compile(source, flags)) for source in sources]
    return found, unknown


def literal_words(pattern: re.Pattern[str]) -> list[str]:
    """The literal runs of characters in a pattern ("IND", "no", "number"...), in order, without repeats."""
    words: list[str] = []

    def walk(parsed: object) -> None:
        run = ""
        for op, av in parsed:  # type: ignore[attr-defined]
            if op is sre_constants.LITERAL:
                run += chr(av)
                continue
            if run.strip():
                words.append(run)
            run = ""
            if op is sre_constants.SUBPATTERN:
                walk(av[-1])
            elif op is sre_constants.BRANCH:
                for branch in av[1]:
                    walk(branch)
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                walk(av[2])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                walk(av[1])
        if run.strip():
            words.append(run)

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    return list(dict.fromkeys(words))[:WORDS_PER_PATTERN]


def hostile_texts(pattern: re.Pattern[str], size: int = PAGE_CHECK_LIMIT) -> list[str]:
    """Pathological texts of `size` characters for `pattern`."""
    texts = [(pump * size)[:size] for pump in PUMPS]
    texts += [((word + " ") * size)[:size] for word in SAMPLE_WORDS]
    for word in literal_words(pattern) + ["123 IND"]:
        for pump in PUMPS:
            run = (pump * size)[: max(0, size - len(word) - 5)]
            texts.append(f"{word}{run}x")
            texts.append(f"123 {word}{run}"[:size])
        texts.append(((word + " ") * size)[:size])
        texts.append(((word + ", ") * size)[:size])
    return list(dict.fromkeys(texts))


class Interrupted(Exception):
    pass


def _interrupt(_signum: int, _frame: object) -> None:
    raise Interrupted


def _run(pattern: re.Pattern[str], text: str) -> float:
    started = time.thread_time()
    signal.setitimer(signal.ITIMER_REAL, GUARD)
    try:
        for _ in pattern.finditer(text):
            pass
        pattern.fullmatch(text)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.thread_time() - started


def slowest(pattern: re.Pattern[str], texts: list[str]) -> tuple[float, str]:
    """The longest time (best of 3) the pattern takes on one of `texts`, and the start of that text."""
    worst, worst_text = 0.0, ""
    previous = signal.signal(signal.SIGALRM, _interrupt)
    try:
        for text in texts:
            try:
                took = _run(pattern, text)
                if took > BUDGET:
                    took = min(took, *(_run(pattern, text) for _ in range(2)))
            except Interrupted:
                return GUARD, text[:40]
            if took > worst:
                worst, worst_text = took, text[:40]
    finally:
        signal.signal(signal.SIGALRM, previous)
    return worst, worst_text


def all_patterns() -> tuple[list[Found], list[str]]:
    patterns: dict[tuple[str, int], Found] = {}
    unknown: list[str] = []
    for module in modules():
        called, not_built = called_patterns(module)
        unknown += not_built
        for found in [*held_patterns(module), *called]:
            patterns.setdefault((found.pattern.pattern, found.pattern.flags), found)
    return list(patterns.values()), unknown


PATTERNS, UNBUILT = all_patterns()


def test_every_pattern_in_the_code_is_collected() -> None:
    """The collection finds the patterns of the modules that read user text, and can build every one."""
    where = {found.where.split("[")[0].split(":")[0].rsplit(".", 1)[0] for found in PATTERNS}
    for module in ("bot.credentials", "bot.reader", "bot.urgent", "bot.safety", "bot.gate", "bot.entry_limits"):
        assert any(w == module or w.startswith(module + ".") or w.startswith(module + ":") for w in where), module
    assert not UNBUILT, f"re calls whose pattern the test cannot build (make it a module constant): {UNBUILT}"
    assert len(PATTERNS) > 60


@pytest.mark.parametrize("found", PATTERNS, ids=[f.where for f in PATTERNS])
def test_pattern_is_fast_on_hostile_text_of_the_largest_accepted_size(found: Found) -> None:
    took, text = slowest(found.pattern, hostile_texts(found.pattern))
    assert took <= BUDGET, f"{found.where} /{found.pattern.pattern}/ took {took * 1000:.0f} ms on {text!r}..."


def test_the_cubic_licence_pattern_of_the_review_is_caught() -> None:
    """The generator reproduces M2: the old IND pattern on its own pathological input is over the budget."""
    old = re.compile(r"\bIND\b\s*(?:#|no\.?|number)?\s*:?\s*(\d[\d,]*)", re.I)
    took, _ = slowest(old, hostile_texts(old, size=1000))
    assert took > BUDGET
