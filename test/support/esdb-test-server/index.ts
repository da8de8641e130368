/**
 * A small, wire-compatible EventStoreDB for tests: the real @eventstore/db-client talks to it over gRPC exactly as
 * to a server, through the service definitions generated inside the client package. EventStoreDB cannot run on
 * the build machines (docs/adr/0011-eventstoredb-adapter-and-test-server.md, docs/architecture.md §3), so this is how
 * the production adapter is proven.
 *
 * It serves `ServerFeatures/GetSupportedMethods`, the `Streams` methods the client uses, and `Gossip/Read` as a
 * one-node cluster whose leader is itself (so that `esdb+discover://` works too). It starts in-process
 * on 127.0.0.1, and can be stopped (every open call drops, as when a node dies) and restarted on the same port
 * with the same data.
 */
import { Server, ServerCredentials, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { UUID, type Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { DEFAULT_MAX_APPEND_SIZE, EsdbLog } from './esdb-log';
import { streamsService, type EsdbTestServerStats } from './streams-service';

export { EsdbLog } from './esdb-log';
export type { LogRecord } from './esdb-log';
export type { EsdbTestServerStats } from './streams-service';

export interface EsdbTestServerOptions {
  /** Advertise (and serve) `Streams/BatchAppend`; the client appends through it only when advertised. */
  readonly batchAppend: boolean;
  /** Defaults to a free port. */
  readonly port?: number;
  /** Share a log between servers, or keep one across a test's servers. Defaults to a new, seeded log. */
  readonly store?: EsdbLog;
  readonly maxAppendSize?: number;
  /** Events a live subscriber may lag behind before it gets `fell_behind` and catches up again. Default 500. */
  readonly liveBufferSize?: number;
  /** Answer a retry that wrote nothing with its position, as newer servers do. Default true. */
  readonly positionOnIdempotentWrite?: boolean;
  /** The version reported by GetSupportedMethods. */
  readonly serverVersion?: string;
}

export interface EsdbTestServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  readonly port: number;
  readonly store: EsdbLog;
  readonly running: boolean;
  /** Counts across restarts. */
  readonly stats: EsdbTestServerStats;
  /** Drops every connection and open call at once, as a crashed node does. Idempotent. */
  stop(): Promise<void>;
  /** Starts again on the same port with the same data (stopping first if running). */
  restart(): Promise<void>;
  /** Makes GetSupportedMethods answer this late (a node still starting up); 0 to answer at once again. */
  delayServerFeatures(ms: number): void;
}

/** A fresh log with the system events a new EventStoreDB node writes before anyone else, so `$all` is not ours alone. */
export function createSeededLog(maxAppendSize = DEFAULT_MAX_APPEND_SIZE): EsdbLog {
  const log = new EsdbLog(maxAppendSize);
  log.appendSystemEvent('$$$stats-127.0.0.1:2113', '$metadata', { $maxAge: 86400 });
  log.appendSystemEvent('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-startTime': new Date().toISOString() });
  log.appendSystemEvent('$$$scavenges', '$metadata', { $maxAge: 2592000 });
  return log;
}

export async function startEsdbTestServer(options: EsdbTestServerOptions): Promise<EsdbTestServer> {
  const store = options.store ?? createSeededLog(options.maxAppendSize);
  let server: Server | undefined;
  let stopping: AbortController | undefined;
  const stats: EsdbTestServerStats = { appends: 0, batchAppends: 0, eventsSent: 0 };
  let serverFeaturesDelayMs = 0;
  let boundPort = 0;
  const instanceId = randomUUID();

  const start = async (port: number): Promise<number> => {
    stopping = new AbortController();
    const next = new Server();
    next.addService(ServerFeaturesService, {
      getSupportedMethods: (
        _call: ServerUnaryCall<Empty, SupportedMethods>,
        reply: sendUnaryData<SupportedMethods>,
      ) => {
        const answer = () => reply(null, supportedMethods(options.batchAppend, options.serverVersion ?? '24.10.0'));
        if (serverFeaturesDelayMs > 0) setTimeout(answer, serverFeaturesDelayMs).unref();
        else answer();
      },
    });
    next.addService(GossipService, {
      read: (_call: ServerUnaryCall<Empty, ClusterInfo>, reply: sendUnaryData<ClusterInfo>) =>
        reply(null, oneNodeCluster(boundPort, instanceId)),
    });
    next.addService(
      StreamsService,
      streamsService(
        {
          log: store,
          stopped: stopping.signal,
          liveBufferSize: options.liveBufferSize ?? 500,
          stats,
          positionOnIdempotentWrite: options.positionOnIdempotentWrite ?? true,
        },
        options.batchAppend,
      ),
    );
    const bound = await bindWithRetry(next, port);
    boundPort = bound;
    server = next;
    return bound;
  };

  const stop = async (): Promise<void> => {
    if (!server) return;
    stopping?.abort();
    server.forceShutdown();
    server = undefined;
    // Let the sockets close before anyone binds the port again.
    await sleep(10);
  };

  const port = await start(options.port ?? 0);
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    port,
    store,
    stats,
    get running() {
      return server !== undefined;
    },
    stop,
    async restart() {
      await stop();
      await start(port);
    },
    delayServerFeatures(ms: number) {
      serverFeaturesDelayMs = ms;
    },
  };
}

/** What a single node answers to gossip: itself, alive and leader. */
function oneNodeCluster(port: number, instanceId: string): ClusterInfo {
  const self = new MemberInfo()
    .setInstanceId(new UUID().setString(instanceId))
    .setTimeStamp(String(BigInt(Date.now()) * 10_000n))
    .setState(MemberInfo.VNodeState.LEADER)
    .setIsAlive(true)
    .setHttpEndPoint(new EndPoint().setAddress('127.0.0.1').setPort(port));
  return new ClusterInfo().setMembersList([self]);
}

function supportedMethods(batchAppend: boolean, version: string): SupportedMethods {
  const method = (service: string, name: string) => new SupportedMethod().setServiceName(service).setMethodName(name);
  const streams = 'event_store.client.streams.streams';
  const methods = [
    method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    method(streams, 'read'),
    method(streams, 'append'),
    ...(batchAppend ? [method(streams, 'batchappend')] : []),
  ];
  return new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(version);
}

/** A port released by a stopped server can take a moment to be free again. */
async function bindWithRetry(server: Server, port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await new Promise<number>((resolve, reject) =>
        server.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
          error ? reject(error) : resolve(bound),
        ),
      );
    } catch (error) {
      if (attempt >= 50 || port === 0) throw error;
      await sleep(20);
    }
  }
}
