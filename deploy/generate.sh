#!/usr/bin/env bash
# The consortium's first secrets, made once: the genesis and the four validator keys (besu operator
# generate-blockchain-config), the five chain accounts (hashbridge-operator keys account), each node's receipt
# key store (keytool), the database and Grafana passwords, and the Besu allowlists built from them.
#
# Runs as root in the generate image (deploy/operator/Dockerfile, target generate: Besu with the operator
# tool), writes into /hashbridge/generated (deploy/generated/ on the host) and hands each file to the user
# that reads it (deploy/generated-files). It never overwrites: once a run has finished, later runs (every
# `docker compose up`) find generated/complete and change nothing.
set -euo pipefail

# where docker-compose.yml mounts what this reads and writes
out=${GENERATED:-/hashbridge/generated}
besu_config=${BESU_CONFIG:-/hashbridge/besu}
manifest=${GENERATED_FILES:-/hashbridge/generated-files}
volumes=${VOLUMES:-/hashbridge/volumes}
operator_jar=${OPERATOR_JAR:-/opt/hashbridge/hashbridge-operator.jar}
besu_user=${BESU_USER:-besu}

# the users that read what is written here: the node and operator images run as 10001, Grafana's as 472
declare -A owners=([besu]="$(id -u "$besu_user"):$(id -g "$besu_user")" [node]="10001:10001" [grafana]="472:472")

fail() {
    echo "generate: $*" >&2
    exit 1
}

# the JDK tools of the Java that runs Besu
jdk_tool() {
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/$1 ]]; then
        echo "$JAVA_HOME/bin/$1"
    else
        command -v "$1" || fail "the Besu image has no $1"
    fi
}
operator_tool=("$(jdk_tool java)" -jar "$operator_jar")
keytool=$(jdk_tool keytool)

if [[ -e $out/complete ]]; then
    echo "generate: $out holds this consortium's keys already; nothing generated"
    exit 0
fi
if [[ -n $(find "$out" -mindepth 1 -maxdepth 1 ! -name .gitignore -print -quit) ]]; then
    fail "$out holds the files of an unfinished run: move them away, then start again"
fi

umask 077
mkdir -p "$out"/{network,setup,sz/config,hk/config,monitoring}

password() {
    head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$1"
}

address_of() {
    grep -o '0x[0-9a-fA-F]\{40\}' | tail -n 1 | tr 'A-F' 'a-f'
}

# 1. genesis and validator keys, each key given to the validator on the same line of deploy/besu/validators
besu operator generate-blockchain-config --config-file="$besu_config/qbft-config.json" \
    --to="$out/.besu" --private-key-file-name=key
cp "$out/.besu/genesis.json" "$out/network/genesis.json"
mapfile -t keys < <(find "$out/.besu/keys" -mindepth 1 -maxdepth 1 -type d | sort)
enodes=()
while read -r name ip; do
    [[ -z $name || $name == \#* ]] && continue
    (( ${#enodes[@]} < ${#keys[@]} )) || fail "deploy/besu/validators names more validators than qbft-config.json makes"
    key_dir=${keys[${#enodes[@]}]}
    mkdir -p "$out/$name"
    cp "$key_dir/key" "$out/$name/key"
    enodes+=("enode://$(sed 's/^0x//' "$key_dir/key.pub" | tr -d '[:space:]')@$ip:30303")
    # the validator's database, a named volume Docker creates for root: handed to the Besu user
    chown "${owners[besu]}" "$volumes/$name"
done <"$besu_config/validators"
(( ${#enodes[@]} == ${#keys[@]} )) || fail "qbft-config.json makes ${#keys[@]} validators, deploy/besu/validators names ${#enodes[@]}"
rm -rf "$out/.besu"

# 2. the chain accounts: deployer and governance for the setup, one operator account per node
password "$out/setup/password"
declare -A accounts
for account in deployer sz-governance hk-governance; do
    accounts[$account]=$("${operator_tool[@]}" keys account --out "$out/setup/$account.json" \
        --password-file "$out/setup/password" | address_of)
done
for side in sz hk; do
    password "$out/$side/operator-key-password"
    accounts[$side-operator]=$("${operator_tool[@]}" keys account --out "$out/$side/operator-wallet.json" \
        --password-file "$out/$side/operator-key-password" | address_of)
done
for account in "${!accounts[@]}"; do
    [[ -n ${accounts[$account]} ]] || fail "the operator tool printed no address for $account"
done
{
    echo "# the consortium's chain accounts (public), written by deploy/generate.sh"
    for account in deployer sz-governance hk-governance sz-operator hk-operator; do
        echo "${account^^}=${accounts[$account]}" | tr '-' '_'
    done
} >"$out/network/accounts.env"

# 3. each node's receipt key store: alias receipt (Ed25519) and alias subject (the pseudonym key, HmacSHA256)
for side in sz hk; do
    password "$out/$side/receipts-password"
    store=(-storetype PKCS12 -keystore "$out/$side/receipts.p12" -storepass:file "$out/$side/receipts-password")
    "$keytool" -genkeypair -alias receipt -keyalg Ed25519 -validity 3650 \
        -dname "CN=HashBridge ${side^^} receipts" "${store[@]}"
    "$keytool" -genseckey -alias subject -keyalg HmacSHA256 -keysize 256 "${store[@]}"
    password "$out/$side/db-password"
done
password "$out/monitoring/grafana-admin-password"

# 4. the allowlists: the four validators may connect, the five accounts may send transactions
quoted() {
    local first=1
    for item in "$@"; do
        (( first )) || printf ', '
        printf '"%s"' "$item"
        first=0
    done
}
{
    echo "# local permissioning of the consortium, written by deploy/generate.sh"
    echo "accounts-allowlist=[$(quoted "${accounts[deployer]}" "${accounts[sz-governance]}" \
        "${accounts[hk-governance]}" "${accounts[sz-operator]}" "${accounts[hk-operator]}")]"
    echo "nodes-allowlist=[$(quoted "${enodes[@]}")]"
} >"$out/network/permissions_config.toml"
echo "[$(quoted "${enodes[@]}")]" >"$out/network/static-nodes.json"

# 5. owners and modes; every file generate is meant to write must be there
while read -r path owner mode writer; do
    [[ -z $path || $path == \#* || $writer != generate ]] && continue
    [[ -e $out/$path ]] || fail "$path was not written"
    chown "${owners[$owner]}" "$out/$path"
    chmod "$mode" "$out/$path"
done <"$manifest"
chmod 0755 "$out" "$out/network" "$out/sz" "$out/hk" "$out/monitoring" "$out"/*-validator-*

touch "$out/complete"
echo "generate: consortium written to $out"
sed 's/^/generate: /' "$out/network/accounts.env"
