"""Starts Rasa with StemSafe's runtime: ``python -m runtime.serve run --model ...`` (also ``shell``, ``test``).

Takes exactly the arguments of ``rasa`` (it is Rasa's own command line). First checks that the
installed Rasa is the one StemSafe's patches and overrides were written for (``runtime.rasa_internals``;
a mismatch stops here, naming what no longer fits), then installs ``runtime.speedups``. The server,
``make shell`` and the Rasa test stories (``make story-test``) all start this way, so the stories are
checked with the runtime the server uses. ``shell`` serves channels/shell.py's endpoint, whose
conversations are keyed ``shell:<id>`` (no other channel's user can be reached from it).
"""

from __future__ import annotations

import sys

from runtime import rasa_internals, speedups


def main() -> None:
    rasa_internals.require()
    speedups.install()
    if sys.argv[1:2] == ["shell"]:
        from channels import shell

        shell.install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
