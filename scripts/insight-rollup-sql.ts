// Prints the insight rollup migration: node bin/run-ts.mjs scripts/insight-rollup-sql.ts > src/db/migrations/00xx_insight_rollup_queue.sql
import { insightRollupMigration } from '../src/db/insight/rollup-migration.ts';

process.stdout.write(insightRollupMigration());
