// Every train's cut, read from the store (dora-trains.sql) and ordered by membership.ts;
// shared by the dora report and the train page (src/api/query/train.ts).
import { loadSql } from '../../lib/sql.ts';
import type { Store } from '../../store/index.ts';
import { cutsOf, type Cut, type TrainTimes } from './membership.ts';

export async function loadCuts(store: Store): Promise<{ trains: TrainTimes[]; cuts: Cut[] }> {
  const trains = await store.all<TrainTimes>(loadSql(import.meta.url, 'dora-trains.sql'));
  return { trains, cuts: cutsOf(trains) };
}
