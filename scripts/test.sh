#!/usr/bin/env bash
# The README's test command: installs what the tests need (PostgreSQL server; Chromium for the browser tests; a CJK
# font for credit reports; poppler-utils to read the PDFs back; Node.js for the pinned HTML and OpenAPI checkers) when it can, then runs every test — on SQLite and on a throwaway PostgreSQL cluster that
# the tests start themselves — and ends with one line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

have_pg_server() {
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || { command -v initdb >/dev/null && command -v pg_ctl >/dev/null; }
}

apt_install() {
  local runner=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then runner=(sudo); else
      echo "error: missing system packages ($*) and no root/sudo to install them: run 'sudo apt-get install -y $*'" >&2
      exit 1
    fi
  fi
  echo "==> installing $* (apt)"
  "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
have_pg_server || missing+=(postgresql)
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then missing+=(postgresql); fi
# The browser tests drive Debian's Chromium (Playwright downloads no browser here); reports embed a CJK TrueType font.
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
# html-validate, Redocly CLI, Spectral and Lighthouse run on Node.js (pinned in tools/checkers/package-lock.json).
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
have_pg_server || { echo "error: PostgreSQL server binaries still not found after install" >&2; exit 1; }

# The pinned checkers, installed from the lock file when it changed since the last install (tests find them there).
checkers=tools/checkers
if [ ! -e "$checkers/node_modules/.package-lock.json" ] || [ "$checkers/package-lock.json" -nt "$checkers/node_modules/.package-lock.json" ]; then
  echo "==> installing the pinned checkers (npm ci in $checkers)"
  npm ci --prefix "$checkers" --no-audit --no-fund --loglevel=error
fi

results="${PCREDIT_TEST_RESULTS:-$PWD/TestResults}"
rm -rf "$results"
status=0
dotnet test --solution PublicCredit.slnx --results-directory "$results" --report-trx "$@" || status=$?

# One closing line over all test assemblies, read from the TRX reports.
passed=0; failed=0; total=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
skipped=$((total - passed - failed))
# Name the failed tests last, so the tail of a CI log says what broke.
if [ "$failed" -gt 0 ]; then
  echo "Failed tests:"
  for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    # The name, then the first lines of the message and the first frame in this repository's code, so a
    # failure on a machine nobody can log into still says what it saw.
    awk '
      /<UnitTestResult / { failed = ($0 ~ /outcome="Failed"/); if (failed) { name = $0; sub(/.* testName="/, "", name); sub(/".*/, "", name); print "  - " name; lines = 0; inmsg = 0; frame = 0 } }
      failed && /<Message>/ { inmsg = 1; sub(/.*<Message>/, "") }
      failed && inmsg { done = sub(/<\/Message>.*/, ""); if (lines < 4) { print "      " substr($0, 1, 300); lines++ } if (done) inmsg = 0; next }
      failed && !frame && / in \/.*\/tests\/.*:line [0-9]+/ { f = $0; sub(/.* in \/.*\/tests\//, "tests/", f); print "      at " f; frame = 1 }
      /<\/UnitTestResult>/ { failed = 0 }
    ' "$trx" || true
  done
fi
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$total" -eq 0 ]; then echo "error: no test ran" >&2; exit 1; fi
exit "$status"
