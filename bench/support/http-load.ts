import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { summariseLatencies, type LatencySummary } from './stats';

export interface LoadOptions {
  readonly port: number;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** `[<id>]` in the body is replaced by a fresh id per request (unique names). */
  readonly body?: object;
  /** A body per request, taken when the request is sent (commands that each need their own person or trajectory). */
  readonly bodies?: () => object;
  /** Every answer's status and body (the ids a command answers with, for the next step). */
  readonly onAnswer?: (status: number, body: string) => void;
  readonly headers?: Record<string, string>;
  /** Connections of a saturation run (a paced run opens as many as it needs). */
  readonly connections: number;
  readonly seconds: number;
  /** Requests per second, evenly spaced (`runPaced`); none: as fast as the server answers (autocannon). */
  readonly rate?: number;
  /** Saturation only: stop after this many requests, before `seconds` is up (a bounded supply of bodies). */
  readonly amount?: number;
}

export interface LoadResult {
  /** Answered requests per second (any status). */
  readonly throughput: number;
  /** Latency of every answered request, from autocannon's per-response timings (not its 1 ms histogram). */
  readonly latency: LatencySummary;
  /** Socket errors, timeouts and non-2xx answers. */
  readonly errors: number;
  readonly requests: number;
}

const ID_TAG = '[<id>]';
const REQUEST_TIMEOUT_MS = 10_000;

/** A paced run at `rate`, or an autocannon saturation run without one. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return options.rate === undefined ? runSaturation(options) : runPaced({ ...options, rate: options.rate });
}

/**
 * Requests sent at evenly spaced moments whatever the answers (an open loop, as independent users arrive), each
 * timed from the moment it was due: a server that falls behind shows in the latency instead of slowing the sender
 * down. autocannon's own rate limit sends each second's budget in a burst at the start of the second, which
 * measures bursts, not a rate.
 */
export async function runPaced(options: LoadOptions & { readonly rate: number }): Promise<LoadResult> {
  const url = `http://127.0.0.1:${options.port}${options.path}`;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = {
    ...(body === undefined && options.bodies === undefined ? {} : { 'content-type': 'application/json' }),
    ...options.headers,
  };
  const bodyOf = (): string | undefined =>
    options.bodies === undefined
      ? body?.replaceAll(ID_TAG, randomUUID().slice(0, 13))
      : JSON.stringify(options.bodies());
  const total = Math.max(1, Math.round(options.rate * options.seconds));
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  let errors = 0;
  let lastAnswer = 0;
  const send = async (due: number, requestBody: string | undefined) => {
    try {
      const response = await fetch(url, {
        method: options.method,
        headers,
        ...(requestBody === undefined ? {} : { body: requestBody }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      const answered = performance.now();
      lastAnswer = Math.max(lastAnswer, answered);
      latencies.push(answered - due);
      options.onAnswer?.(response.status, text);
      if (response.status < 200 || response.status >= 300) errors++;
    } catch {
      errors++;
    }
  };
  const start = performance.now() + 20;
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < total; index++) {
    const due = start + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(due, bodyOf()));
  }
  await Promise.all(inFlight);
  return {
    throughput: latencies.length / (Math.max(lastAnswer - start, 1) / 1000),
    latency: summariseLatencies(latencies),
    errors,
    requests: latencies.length,
  };
}

/** As many requests as `connections` keep going (a closed loop): the most the server answers. */
export function runSaturation(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const { bodies, onAnswer } = options;
  return new Promise((resolve, reject) => {
    // Timed here, to the last answer: autocannon's `duration` is whole seconds, and a run bounded by `amount` only
    // ends on its one-second tick, which would make a 3.1 s run count as 4.
    const started = performance.now();
    let lastAnswer = started;
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${options.port}`,
        method: options.method,
        ...(options.body === undefined || options.bodies !== undefined
          ? {}
          : { body: JSON.stringify(options.body), idReplacement: true }),
        headers: {
          ...(options.body === undefined && options.bodies === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        connections: options.connections,
        duration: options.seconds,
        ...(options.amount === undefined ? {} : { amount: options.amount }),
        timeout: REQUEST_TIMEOUT_MS / 1000,
        // The path goes through `requests` so that the options above apply to every request.
        requests: [
          {
            path: options.path,
            ...(bodies === undefined
              ? {}
              : { setupRequest: (request: autocannon.Request) => ({ ...request, body: JSON.stringify(bodies()) }) }),
            ...(onAnswer === undefined ? {} : { onResponse: (status: number, body: string) => onAnswer(status, body) }),
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('autocannon failed'));
          return;
        }
        const answered = result.requests.total;
        resolve({
          throughput: answered / ((lastAnswer - started) / 1000),
          latency: summariseLatencies(latencies),
          errors: result.errors + result.timeouts + result.non2xx,
          requests: answered,
        });
      },
    );
    instance.on('response', (_client, _statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      lastAnswer = performance.now();
    });
  });
}
