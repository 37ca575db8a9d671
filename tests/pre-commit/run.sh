#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit framework: a temporary
# corpus repository uses this repository's hooks; committing a dirty page fails with
# diagnostics, committing its cleaned version passes.
# Usage: tests/pre-commit/run.sh   (from the repository root; needs python3, git, cargo)
set -euo pipefail

repo_root=$(git rev-parse --show-toplevel)
cd "$repo_root"
rev=$(git rev-parse HEAD)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check pre-commit
export PATH="$work/venv/bin:$PATH"
export PRE_COMMIT_HOME="$work/pre-commit-home"
# Reuse this checkout's compiled dependencies when pre-commit builds the hook.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo_root/target}"

cargo build --release --quiet
thresh="$CARGO_TARGET_DIR/release/thresh"

corpus="$work/corpus"
mkdir -p "$corpus"
cd "$corpus"
git init --quiet
git config user.email ci@example.org
git config user.name ci
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo_root
    rev: $rev
    hooks:
      - id: thresh-check
YAML
git add .pre-commit-config.yaml
git commit --quiet -m "hook config" --no-verify
pre-commit install --install-hooks >/dev/null

fail() { echo "pre-commit test FAILED: $*" >&2; exit 1; }

# 1. A dirty page: the commit is refused and the hook prints diagnostics.
cp "$repo_root/samples/001_d3bc5808f2e5369b.txt" page.txt
git add page.txt
if git commit --quiet -m "dirty page" > "$work/out1.txt" 2>&1; then
    cat "$work/out1.txt"; fail "committing a dirty page passed"
fi
grep -Eq 'page\.txt:[0-9]+:[0-9]+: [A-Z][0-9]{3} ' "$work/out1.txt" || { cat "$work/out1.txt"; fail "no diagnostics printed"; }
echo "ok: dirty page refused with diagnostics"

# 2. Its cleaned version: the commit passes.
"$thresh" clean page.txt --in-place
git add page.txt
git commit --quiet -m "clean page" > "$work/out2.txt" 2>&1 || { cat "$work/out2.txt"; fail "committing the cleaned page failed"; }
echo "ok: cleaned page committed"

echo "pre-commit test: 2 passed, 0 failed"
