/** What the window asks main to export, and what main answers: shapes only (core/app/exports.ts writes). */
import { z } from 'zod';
import { DropletIdSchema, DropletSchema, DropletStatusSchema } from './model';

/** Well beyond a fleet of 10,000: a bigger request is not the window's. */
export const EXPORT_ROWS_MAX = 100_000;

export const ExportRowSchema = z.object({ droplet: DropletSchema, status: z.union([DropletStatusSchema, z.literal('late')]) }).strict();
export type ExportRow = z.infer<typeof ExportRowSchema>;

export const ExportFleetSchema = z
  .object({
    format: z.enum(['csv', 'json']),
    /** The rows as the table shows them (filters applied, in its order), or the steward's selection. */
    rows: z.array(ExportRowSchema).max(EXPORT_ROWS_MAX),
    scope: z.enum(['shown', 'selection']),
  })
  .strict();
export type ExportFleetRequest = z.infer<typeof ExportFleetSchema>;

export const ExportHistorySchema = z.object({ id: DropletIdSchema }).strict();

/** `savedTo` null when the steward cancelled the save dialog (nothing was written). */
export const ExportResultSchema = z.object({ savedTo: z.string().nullable(), count: z.number().int().nonnegative() });
export type ExportResult = z.infer<typeof ExportResultSchema>;
