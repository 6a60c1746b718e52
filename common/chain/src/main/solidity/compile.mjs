// Compiles the HashBridge registry, and the Safe multisig that governs it, with the pinned solc-js,
// offline, into <out>/<Contract>.abi|.bin. The Safe sources come unchanged from the pinned npm package.
// Usage (from the repository root): node common/chain/src/main/solidity/compile.mjs <out-dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const solc = require('solc');

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? 'target/contracts');
// contract name -> source unit: our own beside this script, the Safe's resolved from node_modules
const contracts = {
  HashBridgeRegistry: 'HashBridgeRegistry.sol',
  Safe: '@safe-global/safe-contracts/contracts/Safe.sol',
  SafeProxy: '@safe-global/safe-contracts/contracts/proxies/SafeProxy.sol',
};

function read(unit) {
  return fs.readFileSync(unit.startsWith('@') ? require.resolve(unit) : path.join(here, unit), 'utf8');
}

const sources = Object.fromEntries(Object.values(contracts).map((unit) => [unit, { content: read(unit) }]));

const input = {
  language: 'Solidity',
  sources,
  settings: {
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImports(importPath) {
  try {
    return { contents: fs.readFileSync(require.resolve(importPath), 'utf8') };
  } catch (e) {
    return { error: `not found: ${importPath}` };
  }
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
// the Safe's own warnings are upstream's; show ours and every error
for (const e of output.errors ?? []) {
  if (e.severity === 'error' || !e.sourceLocation?.file?.startsWith('@')) console.error(e.formattedMessage);
}
if (errors.length > 0) process.exit(1);

fs.mkdirSync(out, { recursive: true });
for (const [name, unit] of Object.entries(contracts)) {
  const compiled = output.contracts[unit][name];
  fs.writeFileSync(path.join(out, `${name}.abi`), JSON.stringify(compiled.abi));
  fs.writeFileSync(path.join(out, `${name}.bin`), compiled.evm.bytecode.object);
}
console.log(`solc ${solc.version()}: compiled ${Object.keys(contracts).join(', ')} into ${out}`);
