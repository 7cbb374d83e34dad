#!/usr/bin/env bash
# Set up Communiqué in ./.venv from pinned requirements, then run a job.
#   ./run.sh demo   set up, ingest the bundled example corpus, print what was found
#   ./run.sh test   set up (with test tools), run the whole test suite
#   ./run.sh lint   set up, then ruff and mypy --strict on src/ (as CI does)
#   ./run.sh screenshots  set up, re-take docs/screenshots/ from the demo store (browser tests, Chromium)
set -euo pipefail
cd "$(dirname "$0")"

pick_python() {
  # COMMUNIQUE_PYTHON when set (it must be 3.11 or newer); else Python 3.12, 3.13, 3.11 by name:
  # pythonX.Y on PATH, or the one pyenv has installed when its shim is not the active version.
  # 3.12 comes first: spaCy parses about 45% faster on it than on 3.11.
  local version cand
  if [ -n "${COMMUNIQUE_PYTHON:-}" ]; then
    if runs_311 "$COMMUNIQUE_PYTHON"; then command -v "$COMMUNIQUE_PYTHON"; return 0; fi
    echo "run.sh: COMMUNIQUE_PYTHON=$COMMUNIQUE_PYTHON is not a Python 3.11 or newer" >&2; return 2
  fi
  for version in 3.12 3.13 3.11; do
    for cand in "python$version" "$(pyenv_python "$version")"; do
      if [ -n "$cand" ] && runs_311 "$cand"; then command -v "$cand"; return 0; fi
    done
  done
  if runs_311 python3; then command -v python3; return 0; fi
  echo "run.sh: no Python 3.11 or newer on PATH (set COMMUNIQUE_PYTHON to one)" >&2; return 2
}

pyenv_python() {
  # The newest pythonX.Y that pyenv has installed, whichever version pyenv has made active.
  command -v pyenv >/dev/null 2>&1 || return 0
  local full
  full="$(pyenv latest "$1" 2>/dev/null)" || return 0
  PYENV_VERSION="$full" pyenv which "python$1" 2>/dev/null || true
}

runs_311() {
  command -v "$1" >/dev/null 2>&1 && "$1" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

setup() {
  local extras="$1" stamp=".venv/.communique-setup-$1"
  if [ ! -x .venv/bin/python ]; then
    "$(pick_python)" -m venv .venv
  fi
  if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e ".${extras}"
    touch "$stamp"
  fi
}

case "${1:-demo}" in
  demo)
    setup ""
    shift || true
    .venv/bin/communique ingest src/communique/examples/articles "$@"
    .venv/bin/communique events "$@"
    echo "Explore it: .venv/bin/communique serve   (then open http://127.0.0.1:8000/)" >&2
    ;;
  test)
    setup ""
    shift || true
    exec .venv/bin/python -m pytest "$@"
    ;;
  lint)
    setup ""
    .venv/bin/ruff check src
    .venv/bin/mypy
    ;;
  screenshots)
    setup ""
    shift || true
    COMMUNIQUE_SCREENSHOTS=docs/screenshots exec .venv/bin/python -m pytest -q tests/test_web_browser.py "$@"
    ;;
  *)
    echo "usage: ./run.sh demo|test|lint|screenshots [args]" >&2; exit 2 ;;
esac
