#!/usr/bin/env bash
# scripts/demo.sh: both directions of HashBridge against a running sandbox, with curl, jq and the bank CLI.
#
#   northbound: hk.transunion anchors a credit report at the HK node, the HK resident consents there, and
#               cn.abc-shenzhen verifies the resident's copy at the SZ node;
#   southbound: cn.baihang anchors at the SZ node, the SZ resident consents there, and hk.fusion-bank
#               verifies at the HK node.
#
# Each direction also checks the receipt's signature, verifies once more over plain REST, and reads, as the
# resident, who checked the document. Dates are relative to today; every file goes to a temporary directory,
# removed at the end. Any answer other than the one expected stops the script with a message on stderr and
# exit code 1. The last two lines are "northbound: VERIFIED" and "southbound: VERIFIED".
#
# Usage: scripts/demo.sh [SANDBOX_JSON]    (default: .hashbridge/sandbox.json of the repository)
# Needs: bash, curl, jq, sha256sum, GNU date, Java (for bank-client/hashbridge-bank, built with ./mvnw package).
# HASHBRIDGE_DEMO_WAIT: how many seconds to wait for the chain at each step (default 60).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
sandbox=${1:-$repo/.hashbridge/sandbox.json}
bank=$repo/bank-client/hashbridge-bank
wait_seconds=${HASHBRIDGE_DEMO_WAIT:-60}

fail() {
  echo "demo: $*" >&2
  exit 1
}

for tool in curl jq sha256sum; do
  command -v "$tool" >/dev/null || fail "needs $tool on the PATH"
done
date -d '+1 day' +%F >/dev/null 2>&1 || fail "needs GNU date (date -d)"
[ -f "$sandbox" ] || fail "no $sandbox: start the sandbox first (java -jar sandbox/target/hashbridge-sandbox.jar)"
[ -x "$bank" ] || fail "no $bank"

work=$(mktemp -d "${TMPDIR:-/tmp}/hashbridge-demo.XXXXXX")
trap 'rm -rf "$work"' EXIT

document_valid_until=$(date -u -d '+6 months' +%F)
consent_valid_until=$(date -u -d '+1 month' +%F)

field() { # field JQ_FILTER: one value of the sandbox's descriptor, never null
  local value
  value=$(jq -er "$1" "$sandbox") || fail "$sandbox has no $1"
  printf '%s' "$value"
}

call() { # call METHOD URL SECRET EXPECTED_STATUSES [BODY]: prints the answer's body
  local method=$1 url=$2 secret=$3 expected=$4 body=${5:-} status
  local args=(-sS -o "$work/answer" -w '%{http_code}' -X "$method" "$url" -H "Authorization: Bearer $secret")
  if [ -n "$body" ]; then
    args+=(-H 'Content-Type: application/json' -d "$body")
  fi
  status=$(curl "${args[@]}") || fail "$method $url: no answer from the node"
  case " $expected " in
    *" $status "*) cat "$work/answer" ;;
    *) fail "$method $url answered $status where $expected was expected: $(cat "$work/answer")" ;;
  esac
}

await() { # await WHAT URL SECRET JQ_TEST: polls GET URL until JQ_TEST holds; prints the last answer
  local what=$1 url=$2 secret=$3 test=$4 answer
  for _ in $(seq "$wait_seconds"); do
    answer=$(call GET "$url" "$secret" 200)
    if jq -e "$test" >/dev/null <<<"$answer"; then
      printf '%s' "$answer"
      return
    fi
    sleep 1
  done
  fail "$what: not there after ${wait_seconds} s: $answer"
}

story() { # story DIRECTION ISSUER_NODE ISSUER RESIDENT VERIFIER_NODE VERIFIER
  local direction=$1 issuer_node=$2 issuer=$3 resident=$4 verifier_node=$5 verifier=$6
  local issuer_url verifier_url issuer_key verifier_key credential
  issuer_url=$(field ".nodes.$issuer_node.url")
  verifier_url=$(field ".nodes.$verifier_node.url")
  issuer_key=$(field ".institutions[\"$issuer\"].apiKey")
  verifier_key=$(field ".institutions[\"$verifier\"].apiKey")
  credential=$(field ".residents[\"$resident\"].credential")
  local report=$work/$direction-report.txt voucher=$work/$direction-voucher.json
  local consent_file=$work/$direction-consent.txt receipt=$work/$direction-receipt.jws
  echo "$direction: $issuer anchors at the $issuer_node node, $resident consents there, $verifier verifies at the $verifier_node node"

  # 1. the issuer anchors the SHA-256 of a document it hands to the resident
  printf 'credit report of %s by %s, score 712, issued %s\n' "$resident" "$issuer" "$(date -u +%FT%TZ)" >"$report"
  local digest anchor_id
  digest=$(sha256sum "$report" | cut -d' ' -f1)
  anchor_id=$(call POST "$issuer_url/api/v1/anchors" "$issuer_key" "201 202" \
    "{\"digest\":\"$digest\",\"algorithm\":\"sha-256\",\"documentType\":\"credit-report\",\"subject\":\"$resident\",\"validUntil\":\"$document_valid_until\"}" \
    | jq -er .anchorId) || fail "$direction: the anchoring answer has no anchorId"
  await "$direction: anchor $anchor_id" "$issuer_url/api/v1/anchors/$anchor_id" "$issuer_key" '.status == "ANCHORED" and .voucher != null' \
    | jq .voucher >"$voucher"
  echo "  anchored $anchor_id, valid until $document_valid_until"

  # 2. the resident consents, at the issuer's node, to the verifier checking that document
  local consent_id
  consent_id=$(call POST "$issuer_url/api/v1/consents" "$credential" "201 202" \
    "{\"subject\":\"$resident\",\"issuer\":\"$issuer\",\"verifier\":\"$verifier\",\"documentType\":\"credit-report\",\"purpose\":\"consumer loan application\",\"validUntil\":\"$consent_valid_until\"}" \
    | jq -er .consentId) || fail "$direction: the consent answer has no consentId"
  await "$direction: consent $consent_id" "$issuer_url/api/v1/consents/$consent_id" "$credential" '.status == "AUTHORISED"' \
    | jq -er .token >"$consent_file" || fail "$direction: the consent has no token"
  echo "  consent $consent_id authorised until $consent_valid_until"

  # 3. the verifier checks its copy at its home node with the bank CLI, and the receipt's signature
  HASHBRIDGE_API_KEY=$verifier_key "$bank" verify --node "$verifier_url" --file "$report" --voucher "$voucher" \
    --consent-file "$consent_file" --receipt-out "$receipt" >"$work/verify.txt" 2>&1 \
    || fail "$direction: hashbridge-bank verify did not verify: $(cat "$work/verify.txt")"
  grep -qx 'verdict: VERIFIED' "$work/verify.txt" || fail "$direction: $(cat "$work/verify.txt")"
  "$bank" verify-receipt "$receipt" --node "$verifier_url" >"$work/receipt.txt" 2>&1 \
    || fail "$direction: the receipt does not check out: $(cat "$work/receipt.txt")"
  grep -qx 'signature: valid' "$work/receipt.txt" || fail "$direction: $(cat "$work/receipt.txt")"
  echo "  $verifier: $(head -n 1 "$work/verify.txt"), receipt signature valid"

  # ... and once more through plain REST
  local verdict
  verdict=$(call POST "$verifier_url/api/v1/verifications" "$verifier_key" 200 \
    "{\"digest\":\"$digest\",\"algorithm\":\"sha-256\",\"voucher\":$(cat "$voucher"),\"consent\":\"$(cat "$consent_file")\"}" \
    | jq -er .verdict) || fail "$direction: the verification answer has no verdict"
  [ "$verdict" = VERIFIED ] || fail "$direction: REST verification answered $verdict"

  # 4. the resident sees who checked the document
  await "$direction: the accesses of consent $consent_id" "$issuer_url/api/v1/consents/$consent_id/accesses" "$credential" \
    "[.accesses[] | select(.verifier == \"$verifier\")] | length >= 2" >/dev/null
  echo "  $resident sees both checks by $verifier"
  echo "$direction: VERIFIED" >>"$work/verdicts"
}

story northbound hk hk.transunion HK-A1234567 sz cn.abc-shenzhen
story southbound sz cn.baihang CN-440300199001011234 hk hk.fusion-bank
cat "$work/verdicts"
