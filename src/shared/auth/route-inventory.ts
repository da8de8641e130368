import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  readonly method: string;
  /** The route template as Fastify matches it: `/access-log`, `/case-files/:id`. */
  readonly url: string;
}

const inventories = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Records every route registered on the instance from now on, Nest's controllers and plugins' (the OpenAPI UI's)
 * alike, so that a test can hold the whole surface against the access matrix. Call before any route exists.
 */
export function trackRoutes(fastify: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  inventories.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
}

export function registeredRoutes(fastify: FastifyInstance): readonly RegisteredRoute[] {
  const routes = inventories.get(fastify);
  if (routes === undefined) throw new Error('Routes of this instance are not tracked: call trackRoutes() first');
  return routes;
}
