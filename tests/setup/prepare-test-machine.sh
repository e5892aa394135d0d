#!/usr/bin/env bash
# Installs what the tests run besides .NET when it is missing, so that `dotnet test ProtectionBot.sln` works on a
# machine with only the .NET SDK. Each test project's build calls it (tests/Directory.Build.targets) with what its
# tests need:
#   node        Node.js and npm, and the npm packages of tests/conformance (Microsoft's botbuilder, Direct Line,
#               Adaptive Cards and Teams manifest packages, against which the conformance tests judge the bot)
#   python3     the Teams app packaging script under test
#   postgresql  the server's binaries, from which the storage tests start a throwaway server of their own
#   chromium    Debian's Chromium, which the browser tests drive
# What is there already costs a few file checks. Debian packages are installed when running as root with apt-get;
# otherwise the script says what to install. It never fails the build: a test that lacks something says so itself,
# and the tests that need nothing still run.
set -uo pipefail

conformance="$(cd "$(dirname "${BASH_SOURCE[0]}")/../conformance" && pwd)"

for need in "$@"; do
  case "$need" in
    node | python3 | postgresql | chromium) ;;
    *) echo "prepare-test-machine.sh: unknown need '$need' (node, python3, postgresql, chromium)" >&2; exit 2 ;;
  esac
done

missing_packages() {
  local need
  for need in "$@"; do
    case "$need" in
      node) command -v node >/dev/null || echo nodejs; command -v npm >/dev/null || echo npm ;;
      python3) command -v python3 >/dev/null || echo python3 ;;
      postgresql) compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || echo postgresql ;;
      chromium) [[ -x /usr/bin/chromium ]] || echo chromium ;;
    esac
  done
}

# npm writes node_modules/.package-lock.json on every install: older than the lock file means the lock changed since
# (a pull added a package), so the install is stale.
npm_packages_stale() {
  [[ " $* " == *" node "* ]] || return 1
  local installed="$conformance/node_modules/.package-lock.json"
  ! [[ -e "$installed" ]] || [[ "$conformance/package-lock.json" -nt "$installed" ]]
}

mapfile -t packages < <(missing_packages "$@")
((${#packages[@]})) || npm_packages_stale "$@" || exit 0

# The test projects build side by side: one prepares while the others wait, then find everything there.
if command -v flock >/dev/null; then
  exec 9>"${TMPDIR:-/tmp}/protectionbot-test-setup.lock"
  flock 9
  mapfile -t packages < <(missing_packages "$@")
fi

if ((${#packages[@]})); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "Installing ${packages[*]} for the tests (apt-get)…"
    export DEBIAN_FRONTEND=noninteractive
    if ! { apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null; }; then
      echo "apt-get could not install ${packages[*]}: the tests that need them will fail, saying so."
    fi
  else
    echo "The tests need ${packages[*]} (Debian package names), which are not installed. Install them" \
      "(for example: sudo apt-get install -y ${packages[*]}) and build again; until then the tests that need them" \
      "fail, saying so."
  fi
fi

if npm_packages_stale "$@" && command -v npm >/dev/null; then
  echo "Installing the npm packages of tests/conformance (npm ci)…"
  # The install script of one dependency fails offline and is not needed: --ignore-scripts.
  (cd "$conformance" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
    echo "npm ci in tests/conformance failed: the conformance tests will fail, saying so."
fi
exit 0
