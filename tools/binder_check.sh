#!/usr/bin/env bash
# Do what Binder (repo2docker) does with this repository, and check that it works:
# a fresh virtual environment, `pip install -r requirements.txt` from the
# repository root, then every notebook executed top to bottom from book/, as a
# Jupyter server would run it. Fails on the first installation or cell error.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
ENV_DIR="$(mktemp -d)/binder-env"
trap 'rm -rf "$(dirname "$ENV_DIR")"' EXIT

"$PYTHON" -m venv "$ENV_DIR"
"$ENV_DIR/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements.txt
count=0
for notebook in book/*.ipynb; do
    log="$(dirname "$ENV_DIR")/nbconvert.log"
    "$ENV_DIR/bin/jupyter" nbconvert --to notebook --execute --ExecutePreprocessor.timeout=600 \
        --output-dir "$(dirname "$ENV_DIR")/executed" "$notebook" > "$log" 2>&1 \
        || { echo "binder check: $notebook failed to execute:"; tail -n 30 "$log"; exit 1; }
    count=$((count + 1))
done
echo "binder check: fresh environment installed from requirements.txt; $count notebooks executed without error"
