/**
 * zod's functional build (`zod/mini`, a third of classic zod's size in every bundle), with the
 * English messages classic zod configures for itself. Every module that declares a schema imports
 * `z` from here, so messages are English whichever module a bundle happens to load first
 * (shared/validation-text.ts adds the Indonesian).
 *
 * Documentation for the OpenAPI document: `.check(z.meta({ description }))` on a field; on an
 * object schema `.register(z.globalRegistry, { id, … })` instead — mini counts a meta check as a
 * refinement, and an object with one can no longer be extended, picked or omitted.
 */

import * as z from "zod/mini";
// Only the English locale: `z.locales` would bundle every language zod ships.
import englishLocale from "zod/v4/locales/en.js";

z.config(englishLocale());

export * from "zod/mini";
