import { Matches } from 'class-validator';

/** An amount in euros as exact decimal text ("0.53"), never a JSON number (floating point). */
export const IsEuros = (property: string) =>
  Matches(/^\d{1,3}(?:\.\d{1,2})?$/, {
    message: `${property} must be euros as text with at most two decimals, such as "0.53"`,
  });
