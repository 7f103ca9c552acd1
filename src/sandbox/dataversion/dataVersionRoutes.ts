import type { SandboxContext } from '../context';
import { changesSince, currentDataVersion } from '../data/changeLog';
import type { Router } from '../http/router';
import { errorResponse, json } from '../http/types';

/**
 * `GET /ws/dataversion/{application}/{version}`: the ids of records changed after `version`,
 * `{"$dataversion": <current>, "tables": {"<table>": [<primary key>, …]}}` (PowerSchool's API
 * page; client code reads `tables.<lower-case table>` as arrays of ids). On a server the
 * application is a data-version subscription a plugin defines, naming its tables; the sandbox
 * has no subscriptions yet, so it accepts any application name and reports every table written
 * through the API (student POST, /ws/schema/table writes).
 */
export function addDataVersionRoutes(router: Router, context: SandboxContext): void {
  router.add('GET', '/ws/dataversion/{application}/{version}', (request) => {
    const text = request.params.version!;
    // PowerSchool: dataVersion must be >= 0, else 400; the message is ours.
    if (!/^\d{1,15}$/.test(text)) return errorResponse(400, `Invalid data version '${text}': it must be an integer of 0 or more`);
    const version = Number(text);
    return json(200, { $dataversion: currentDataVersion(context.store), tables: changesSince(context.store, version) });
  });
}
