"""Starts the Rasa server with StemSafe's runtime fixes: ``python -m runtime.serve run --model ...``.

Takes exactly the arguments of ``rasa`` (it is Rasa's own command line); only ``runtime.speedups`` is
installed first.
"""

from __future__ import annotations

from runtime import speedups


def main() -> None:
    speedups.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
