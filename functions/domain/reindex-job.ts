/**
 * Progress of re-indexing the reports of a moved agency's subtree (one record per agency: its
 * latest move), as stored and as the national admin reads it. The position (statusIndex, cursor,
 * step) lets a stalled job be resumed.
 */
import * as z from "./zod";

export const ReindexJob = z
  .object({
    jobId: z.string(),
    agencyId: z.string(),
    fromDepth: z.int().check(z.meta({ description: "Depth of the agency before the move" })),
    status: z.enum(["running", "done"]),
    step: z.int().check(z.meta({ description: "Pages of up to 100 reports processed" })),
    statusIndex: z.int(),
    cursor: z.optional(z.string()),
    processed: z.int().check(z.meta({ description: "Reports read so far" })),
    rewritten: z.int().check(z.meta({ description: "Reports whose stored ancestry was rewritten" })),
    startedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    finishedAt: z.optional(z.iso.datetime()),
  })
  .register(z.globalRegistry, { id: "ReindexJob" });

export type ReindexJob = z.infer<typeof ReindexJob>;
