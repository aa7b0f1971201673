/// <reference types="mocha" />
// Sharded airdrop proofs: with the manifest's `airdrop.shards` (as the devnet deploy writes them), a connected
// account fetches exactly one small shard file (its address's prefix, through the bindings' fetchAirdropClaim)
// and never the whole proofs file; an account whose shard does not exist gets a 404 and is told it is not in
// the airdrop; a manifest without shards falls back to the whole file. The requests are counted by wrapping
// the page's fetch; the files are the ones the devnet's deploy wrote (one shard: its few recipients fit one
// file) and, for the several-shard cases, the same recipients sharded by one hex digit (test server).
import { expect } from '@open-wc/testing';
import { getAddress, type Address } from 'viem';
import { $, TestWallet, click, connected, devnet, isolate, settled, text } from './helpers.js';

const realFetch = window.fetch;
let requests: { url: string; status: number; bytes: number }[] = [];

/** Records every airdrop file the page fetches (URL, status, size). */
function countFetches() {
  requests = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await realFetch(input, init);
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, location.href);
    if (/^\/(airdrop|devnet\/sharded)\/|proofs\.json$/.test(url.pathname) && !url.pathname.endsWith('manifest.json'))
      requests.push({ url: url.pathname, status: res.status, bytes: (await res.clone().text()).length });
    return res;
  };
}

async function openAirdrop(el: HTMLElement & { updateComplete: Promise<boolean> }) {
  click(el, '#tab-airdrop');
  await el.updateComplete;
}

/** The devnet's recipients sharded by one hex digit (test server, /devnet/sharded/): eligibility only, see the config. */
const SHARDED = { 'manifest-url': '/devnet/sharded/manifest.json' };

describe('sharded airdrop proofs', () => {
  isolate();
  afterEach(() => (window.fetch = realFetch));

  it('the devnet manifest names its shards: the connected account reads the one file and can claim', async () => {
    const { accounts, manifest } = await devnet();
    expect(manifest.airdrop.shards, 'airdrop.shards in the devnet manifest').to.deep.equal({ url: '/airdrop/shards/', prefixLength: 0 });
    countFetches();
    const { el } = await connected(new TestWallet(accounts[1]!));
    await openAirdrop(el);
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('eligible');
    expect(requests.map((r) => [r.url, r.status])).to.deep.equal([['/airdrop/shards/all.json', 200]]);
    click(el, '[data-action=airdrop]');
    expect((await settled(el)).kind, text(el, '[part~=status]')).to.equal('success');
  });

  it('a connected account fetches exactly one small shard file, not the whole proofs file', async () => {
    const { accounts } = await devnet();
    const user = accounts[1]!;
    const whole = (await (await realFetch('/airdrop/proofs.json')).text()).length;
    countFetches();
    const { el } = await connected(new TestWallet(user), SHARDED);
    await openAirdrop(el);
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('eligible');
    expect(text(el, '[part~=panel]')).to.contain('25,000');
    expect(requests.map((r) => [r.url, r.status])).to.deep.equal([[`/devnet/sharded/${user[2]!.toLowerCase()}.json`, 200]]);
    expect(requests[0]!.bytes, 'smaller than the whole file').to.be.lessThan(whole);
    // refreshes reuse the claim: still one request
    await el.wallet.refresh();
    expect(requests).to.have.length(1);
  });

  it('an account whose shard does not exist gets a 404: "not in the airdrop"', async () => {
    let outsider: Address | undefined;
    for (const d of '0123456789abcdef') {
      if ((await realFetch(`/devnet/sharded/${d}.json`)).status === 404) {
        outsider = getAddress(`0x${d.repeat(40)}`);
        break;
      }
    }
    expect(outsider, 'some prefix has no shard').to.not.equal(undefined);
    countFetches();
    const { el, events } = await connected(new TestWallet(outsider!), SHARDED);
    await openAirdrop(el);
    expect(requests.map((r) => [r.url, r.status])).to.deep.equal([[`/devnet/sharded/${outsider![2]!.toLowerCase()}.json`, 404]]);
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('none');
    expect(text(el, '[part~=panel]')).to.equal('This account is not in the airdrop.');
    expect(events.errors, 'a 404 shard is not an error').to.have.length(0);
  });

  it('a failed shard fetch is an error the next refresh retries, not a verdict kept for the session', async () => {
    const { accounts } = await devnet();
    const user = accounts[1]!;
    // the first shard request fails as a dropped connection would; later ones reach the server
    let failNext = true;
    window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (failNext && url.includes('/devnet/sharded/') && !url.endsWith('manifest.json')) {
        failNext = false;
        throw new TypeError('Failed to fetch');
      }
      return realFetch(input, init);
    };
    const { el, events } = await connected(new TestWallet(user), SHARDED);
    await openAirdrop(el);
    expect($(el, '[part~=panel] [role=alert]'), 'the failure is shown').to.not.equal(null);
    expect(events.errors.map((e) => (e.detail as { action: string }).action)).to.include('airdrop');
    await el.wallet.refresh();
    await el.updateComplete;
    expect($(el, '[data-airdrop]')!.dataset.airdrop, 'the retry found the claim').to.equal('eligible');
    expect($(el, '[part~=panel] [role=alert]'), 'the error is gone').to.equal(null);
  });

  it('without shards in the manifest, the whole proofs file is read', async () => {
    const { accounts } = await devnet();
    countFetches();
    const { el } = await connected(new TestWallet(accounts[3]!), { 'manifest-url': '/devnet/sub/manifest.json' });
    await openAirdrop(el);
    expect($(el, '[data-airdrop]')!.dataset.airdrop).to.equal('eligible');
    expect(requests.map((r) => r.url)).to.deep.equal(['/devnet/sub/proofs.json']);
  });
});
