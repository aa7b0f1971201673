// `stakeAndRestake`: METIS -> seMETIS in one transaction (the manager mints eMETIS into the vault).
import { stakeFlow } from './stake';

export const stakeAndRestake = (params: unknown) => stakeFlow(params, true);
