// The home page: per account, the position and rewards read from one lens call, and the rewards chart (an SVG).
import { Box, Divider, Heading, Image, Section, Text } from '@metamask/snaps-sdk/jsx';
import { rows as rowList, type RowSpec } from './parts';

export interface AccountSection {
  rows: RowSpec[];
  /** The rewards-over-time chart: an SVG string and its text alternative. */
  chart: { svg: string; alt: string };
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
      <Section>
        {rowList(a.rows)}
        <Image src={a.chart.svg} alt={a.chart.alt} />
      </Section>
    ))}
  </Box>
);
