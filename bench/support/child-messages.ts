/** What the benchmark's child processes (the service, bare Fastify) and the benchmark say to each other over IPC. */
export interface ChildReady {
  readonly type: 'ready';
  readonly port: number;
  /** The service's database: the embedded PGlite's URL too, so that the lag probe can read the checkpoints. */
  readonly databaseUrl?: string;
}

export interface StopChild {
  readonly type: 'stop';
}

/** The bare route both children serve: the framework's ceiling. */
export const BARE_ROUTE = '/bench/bare';
