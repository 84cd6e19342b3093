import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { HubEntry } from '../services/framework-catalog.ts';
import type { Services } from '../services/index.ts';

const frameworkParams = z.object({ frameworkId: z.string().min(1).max(120) });
const versionQuery = z.object({ version: z.string().min(1).max(60).optional() });

/** Paths of one framework version's pages; the version appears only when it is not the latest. */
export interface FrameworkPaths {
  base: string;
  /** Appends `?version=` (or `&version=`) when the page shows an older version. */
  to(subPath: string): string;
}

export function frameworkPaths(services: Services, entry: { id: string; version: string }): FrameworkPaths {
  const base = `/frameworks/${encodeURIComponent(entry.id)}`;
  const latest = services.catalog.find(entry.id);
  const pinned = latest && latest.version !== entry.version ? entry.version : undefined;
  return {
    base,
    to(subPath: string) {
      const path = `${base}${subPath}`;
      if (!pinned) return path;
      return `${path}${path.includes('?') ? '&' : '?'}version=${encodeURIComponent(pinned)}`;
    },
  };
}

/** The hub-format framework a page under /frameworks/:frameworkId asks for (404 otherwise). */
export function resolveHubFramework(services: Services, request: FastifyRequest): { entry: HubEntry; paths: FrameworkPaths } {
  const { frameworkId } = frameworkParams.parse(request.params);
  const { version } = versionQuery.parse(request.query);
  const entry = services.frameworks.getHubFramework({ id: frameworkId, version });
  return { entry, paths: frameworkPaths(services, entry) };
}

/** Breadcrumbs from Home through the framework, for the pages beneath it. */
export function frameworkBreadcrumbs(entry: HubEntry, paths: FrameworkPaths, ...more: Array<{ text: string; href: string }>) {
  return [
    { text: 'Home', href: '/' },
    { text: entry.title.split(':')[0] ?? entry.title, href: paths.to('') },
    ...more,
  ];
}
