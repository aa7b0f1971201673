// The snap_dialog confirmation for stake / restake / stakeAndRestake / requestRedemption / claimRedemption.
import { Box, Divider, Heading } from '@metamask/snaps-sdk/jsx';
import { rows as rowList, warnings as warningList, type RowSpec, type Warning } from './parts';

export interface ConfirmationProps {
  title: string;
  rows: RowSpec[];
  details: RowSpec[];
  warnings: Warning[];
}

export const Confirmation = ({ title, rows, details, warnings }: ConfirmationProps) => (
  <Box>
    <Heading>{title}</Heading>
    {warningList(warnings)}
    {rowList(rows)}
    <Divider />
    {rowList(details)}
  </Box>
);
