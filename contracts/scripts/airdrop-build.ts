// Builds the genesis airdrop tree from a recipients CSV.
// Usage: npm run airdrop:build -- recipients.csv out.json
// CSV: header `account,amount`, amounts in whole tokens (up to 18 decimals). On any bad row it prints the line
// number and the reason, writes nothing and exits with code 1.
import fs from 'node:fs';
import { AirdropCsvError, buildAirdrop, parseRecipientsCsv } from './airdrop/index.js';

function fail(message: string): never {
  process.stderr.write(`airdrop-build: ${message}\n`);
  process.exit(1);
}

function main(argv: string[]): void {
  const [csvPath, outPath] = argv;
  if (!csvPath || !outPath || argv.length !== 2) fail('usage: airdrop-build <recipients.csv> <out.json>');
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
  process.stderr.write(`parsed ${recipients.length} recipients; hashing the tree...\n`);
  const out = buildAirdrop(recipients, {
    onProgress: (done, total) => process.stderr.write(`proofs ${Math.floor((done * 100) / total)}% (${done}/${total})\n`),
  });
  const tmp = `${outPath}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(out, null, 2)}\n`);
  fs.renameSync(tmp, outPath);
  process.stderr.write(`root ${out.root}, total ${out.total} wei, ${out.count} claims -> ${outPath}\n`);
}

main(process.argv.slice(2));
