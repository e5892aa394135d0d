#!/usr/bin/env bash
# Builds the Teams app package (manifest.json + two icons in one zip) that a Teams admin uploads.
# manifest.json in this folder holds placeholders so that it stays valid against the schema; this script
# writes a filled-in copy into a build folder and never edits the original.
#
#   ./package.sh --app-id <bot app id> --domain <web app host> [--org-name NAME] [--website URL]
#                [--privacy URL] [--terms URL] [--version X.Y.Z] [--out FILE.zip]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_id="" domain="" org_name="" website="" privacy="" terms="" version="" out="$here/protectionbot-teams.zip"

usage() { sed -n '6,7p' "$0" | sed 's/^#  *//' >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --app-id) app_id="${2:-}"; shift 2 ;;
    --domain) domain="${2:-}"; shift 2 ;;
    --org-name) org_name="${2:-}"; shift 2 ;;
    --website) website="${2:-}"; shift 2 ;;
    --privacy) privacy="${2:-}"; shift 2 ;;
    --terms) terms="${2:-}"; shift 2 ;;
    --version) version="${2:-}"; shift 2 ;;
    --out) out="${2:-}"; shift 2 ;;
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

# Teams refuses a package whose bot id is not a GUID; catching it here gives a clearer message than the upload.
if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
  echo "--app-id must be the bot's app (client) id, a GUID (the deployment output botAppId)" >&2; exit 2
fi
domain="${domain#https://}"; domain="${domain%%/*}"
if [ -z "$domain" ]; then
  echo "--domain must be the bot's host, for example protectionbot-abc.azurewebsites.net (output webAppHostName)" >&2; exit 2
fi

# The zip is written from inside the build folder, so a relative --out must be made absolute first.
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"
build="$(mktemp -d)"
trap 'rm -rf "$build"' EXIT

# JSON is edited as JSON (not with sed) so that a value with quotes or slashes cannot break the manifest.
APP_ID="$app_id" DOMAIN="$domain" ORG_NAME="$org_name" WEBSITE="$website" PRIVACY="$privacy" TERMS="$terms" VERSION="$version" \
python3 - "$here/manifest.json" "$build/manifest.json" <<'PY'
import json, os, sys
source, target = sys.argv[1], sys.argv[2]
with open(source, encoding="utf-8") as f:
    manifest = json.load(f)
env = os.environ
manifest["bots"][0]["botId"] = env["APP_ID"]
manifest["validDomains"] = [env["DOMAIN"]]
developer = manifest["developer"]
if env["ORG_NAME"]:
    developer["name"] = env["ORG_NAME"][:32]
website = env["WEBSITE"] or f"https://{env['DOMAIN']}/"
developer["websiteUrl"] = website
developer["privacyUrl"] = env["PRIVACY"] or developer["privacyUrl"].replace("https://protectionbot.example.org/", website.rstrip("/") + "/")
developer["termsOfUseUrl"] = env["TERMS"] or developer["termsOfUseUrl"].replace("https://protectionbot.example.org/", website.rstrip("/") + "/")
if env["VERSION"]:
    manifest["version"] = env["VERSION"]
with open(target, "w", encoding="utf-8") as f:
    json.dump(manifest, f, ensure_ascii=False, indent=2)
    f.write("\n")
PY

cp "$here/color.png" "$here/outline.png" "$build/"
rm -f "$out"
# Teams wants the three files at the root of the zip, not inside a folder.
if command -v zip >/dev/null 2>&1; then
  (cd "$build" && zip -q -X "$out" manifest.json color.png outline.png)
else
  (cd "$build" && python3 -m zipfile -c "$out" manifest.json color.png outline.png)
fi
echo "Teams app package: $out"
