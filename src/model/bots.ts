// The bot list (src/model/bots.yaml): one versioned list of automated accounts for every
// part of shiplog that asks "is this a person?" (people, stewardship). Read once, at load.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Bot {
  name: string;
  /** Matches an account's name, email, username or nick. */
  pattern: RegExp;
}

interface BotFile {
  version: number;
  bots: { name: string; pattern: string }[];
}

/** Parses the text of a bot list file; throws naming the entry that is wrong. */
export function parseBotList(text: string): { version: number; bots: Bot[] } {
  const doc = parse(text) as BotFile;
  if (!doc || !Number.isInteger(doc.version) || !Array.isArray(doc.bots)) throw new Error('bots.yaml: needs an integer `version` and a `bots` list');
  return {
    version: doc.version,
    bots: doc.bots.map((b, i) => {
      if (typeof b?.name !== 'string' || typeof b?.pattern !== 'string') throw new Error(`bots.yaml: bots[${i}] needs a name and a pattern`);
      return { name: b.name, pattern: new RegExp(b.pattern, 'i') };
    }),
  };
}

const LIST = parseBotList(readFileSync(new URL('./bots.yaml', import.meta.url), 'utf8'));

/** The version of the list: stored beside every verdict it made. */
export const BOT_LIST_VERSION: number = LIST.version;
export const BOTS: readonly Bot[] = LIST.bots;
