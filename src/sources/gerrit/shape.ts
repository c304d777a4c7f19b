// The shape of a Gerrit ChangeInfo as change-from-rest.ts reads it (Gerrit REST docs,
// "ChangeInfo", "RevisionInfo", "ChangeMessageInfo", "LabelInfo"): only the fields read,
// loose objects otherwise. A change of another shape is a reject naming the field.
import { z } from 'zod';

const account = z.looseObject({
  _account_id: z.number().optional(), name: z.string().optional(), email: z.string().optional(), username: z.string().optional(),
}).nullish();

const message = z.looseObject({
  id: z.string().optional(), author: account, date: z.string().optional(), message: z.string().nullish(),
  _revision_number: z.number().nullish(), tag: z.string().nullish(),
});

const revision = z.looseObject({
  _number: z.number(), uploader: account, created: z.string().optional(),
  commit: z.looseObject({ message: z.string().nullish() }).nullish(),
});

const vote = z.looseObject({ value: z.number().nullish(), date: z.string().nullish(), _account_id: z.number().optional() });

export const changeInfoShape = z.looseObject({
  _number: z.number().int(),
  created: z.string(),
  updated: z.string().nullish(),
  submitted: z.string().nullish(),
  project: z.string().nullish(),
  branch: z.string().nullish(),
  subject: z.string().nullish(),
  topic: z.string().nullish(),
  change_id: z.string().nullish(),
  status: z.string().nullish(),
  current_revision: z.string().nullish(),
  owner: account,
  messages: z.array(message).nullish(),
  revisions: z.record(z.string(), revision).nullish(),
  labels: z.record(z.string(), z.looseObject({ all: z.array(vote).nullish() }).nullish()).nullish(),
  reviewers: z.record(z.string(), z.array(account).nullish()).nullish(),
});
