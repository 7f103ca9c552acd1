import type { Plugin } from '../../core/plugin';
import type { Router } from '../http/router';
import { json } from '../http/types';

/** An installed plugin as the listing shows it: what PowerSchool's plugin page shows, never its secret. */
export interface ListedPlugin {
  readonly plugin: Plugin;
  readonly clientId: string;
}

/**
 * `GET /ws/psdev/plugins`: the installed plugins with their permission mappings (page → the
 * requests it implies). PowerSchool has no API for these (its plugin management pages show them),
 * so the sandbox answers under its own `psdev` name rather than invent a PowerSchool path a real
 * server would not answer. Read-only; any client may read it, as any admin may open those pages.
 */
export function addPluginListingRoutes(router: Router, installed: readonly ListedPlugin[]): void {
  const body = {
    plugins: installed.map(({ plugin, clientId }) => ({
      name: plugin.manifest?.name ?? '',
      version: plugin.manifest?.version ?? '',
      client_id: clientId,
      permission_mappings: plugin.permissionMappings.map((mapping) => ({
        page: mapping.page,
        file: mapping.file,
        implies: mapping.implies.map((implies) => ({ allow: implies.allow, target: implies.target.value })),
      })),
    })),
  };
  router.add('GET', '/ws/psdev/plugins', () => json(200, body));
}
