// Builds the genesis airdrop tree from a recipients CSV.
// Usage: npm run airdrop:build -- recipients.csv [out.json] [--shards <dir>] [--max-shard-bytes 4096]
//   out.json        the whole proofs file (every account's proof; megabytes for large lists)
//   --shards <dir>  one small file per address prefix (what a connected account fetches) plus index.json
// Both share one root (the two-level tree of contracts/scripts/airdrop/shards.ts). CSV: header
// `account,amount`, amounts in whole tokens (up to 18 decimals). On any bad row it prints the line number
// and the reason, writes nothing and exits with code 1. Progress goes to stderr.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AirdropCsvError, buildShardedAirdrop, parseRecipientsCsv, proofsOf, writeShards, MAX_SHARD_BYTES } from './airdrop/index.js';

const USAGE = 'usage: airdrop-build <recipients.csv> [<out.json>] [--shards <dir>] [--max-shard-bytes <n>]';

function fail(message: string): never {
  process.stderr.write(`airdrop-build: ${message}\n`);
  process.exit(1);
}

const say = (line: string) => process.stderr.write(`${line}\n`);
const pct = (done: number, total: number) => `${Math.floor((done * 100) / total)}% (${done}/${total})`;

function main(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { shards: { type: 'string' }, 'max-shard-bytes': { type: 'string' } },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  const { positionals, values } = parsed;
  const [csvPath, outPath] = positionals;
  const shardsDir = values.shards;
  if (!csvPath || positionals.length > 2 || (!outPath && !shardsDir)) fail(USAGE);
  const maxShardBytes = values['max-shard-bytes'] === undefined ? MAX_SHARD_BYTES : Number(values['max-shard-bytes']);
  if (!Number.isSafeInteger(maxShardBytes) || maxShardBytes <= 0) fail(`--max-shard-bytes must be a positive integer`);

  const t0 = Date.now();
  let text: string;
  try {
    text = fs.readFileSync(csvPath, 'utf8');
  } catch (err) {
    fail(`cannot read ${csvPath}: ${(err as Error).message}`);
  }
  let recipients;
  try {
    recipients = parseRecipientsCsv(text);
  } catch (err) {
    if (err instanceof AirdropCsvError) fail(`${csvPath}: line ${err.line}: ${err.reason}`);
    throw err;
  }
  say(`parsed ${recipients.length} recipients in ${((Date.now() - t0) / 1000).toFixed(1)}s; hashing the tree...`);
  const built = buildShardedAirdrop(recipients, {
    maxShardBytes,
    onProgress: (phase, done, total) => say(`${phase} ${pct(done, total)}`),
  });
  say(
    `prefix length ${built.prefixLength}: ${built.shards.length} shards, largest ${built.maxShardBytes} bytes, ` +
      `mean ${Math.round(built.meanShardBytes)} bytes (limit ${maxShardBytes})`,
  );
  if (shardsDir) {
    const w = writeShards(built, shardsDir, { onProgress: (_phase, done, total) => say(`write ${pct(done, total)}`) });
    say(`${w.files} shard files + index.json (${(w.bytes / 1e6).toFixed(1)} MB) -> ${w.dir}`);
  }
  if (outPath) {
    const out = proofsOf(built, { onProgress: (done, total) => say(`proofs ${pct(done, total)}`) });
    const tmp = `${outPath}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, `${JSON.stringify(out, null, 2)}\n`);
    fs.renameSync(tmp, outPath);
    say(`whole proofs file -> ${outPath}`);
  }
  say(`root ${built.root}, total ${built.total} wei, ${built.count} claims, ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}

main(process.argv.slice(2));
