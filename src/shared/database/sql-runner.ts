/**
 * What code that runs SQL needs of a database connection: TypeORM's `DataSource` and `EntityManager` both fit, so a caller
 * inside a transaction (a projection's batch) passes its `EntityManager` and never waits on a second connection.
 */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own signature
  query(sql: string, parameters?: any[]): Promise<any>;
}

/**
 * The rows of a statement as TypeORM's PostgreSQL driver returns them: a plain array, except for UPDATE and DELETE,
 * which come as `[rows, affectedCount]`.
 */
export function rowsOf<Row>(result: unknown): Row[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as Row[];
  }
  return Array.isArray(result) ? (result as Row[]) : [];
}

/** The affected-row count of an UPDATE or DELETE run through TypeORM. */
export function affectedOf(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && typeof result[1] === 'number') return result[1];
  return 0;
}
