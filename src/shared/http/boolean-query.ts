import { Transform } from 'class-transformer';

/** Query strings are text: `true` and `false` become booleans; anything else stays, for `@IsBoolean` to refuse. */
export const BooleanQuery = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));
