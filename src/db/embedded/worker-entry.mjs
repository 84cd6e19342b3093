// Worker threads start without the main thread's TypeScript loader; register tsx here, as the CLI does.
import { register } from 'tsx/esm/api';

register();
await import('./pglite-worker.ts');
