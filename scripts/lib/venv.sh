# Sourced by scripts/serve and scripts/test: make sure .venv exists and holds what pyproject.toml
# asks for. Reinstalls only when pyproject.toml changed (a stamp file keeps its hash), so the second
# run starts in a second.
# Usage: ensure_venv EXTRAS   (e.g. "local" or "local,test")

ensure_venv() {
  local extras="$1" root stamp want
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  stamp="$root/.venv/.civicat-installed"
  want="$(cat "$root/pyproject.toml" | sha256sum | cut -c1-16) $extras"
  if [ ! -x "$root/.venv/bin/python" ]; then
    echo "civicat: creating a virtual environment in .venv" >&2
    python3 -m venv "$root/.venv" || {
      echo "civicat: could not create .venv — install Python 3.11+ with venv (Debian: apt-get install python3-venv)" >&2
      return 1
    }
  fi
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "civicat: installing Python packages ($extras) into .venv" >&2
    "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check -e "$root[$extras]" || {
      echo "civicat: pip install failed — see the messages above (network to PyPI needed once)" >&2
      return 1
    }
    echo "$want" > "$stamp"
  fi
}
