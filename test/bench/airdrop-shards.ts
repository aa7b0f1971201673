// Benchmark: the sharded airdrop build at scale (default 1,000,000 recipients, deterministic pseudo-random
// addresses and amounts). Times the CSV parse, the two-level tree and writing every shard file into a temp
// dir (as `npm run airdrop:build -- list.csv --shards dir` does, in one process), checks one claim from a
// written shard against the root, prints k, the shard count, max/mean file size raw and gzip, peak RSS,
// then deletes the dir. Last line: one JSON object.
// Usage: npm run bench:airdrop [-- --n 1000000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { claimFromShard, parseAirdropShard, shardFileName, shardKey } from '@metis-liquid-staking/contracts';
import { buildShardedAirdrop, parseRecipientsCsv, shardFileText, writeShards } from '@metis-liquid-staking/contracts/airdrop-tree';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' } } });
const n = Number(values.n);
if (!Number.isSafeInteger(n) || n <= 0) throw new Error('--n must be a positive integer');

const log = (s: string) => process.stderr.write(`${s}\n`);
const secs = (t: number) => Number(((performance.now() - t) / 1000).toFixed(2));

// xorshift32: deterministic, no hashing (the build's own hashing is what is measured).
let x = 0x9e3779b9;
const next = () => {
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  return x >>> 0;
};
const hex8 = () => next().toString(16).padStart(8, '0');

log(`generating ${n} recipients...`);
const rows = ['account,amount'];
const seen = new Set<string>();
while (rows.length <= n) {
  const a = `0x${hex8()}${hex8()}${hex8()}${hex8()}${hex8()}`;
  if (seen.has(a)) continue;
  seen.add(a);
  const whole = 1 + (next() % 10_000);
  rows.push(next() % 4 === 0 ? `${a},${whole}.${next() % 1000}` : `${a},${whole}`);
}
seen.clear();
const csv = `${rows.join('\n')}\n`;
rows.length = 0;

let t = performance.now();
const recipients = parseRecipientsCsv(csv);
const parseS = secs(t);
log(`parsed in ${parseS}s`);

t = performance.now();
const built = buildShardedAirdrop(recipients, {
  onProgress: (phase, done, total) => log(`${phase} ${Math.floor((done * 100) / total)}% (${done}/${total})`),
});
const buildS = secs(t);
log(`tree in ${buildS}s: k=${built.prefixLength}, ${built.shards.length} shards`);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'airdrop-bench-'));
const shardsDir = path.join(dir, 'shards');
let writeS = 0;
let diskBytes = 0;
try {
  t = performance.now();
  const w = writeShards(built, shardsDir, { onProgress: (_p, done, total) => log(`write ${Math.floor((done * 100) / total)}% (${done}/${total})`) });
  writeS = secs(t);
  log(`wrote ${w.files} files (${(w.bytes / 1e6).toFixed(1)} MB of JSON) in ${writeS}s`);
  // Space on disk (small files take a whole block each).
  const du = spawnSync('du', ['-sk', shardsDir], { encoding: 'utf8' });
  diskBytes = Number(/^(\d+)/.exec(du.stdout)?.[1] ?? 0) * 1024;
  log(`on disk: ${(diskBytes / 1e6).toFixed(0)} MB (du)`);

  // A client's view of one written shard: the largest one, and a claim in it verified against the root.
  const largest = built.shards.reduce((a, s, j) => (s.bytes > built.shards[a]!.bytes ? j : a), 0);
  const s = built.shards[largest]!;
  const text = fs.readFileSync(path.join(shardsDir, shardFileName(s.prefix)), 'utf8');
  const account = built.recipients[s.members[0]!]!.account;
  const shard = parseAirdropShard(JSON.parse(text), {
    root: built.root,
    prefixLength: built.prefixLength,
    shard: shardKey(account, built.prefixLength),
  });
  const claim = claimFromShard(shard, account);
  if (!claim || claim.proof.length === 0) throw new Error('bench: the largest shard gave no claim');
  log(`client check: ${account} in shard ${s.prefix} (${s.members.length} claims), proof of ${claim.proof.length} hashes verifies`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
// parse + tree + write (what `airdrop:build --shards` does); not the du, the client check or deleting the dir.
const totalS = Number((parseS + buildS + writeS).toFixed(2));

t = performance.now();
let gzMax = 0;
let gzSum = 0;
for (let j = 0; j < built.shards.length; j++) {
  const g = gzipSync(shardFileText(built, j)).length;
  gzSum += g;
  if (g > gzMax) gzMax = g;
}
log(`gzip sizes computed in ${secs(t)}s`);

const result = {
  bench: 'airdrop-shards',
  recipients: n,
  cores: os.availableParallelism(),
  parseS,
  buildS,
  writeS,
  totalS,
  prefixLength: built.prefixLength,
  shards: built.shards.length,
  maxBytes: built.maxShardBytes,
  meanBytes: Math.round(built.meanShardBytes),
  maxGzipBytes: gzMax,
  meanGzipBytes: Math.round(gzSum / built.shards.length),
  maxClaimsPerShard: built.shards.reduce((a, s) => Math.max(a, s.members.length), 0),
  peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  diskMB: Math.round(diskBytes / 1e6),
};
console.log(
  `${n} recipients: parse ${parseS}s + tree ${buildS}s + write ${writeS}s = ${totalS}s; k=${result.prefixLength}, ${result.shards} shards; ` +
    `file max ${result.maxBytes} B (gzip ${gzMax}), mean ${result.meanBytes} B (gzip ${result.meanGzipBytes}); peak RSS ${result.peakRssMB} MB`,
);
console.log(JSON.stringify(result));
