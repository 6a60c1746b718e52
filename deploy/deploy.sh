#!/usr/bin/env bash
# The registry's first start, once the chain makes blocks: hashbridge-operator setup deploys the governance
# Safe and the registry, admits HK (namespace hk) and SZ (namespace cn) and registers both operator accounts,
# then the registry's address is written where each node reads it (its config tree, deploy/generated/<side>/config).
#
# Runs in the operator image (deploy/operator/Dockerfile, target operator) with HASHBRIDGE_CHAIN_RPC_URL and
# HASHBRIDGE_CHAIN_CHAIN_ID set. Deploys once: a later run (every `docker compose up`) finds both addresses
# written and changes nothing.
set -euo pipefail

# where docker-compose.yml mounts what this reads and writes
generated=${GENERATED:-/hashbridge/generated}
manifest=${GENERATED_FILES:-/hashbridge/generated-files}
operator_jar=${OPERATOR_JAR:-/opt/hashbridge/hashbridge-operator.jar}
registry_file=config/hashbridge.chain.registry-address

fail() {
    echo "deploy: $*" >&2
    exit 1
}

if [[ -s $generated/sz/$registry_file && -s $generated/hk/$registry_file ]]; then
    echo "deploy: the registry is deployed already, at $(cat "$generated/sz/$registry_file"); nothing deployed"
    exit 0
fi
[[ -e $generated/complete ]] || fail "nothing generated yet: run the generate service first"

# shellcheck source=/dev/null
source "$generated/network/accounts.env"
java -jar "$operator_jar" setup \
    --rpc-url "$HASHBRIDGE_CHAIN_RPC_URL" --chain-id "$HASHBRIDGE_CHAIN_CHAIN_ID" \
    --key-file "$generated/setup/deployer.json" \
    --hk-governance-key-file "$generated/setup/hk-governance.json" \
    --sz-governance-key-file "$generated/setup/sz-governance.json" \
    --password-file "$generated/setup/password" \
    --hk-operator "$HK_OPERATOR" --sz-operator "$SZ_OPERATOR" \
    --out "$generated/setup/node.env"

registry=$(sed -n 's/^HASHBRIDGE_CHAIN_REGISTRY_ADDRESS=//p' "$generated/setup/node.env")
chain_id=$(sed -n 's/^HASHBRIDGE_CHAIN_CHAIN_ID=//p' "$generated/setup/node.env")
[[ $registry =~ ^0x[0-9a-fA-F]{40}$ ]] || fail "the operator tool printed no registry address"
[[ $chain_id == "$HASHBRIDGE_CHAIN_CHAIN_ID" ]] || fail "the chain answers chain id $chain_id, the nodes are set to $HASHBRIDGE_CHAIN_CHAIN_ID"

for side in sz hk; do
    printf '%s' "$registry" >"$generated/$side/$registry_file"
done
while read -r path owner mode writer; do
    [[ -z $path || $path == \#* || $writer != deploy ]] && continue
    [[ -e $generated/$path ]] || fail "$path was not written"
    chmod "$mode" "$generated/$path"
done <"$manifest"
echo "deploy: registry deployed at $registry on chain $chain_id"
