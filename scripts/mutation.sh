#!/usr/bin/env bash
# Mutation testing of the core modules with mutmut: small deliberate bugs put into parse, settings,
# measures, compute, reconcile, rules, the formula builders and output, one at a time; a mutant that
# no test catches "survives". What is mutated and which tests run is in pyproject.toml [tool.mutmut].
# Not part of CI (about an hour on 2 cores). Usage:
#   bash scripts/mutation.sh            # run all, then list the survivors
#   bash scripts/mutation.sh NAME...    # re-run the named mutants (names as `results` lists them)
# Then: .venv-mutmut/bin/mutmut show NAME   (the diff of one mutant)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-mutmut/bin/mutmut ]; then
  python3 -m venv .venv-mutmut
  .venv-mutmut/bin/pip install -q '.[test]' 'mutmut==3.8.1'
  # The tests must import the mutated copy in mutants/, not an installed one.
  .venv-mutmut/bin/pip uninstall -q -y lakip-xl
fi
.venv-mutmut/bin/mutmut run --max-children "$(nproc)" "$@"
.venv-mutmut/bin/mutmut results
