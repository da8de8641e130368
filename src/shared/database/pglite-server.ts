import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedPostgresOptions {
  /** Folder holding the database; created when missing. `undefined` keeps everything in memory. */
  readonly dataDir?: string;
  /**
   * Connections the socket server accepts. Extra ones are refused, not queued, so this must cover every pool
   * that connects (their `max` summed). Defaults to 20.
   */
  readonly maxConnections?: number;
  /**
   * For an in-memory database only: a file caching a freshly initialised database, written on first use. Later
   * starts load it instead of running initdb, about four times faster (tests start many databases).
   */
  readonly templateFile?: string;
}

export interface EmbeddedPostgres {
  /**
   * A `postgres://` URL for `pg` and TypeORM, with the password of this start: the socket refuses a connection
   * without it (any user name). The URL is a secret: never log it.
   */
  readonly url: string;
  /** Stops accepting connections and closes the database cleanly. End the pools that use `url` first. */
  stop(): Promise<void>;
}

type WorkerMessage = { type: 'ready'; address: string } | { type: 'failed'; message: string };

/**
 * Runs in a worker thread: PGlite plus a PostgreSQL wire-protocol server. Plain JavaScript, because a worker cannot
 * load TypeScript sources (tests run from them). Stops on any message from the parent, then the thread ends.
 *
 * It uses pglite-socket's connection handler but not its server: that server's queue runs each protocol message
 * separately, so concurrent connections interleave mid-query (one connection's Bind meets another's statement,
 * "unnamed prepared statement does not exist") and its queue stalls after an error. This queue runs a connection's
 * messages up to its Sync or simple Query as one unit, and while that connection has a transaction open, runs
 * only that connection's units (PGlite is one session: everyone else waits for the transaction to end).
 *
 * PGlite answers every startup with "authentication ok": `authenticate` asks the client for the password of this
 * start first (cleartext over loopback), and hands PGlite the startup only when it matches (ADR 0022).
 */
const WORKER_SOURCE = `
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const { parentPort, threadId, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pgliteModule);
const { PGLiteSocketHandler } = require(workerData.socketModule);

// Parse, Bind, Describe, Execute, Close, Flush: buffered until the unit ends (Sync, Query, or anything else).
const PIPELINED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

class UnitQueue {
  constructor(db) {
    this.db = db;
    this.buffered = new Map();
    this.units = [];
    this.running = false;
    this.transactionOwner = null;
  }
  enqueue(handlerId, message, onData) {
    const parts = this.buffered.get(handlerId) || [];
    parts.push({ message, onData });
    if (PIPELINED.has(message[0])) {
      this.buffered.set(handlerId, parts);
      return Promise.resolve(0);
    }
    this.buffered.delete(handlerId);
    return new Promise((resolve, reject) => {
      this.units.push({ handlerId, parts, resolve, reject });
      void this.drain();
    });
  }
  async drain() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const owner = this.transactionOwner;
        const index = owner === null ? (this.units.length > 0 ? 0 : -1) : this.units.findIndex((u) => u.handlerId === owner);
        if (index < 0) break;
        const [unit] = this.units.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(async () => {
            for (const part of unit.parts) {
              await this.db.execProtocolRawStream(part.message, {
                onRawData: (data) => { bytes += data.length; part.onData(data); },
              });
            }
          });
          this.transactionOwner = this.db.isInTransaction() ? unit.handlerId : null;
          unit.resolve(bytes);
        } catch (error) {
          unit.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
  getQueueLength() {
    return this.units.length;
  }
  clearQueueForHandler(handlerId) {
    this.buffered.delete(handlerId);
    this.units = this.units.filter((unit) => {
      if (unit.handlerId !== handlerId) return true;
      unit.reject(new Error('connection closed'));
      return false;
    });
  }
  async clearTransactionIfNeeded(handlerId) {
    if (this.transactionOwner !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    this.transactionOwner = null;
    void this.drain();
  }
}

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP_BYTES = 10000;
const MAX_PASSWORD_MESSAGE_BYTES = 1024;
const AUTHENTICATION_TIMEOUT_MS = 10000;
const ASK_FOR_PASSWORD = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);
const expectedPassword = crypto.createHash('sha256').update(workerData.password).digest();

function passwordFailed(socket) {
  const fields = ['SFATAL', 'VFATAL', 'C28P01', 'Mpassword authentication failed'];
  const body = Buffer.concat([...fields.map((field) => Buffer.from(field + '\\0', 'utf8')), Buffer.from([0])]);
  const header = Buffer.alloc(5);
  header.write('E', 0);
  header.writeInt32BE(4 + body.length, 1);
  socket.end(Buffer.concat([header, body]));
}

// Resolves with the client's startup message once it sent the right password; null once the connection is refused.
function authenticate(socket) {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let startup = null;
    const finish = (result) => {
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('error', refuse);
      socket.removeListener('close', refuse);
      resolve(result);
    };
    const refuse = () => {
      passwordFailed(socket);
      finish(null);
    };
    const timer = setTimeout(refuse, AUTHENTICATION_TIMEOUT_MS);
    const onData = (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (startup === null) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          const code = buffer.readInt32BE(4);
          if (length === 8 && (code === SSL_REQUEST || code === GSSENC_REQUEST)) {
            socket.write('N');
            buffer = buffer.subarray(8);
            continue;
          }
          if (code === CANCEL_REQUEST || length < 8 || length > MAX_STARTUP_BYTES) return refuse();
          if (buffer.length < length) return;
          startup = buffer.subarray(0, length);
          buffer = buffer.subarray(length);
          socket.write(ASK_FOR_PASSWORD);
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer[0] !== 0x70 || length < 5 || length > MAX_PASSWORD_MESSAGE_BYTES) return refuse();
        if (buffer.length < 1 + length) return;
        const given = crypto.createHash('sha256').update(buffer.subarray(5, length)).digest();
        if (!crypto.timingSafeEqual(given, expectedPassword)) return refuse();
        return finish(startup);
      }
    };
    socket.on('data', onData);
    socket.once('error', refuse);
    socket.once('close', refuse);
  });
}

async function openDatabase() {
  if (workerData.dataDir !== undefined) return PGlite.create({ dataDir: workerData.dataDir });
  const template = workerData.templateFile;
  if (template === undefined) return PGlite.create();
  try {
    return await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(template)]) });
  } catch {
    // No template yet (or a damaged one): initialise, then save the template for the next start.
  }
  const db = await PGlite.create();
  try {
    const dump = await db.dumpDataDir('none');
    const partial = template + '.' + process.pid + '-' + threadId + '.partial';
    fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(partial, template);
  } catch {
    // Only a cache.
  }
  return db;
}

(async () => {
  const db = await openDatabase();
  const queue = new UnitQueue(db);
  const handlers = new Set();
  const server = net.createServer((socket) => {
    if (handlers.size >= workerData.maxConnections) {
      socket.end('Too many connections\\n');
      return;
    }
    const handler = new PGLiteSocketHandler({ queryQueue: queue, closeOnDetach: true });
    handlers.add(handler);
    const forget = () => handlers.delete(handler);
    handler.addEventListener('close', forget);
    handler.addEventListener('error', forget);
    authenticate(socket)
      .then(async (startup) => {
        if (startup === null) {
          forget();
          return;
        }
        await handler.attach(socket);
        // The startup message, held back until the password matched: PGlite now answers it (authentication ok).
        await handler.handleData(startup);
      })
      .catch(() => {
        forget();
        socket.destroy();
      });
  });
  try {
    await new Promise((listening, failed) => {
      server.once('error', failed);
      server.listen(0, '127.0.0.1', listening);
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  parentPort.once('message', async () => {
    await Promise.all([...handlers].map((handler) => handler.detach(true)));
    await new Promise((closed) => server.close(closed));
    // Closing flushes PGlite's files: data in dataDir survives a restart only after a clean close.
    await db.close();
    parentPort.close();
  });
  parentPort.postMessage({ type: 'ready', address: '127.0.0.1:' + server.address().port });
})().catch((error) => {
  parentPort.postMessage({ type: 'failed', message: String(error && error.message) });
  parentPort.close();
});
`;

/**
 * Starts PGlite (PostgreSQL 18 compiled to WASM) behind a PostgreSQL wire-protocol socket on 127.0.0.1, so that
 * the application speaks `pg` everywhere. The socket asks for a password made at each start (in `url`).
 *
 * It runs in a worker thread: the database's CPU work then does not block this thread's event loop, and PGlite's
 * own dynamic `import()`s run in a plain Node context (Jest's module sandbox cannot run them).
 *
 * PGlite is one database session shared by every connection: a transaction open on one connection blocks all the
 * others until it ends (never await another connection inside a transaction), and `SET` leaks between connections.
 * It runs without fsync: for trying out and development, not for data that matters.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir);
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  // New at every start: only this process (and whom it hands the URL) can connect, not anything else on the host.
  const password = randomBytes(24).toString('base64url');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      password,
      dataDir,
      maxConnections: options.maxConnections ?? 20,
      templateFile:
        dataDir === undefined && options.templateFile !== undefined ? resolve(options.templateFile) : undefined,
      pgliteModule: require.resolve('@electric-sql/pglite'),
      socketModule: require.resolve('@electric-sql/pglite-socket'),
    },
  });
  // The thread alone does not keep the process alive: a forgotten stop() must not hang a test run forever.
  worker.unref();
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  const address = await new Promise<string>((ready, fail) => {
    worker.once('message', (message: WorkerMessage) =>
      message.type === 'ready'
        ? ready(message.address)
        : fail(new Error(`embedded PostgreSQL did not start: ${message.message}`)),
    );
    // Kept for the thread's lifetime: a worker error without a listener would crash the process.
    worker.on('error', fail);
    void exited.then(() => fail(new Error('embedded PostgreSQL did not start: its thread ended')));
  });

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${password}@${address}/postgres`,
    stop() {
      stopped ??= (async () => {
        worker.postMessage('stop');
        // A clean close takes well under a second; a thread stuck past that is ended so that the process can exit.
        const timer = setTimeout(() => void worker.terminate(), 30_000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}
