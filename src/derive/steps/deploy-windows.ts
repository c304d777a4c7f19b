// deployments.window_key is the window each deployment fell in (view deployments_windowed,
// schema 220: a window a deployer opened claims the deploys made in it, else the calendar
// window by time). One step, whichever came first: the calendar, the SAL or the workflow.
// The deployments whose window moved are selected and replaced by the engine (both engines).
import { loadSql } from '../../lib/sql.ts';
import type { Step } from '../../model/step.ts';

export const deployWindowsStep: Step = {
  name: 'deploy-windows',
  description: 'deployments.window_key from the window each deployment fell in (opened by a deployer, else planned in the calendar)',
  reads: ['deployments', 'windows', 'links'],
  writes: ['deployments'],
  async run(ctx) {
    await ctx.replace('deployments', loadSql(import.meta.url, 'deploy-windows.sql'));
  },
};
