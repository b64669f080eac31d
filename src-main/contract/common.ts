import { z } from 'zod';

export const Empty = z.object({}).strict();
export const Id = z.string().uuid();
/** Trimmed, non-empty, bounded text: every free-text field goes through one of these. */
export const text = (max: number) => z.string().trim().min(1).max(max);
export const optText = (max: number) => z.string().trim().max(max).optional();
export const EpochMs = z.number().int().min(0).max(8_640_000_000_000_000);
export const Version = z.number().int().min(0);
export const Page = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
