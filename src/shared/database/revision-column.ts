import type { ValueTransformer } from 'typeorm';

/** bigint ⇄ PostgreSQL bigint (which `pg` returns as a string): stream revisions, the ETags of the read models. */
export const revisionColumn: ValueTransformer = {
  to: (value: bigint | undefined) => (value === undefined ? undefined : value.toString()),
  from: (value: string | null) => (value === null ? undefined : BigInt(value)),
};
