#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real pre-commit framework: a temporary
# corpus repository uses this repository's hooks; committing a dirty page fails with
# diagnostics, committing its cleaned version passes, committing a near-duplicate of a page
# already in the corpus fails.
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
# The whole repository is the corpus new pages are compared with (N001).
cat > thresh.toml <<TOML
[check]
corpus = ["."]
TOML
git add .pre-commit-config.yaml thresh.toml
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

# 3. A near-duplicate of the committed page (republished with small edits): refused.
python3 - <<'PY'
text = open("page.txt", encoding="utf-8").read()
lines = text.splitlines()
# Another site's copy: a paragraph lightly edited, the last one dropped.
lines[1] = lines[1].replace("的", "之", 2)
open("copy.txt", "w", encoding="utf-8").write("\n".join(lines[:-1]) + "\n")
PY
git add copy.txt
if git commit --quiet -m "near-duplicate" > "$work/out3.txt" 2>&1; then
    cat "$work/out3.txt"; fail "committing a near-duplicate passed"
fi
grep -Eq 'copy\.txt:[0-9]+:1: N001 near-duplicate of page\.txt' "$work/out3.txt" || { cat "$work/out3.txt"; fail "no N001 finding"; }
echo "ok: near-duplicate refused with N001"

echo "pre-commit test: 3 passed, 0 failed"
