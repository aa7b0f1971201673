// The home page: per account, the position and rewards read from one lens call.
import { Box, Divider, Heading, Section, Text } from '@metamask/snaps-sdk/jsx';
import { rows as rowList, type RowSpec } from './parts';

export interface AccountSection {
  rows: RowSpec[];
}

export interface HomePageProps {
  title: string;
  summary: RowSpec[];
  accounts: AccountSection[];
  empty?: string;
}

export const HomePage = ({ title, summary, accounts, empty }: HomePageProps) => (
  <Box>
    <Heading>{title}</Heading>
    {rowList(summary)}
    <Divider />
    {empty ? <Text>{empty}</Text> : null}
    {accounts.map((a) => (
      <Section>{rowList(a.rows)}</Section>
    ))}
  </Box>
);
