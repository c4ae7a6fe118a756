/** `submit-report` → `SubmitReport`; `/v1/reports/{trackingId}` → `V1ReportsTrackingId`: construct ids. */
export function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
