import type { DataSource, QueryRunner } from 'typeorm';

/** Namespace of the two-key advisory locks (first key), so that they never meet other users of advisory locks. */
const LOCK_NAMESPACE = 'onthaal.projection';

/**
 * Session-level advisory locks, one per projection name, held on one dedicated connection: whoever holds a
 * projection's lock is the only replica that runs it. The lock goes with the session, so a replica that dies or
 * loses its connection frees it for another, which retries periodically.
 *
 * Keyed by name, not version: during a rolling deployment the old and the new version never run side by side.
 * On PGlite (one session for every connection) every acquisition succeeds; that is fine for the single-process
 * embedded mode, and the checkpoint compare-and-set still keeps two runners in one process correct.
 */
export class ProjectionLocks {
  private connection: QueryRunner | undefined;
  private connecting: Promise<QueryRunner> | undefined;
  private readonly held = new Set<string>();
  private readonly lostListeners = new Set<(names: readonly string[]) => void>();
  /** The lock connection's queries, one after another: pg deprecates queueing them on one client. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  holds(name: string): boolean {
    return this.held.has(name);
  }

  /** Takes the projection's lock without waiting; `false` when another session holds it. */
  async tryAcquire(name: string): Promise<boolean> {
    if (this.held.has(name)) return true;
    const connection = await this.connect();
    try {
      const rows = (await this.serially(() =>
        connection.query('SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS acquired', [LOCK_NAMESPACE, name]),
      )) as { acquired: boolean }[];
      if (rows[0]?.acquired !== true) return false;
      this.held.add(name);
      return true;
    } catch (error) {
      this.dropConnection();
      throw error;
    }
  }

  async release(name: string): Promise<void> {
    if (!this.held.delete(name)) return;
    const connection = this.connection;
    if (!connection || connection.isReleased) return;
    try {
      await this.serially(() =>
        connection.query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LOCK_NAMESPACE, name]),
      );
    } catch {
      // A broken connection released every lock of its session already.
      this.dropConnection();
    }
  }

  /**
   * Checks that the lock connection is alive. When it is not, the session's locks are gone (another replica may hold
   * them now): every held name is reported to the `onLost` listeners and forgotten.
   */
  async verify(): Promise<boolean> {
    if (this.held.size === 0) return true;
    const connection = this.connection;
    try {
      if (!connection || connection.isReleased) throw new Error('lock connection closed');
      await this.serially(() => connection.query('SELECT 1'));
      return true;
    } catch {
      this.dropConnection();
      return false;
    }
  }

  onLost(listener: (names: readonly string[]) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Releases every lock and the connection. */
  async close(): Promise<void> {
    for (const name of [...this.held]) await this.release(name);
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isReleased) await connection.release();
  }

  private serially<T>(query: () => Promise<T>): Promise<T> {
    const result = this.tail.then(query, query);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async connect(): Promise<QueryRunner> {
    if (this.connection && !this.connection.isReleased) return this.connection;
    if (this.connection?.isReleased) this.dropConnection();
    this.connecting ??= (async () => {
      const connection = this.dataSource.createQueryRunner();
      try {
        await connection.connect();
      } catch (error) {
        await connection.release().catch(() => undefined);
        throw error;
      }
      this.connection = connection;
      return connection;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private dropConnection(): void {
    const connection = this.connection;
    this.connection = undefined;
    if (connection && !connection.isReleased) destroy(connection);
    const lost = [...this.held];
    this.held.clear();
    if (lost.length > 0) for (const listener of this.lostListeners) listener(lost);
  }
}

/**
 * Hands the connection back with an error, so that the pool closes it instead of reusing it: a session that might
 * still hold advisory locks must end, or the locks would live on in an idle pooled connection.
 */
function destroy(connection: QueryRunner): void {
  const withErrorRelease = connection as unknown as { releasePostgresConnection?: (error: Error) => Promise<void> };
  const released =
    typeof withErrorRelease.releasePostgresConnection === 'function'
      ? withErrorRelease.releasePostgresConnection(new Error('projection lock connection dropped'))
      : connection.release();
  void released.catch(() => undefined);
}
