// Transaction insight for a call to one of the protocol's contracts.
import { Box, Heading, Row, Text } from '@metamask/snaps-sdk/jsx';
import { rows as rowList, warnings as warningList, type RowSpec, type Warning } from './parts';

export interface InsightProps {
  title: string;
  actionLabel: string;
  action: string;
  rows: RowSpec[];
  warnings: Warning[];
}

export const Insight = ({ title, actionLabel, action, rows, warnings }: InsightProps) => (
  <Box>
    <Heading>{title}</Heading>
    <Row label={actionLabel}>
      <Text fontWeight="bold">{action}</Text>
    </Row>
    {rowList(rows)}
    {warningList(warnings)}
  </Box>
);
