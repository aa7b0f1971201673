// Chain metadata of the networks the protocol runs on: Metis Andromeda and Metis Sepolia come from
// viem/chains (ids, names, native currency, RPC and explorer URLs); any other chain a manifest names (the
// devnet) is described from the manifest, its native currency playing METIS as on Metis.
import { defineChain, numberToHex, type Chain } from 'viem';
import { metis, metisSepolia } from 'viem/chains';
import type { Manifest } from './manifest.js';

export { metis, metisSepolia };

/** The Metis L2s by chain id (1088 Andromeda, 59902 Sepolia). */
export const METIS_CHAINS: Readonly<Record<number, Chain>> = { [metis.id]: metis, [metisSepolia.id]: metisSepolia };

/** The chain a manifest is deployed on: viem's definition for Metis, else one built from the manifest. */
export function chainOf(m: Pick<Manifest, 'chainId' | 'name' | 'rpcUrl' | 'explorer'>): Chain {
  return (
    METIS_CHAINS[m.chainId] ??
    defineChain({
      id: m.chainId,
      name: m.name,
      nativeCurrency: metis.nativeCurrency,
      rpcUrls: { default: { http: m.rpcUrl ? [m.rpcUrl] : [] } },
      ...(m.explorer ? { blockExplorers: { default: { name: m.name, url: m.explorer } } } : {}),
    })
  );
}

/** The manifest's RPC URL, else the chain's first public one. */
export const rpcUrlOf = (m: Pick<Manifest, 'chainId' | 'name' | 'rpcUrl' | 'explorer'>): string | undefined =>
  m.rpcUrl ?? chainOf(m).rpcUrls.default.http[0];

/** The manifest's block explorer, else the chain's. */
export const explorerOf = (m: Pick<Manifest, 'chainId' | 'name' | 'rpcUrl' | 'explorer'>): string | undefined =>
  m.explorer ?? chainOf(m).blockExplorers?.default.url;

/** The EIP-3085 `wallet_addEthereumChain` parameter for a manifest's chain. */
export function addEthereumChainParameter(m: Pick<Manifest, 'chainId' | 'name' | 'rpcUrl' | 'explorer'>) {
  const chain = chainOf(m);
  const rpc = rpcUrlOf(m);
  const explorer = explorerOf(m);
  return {
    chainId: numberToHex(chain.id),
    chainName: chain.name,
    nativeCurrency: chain.nativeCurrency,
    rpcUrls: rpc ? [rpc] : [],
    ...(explorer ? { blockExplorerUrls: [explorer] } : {}),
  };
}
