// Wallet discovery: EIP-6963 announcements, falling back to window.ethereum.
import type { Eip1193Provider } from '@metis-liquid-staking/contracts';

export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export interface DiscoveredWallet {
  info: WalletInfo;
  provider: Eip1193Provider;
}

/** Listens for announcements until `stop()`; `onChange` gets the de-duplicated list (by rdns, else name). */
export function discoverWallets(onChange: (wallets: DiscoveredWallet[]) => void): () => void {
  const wallets = new Map<string, DiscoveredWallet>();
  const listener = (e: Event) => {
    const d = (e as CustomEvent<DiscoveredWallet>).detail;
    if (!d?.info || typeof d.provider?.request !== 'function') return;
    wallets.set(d.info.rdns || d.info.name || d.info.uuid, d);
    onChange([...wallets.values()]);
  };
  window.addEventListener('eip6963:announceProvider', listener);
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  return () => window.removeEventListener('eip6963:announceProvider', listener);
}

/** The legacy injected provider, presented like an EIP-6963 wallet. */
export function injectedWallet(): DiscoveredWallet | undefined {
  const eth = (window as unknown as { ethereum?: Eip1193Provider & { isMetaMask?: boolean } }).ethereum;
  if (!eth || typeof eth.request !== 'function') return undefined;
  return { info: { uuid: 'injected', name: eth.isMetaMask ? 'MetaMask' : 'Browser wallet', icon: '', rdns: 'injected' }, provider: eth };
}
