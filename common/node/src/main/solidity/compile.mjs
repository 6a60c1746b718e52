// Compiles the HashBridge registry with the pinned solc-js, offline, into <out>/<Contract>.abi|.bin.
// Usage (from the repository root): node common/node/src/main/solidity/compile.mjs <out-dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const solc = require('solc');

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(process.argv[2] ?? 'target/contracts');
const contracts = ['HashBridgeRegistry'];

const sources = Object.fromEntries(contracts.map((name) => {
  const file = `${name}.sol`;
  return [file, { content: fs.readFileSync(path.join(here, file), 'utf8') }];
}));

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
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);

fs.mkdirSync(out, { recursive: true });
for (const name of contracts) {
  const compiled = output.contracts[`${name}.sol`][name];
  fs.writeFileSync(path.join(out, `${name}.abi`), JSON.stringify(compiled.abi));
  fs.writeFileSync(path.join(out, `${name}.bin`), compiled.evm.bytecode.object);
}
console.log(`solc ${solc.version()}: compiled ${contracts.join(', ')} into ${out}`);
