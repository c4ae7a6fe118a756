import type { Clock } from "../../use-cases/ports";

export const systemClock: Clock = { now: () => new Date() };
