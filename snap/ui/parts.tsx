// Small building blocks shared by the snap's screens (plain functions returning element lists: the
// snaps JSX runtime has no Fragment).
import { Address, Banner, Row, Text } from '@metamask/snaps-sdk/jsx';
import type { Address as Addr } from 'viem';

/** A labelled row: text or an address (MetaMask renders addresses with the account name / avatar). */
export type RowSpec = { label: string; text: string; variant?: 'default' | 'warning' | 'critical' } | { label: string; address: Addr };

export interface Warning {
  title: string;
  text: string;
  severity: 'info' | 'warning' | 'danger';
}

export const rows = (list: RowSpec[]) =>
  list.map((r) =>
    'address' in r ? (
      <Row label={r.label}>
        <Address address={r.address} />
      </Row>
    ) : (
      <Row label={r.label} variant={r.variant ?? 'default'}>
        <Text>{r.text}</Text>
      </Row>
    ),
  );

export const warnings = (list: Warning[]) =>
  list.map((w) => (
    <Banner title={w.title} severity={w.severity}>
      <Text>{w.text}</Text>
    </Banner>
  ));
