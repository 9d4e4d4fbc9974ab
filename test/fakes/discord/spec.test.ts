import { describe, expect, it } from 'vitest';
import type { Interactions } from './interactions.js';
import { fakeRoutes } from './server.js';
import { REQUEST_BODIES } from './spec.js';
import { World } from './world.js';

describe('the fake discord route table', () => {
  const world = new World({ token: 't', appId: '1', botUserId: '1', shardCount: 1, ackDeadlineMs: 3000, tokenLifetimeMs: 900_000 });
  const served = fakeRoutes(world, () => '', {} as Interactions).map((r) => `${r.method} ${r.path}`);

  it('has a request schema from the spec for every route the fake serves, so no route escapes the check', () => {
    expect(served.filter((route) => !(route in REQUEST_BODIES))).toEqual([]);
  });

  it('names no route the fake does not serve', () => {
    expect(Object.keys(REQUEST_BODIES).filter((route) => !served.includes(route))).toEqual([]);
  });
});

/** The spec's paths per method; loaded untyped, as the package's types entry is TypeScript source this project's settings reject. */
const { pathsList } = (await import(String('discord-api-spec'))) as { pathsList: Record<string, readonly string[]> };

describe("the route table against Discord's spec", () => {
  it("names only routes that Discord's specification describes, parameter for parameter", () => {
    const inSpec = (route: string) => {
      const [method, path] = route.split(' ') as [string, string];
      const pattern = new RegExp(`^${path.replace(/[.@]/g, '\\$&').replace(/:\w+/g, '\\{\\w+\\}')}$`);
      return pathsList[method.toLowerCase()]?.some((p) => pattern.test(p)) ?? false;
    };
    expect(Object.keys(REQUEST_BODIES).filter((route) => !inSpec(route))).toEqual([]);
  });
});
